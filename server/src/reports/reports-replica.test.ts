/**
 * Reports on a read replica (REPORTS_DATABASE_URL): a primary MariaDB with its binary log and a
 * replica following it, both the test's own. The report counts what the replica holds — proved by
 * stopping the replica's applier while the office issues more — catches up when the applier runs,
 * and comes from the primary while the replica is down.
 */
import { QueryTypes } from 'sequelize';
import { Database, parseDatabaseUrl } from '../../../db/database';
import { login, request } from '../testing/client';
import { seedTestDemo, startTestServer, testDialects, type TestServer } from '../testing/harness';
import { PrivateMariaDb } from '../testing/private-mariadb';
import { waitFor } from '../testing/wait';

const run = testDialects().includes('mysql') ? describe : describe.skip;

run('reports on a read replica', () => {
  let primary: PrivateMariaDb;
  let replica: PrivateMariaDb;
  let db: Database;
  let replicaDb: Database;
  let s: TestServer;
  let admin: string;

  beforeAll(async () => {
    ({ primary, replica } = await PrivateMariaDb.replicated());
    db = new Database(parseDatabaseUrl(primary.url()));
    await db.connect();
    await db.migrate();
    await seedTestDemo(db);
    replicaDb = new Database(parseDatabaseUrl(replica.url()));
    await replicaDb.connect();
    s = await startTestServer({
      shared: { db, url: primary.url(), drop: () => Promise.resolve() },
      reportsDb: replicaDb,
      reportsReplicaRestMs: 1_000,
    });
    admin = await login(s.url, 'admin');
  }, 180_000);

  afterAll(async () => {
    await s?.close();
    await replicaDb?.close().catch(() => undefined);
    await db?.close().catch(() => undefined);
    await replica?.destroy();
    await primary?.destroy();
  });

  const issue = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const r = await request(s.url, 'POST', '/api/offices/kulob/tickets', {
        body: { service: 'birth' },
      });
      expect(r.status).toBe(201);
    }
  };
  const issuedToday = async () => {
    const r = await request<{ issued: number }>(
      s.url,
      'GET',
      '/api/offices/kulob/reports/summary',
      { token: admin },
    );
    expect(r.status).toBe(200);
    return r.body.issued;
  };
  const primaryCount = async () => {
    const [row] = await db.sequelize.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM tickets WHERE office_code = 'kulob'",
      { type: QueryTypes.SELECT },
    );
    return Number(row?.n);
  };

  it('counts what the replica holds: behind while its applier stops, level once it runs', async () => {
    await issue(3);
    await replica.caughtUpWith(primary);
    expect(await issuedToday()).toBe(3);

    await replica.sql('STOP SLAVE SQL_THREAD');
    await issue(2);
    expect(await primaryCount()).toBe(5);
    // The primary has 5; the report reads the replica, which stopped at 3.
    expect(await issuedToday()).toBe(3);

    await replica.sql('START SLAVE SQL_THREAD');
    await replica.caughtUpWith(primary);
    expect(await issuedToday()).toBe(5);
  });

  it('reads the primary while the replica is down, and the queue never noticed', async () => {
    await replica.kill();
    await issue(1);
    // The replica held 5: 6 can only come from the primary.
    expect(await issuedToday()).toBe(6);
    const ready = await request(s.url, 'GET', '/api/ready');
    expect(ready.status).toBe(200);
    // Still down, rest time (1 s here, 30 s by default) or not: every read fails over to the primary.
    await new Promise((r) => setTimeout(r, 1_200));
    await issue(1);
    expect(await issuedToday()).toBe(7);
    // Back up (its datadir kept) and following the primary again, but stopped at 7 while the
    // primary has 8: once its rest time is over, the report reads the replica again.
    await replica.up();
    await replica.sql('START SLAVE');
    await replica.caughtUpWith(primary);
    await replica.sql('STOP SLAVE SQL_THREAD');
    const up = Date.now();
    await issue(1);
    await waitFor(async () => (await primaryCount()) === 8, 'the 8th ticket on the primary');
    await waitFor(async () => (await issuedToday()) === 7, 'the report back on the replica');
    expect(Date.now() - up).toBeLessThan(10_000);
    await replica.sql('START SLAVE SQL_THREAD');
    await replica.caughtUpWith(primary);
    expect(await issuedToday()).toBe(8);
  });
});
