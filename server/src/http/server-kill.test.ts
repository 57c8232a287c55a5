/**
 * The server process SIGKILLed while kiosks issue tickets, on SQLite and MariaDB: the product's own
 * entry point is killed mid-burst and started again on the same database and port. Every ticket a
 * kiosk was told about is still there with its number; a kiosk that got no answer retries with the
 * same Idempotency-Key and gets one ticket, never two; a hall display reconnects by itself and shows
 * what staff see.
 */
import type { ChildProcess } from 'node:child_process';
import { io } from 'socket.io-client';
import type { QueueSnapshot } from '../../protocol';
import { toPublicSnapshot } from '../queue/snapshot';
import { login, request, type QueueSocket } from '../testing/client';
import { closedPort } from '../testing/fake-tcp-printer';
import { freshDatabase, seedTestDemo, testDialects, type TestDatabase } from '../testing/harness';
import { bannerUrl, spawnMain } from '../testing/main-process';
import { waitFor } from '../testing/wait';

const OFFICE = '/api/offices/kulob';
const KIOSKS = 6;
const SERVICES = ['birth', 'marriage', 'death'];

/** The entry point on `port` over `databaseUrl`; resolves once it listens. */
async function startNode(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawnMain({
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DEMO: '0',
    LOG_LEVEL: 'warn',
    BCRYPT_ROUNDS: '4',
    // Six kiosks on one address, back to back: neither the issue limit nor the wait bound applies.
    ISSUE_RATE: '0',
    COMMAND_WAIT_MS: '0',
  });
  await bannerUrl(child);
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

interface Issued {
  key: string;
  id: string;
  number: string;
}

interface Burst {
  answered: Issued[];
  /** Requests that got no answer (the server died under them, or was gone). */
  unanswered: Array<{ key: string; service: string }>;
  stopped: Promise<void>;
}

/** `KIOSKS` kiosks issuing back to back, each key once, until their server stops answering. */
function startBurst(url: string): Burst {
  const burst: Burst = { answered: [], unanswered: [], stopped: Promise.resolve() };
  const kiosk = async (k: number) => {
    for (let n = 0; ; n++) {
      const key = `kill-${k}-${n}`;
      const service = SERVICES[(k + n) % SERVICES.length]!;
      const res = await request<{ ticket: { id: string; number: string } }>(
        url,
        'POST',
        `${OFFICE}/tickets`,
        { body: { service }, headers: { 'Idempotency-Key': key } },
      ).catch(() => undefined);
      if (!res) {
        burst.unanswered.push({ key, service });
        return;
      }
      expect(res.status).toBe(201);
      burst.answered.push({ key, id: res.body.ticket.id, number: res.body.ticket.number });
    }
  };
  burst.stopped = Promise.all(Array.from({ length: KIOSKS }, (_, k) => kiosk(k))).then(() => {});
  return burst;
}

/** A hall display that reconnects by itself, applying events and resyncing on a gap. */
function hallDisplay(url: string): {
  socket: QueueSocket;
  snapshots: QueueSnapshot[];
  seq(): number;
} {
  const socket: QueueSocket = io(`${url}/display`, {
    auth: { office: 'kulob' },
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 300,
  });
  const snapshots: QueueSnapshot[] = [];
  let seq = -1;
  socket.on('queue:snapshot', (s) => {
    snapshots.push(s);
    seq = s.seq;
  });
  socket.on('ticket:issued', (e) => (seq = Math.max(seq, e.seq)));
  socket.on('queue:gap', () => socket.emit('queue:sync', (s) => (seq = Math.max(seq, s.seq))));
  return { socket, snapshots, seq: () => seq };
}

/** What a display shows of a snapshot (times left out: they are the moment it was built). */
function shown(s: QueueSnapshot) {
  return {
    seq: s.seq,
    tickets: s.tickets,
    counters: s.counters,
    services: s.services.map(({ code, waiting }) => ({ code, waiting })),
  };
}

/**
 * A kiosk's retry of a request that got no answer: the same body and Idempotency-Key, twice. One
 * ticket either way: the one the dead server had committed (200) or a new one (201).
 */
async function retryWithSameKey(
  url: string,
  { key, service }: { key: string; service: string },
): Promise<{ id: string; number: string }> {
  const headers = { 'Idempotency-Key': key };
  const first = await request(url, 'POST', `${OFFICE}/tickets`, { body: { service }, headers });
  const again = await request(url, 'POST', `${OFFICE}/tickets`, { body: { service }, headers });
  expect([200, 201]).toContain(first.status);
  expect(again.status).toBe(200);
  expect(again.body.ticket.id).toBe(first.body.ticket.id);
  return first.body.ticket as { id: string; number: string };
}

async function storedTickets(tdb: TestDatabase) {
  const [rows] = await tdb.db.sequelize.query(
    `SELECT id, number FROM tickets WHERE office_code = 'kulob'`,
  );
  return rows as Array<{ id: string; number: string }>;
}

describe.each(testDialects())('a server SIGKILLed while issuing tickets (%s)', (dialect) => {
  it('keeps every answered ticket, gives each retried key one ticket, and the display catches up', async () => {
    const tdb = await freshDatabase(dialect);
    await seedTestDemo(tdb.db);
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}`;
    let node = await startNode(tdb.url, port);
    const display = hallDisplay(url);
    try {
      await waitFor(() => display.snapshots.length === 1, 'the display to connect');
      const burst = startBurst(url);
      await waitFor(() => burst.answered.length >= 30, 'tickets before the kill', 30_000);
      node.kill('SIGKILL');
      await exited(node);
      await burst.stopped;
      expect(burst.unanswered).toHaveLength(KIOSKS);

      node = await startNode(tdb.url, port);
      // The display comes back by itself, and what it shows is the staff's queue, seq for seq.
      await waitFor(() => display.snapshots.length === 2, 'the display to reconnect', 15_000);
      const token = await login(url, 'clerk1');
      const staff = await request<QueueSnapshot>(url, 'GET', `${OFFICE}/queue`, { token });
      expect(shown(display.snapshots[1]!)).toEqual(shown(toPublicSnapshot(staff.body)));

      // Every ticket a kiosk was told about is there, with the number it was told.
      const before = new Map((await storedTickets(tdb)).map((t) => [t.id, t.number]));
      for (const t of burst.answered) expect(before.get(t.id)).toBe(t.number);

      // The kiosks left without an answer retry with the same key: one ticket each.
      const retried = await Promise.all(burst.unanswered.map((r) => retryWithSameKey(url, r)));
      const stored = await storedTickets(tdb);
      const ids = new Set([...burst.answered.map((t) => t.id), ...retried.map((t) => t.id)]);
      expect(ids.size).toBe(burst.answered.length + burst.unanswered.length);
      expect(new Set(stored.map((t) => t.id))).toEqual(ids);
      // Numbers never repeat (per prefix, hence in the office day).
      expect(new Set(stored.map((t) => t.number)).size).toBe(stored.length);

      // The display followed the retries as events, on the same socket.
      const after = await request<QueueSnapshot>(url, 'GET', `${OFFICE}/queue`, { token });
      await waitFor(() => display.seq() >= after.body.seq, 'the display to follow the retries');
      expect(display.snapshots).toHaveLength(2);
    } finally {
      display.socket.close();
      if (node.exitCode === null && node.signalCode === null) {
        node.kill('SIGTERM');
        await exited(node);
      }
      await tdb.drop();
    }
  }, 60_000);
});
