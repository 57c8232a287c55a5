/**
 * The FLOOR: the least a server can do for "issue a ticket and show it on the displays" on this
 * stack — bare Express + Socket.IO + mysql2, a POST handler doing one INSERT into a scratch table
 * of the MySQL test database, then one broadcast to the office's room (in /display, /kiosk and
 * /counter, as Navbat's events go to all three; rooms without sockets cost nothing). No validation,
 * no transaction, no audit, no numbering table: what is left is HTTP + one round trip to MariaDB +
 * Socket.IO fan-out, the cost every real implementation pays too.
 *
 * For the national bench the same floor runs as several processes behind HAProxy
 * (bench/national.ts): `FLOOR_PORT` fixes its port, `FLOOR_REDIS_URL` (+ `FLOOR_REDIS_KEY`) puts
 * Socket.IO's Redis adapter under it so that a broadcast reaches the sockets of every process, and
 * `GET /api/ready` answers the balancer's check. Its /kiosk and /counter namespaces receive the same
 * broadcast as /display, so that a fleet shaped like Navbat's (a display, a kiosk and six consoles
 * an office) costs the floor the same fan-out.
 *
 * The windows' commands, for the national bench's floor in the topology (the same commands as
 * Navbat's phase carries, with their essential writes only, as bench/floor-pairs-server.ts does):
 * `POST /api/auth/login` stores a token; `POST …/counters/:counter/call-next` looks the bearer
 * token up, then in one transaction locks the office's oldest waiting ticket (`… FOR UPDATE SKIP
 * LOCKED`), updates it, writes an audit row and takes the office's seq; `POST
 * /api/tickets/:id/complete` likewise with the ticket locked by id. Each broadcasts its ticket to
 * the office's room. `FLOOR_TABLE` names the tables, so that several processes share them.
 *
 * `FLOOR_ISSUE` (national bench, `--writes`): `transaction` issues with a kiosk tap's writes as
 * Navbat sends them, one round trip each in a transaction (number, ticket, key, audit row, print
 * job, seq; the printed mark after the broadcast); `batched` sends the same transaction as one
 * multi-statement query. The default, `insert`, is the floor.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID, randomBytes } from 'node:crypto';
import express from 'express';
import { Server } from 'socket.io';
import mysql from 'mysql2/promise';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { FloorIssue, FloorWrites, type IssueTables } from './lib/floor-writes';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { loadMeter, serveCommands } from './lib/ipc';
import { DEFAULT_MYSQL_URL, SERVICES } from './lib/config';
import { summarize } from './lib/stats';
import { performance } from 'node:perf_hooks';

async function main(): Promise<void> {
  const url = process.env.TEST_MYSQL_URL ?? DEFAULT_MYSQL_URL;
  const table =
    process.env.FLOOR_TABLE ??
    `bench_floor_${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const db = mysql.createPool({ uri: url, connectionLimit: 20, charset: 'utf8mb4', timezone: 'Z' });
  const tables = await createTables(db, table);
  const issueMode = issueModeOf(process.env.FLOOR_ISSUE);

  const prefixes = new Map<string, string>(
    SERVICES.map((s, i) => [s, String.fromCharCode(65 + i)]),
  );
  const numbers = new Map<string, number>();
  let seq = 0;
  let waiting = 0;
  let insertMs: number[] = [];

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  const server = http.createServer(app);
  const io = new Server(server, { serveClient: false, maxHttpBufferSize: 1e6 });
  const redis = await connectRedis(process.env.FLOOR_REDIS_URL);
  if (redis) io.adapter(createAdapter(redis.pub, redis.sub, { key: redis.key }));
  const namespaces = ['/display', '/kiosk', '/counter'].map((name) => io.of(name));
  for (const ns of namespaces) {
    ns.on('connection', (socket) => {
      const office = String((socket.handshake.auth as { office?: string }).office ?? '');
      void socket.join(`office:${office}`);
      socket.emit('queue:snapshot', {
        seq,
        serverTime: new Date().toISOString(),
        tickets: [],
        counters: [],
        services: [],
      });
    });
  }
  app.get('/api/ready', (_req, res) => {
    res.json({ status: 'ready' });
  });

  app.post('/api/offices/:office/tickets', async (req, res) => {
    const office = req.params.office;
    const service = String((req.body as { service?: string }).service ?? '');
    const prefix = prefixes.get(service) ?? 'Z';
    const n = (numbers.get(service) ?? 0) + 1;
    numbers.set(service, n);
    const issuedAt = new Date();
    const ticket = {
      id: randomUUID(),
      number: `${prefix}${String(n).padStart(3, '0')}`,
      office,
      service,
      priority: 'none',
      status: 'waiting',
      issuedAt: issuedAt.toISOString(),
      recalls: 0,
      peopleAhead: waiting++,
      estimatedWaitMinutes: 0,
    };
    const t = performance.now();
    const key = req.get('idempotency-key') ?? randomUUID();
    if (issueMode === 'insert') {
      await db.execute(
        `INSERT INTO \`${table}\` (id, office_code, number, service, status, issued_at) VALUES (?, ?, ?, ?, ?, ?)`,
        [ticket.id, office, ticket.number, service, 'waiting', issuedAt],
      );
    } else {
      await issue[issueMode]({ ...ticket, issuedAt, key });
    }
    insertMs.push(performance.now() - t);
    const event = { seq: ++seq, ticket };
    for (const ns of namespaces) ns.to(`office:${office}`).emit('ticket:issued', event);
    if (issueMode !== 'insert') await issue.printed(ticket.id);
    res
      .status(201)
      .json({ ticket, print: { status: issueMode === 'insert' ? 'none' : 'printed' } });
  });

  const writes = new FloorWrites(db, tables);
  const issue = new FloorIssue(
    db,
    issueMode === 'batched'
      ? mysql.createPool({
          uri: url,
          connectionLimit: 20,
          charset: 'utf8mb4',
          timezone: 'Z',
          multipleStatements: true,
        })
      : db,
    tables,
  );
  const broadcast = (office: string, kind: string, ticket: Record<string, unknown>) => {
    const event = { seq: ++seq, ticket };
    for (const ns of namespaces) ns.to(`office:${office}`).emit(kind, event);
  };

  app.post('/api/auth/login', async (_req, res) => {
    res.json({ token: await writes.login() });
  });
  app.post('/api/offices/:office/counters/:counter/call-next', async (req, res) => {
    const { office, counter } = req.params;
    const userId = await writes.user(req);
    if (userId === undefined) return void res.status(401).json({ error: { code: 'unauthorized' } });
    const row = await writes.command(
      office,
      async (c) =>
        (
          await c.execute<RowDataPacket[]>(
            `SELECT id, number, service FROM \`${table}\` WHERE office_code = ? AND status = 'waiting'
              ORDER BY issued_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
            [office],
          )
        )[0][0],
      (c, r, now) =>
        c.execute(
          `UPDATE \`${table}\` SET status = 'called', counter_number = ?, called_at = ? WHERE id = ?`,
          [counter, now, r.id],
        ),
      'call',
      userId,
    );
    const ticket = row
      ? { id: row.id, number: row.number, service: row.service, status: 'called', counter }
      : null;
    if (ticket) {
      waiting--;
      broadcast(office, 'ticket:called', ticket);
    }
    res.json({ ticket });
  });
  app.post('/api/tickets/:id/complete', async (req, res) => {
    const userId = await writes.user(req);
    if (userId === undefined) return void res.status(401).json({ error: { code: 'unauthorized' } });
    const row = await writes.command(
      '',
      async (c) =>
        (
          await c.execute<RowDataPacket[]>(
            `SELECT id, number, service, office_code, counter_number FROM \`${table}\`
              WHERE id = ? FOR UPDATE`,
            [req.params.id],
          )
        )[0][0],
      (c, r, now) =>
        c.execute(`UPDATE \`${table}\` SET status = 'done', finished_at = ? WHERE id = ?`, [
          now,
          r.id,
        ]),
      'complete',
      userId,
    );
    if (!row) return void res.status(404).json({ error: { code: 'not_found' } });
    const ticket = {
      id: row.id,
      number: row.number,
      service: row.service,
      status: 'done',
      counter: row.counter_number,
    };
    broadcast(String(row.office_code), 'ticket:updated', ticket);
    res.json({ ticket });
  });

  const listenPort = Number(process.env.FLOOR_PORT ?? 0);
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const meter = loadMeter();
  serveCommands({
    mark() {
      meter.mark();
      insertMs = [];
    },
    stats() {
      const m = process.memoryUsage();
      const s = summarize(insertMs);
      return {
        ...meter.read(),
        rss: m.rss,
        heapUsed: m.heapUsed,
        insert: { p50: s.p50, p99: s.p99, max: s.max },
      };
    },
    async close() {
      await io.close();
      await redis?.quit();
      for (const t of [table, tables.tokens, tables.audit, tables.seqs, tables.keys, tables.jobs])
        await db.query(`DROP TABLE IF EXISTS \`${t}\``);
      await db.end();
      setImmediate(() => process.exit(0));
    },
  });
  process.send?.({
    type: 'ready',
    url: `http://127.0.0.1:${port}`,
    pid: process.pid,
    info: { table },
  });
}

/**
 * The floor's tables (`IF NOT EXISTS`: processes sharing `FLOOR_TABLE` create them once): tickets,
 * the clerks' tokens, the audit log and each office's seq.
 */
async function createTables(db: Pool, table: string): Promise<IssueTables & { tokens: string }> {
  const tables = {
    tickets: table,
    tokens: `${table}_tokens`,
    audit: `${table}_audit`,
    seqs: `${table}_seqs`,
    keys: `${table}_keys`,
    jobs: `${table}_jobs`,
  };
  await db.query(
    `CREATE TABLE IF NOT EXISTS \`${table}\` (
       id CHAR(36) NOT NULL PRIMARY KEY,
       office_code VARCHAR(40) NOT NULL,
       number VARCHAR(8) NOT NULL,
       service VARCHAR(40) NOT NULL,
       status VARCHAR(16) NOT NULL,
       counter_number VARCHAR(16) NULL,
       issued_at DATETIME(3) NOT NULL,
       called_at DATETIME(3) NULL,
       finished_at DATETIME(3) NULL,
       KEY waiting (office_code, status, issued_at)
     ) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  await db.query(`CREATE TABLE IF NOT EXISTS \`${tables.tokens}\` (
    token_hash CHAR(64) PRIMARY KEY, user_id INT NOT NULL, expires_at DATETIME(3) NOT NULL)`);
  await db.query(`CREATE TABLE IF NOT EXISTS \`${tables.audit}\` (
    id BIGINT AUTO_INCREMENT PRIMARY KEY, office_code VARCHAR(40) NOT NULL, at DATETIME(3) NOT NULL,
    user_id INT NULL, action VARCHAR(40) NOT NULL, entity_id CHAR(36) NOT NULL, after TEXT NULL)`);
  await db.query(`CREATE TABLE IF NOT EXISTS \`${tables.seqs}\` (
    office_code VARCHAR(40) PRIMARY KEY, seq BIGINT NOT NULL)`);
  await db.query(`CREATE TABLE IF NOT EXISTS \`${tables.keys}\` (
    id_key VARCHAR(64) PRIMARY KEY, ticket_id CHAR(36) NOT NULL, at DATETIME(3) NOT NULL)`);
  await db.query(`CREATE TABLE IF NOT EXISTS \`${tables.jobs}\` (
    id BIGINT AUTO_INCREMENT PRIMARY KEY, ticket_id CHAR(36) NOT NULL, status VARCHAR(16) NOT NULL,
    at DATETIME(3) NOT NULL, KEY ticket (ticket_id))`);
  return tables;
}

/** How the floor issues: one INSERT (the floor), or Navbat's writes in a transaction (see FloorWrites). */
function issueModeOf(value: string | undefined): 'insert' | 'transaction' | 'batched' {
  if (value === undefined || value === '' || value === 'insert') return 'insert';
  if (value === 'transaction' || value === 'batched') return value;
  throw new Error(`FLOOR_ISSUE: insert, transaction or batched, not ${value}`);
}

/** The Redis adapter's publish and subscribe connections, when `url` is given. */
async function connectRedis(
  url: string | undefined,
): Promise<{ pub: Redis; sub: Redis; key: string; quit: () => Promise<void> } | undefined> {
  if (!url) return undefined;
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  return {
    pub,
    sub,
    key: process.env.FLOOR_REDIS_KEY ?? 'navbat-floor',
    quit: async () => {
      await Promise.all([pub.quit(), sub.quit()]).catch(() => undefined);
    },
  };
}

main().catch((err: unknown) => {
  console.error('floor server failed to start:', err);
  process.exit(1);
});
