/**
 * A burst of tickets on a node that has just started (nothing cached yet) whose connection pool is
 * smaller than the burst: every ticket is issued. A command reads what it needs inside its own
 * transaction; a read on a second connection would wait for a connection that the transactions
 * queued behind this one's row locks hold (the pool's 10 s acquire timeout, then errors).
 */
import { Database, parseDatabaseUrl } from '../../../db/database';
import { freshDatabase, seedTestDemo, startTestServer, testDialects } from '../testing/harness';
import { request } from '../testing/client';

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
});
