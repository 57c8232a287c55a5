/**
 * A server on the same machine as MariaDB can reach it through its Unix socket:
 * `DATABASE_URL=mysql://user@localhost/navbat?socketPath=/run/mysqld/mysqld.sock` (Sequelize hands
 * the URL's parameters to the driver). A loopback TCP write costs the sender the receiver's side of
 * TCP too; README "Deployment" has what the socket saves a kiosk ticket. Runs where the MariaDB of
 * TEST_MYSQL_URL has its socket on this machine (CI's does).
 */
import fs from 'node:fs';
import { QueryTypes } from 'sequelize';
import { Database, parseDatabaseUrl } from '../../../db/database';
import { freshDatabase, seedTestDemo, startTestServer } from '../testing/harness';
import { request } from '../testing/client';

async function serverSocket(): Promise<string | undefined> {
  if (!process.env.TEST_MYSQL_URL) return undefined;
  const probe = await freshDatabase('mysql', []);
  try {
    const [row] = await probe.db.sequelize.query<{ socket: string | null }>(
      'SELECT @@socket AS socket',
      { type: QueryTypes.SELECT },
    );
    return row?.socket && fs.existsSync(row.socket) ? row.socket : undefined;
  } finally {
    await probe.drop();
  }
}

describe('MariaDB through its Unix socket', () => {
  let socket: string | undefined;
  beforeAll(async () => {
    socket = await serverSocket();
  });

  it('serves a kiosk ticket with every connection on the socket, none over TCP', async () => {
    if (!socket) {
      if (process.env.CI) throw new Error('CI: the MariaDB of TEST_MYSQL_URL has no socket here');
      return;
    }
    const tcp = await freshDatabase('mysql');
    await seedTestDemo(tcp.db);
    const name = new URL(tcp.url).pathname.slice(1);
    const user = new URL(tcp.url).username || 'root';
    const url = `mysql://${user}@localhost/${name}?socketPath=${encodeURIComponent(socket)}`;
    const target = parseDatabaseUrl(url);
    expect(target.dialect).toBe('mysql');
    const db = new Database(target);
    await db.connect();
    const s = await startTestServer({ shared: { db, url, drop: () => db.close() } });
    try {
      const issued = await request(s.url, 'POST', '/api/offices/kulob/tickets', {
        body: { service: 'birth', kiosk: 'K1' },
      });
      expect(issued.status).toBe(201);
      expect(issued.body.ticket.number).toBe('A001');
      // Written on the socket, read back over TCP: the same database.
      const [row] = await tcp.db.sequelize.query<{ n: number }>(
        "SELECT COUNT(*) AS n FROM tickets WHERE number = 'A001'",
        { type: QueryTypes.SELECT },
      );
      expect(Number(row?.n)).toBe(1);
      // MariaDB names a socket client's host `localhost`, a TCP one's `address:port`.
      const hosts = await tcp.db.sequelize.query<{ host: string }>(
        'SELECT host FROM information_schema.processlist WHERE db = ? AND id <> CONNECTION_ID()',
        { type: QueryTypes.SELECT, replacements: [name] },
      );
      expect(hosts.length).toBeGreaterThan(0);
      expect(hosts.map((h) => h.host)).toEqual(hosts.map(() => 'localhost'));
    } finally {
      await s.close();
      await db.close().catch(() => undefined);
      await tcp.drop();
    }
  });
});
