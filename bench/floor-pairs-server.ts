/**
 * The call-next FLOOR (issue #16): bare Express + mysql2 doing the essential writes of a
 * call-next + complete pair and nothing else — the bearer token looked up, then in one transaction
 * the oldest waiting ticket locked (`… ORDER BY issued_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`),
 * updated, one audit row, the office's seq taken; complete likewise (the ticket locked by id).
 * Same URLs and answers as Navbat for what bench/callnext.ts drives, on scratch tables of the
 * MySQL test database that are dropped on close. No validation, no events, no window sessions.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import express from 'express';
import mysql from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2/promise';
import { FloorWrites } from './lib/floor-writes';
import { loadMeter, serveCommands } from './lib/ipc';
import { DEFAULT_MYSQL_URL } from './lib/config';

const OFFICE = 'kulob';

async function main(): Promise<void> {
  const url = process.env.TEST_MYSQL_URL ?? DEFAULT_MYSQL_URL;
  const p = `bench_pf_${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const db = mysql.createPool({ uri: url, connectionLimit: 20, charset: 'utf8mb4', timezone: 'Z' });
  const [tokens, tickets, audit, seqs] = [`${p}_tokens`, `${p}_tickets`, `${p}_audit`, `${p}_seqs`];
  await db.query(`CREATE TABLE ${tokens} (token_hash CHAR(64) PRIMARY KEY, user_id INT NOT NULL,
    expires_at DATETIME(3) NOT NULL)`);
  await db.query(`CREATE TABLE ${tickets} (id CHAR(36) PRIMARY KEY, office_code VARCHAR(40) NOT NULL,
    number VARCHAR(8) NOT NULL, status VARCHAR(16) NOT NULL, counter_number VARCHAR(16) NULL,
    issued_at DATETIME(3) NOT NULL, called_at DATETIME(3) NULL, finished_at DATETIME(3) NULL,
    KEY waiting (office_code, status, issued_at)) CHARACTER SET utf8mb4`);
  await db.query(`CREATE TABLE ${audit} (id BIGINT AUTO_INCREMENT PRIMARY KEY,
    office_code VARCHAR(40) NOT NULL, at DATETIME(3) NOT NULL, user_id INT NULL,
    action VARCHAR(40) NOT NULL, entity_id CHAR(36) NOT NULL, after TEXT NULL)`);
  await db.query(`CREATE TABLE ${seqs} (office_code VARCHAR(40) PRIMARY KEY, seq BIGINT NOT NULL)`);
  await db.query(`INSERT INTO ${seqs} VALUES (?, 0)`, [OFFICE]);

  let counters: string[] = [];
  let number = 0;
  const writes = new FloorWrites(db, { tokens, audit, seqs });

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json());
  app.post('/api/auth/login', async (_req, res) => {
    res.json({ token: await writes.login() });
  });
  app.post('/api/offices/:office/tickets', async (req, res) => {
    const ticket = { id: randomUUID(), number: `A${String(++number).padStart(3, '0')}` };
    await db.execute(
      `INSERT INTO ${tickets} (id, office_code, number, status, issued_at) VALUES (?, ?, ?, 'waiting', ?)`,
      [ticket.id, req.params.office, ticket.number, new Date()],
    );
    res.status(201).json({ ticket: { ...ticket, status: 'waiting' } });
  });
  app.post('/api/offices/:office/counters/:counter/call-next', async (req, res) => {
    const userId = await writes.user(req);
    if (userId === undefined) return void res.status(401).json({ error: { code: 'unauthorized' } });
    const row = await writes.command(
      OFFICE,
      async (c) =>
        (
          await c.execute<RowDataPacket[]>(
            `SELECT id, number FROM ${tickets} WHERE office_code = ? AND status = 'waiting'
              ORDER BY issued_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
            [req.params.office],
          )
        )[0][0],
      (c, r, now) =>
        c.execute(
          `UPDATE ${tickets} SET status = 'called', counter_number = ?, called_at = ? WHERE id = ?`,
          [req.params.counter, now, r.id],
        ),
      'call',
      userId,
    );
    res.json({
      ticket: row ? { id: row.id, number: row.number, counter: req.params.counter } : null,
    });
  });
  app.post('/api/tickets/:id/complete', async (req, res) => {
    const userId = await writes.user(req);
    if (userId === undefined) return void res.status(401).json({ error: { code: 'unauthorized' } });
    const row = await writes.command(
      OFFICE,
      async (c) =>
        (
          await c.execute<RowDataPacket[]>(
            `SELECT id, number, counter_number FROM ${tickets} WHERE id = ? FOR UPDATE`,
            [req.params.id],
          )
        )[0][0],
      (c, r, now) =>
        c.execute(`UPDATE ${tickets} SET status = 'done', finished_at = ? WHERE id = ?`, [
          now,
          r.id,
        ]),
      'complete',
      userId,
    );
    if (!row) return void res.status(404).json({ error: { code: 'not_found' } });
    res.json({ ticket: { id: row.id, number: row.number, status: 'done' } });
  });

  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const meter = loadMeter();
  serveCommands({
    mark() {
      meter.mark();
    },
    stats() {
      return { ...meter.read(), rss: process.memoryUsage().rss };
    },
    addCounters(msg) {
      const total = Number(msg.total);
      counters = Array.from({ length: total }, (_, i) => String(i + 1));
      return { created: total, relinked: 0, counters };
    },
    async ticketCounts() {
      const [rows] = await db.query<RowDataPacket[]>(
        `SELECT status, COUNT(*) AS n FROM ${tickets} GROUP BY status`,
      );
      return Object.fromEntries(rows.map((r) => [String(r.status), Number(r.n)]));
    },
    async close() {
      server.close();
      for (const t of [tokens, tickets, audit, seqs]) await db.query(`DROP TABLE IF EXISTS ${t}`);
      await db.end();
      setImmediate(() => process.exit(0));
    },
  });
  process.send?.({
    type: 'ready',
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pid: process.pid,
    info: { tables: p },
  });
}

main().catch((err: unknown) => {
  console.error('call-next floor failed to start:', err);
  process.exit(1);
});
