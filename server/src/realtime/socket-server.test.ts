import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { connectSocket, login, refusedSocket, request, type QueueSocket } from '../testing/client';
import type { QueueSnapshot } from '../../protocol';

const OFFICE = '/api/offices/kulob';

interface Seen {
  name: string;
  payload: { seq: number; ticket?: Record<string, unknown>; counter?: Record<string, unknown> };
}

function record(socket: QueueSocket): Seen[] {
  const seen: Seen[] = [];
  socket.onAny((name: string, payload: Seen['payload']) => seen.push({ name, payload }));
  return seen;
}

async function waitFor(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(testDialects())('Socket.IO on %s', (dialect) => {
  let s: TestServer;
  let token: string;
  beforeAll(async () => {
    s = await startTestServer({ database: dialect });
    token = await login(s.url, 'clerk1');
  });
  afterAll(() => s.close());

  it("sends a snapshot on connect: today's queue, every counter, every service", async () => {
    const { socket, snapshot } = await connectSocket(s.url, '/display', { office: 'kulob' });
    socket.close();
    expect(snapshot.seq).toEqual(expect.any(Number));
    expect(Date.parse(snapshot.serverTime)).not.toBeNaN();
    expect(snapshot.counters.map((c) => c.number)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(snapshot.counters.every((c) => c.status === 'open')).toBe(true);
    expect(snapshot.services).toHaveLength(10);
    expect(snapshot.services[0]).toEqual({ code: 'birth', waiting: 0, estimatedWaitMinutes: 0 });
  });

  it.each([
    ['/display', { office: 'atlantis' }, 'not_found'],
    ['/kiosk', {}, 'validation_failed'],
    ['/counter', { office: 'kulob' }, 'unauthorized'],
    ['/counter', { office: 'kulob', token: 'forged' }, 'unauthorized'],
  ] as const)('refuses %s with %j: %s', async (ns, auth, code) => {
    expect(await refusedSocket(s.url, ns, auth)).toBe(code);
  });

  it('one acting, others watching: issue, call, start, recall and complete arrive in seq order', async () => {
    const display = await connectSocket(s.url, '/display', { office: 'kulob' });
    const kiosk = await connectSocket(s.url, '/kiosk', { office: 'kulob' });
    const counter = await connectSocket(s.url, '/counter', {
      office: 'kulob',
      token,
      counter: '2',
    });
    const watchers = [display, kiosk, counter].map((w) => ({ ...w, seen: record(w.socket) }));
    try {
      const issued = await request(s.url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'death' },
      });
      const id = issued.body.ticket.id as string;
      await request(s.url, 'POST', `${OFFICE}/counters/2/call-next`, { token });
      await request(s.url, 'POST', `/api/tickets/${id}/recall`, { token });
      await request(s.url, 'POST', `/api/tickets/${id}/start`, { token });
      await request(s.url, 'POST', `/api/tickets/${id}/complete`, { token });
      for (const w of watchers) {
        await waitFor(() => w.seen.length >= 9);
        expect(w.seen.map((e) => e.name)).toEqual([
          'ticket:issued',
          'ticket:called',
          'counter:updated',
          'ticket:called',
          'counter:updated',
          'ticket:updated',
          'counter:updated',
          'ticket:updated',
          'counter:updated',
        ]);
        const seqs = w.seen.map((e) => e.payload.seq);
        expect(seqs).toEqual(seqs.map((_, i) => w.snapshot.seq + 1 + i));
        const called = w.seen[1]!.payload.ticket!;
        expect(called).toMatchObject({ id, counter: '2', status: 'called' });
        expect(w.seen[3]!.payload.ticket).toMatchObject({ id, recalls: 1 });
        expect(w.seen[2]!.payload.counter).toMatchObject({ number: '2', ticket: { id } });
        expect(w.seen[8]!.payload.counter).not.toHaveProperty('ticket');
      }
      // Staff see the case link field; kiosks and displays never do.
      expect(watchers[2]!.seen[1]!.payload.ticket).toHaveProperty('caseNumber');
      for (const w of watchers.slice(0, 2)) {
        const text = JSON.stringify(w.seen);
        expect(text).not.toContain('caseNumber');
      }
    } finally {
      for (const w of watchers) w.socket.close();
    }
  });

  it('answers queue:sync with a fresh snapshot at the current seq', async () => {
    const { socket, snapshot } = await connectSocket(s.url, '/kiosk', { office: 'kulob' });
    try {
      await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'marriage' } });
      await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'marriage' } });
      const fresh = await new Promise<QueueSnapshot>((resolve) =>
        socket.emit('queue:sync', resolve),
      );
      expect(fresh.seq).toBe(snapshot.seq + 2);
      expect(fresh.services.find((x) => x.code === 'marriage')?.waiting).toBe(2);
      expect(fresh.tickets.filter((t) => t.status === 'waiting').map((t) => t.peopleAhead)).toEqual(
        [0, 1],
      );
    } finally {
      socket.close();
    }
  });
});
