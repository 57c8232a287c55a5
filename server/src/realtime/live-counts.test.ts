/**
 * Pages that stay open all day agree with the server: the waiting counts after a no-show taken
 * back (the ticket returns to its window, or to the line), and the previous calls after a call is
 * taken back by a transfer. A page knows only the head of a long line and no ended ticket, so the
 * events say what the ticket was (`was`), and a call list left short asks for the server's.
 */
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';
import { QueueStore } from '../../../ui/queue-store';
import { RECENT_CALLS_IN_SNAPSHOT } from '../../protocol/constants';
import type { StaffTicket, Ticket } from '../../protocol';
import { waitFor } from '../testing/wait';

const OFFICE = '/api/offices/kulob';
const WINDOW = `${OFFICE}/counters/1`;

describe.each(testDialects())('pages open all day on %s', (dialect) => {
  let s: TestServer;
  let token: string;
  let display: QueueStore;
  let console_: QueueStore<StaffTicket>;

  beforeAll(async () => {
    s = await startTestServer({ database: dialect });
    // A line longer than a public snapshot lists: the display knows only its head.
    for (let i = 0; i < 30; i++) {
      await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } });
    }
    token = await login(s.url, 'clerk1');
    expect((await request(s.url, 'POST', `${WINDOW}/session`, { token })).status).toBe(200);
    display = new QueueStore({ namespace: '/display', auth: { office: 'kulob' }, url: s.url });
    console_ = new QueueStore<StaffTicket>({
      namespace: '/counter',
      auth: { office: 'kulob', token },
      url: s.url,
    });
    display.connect();
    console_.connect();
    await waitFor(() => display.state.ready && console_.state.ready, 'the pages ready');
  }, 60_000);
  afterAll(async () => {
    display.disconnect();
    console_.disconnect();
    await s.close();
  });

  const post = async (path: string, body: object = {}) => {
    const res = await request(s.url, 'POST', path, { token, body });
    expect(res.status).toBe(200);
    return res.body.ticket as Ticket;
  };

  /** The server's counts, once both pages have applied every event up to now. */
  async function expectPagesAgree(): Promise<void> {
    const truth = await s.app.queue.snapshot('kulob');
    await waitFor(
      () => display.state.seq >= truth.seq && console_.state.seq >= truth.seq,
      `the pages at seq ${truth.seq}`,
    );
    const counts = (services: readonly { code: string; waiting: number }[]) =>
      Object.fromEntries(services.map((l) => [l.code, l.waiting]));
    expect(counts(display.state.services)).toEqual(counts(truth.services));
    expect(counts(console_.state.services)).toEqual(counts(truth.services));
  }

  it('keeps the counts when a no-show is taken back to its window', async () => {
    const called = await post(`${WINDOW}/call-next`);
    await post(`/api/tickets/${called.id}/no-show`);
    await expectPagesAgree();
    const back = await post(`/api/tickets/${called.id}/undo-no-show`);
    expect(back.status).toBe('called');
    await expectPagesAgree();
    await post(`/api/tickets/${called.id}/complete`);
  });

  it('keeps the counts when a no-show is taken back into the line', async () => {
    const missed = await post(`${WINDOW}/call-next`);
    await post(`/api/tickets/${missed.id}/no-show`);
    const next = await post(`${WINDOW}/call-next`);
    const back = await post(`/api/tickets/${missed.id}/undo-no-show`);
    expect(back.status).toBe('waiting');
    await expectPagesAgree();
    await post(`/api/tickets/${next.id}/complete`);
  });

  it('shows the same previous calls as a page just opened after a call is transferred', async () => {
    for (let i = 0; i < RECENT_CALLS_IN_SNAPSHOT + 1; i++) {
      const called = await post(`${WINDOW}/call-next`);
      await post(`/api/tickets/${called.id}/complete`);
    }
    const sent = await post(`${WINDOW}/call-next`);
    await post(`/api/tickets/${sent.id}/transfer`, { service: 'marriage' });
    const fresh = new QueueStore({ namespace: '/display', auth: { office: 'kulob' }, url: s.url });
    try {
      fresh.connect();
      await waitFor(() => fresh.state.ready, 'a display just opened');
      const ids = (calls: readonly Ticket[]) => calls.map((t) => t.id);
      expect(fresh.state.recentCalls).toHaveLength(RECENT_CALLS_IN_SNAPSHOT);
      expect(ids(fresh.state.recentCalls)).not.toContain(sent.id);
      await waitFor(
        () =>
          display.state.seq >= fresh.state.seq &&
          ids(display.state.recentCalls).join() === ids(fresh.state.recentCalls).join(),
        'the open display showing the same calls',
      );
    } finally {
      fresh.disconnect();
    }
    await expectPagesAgree();
  });
});
