/**
 * A burst of tickets on a node that has just started (nothing cached yet) whose connection pool is
 * smaller than the burst: every ticket is issued. A command reads what it needs inside its own
 * transaction; a read on a second connection would wait for a connection that the transactions
 * queued behind this one's row locks hold (the pool's 10 s acquire timeout, then errors). The same
 * holds for a burst of remote-join confirmations, which all wait for the office day's lock row.
 */
import { Database, parseDatabaseUrl } from '../../../db/database';
import { freshDatabase, seedTestDemo, startTestServer, testDialects } from '../testing/harness';
import { request } from '../testing/client';
import { RemoteJoinService, type RemoteJoinNotifier } from '../bookings/remote-join';

const POOL = 3;
const BURST = 12;

describe.each(testDialects())('a cold node with a pool of %s', (dialect) => {
  it(`issues a burst of ${BURST} tickets with only ${POOL} connections`, async () => {
    const tdb = await freshDatabase(dialect);
    await seedTestDemo(tdb.db);
    const small = new Database(parseDatabaseUrl(tdb.url), { pool: POOL });
    await small.connect();
    const server = await startTestServer({ shared: { ...tdb, db: small } });
    try {
      const answers = await Promise.all(
        Array.from({ length: BURST }, () =>
          request(server.url, 'POST', '/api/offices/kulob/tickets', { body: { service: 'birth' } }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(BURST).fill(201));
      expect(new Set(answers.map((a) => a.body.ticket.number)).size).toBe(BURST);
    } finally {
      await server.close();
      await small.close();
      await tdb.drop();
    }
  }, 60_000);

  it(`confirms a burst of ${BURST} remote joins with only ${POOL} connections`, async () => {
    const tdb = await freshDatabase(dialect);
    await seedTestDemo(tdb.db);
    const small = new Database(parseDatabaseUrl(tdb.url), { pool: POOL });
    await small.connect();
    const server = await startTestServer({ shared: { ...tdb, db: small } });
    const otps = new Map<string, string>();
    const notifier: RemoteJoinNotifier = {
      joinCode: (t, m) => Promise.resolve(t.afterCommit(() => void otps.set(m.join, m.otp))),
    };
    const joins = new RemoteJoinService({ db: small, queue: server.app.queue, notifier });
    try {
      await joins.setSettings('kulob', { enabled: true, dailyCap: 1000 });
      const codes: string[] = [];
      for (let i = 0; i < BURST; i++) {
        const phone = `+99290700${String(i).padStart(4, '0')}`;
        codes.push((await joins.create('kulob', { service: 'birth', phone, language: 'tg' })).code);
      }
      const tickets = await Promise.all(
        codes.map((code) => joins.confirm('kulob', code, otps.get(code) ?? '')),
      );
      expect(tickets.filter((t) => t.created)).toHaveLength(BURST);
      expect(new Set(tickets.map((t) => t.ticket.number)).size).toBe(BURST);
    } finally {
      await server.close();
      await small.close();
      await tdb.drop();
    }
  }, 60_000);
});
