/**
 * Snapshots are cheap and shared: one build per office and seq for every socket that asks, a short
 * public head whatever the queue length, and a socket that floods events is cut off while the
 * server keeps answering.
 */
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { connectSocket, login, refusedSocket, request } from '../testing/client';
import { PUBLIC_WAITING_HEAD } from '../queue/snapshot';
import { QueueStore } from '../../../ui/queue-store';
import { waitFor } from '../testing/wait';
import { io } from 'socket.io-client';

const OFFICE = '/api/offices/kulob';
const WAITING = 30;

describe.each(testDialects())('shared snapshots on %s', (dialect) => {
  let s: TestServer;
  const ids: string[] = [];
  beforeAll(async () => {
    s = await startTestServer({ database: dialect });
    for (let i = 0; i < WAITING; i++) {
      const res = await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'death' } });
      ids.push(res.body.ticket.id);
    }
  }, 60_000);
  afterAll(() => s.close());

  it('disconnects a socket that floods queue:sync, builds once, and health stays answered', async () => {
    const { socket } = await connectSocket(s.url, '/display', { office: 'kulob' });
    const buildsBefore = s.app.realtime.snapshots.builds;
    const droppedBefore = s.app.realtime.dropped;
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const answers: unknown[] = [];
    for (let i = 0; i < 500; i++) socket.emit('queue:sync', (snap) => answers.push(snap));
    const health = await request(s.url, 'GET', '/api/health');
    expect(health.status).toBe(200);
    expect(await closed).toBe('io server disconnect');
    expect(s.app.realtime.dropped).toBe(droppedBefore + 1);
    // The budget let a burst through, and the burst shared one build (the seq did not move).
    expect(answers.length).toBeLessThan(500);
    expect(s.app.realtime.snapshots.builds - buildsBefore).toBeLessThanOrEqual(1);
    expect((await request(s.url, 'GET', '/api/health')).status).toBe(200);
  });

  it('shares one build among displays connecting at once', async () => {
    // A new seq makes the cached build stale: the next asker builds, the others share it.
    await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } });
    const before = s.app.realtime.snapshots.builds;
    const sockets = await Promise.all(
      Array.from({ length: 12 }, () => connectSocket(s.url, '/display', { office: 'kulob' })),
    );
    for (const { socket } of sockets) socket.close();
    expect(new Set(sockets.map((c) => c.snapshot.seq)).size).toBe(1);
    expect(s.app.realtime.snapshots.builds - before).toBe(1);
  });

  it('gives displays a short head of each waiting line and the full counts, in under 10 KB', async () => {
    const { socket, snapshot } = await connectSocket(s.url, '/display', { office: 'kulob' });
    socket.close();
    const waiting = snapshot.tickets.filter((t) => t.status === 'waiting' && t.service === 'death');
    expect(waiting.map((t) => t.peopleAhead)).toEqual(
      Array.from({ length: PUBLIC_WAITING_HEAD }, (_, i) => i),
    );
    expect(waiting.map((t) => t.id)).toEqual(ids.slice(0, PUBLIC_WAITING_HEAD));
    expect(snapshot.services.find((l) => l.code === 'death')?.waiting).toBe(WAITING);
    expect(JSON.stringify(snapshot).length).toBeLessThan(10_000);
    expect(JSON.stringify(snapshot)).not.toContain('caseNumber');
    expect(snapshot.waitingListed).toBe('head');
  });

  it("still tells a phone its own ticket's people ahead and estimate past the head", async () => {
    const id = ids[20]!;
    const { socket, snapshot } = await connectSocket(s.url, '/kiosk', {
      office: 'kulob',
      ticket: id,
    });
    socket.close();
    const own = snapshot.tickets.find((t) => t.id === id);
    const rest = (await request(s.url, 'GET', `/api/tickets/${id}`)).body.ticket;
    expect(own?.peopleAhead).toBe(20);
    expect(own?.estimatedWaitMinutes).toBe(rest.estimatedWaitMinutes);
  });

  it('gives staff the waiting line with people ahead and case numbers', async () => {
    const token = await login(s.url, 'clerk1');
    const { socket, snapshot } = await connectSocket(s.url, '/counter', { office: 'kulob', token });
    socket.close();
    const death = snapshot.tickets.filter((t) => t.service === 'death' && t.status === 'waiting');
    expect(death.map((t) => t.id)).toEqual(ids);
    expect(death.map((t) => t.peopleAhead)).toEqual(ids.map((_, i) => i));
    expect(death.every((t) => 'caseNumber' in t)).toBe(true);
    expect(snapshot.waitingListed).toBe('all');
  });
});

describe.each(testDialects())('a short waiting line on %s', (dialect) => {
  it('is listed whole in public snapshots, as the contract lists it, and cut once it grows', async () => {
    const s = await startTestServer({ database: dialect });
    try {
      const issue = async (service: string) =>
        (await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service } })).body.ticket
          .id as string;
      const issued: string[] = [];
      for (const service of ['death', 'death', 'death', 'death', 'death', 'birth', 'marriage'])
        issued.push(await issue(service));
      const display = async () => {
        const { socket, snapshot } = await connectSocket(s.url, '/display', { office: 'kulob' });
        socket.close();
        return snapshot;
      };
      // Seven waiting in an office of ten services: every one is in `tickets`, five of one service.
      const short = await display();
      expect(short.waitingListed).toBe('all');
      expect(short.tickets.filter((t) => t.status === 'waiting').map((t) => t.id)).toEqual(issued);
      // Past two a service (20 here), only the heads: two of each service's line.
      for (let i = 0; i < 14; i++) await issue('birth');
      const long = await display();
      expect(long.waitingListed).toBe('head');
      const waiting = long.tickets.filter((t) => t.status === 'waiting');
      expect(waiting.filter((t) => t.service === 'death').map((t) => t.id)).toEqual(
        issued.slice(0, PUBLIC_WAITING_HEAD),
      );
      expect(waiting.filter((t) => t.service === 'birth')).toHaveLength(PUBLIC_WAITING_HEAD);
      expect(long.services.find((l) => l.code === 'birth')?.waiting).toBe(15);
    } finally {
      await s.close();
    }
  });
});

describe.each(testDialects())('a page moving between nodes on %s', (dialect) => {
  it('gets a snapshot no older than the seq it held, though this node is behind', async () => {
    // The shared build lives long here, so that only `since` can make it stale.
    const s = await startTestServer({ database: dialect, snapshotMaxAgeMs: 600_000 });
    try {
      await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } });
      const first = await connectSocket(s.url, '/display', { office: 'kulob' });
      first.socket.close();
      // Three changes committed on another node, not yet heard of here: the database has them.
      await s.db.sequelize.query(
        `UPDATE office_states SET seq = seq + 3 WHERE office_code = 'kulob'`,
      );
      const unaware = await connectSocket(s.url, '/display', { office: 'kulob' });
      unaware.socket.close();
      expect(unaware.snapshot.seq).toBe(first.snapshot.seq);
      for (const ns of ['/display', '/kiosk'] as const) {
        const moved = await connectSocket(s.url, ns, {
          office: 'kulob',
          since: first.snapshot.seq + 3,
        });
        moved.socket.close();
        expect(moved.snapshot.seq).toBe(first.snapshot.seq + 3);
      }
      const token = await login(s.url, 'clerk1');
      const staff = await connectSocket(s.url, '/counter', {
        office: 'kulob',
        token,
        since: first.snapshot.seq + 2,
      });
      staff.socket.close();
      expect(staff.snapshot.seq).toBe(first.snapshot.seq + 3);
      // Not a number, or below zero: refused as any bad handshake.
      for (const since of ['5', -1]) {
        expect(await refusedSocket(s.url, '/display', { office: 'kulob', since })).toBe(
          'validation_failed',
        );
      }
    } finally {
      await s.close();
    }
  });

  it("says the seq it holds when the hall display's store connects again", async () => {
    const s = await startTestServer({ database: dialect });
    const handshakes: unknown[] = [];
    s.app.io.of('/display').on('connection', (socket) => handshakes.push(socket.handshake.auth));
    const display = new QueueStore({
      namespace: '/display',
      auth: { office: 'kulob' },
      url: s.url,
    });
    try {
      display.connect();
      await waitFor(() => display.state.ready, 'the display ready');
      await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } });
      const held = (await s.app.queue.snapshot('kulob')).seq;
      await waitFor(() => display.state.seq === held, `the display at seq ${held}`);
      // The node sends it away (as a stopping node does): it comes back saying what it holds.
      s.app.io.of('/display').disconnectSockets();
      await waitFor(() => handshakes.length === 2 && display.state.connected, 'the display back');
      expect(handshakes).toEqual([{ office: 'kulob' }, { office: 'kulob', since: held }]);
    } finally {
      display.disconnect();
      await s.close();
    }
  });

  it('answers queue:sync with no older a build than an event it already sent that socket', async () => {
    const s = await startTestServer({ database: dialect });
    const queue = s.app.queue;
    const build = queue.snapshot.bind(queue);
    // The connection's build reads the database, then is held: an event is sent meanwhile.
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let read: ((seq: number) => void) | undefined;
    const builtAt = new Promise<number>((resolve) => (read = resolve));
    queue.snapshot = async (...args: Parameters<typeof build>) => {
      const snapshot = await build(...args);
      if (read) {
        const tell = read;
        read = undefined;
        tell(snapshot.seq);
        await gate;
      }
      return snapshot;
    };
    const syncs: string[] = [];
    s.app.io.of('/display').on('connection', (socket) => {
      socket.onAny((event: string) => syncs.push(event));
    });
    await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } });
    const socket = io(`${s.url}/display`, { auth: { office: 'kulob' }, transports: ['websocket'] });
    try {
      const seq = await builtAt;
      const event = new Promise<number>((resolve) =>
        socket.once('ticket:issued', (e: { seq: number }) => resolve(e.seq)),
      );
      await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } });
      expect(await event).toBe(seq + 1);
      // The page asks while the connection's build is still held (the server has the request).
      const answer = socket.timeout(10_000).emitWithAck('queue:sync');
      await waitFor(() => syncs.includes('queue:sync'), 'the server reading queue:sync');
      release();
      expect((await answer).seq).toBeGreaterThanOrEqual(seq + 1);
    } finally {
      release();
      socket.close();
      queue.snapshot = build;
      await s.close();
    }
  });
});
