/**
 * A busy office's public snapshot: every window holding a ticket, calls behind them and a long line
 * in every service. It stays under 10 KB, repeats no held call, and the hall display still shows
 * the day's last calls with the held ones among them.
 */
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { connectSocket, login, request } from '../testing/client';
import { QueueStore } from '../../../ui/queue-store';
import { RECENT_CALLS_IN_SNAPSHOT } from '../../protocol/constants';
import { waitFor } from '../testing/wait';

const OFFICE = '/api/offices/kulob';
const WAITING = 60;
/** The windows that hold a ticket, and who works at each. */
const WINDOWS = [
  ['1', 'clerk1'],
  ['2', 'clerk2'],
  ['3', 'clerk3'],
  ['4', 'clerk4'],
  ['5', 'admin'],
] as const;

describe.each(testDialects())('a busy office on %s', (dialect) => {
  let s: TestServer;
  const held: string[] = [];
  beforeAll(async () => {
    s = await startTestServer({ database: dialect });
    const services = (await request(s.url, 'GET', `${OFFICE}/services`)).body as { code: string }[];
    for (let i = 0; i < WAITING; i++) {
      const service = services[i % services.length]!.code;
      const res = await request(s.url, 'POST', `${OFFICE}/tickets`, {
        body: { service, language: 'tg' },
      });
      expect(res.status).toBe(201);
    }
    // Three rounds of calls at every window, the last still held: 15 calls, the last 5 held.
    const tokens = await Promise.all(WINDOWS.map(([, user]) => login(s.url, user)));
    const path = (i: number) => `${OFFICE}/counters/${WINDOWS[i]![0]}`;
    for (const [i, token] of tokens.entries()) {
      expect((await request(s.url, 'POST', `${path(i)}/session`, { token })).status).toBe(200);
    }
    for (let round = 0; round < 3; round++) {
      for (const [i, token] of tokens.entries()) {
        const called = await request(s.url, 'POST', `${path(i)}/call-next`, { token });
        const id = called.body.ticket.id as string;
        if (round < 2) {
          const done = await request(s.url, 'POST', `/api/tickets/${id}/complete`, { token });
          expect(done.status).toBe(200);
        } else held.push(id);
      }
    }
  }, 120_000);
  afterAll(() => s.close());

  it('sends displays under 10 KB, with the held calls once and the counts whole', async () => {
    const { socket, snapshot } = await connectSocket(s.url, '/display', { office: 'kulob' });
    socket.close();
    expect(Buffer.byteLength(JSON.stringify(snapshot))).toBeLessThan(10_000);
    const calls = snapshot.tickets.filter((t) => t.status !== 'waiting').map((t) => t.id);
    expect(calls.sort()).toEqual([...held].sort());
    for (const c of snapshot.counters.filter((c) => c.ticket)) expect(held).toContain(c.ticket!.id);
    const recent = (snapshot.recentCalls ?? []).map((t) => t.id);
    expect(recent.filter((id) => held.includes(id))).toEqual([]);
    expect(recent).toHaveLength(RECENT_CALLS_IN_SNAPSHOT - held.length);
    expect(snapshot.waitingListed).toBe('head');
    expect(snapshot.services.reduce((n, l) => n + l.waiting, 0)).toBe(WAITING - 15);
  });

  it('lets a reloaded hall display show the last calls, the held ones among them', async () => {
    const display = new QueueStore({
      namespace: '/display',
      auth: { office: 'kulob' },
      url: s.url,
    });
    try {
      display.connect();
      await waitFor(() => display.state.ready, 'the display ready');
      const shown = display.state.recentCalls.map((t) => t.id);
      expect(shown).toHaveLength(RECENT_CALLS_IN_SNAPSHOT);
      for (const id of held) expect(shown).toContain(id);
      // Newest first: the last window's call is "now calling".
      expect(shown[0]).toBe(held[held.length - 1]);
    } finally {
      display.disconnect();
    }
  });
});
