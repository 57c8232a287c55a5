/**
 * The front ends' queue store against a real Socket.IO server that plays a scripted office: events in
 * order, repeats, and a gap that must be healed with `queue:sync`.
 */
import type { AddressInfo } from 'node:net';
import { createServer, type Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type {
  ClientToServerEvents,
  QueueSnapshot,
  ServerToClientEvents,
  Ticket,
} from '../server/protocol';
import { QueueStore, nowCalling, type QueueState } from '../ui/queue-store';
import { waitFor } from '../server/src/testing/wait';

type ServerSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

function ticket(id: string, number: string, status: string, extra: Partial<Ticket> = {}): Ticket {
  return {
    id,
    number,
    office: 'kulob',
    service: 'birth',
    priority: 'none',
    status,
    issuedAt: '2026-11-25T05:00:00.000Z',
    recalls: 0,
    ...extra,
  };
}

/** A snapshot; `waiting` defaults to the waiting tickets it lists (a server may list only a head). */
function snapshot(
  seq: number,
  tickets: Ticket[],
  waiting = tickets.filter((t) => t.status === 'waiting').length,
): QueueSnapshot {
  return {
    seq,
    serverTime: new Date().toISOString(),
    tickets,
    counters: [{ number: '3', status: 'open' }],
    services: [{ code: 'birth', waiting, estimatedWaitMinutes: 4 }],
  };
}

/** Resolves with the store's state once `test` holds (or fails after 3 s). */
function until<T extends Ticket>(
  store: QueueStore<T>,
  test: (state: QueueState<T>) => boolean,
): Promise<QueueState<T>> {
  if (test(store.state)) return Promise.resolve(store.state);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`state never matched: ${JSON.stringify(store.state)}`));
    }, 3_000);
    const stop = store.subscribe((state) => {
      if (!test(state)) return;
      clearTimeout(timer);
      stop();
      resolve(state);
    });
  });
}

/**
 * Resolves once the page has answered a ping the server sent after this call: whatever the page
 * sent before has arrived by then (one connection delivers in order).
 */
function roundTrip(socket: ServerSocket): Promise<void> {
  const conn = socket.conn;
  return new Promise((resolve) => {
    const onCreate = (packet: { type: string }) => {
      if (packet.type !== 'ping') return;
      conn.off('packetCreate', onCreate);
      conn.once('heartbeat', () => resolve());
    };
    conn.on('packetCreate', onCreate);
  });
}

describe('QueueStore', () => {
  let http: HttpServer;
  let io: Server<ClientToServerEvents, ServerToClientEvents>;
  let url: string;
  let store: QueueStore;
  let client: Promise<ServerSocket>;
  let syncAnswer: QueueSnapshot;
  let syncs: number;

  beforeEach(async () => {
    http = createServer();
    io = new Server(http, { pingInterval: 200 }); // a round trip is a ping away
    syncs = 0;
    client = new Promise((resolve) => {
      io.of('/display').on('connection', (socket: ServerSocket) => {
        socket.on('queue:sync', (ack) => {
          syncs++;
          ack(syncAnswer);
        });
        socket.emit('queue:snapshot', snapshot(10, [ticket('a', 'A001', 'waiting')]));
        resolve(socket);
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    store = new QueueStore({ namespace: '/display', auth: { office: 'kulob' }, url });
    store.connect();
    await until(store, (s) => s.ready);
  });

  afterEach(async () => {
    store.disconnect();
    await io.close();
  });

  it('applies events in seq order and drops tickets that leave the live queue', async () => {
    const socket = await client;
    expect(store.state.services).toEqual([{ code: 'birth', waiting: 1, estimatedWaitMinutes: 4 }]);
    // Issued behind A001: its estimate is the service's for the next one to come.
    const issued = ticket('b', 'A002', 'waiting', { estimatedWaitMinutes: 8 });
    socket.emit('ticket:issued', { seq: 11, ticket: issued });
    socket.emit('ticket:called', {
      seq: 12,
      ticket: ticket('a', 'A001', 'called', { counter: '3', calledAt: '2026-11-25T05:10:00Z' }),
    });
    let state = await until(store, (s) => s.seq === 12);
    expect(state.tickets.map((t) => [t.number, t.status])).toEqual([
      ['A002', 'waiting'],
      ['A001', 'called'],
    ]);
    expect(state.lastCall).toMatchObject({ seq: 12, ticket: { number: 'A001', counter: '3' } });
    // A001 called: one waits instead of two, and a newcomer's wait follows (the kiosk's tiles).
    expect(state.services).toEqual([{ code: 'birth', waiting: 1, estimatedWaitMinutes: 4 }]);

    socket.emit('ticket:updated', {
      seq: 13,
      ticket: ticket('a', 'A001', 'done', { counter: '3' }),
    });
    state = await until(store, (s) => s.seq === 13);
    expect(state.tickets.map((t) => t.number)).toEqual(['A002']);
    // The hall display still lists it among the previous calls.
    expect(state.recentCalls.map((t) => [t.number, t.status])).toEqual([['A001', 'done']]);
  });

  it('ignores events it has already applied', async () => {
    const socket = await client;
    socket.emit('ticket:issued', { seq: 11, ticket: ticket('b', 'A002', 'waiting') });
    await until(store, (s) => s.seq === 11);
    socket.emit('ticket:issued', { seq: 11, ticket: ticket('x', 'A099', 'waiting') });
    socket.emit('ticket:updated', { seq: 9, ticket: ticket('a', 'A001', 'cancelled') });
    socket.emit('counter:updated', { seq: 12, counter: { number: '3', status: 'paused' } });
    const state = await until(store, (s) => s.seq === 12);
    expect(state.tickets.map((t) => t.number)).toEqual(['A001', 'A002']);
    expect(state.counters).toEqual([{ number: '3', status: 'paused' }]);
    expect(syncs).toBe(0);
  });

  it('asks for a fresh snapshot when a seq is skipped, then goes on from it', async () => {
    const socket = await client;
    syncAnswer = snapshot(15, [ticket('c', 'A003', 'waiting'), ticket('d', 'A004', 'waiting')]);
    socket.emit('ticket:issued', { seq: 14, ticket: ticket('c', 'A003', 'waiting') });
    let state = await until(store, (s) => s.seq === 15);
    expect(syncs).toBe(1);
    expect(state.tickets.map((t) => t.number)).toEqual(['A003', 'A004']);

    socket.emit('ticket:issued', { seq: 16, ticket: ticket('e', 'A005', 'waiting') });
    state = await until(store, (s) => s.seq === 16);
    expect(state.tickets.map((t) => t.number)).toEqual(['A003', 'A004', 'A005']);
    expect(state.services).toEqual([{ code: 'birth', waiting: 3, estimatedWaitMinutes: 4 }]);
  });

  it('counts waiting tickets beyond the snapshot head from the snapshot and the events', async () => {
    const socket = await client;
    // 40 waiting, of which the server listed a head of 2; a ticket past the head is called.
    syncAnswer = snapshot(20, [ticket('c', 'A003', 'waiting'), ticket('d', 'A004', 'waiting')], 40);
    socket.emit('queue:gap', { seq: 19 });
    let state = await until(store, (s) => s.seq === 20);
    expect(syncs).toBe(1);
    expect(state.services[0]?.waiting).toBe(40);
    socket.emit('ticket:called', {
      seq: 21,
      ticket: ticket('z', 'A030', 'called', { counter: '3', calledAt: '2026-11-25T05:10:00Z' }),
    });
    socket.emit('ticket:issued', { seq: 22, ticket: ticket('y', 'A041', 'waiting') });
    socket.emit('ticket:updated', { seq: 23, ticket: ticket('c', 'A003', 'cancelled') });
    state = await until(store, (s) => s.seq === 23);
    expect(state.services[0]?.waiting).toBe(39);
    expect(syncs).toBe(1);
  });

  it('keeps the previous calls newest first when a snapshot brings calls it missed', async () => {
    const socket = await client;
    socket.emit('ticket:called', {
      seq: 11,
      ticket: ticket('a', 'A001', 'called', { counter: '3', calledAt: '2026-11-25T05:10:00Z' }),
    });
    await until(store, (s) => s.seq === 11);
    // A002 was called while the display was away (a seq gap): only the snapshot knows it.
    syncAnswer = snapshot(14, [
      ticket('a', 'A001', 'serving', { counter: '3', calledAt: '2026-11-25T05:10:00Z' }),
      ticket('b', 'A002', 'called', { counter: '1', calledAt: '2026-11-25T05:12:00Z' }),
    ]);
    socket.emit('ticket:issued', { seq: 13, ticket: ticket('c', 'A003', 'waiting') });
    const state = await until(store, (s) => s.seq === 14);
    expect(state.recentCalls.map((t) => [t.number, t.status])).toEqual([
      ['A002', 'called'],
      ['A001', 'serving'],
    ]);
  });

  it('never shows a served or transferred ticket, nor a paused window, as now calling', async () => {
    const socket = await client;
    const at = (m: number) => `2026-11-25T05:${String(m).padStart(2, '0')}:00.000Z`;
    const a1 = ticket('a', 'A001', 'called', { counter: '3', calledAt: at(10) });
    const a2 = ticket('b', 'A002', 'called', { counter: '3', calledAt: at(12) });
    // Window 3: F1 (A001), Enter (A001 done, A002 called), T (A002 to another service), P (pause).
    socket.emit('ticket:called', { seq: 11, ticket: a1 });
    socket.emit('ticket:updated', { seq: 12, ticket: { ...a1, status: 'done' } });
    socket.emit('ticket:called', { seq: 13, ticket: a2 });
    let state = await until(store, (s) => s.seq === 13);
    expect(nowCalling(state)?.number).toBe('A002');
    socket.emit('ticket:updated', {
      seq: 14,
      ticket: ticket('b', 'A002', 'waiting', { service: 'death' }),
    });
    state = await until(store, (s) => s.seq === 14);
    expect(nowCalling(state)).toBeUndefined();
    // The transfer took the call back: only A001 (served) is left as a previous call.
    expect(state.recentCalls.map((t) => [t.number, t.status])).toEqual([['A001', 'done']]);

    // A call at a window that pauses afterwards is no longer where the hall is sent.
    const c1 = ticket('c', 'C001', 'called', { counter: '3', calledAt: at(15), service: 'death' });
    socket.emit('ticket:called', { seq: 15, ticket: c1 });
    socket.emit('counter:updated', { seq: 16, counter: { number: '3', status: 'paused' } });
    state = await until(store, (s) => s.seq === 16);
    expect(nowCalling(state)).toBeUndefined();
    socket.emit('counter:updated', { seq: 17, counter: { number: '3', status: 'open' } });
    state = await until(store, (s) => s.seq === 17);
    expect(nowCalling(state)?.number).toBe('C001');
    socket.emit('ticket:updated', { seq: 18, ticket: { ...c1, status: 'no_show' } });
    state = await until(store, (s) => s.seq === 18);
    expect(nowCalling(state)).toBeUndefined();
  });

  it("takes the day's recent calls from the snapshot, so a reloaded page shows what the others do", async () => {
    const at = (m: number) => `2026-11-25T05:${String(m).padStart(2, '0')}:00.000Z`;
    const served = ticket('s', 'A001', 'done', { counter: '1', calledAt: at(10) });
    const noShow = ticket('n', 'A002', 'no_show', { counter: '2', calledAt: at(11) });
    const live = ticket('l', 'A003', 'called', { counter: '3', calledAt: at(12) });
    const reloaded = new QueueStore({ namespace: '/display', auth: { office: 'kulob' }, url });
    syncAnswer = { ...snapshot(20, [live]), recentCalls: [live, noShow, served] };
    const socket = await client;
    // A second page: the server answers its connection with the snapshot below.
    io.of('/display').on('connection', (s: ServerSocket) => s.emit('queue:snapshot', syncAnswer));
    reloaded.connect();
    try {
      const state = await until(reloaded, (s) => s.ready && s.seq === 20);
      expect(state.recentCalls.map((t) => [t.number, t.status])).toEqual([
        ['A003', 'called'],
        ['A002', 'no_show'],
        ['A001', 'done'],
      ]);
      expect(nowCalling(state)?.number).toBe('A003');
      // The first page, healed by a sync after a gap, shares the server's list too.
      socket.emit('ticket:issued', { seq: 19, ticket: ticket('x', 'A009', 'waiting') });
      const first = await until(store, (s) => s.seq === 20);
      expect(first.recentCalls.map((t) => t.number)).toEqual(['A003', 'A002', 'A001']);
    } finally {
      reloaded.disconnect();
    }
  });

  it('gives a service added while the page is open its waiting count at once', async () => {
    const socket = await client;
    const names = { tg: 'Маслиҳат', ru: 'Консультация', uz: 'Maslahat', en: 'Consultation' };
    socket.emit('services:updated', {
      seq: 11,
      services: [
        { code: 'birth', prefix: 'A', names, open: true },
        { code: 'advice', prefix: 'X', names, open: true },
      ],
    });
    const state = await until(store, (s) => s.seq === 11);
    expect(state.services).toEqual([
      { code: 'birth', waiting: 1, estimatedWaitMinutes: 4 },
      { code: 'advice', waiting: 0, estimatedWaitMinutes: 0 },
    ]);
  });

  it('after a reconnection takes the events sent before its snapshot in order, and keeps them', async () => {
    const first = await client;
    const a = ticket('a', 'A001', 'waiting');
    const b = ticket('b', 'A002', 'waiting');
    // Another node (or this one restarted) published seq 21 while the page was away; the server
    // joins the socket to the office's room before its snapshot (seq 20) is built, so 21 comes first.
    syncAnswer = snapshot(20, [a]);
    const display = io.of('/display');
    display.removeAllListeners('connection');
    let second: ServerSocket | undefined;
    display.on('connection', (socket: ServerSocket) => {
      second = socket;
      socket.on('queue:sync', (ack) => {
        syncs++;
        ack(syncAnswer);
      });
      socket.emit('ticket:issued', { seq: 21, ticket: b });
      socket.emit('queue:snapshot', snapshot(20, [a]));
      socket.emit('ticket:issued', { seq: 22, ticket: ticket('c', 'A003', 'waiting') });
    });
    first.conn.close(); // the node went away: the client reconnects on its own
    await until(store, (s) => s.connected && s.seq === 22);
    await roundTrip(second!);
    const state = store.state;
    expect(state.seq).toBe(22);
    expect(state.services).toEqual([{ code: 'birth', waiting: 3, estimatedWaitMinutes: 4 }]);
    expect(state.tickets.map((t) => t.number)).toEqual(['A001', 'A002', 'A003']);
    // Not taken for a gap: no second snapshot, which would have taken seq 21 and 22 back.
    expect(syncs).toBe(0);
  });

  it("asks for the server's figures again every refreshMs when told to (a kiosk)", async () => {
    await client;
    syncAnswer = snapshot(10, [ticket('a', 'A001', 'waiting')]);
    const kiosk = new QueueStore({
      namespace: '/display',
      auth: { office: 'kulob' },
      url,
      refreshMs: 100,
    });
    const before = syncs;
    kiosk.connect();
    try {
      await until(kiosk, (s) => s.ready);
      await waitFor(() => syncs >= before + 2, 'two refreshes');
    } finally {
      kiosk.disconnect();
    }
    // The store without the option never asked.
    expect(store.state.ready).toBe(true);
  });

  it('asks a kiosk’s figures at once when a transfer starts a line it has no wait for', async () => {
    await client;
    const kiosk = new QueueStore({
      namespace: '/display',
      auth: { office: 'kulob' },
      url,
      refreshMs: 60_000,
    });
    kiosk.connect();
    try {
      await until(kiosk, (s) => s.ready);
      const before = syncs;
      // A birth ticket sent on to death registration, where nobody waited: the server's figures
      // know that line's wait, the event does not.
      const moved = ticket('a', 'A001', 'waiting', { service: 'death' });
      syncAnswer = {
        ...snapshot(11, [moved]),
        services: [
          { code: 'birth', waiting: 0, estimatedWaitMinutes: 0 },
          { code: 'death', waiting: 1, estimatedWaitMinutes: 6 },
        ],
      };
      io.of('/display').emit('ticket:updated', { seq: 11, ticket: moved, was: 'waiting' });
      const state = await until(kiosk, (s) =>
        s.services.some((l) => l.code === 'death' && l.estimatedWaitMinutes === 6),
      );
      expect(state.services.find((l) => l.code === 'death')?.waiting).toBe(1);
      expect(syncs).toBe(before + 1);
    } finally {
      kiosk.disconnect();
    }
    // The display's store (no waits shown, no refreshMs) did not ask.
    await until(store, (s) => s.seq === 11);
    expect(syncs).toBeLessThanOrEqual(1);
  });

  it('reports the connection going down and coming back', async () => {
    await client;
    expect(store.connected).toBe(true);
    io.of('/display').disconnectSockets();
    await until(store, (s) => !s.connected);
    await until(store, (s) => s.connected);
  });
});
