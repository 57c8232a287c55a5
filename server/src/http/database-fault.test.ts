/**
 * A database that dies under load: the test starts its own MariaDB (never the system's), issues
 * tickets with a display connected, SIGKILLs mariadbd and starts it again on the same datadir.
 * Meanwhile every answer is 201 or a clean 503 in the contract's error shape and /api/ready says
 * 503; afterwards /api/ready is 200 by itself, no acknowledged ticket is missing, and the display
 * has caught up with the office's seq without anyone reconnecting it.
 */
import { Database, parseDatabaseUrl } from '../../../db/database';
import { connectSocket, login, request, type QueueSocket } from '../testing/client';
import { seedTestDemo, startTestServer, testDialects, type TestServer } from '../testing/harness';
import { PrivateMariaDb } from '../testing/private-mariadb';
import { waitFor } from '../testing/wait';

const run = testDialects().includes('mysql') ? describe : describe.skip;

interface Load {
  acked: string[];
  answers: Array<{ status: number; code?: string; message?: string }>;
  stop(): Promise<void>;
}

/** Two clients issuing tickets back to back until stopped. */
function startLoad(url: string): Load {
  const load: Load = { acked: [], answers: [], stop: () => Promise.resolve() };
  let running = true;
  type Answer = { ticket?: { id: string }; error?: { code: string; message: string } };
  const issue = (): Promise<{ status: number; body: Answer }> =>
    request<Answer>(url, 'POST', '/api/offices/kulob/tickets', {
      body: { service: 'birth' },
    }).catch((err: Error) => ({
      status: 0,
      body: { error: { code: 'transport', message: err.message } },
    }));
  const worker = async () => {
    while (running) {
      const res = await issue();
      const { ticket, error } = res.body;
      load.answers.push({ status: res.status, code: error?.code, message: error?.message });
      if (res.status === 201 && ticket) load.acked.push(ticket.id);
      else await new Promise((r) => setTimeout(r, 50)); // a client's back-off, not a test's sleep
    }
  };
  const workers = [worker(), worker()];
  load.stop = async () => {
    running = false;
    await Promise.all(workers);
  };
  return load;
}

/** A display that applies events and, on a gap, asks for a snapshot (as the display page does). */
function follow(socket: QueueSocket, first: number): { seq: () => number } {
  let seq = first;
  const onEvent = (e: { seq?: number }) => {
    if (typeof e.seq === 'number' && e.seq > seq) seq = e.seq;
  };
  for (const name of [
    'ticket:issued',
    'ticket:called',
    'ticket:updated',
    'counter:updated',
  ] as const) {
    socket.on(name, onEvent);
  }
  socket.on('queue:snapshot', (s) => (seq = Math.max(seq, s.seq)));
  socket.on('queue:gap', () => {
    socket.emit('queue:sync', (s) => (seq = Math.max(seq, s.seq)));
  });
  return { seq: () => seq };
}

run('a MariaDB killed under load', () => {
  let maria: PrivateMariaDb;
  let db: Database;
  let s: TestServer;

  beforeAll(async () => {
    maria = await PrivateMariaDb.start();
    db = new Database(parseDatabaseUrl(maria.url()));
    await db.connect();
    await db.migrate();
    await seedTestDemo(db);
    s = await startTestServer({
      shared: { db, url: maria.url(), drop: () => Promise.resolve() },
    });
  }, 180_000);
  afterAll(async () => {
    await s?.close();
    await db?.close().catch(() => undefined);
    await maria?.destroy();
  });

  it('answers clean 503s while it is down and recovers by itself, losing no acknowledged ticket', async () => {
    const token = await login(s.url, 'clerk1');
    const { socket, snapshot } = await connectSocket(s.url, '/display', { office: 'kulob' });
    const display = follow(socket, snapshot.seq);
    const load = startLoad(s.url);
    try {
      await waitFor(() => load.acked.length >= 10, 'tickets before the crash', 30_000);
      await maria.kill();
      await waitFor(
        async () => (await request(s.url, 'GET', '/api/ready')).status === 503,
        '/api/ready to say 503',
        30_000,
      );
      await waitFor(() => load.answers.some((a) => a.status === 503), 'a 503 to a client', 30_000);
      const beforeRestart = load.acked.length;
      await maria.up();
      await waitFor(
        async () => (await request(s.url, 'GET', '/api/ready')).status === 200,
        '/api/ready to say 200 again',
        60_000,
      );
      await waitFor(
        () => load.acked.length >= beforeRestart + 10,
        'tickets after the restart',
        60_000,
      );
    } finally {
      await load.stop();
    }
    try {
      // Every answer was a ticket or a clean refusal in the contract's shape.
      const odd = load.answers.filter(
        (a) =>
          a.status !== 201 &&
          !(a.status === 503 && (a.code === 'unavailable' || a.code === 'overloaded') && a.message),
      );
      expect(odd).toEqual([]);
      // No acknowledged ticket is missing.
      const [rows] = await db.sequelize.query('SELECT id FROM tickets');
      const stored = new Set((rows as Array<{ id: string }>).map((r) => r.id));
      expect(load.acked.filter((id) => !stored.has(id))).toEqual([]);
      // The display caught up with the office by itself (same socket, events or a resync).
      const staff = await request<{ seq: number }>(s.url, 'GET', '/api/offices/kulob/queue', {
        token,
      });
      expect(staff.status).toBe(200);
      await waitFor(() => display.seq() >= staff.body.seq, 'the display to catch up', 30_000);
      expect(socket.connected).toBe(true);
    } finally {
      socket.close();
    }
  }, 240_000);
});
