import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { connectSocket, login, request } from '../testing/client';
import type { CounterState } from '../../protocol';

const OFFICE = '/api/offices/kulob';

describe.each(testDialects())('window commands on %s', (dialect) => {
  let s: TestServer;
  let clerk: string;
  let back: string;
  beforeAll(async () => {
    s = await startTestServer({ database: dialect });
    [clerk, back] = await Promise.all([login(s.url, 'clerk1'), login(s.url, 'back1')]);
  });
  afterAll(() => s.close());

  async function issue(service: string): Promise<{ id: string; number: string }> {
    const res = await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service } });
    expect(res.status).toBe(201);
    return res.body.ticket;
  }

  async function finish(counter: string): Promise<void> {
    const q = await request(s.url, 'GET', `${OFFICE}/queue`, { token: clerk });
    const held = (q.body.counters as CounterState[]).find((c) => c.number === counter)?.ticket;
    if (held) await request(s.url, 'POST', `/api/tickets/${held.id}/complete`, { token: clerk });
  }

  it('calls the chosen waiting ticket, passing over older ones', async () => {
    const older = await issue('birth');
    const chosen = await issue('birth');
    const res = await request(s.url, 'POST', `${OFFICE}/counters/1/call`, {
      token: clerk,
      body: { ticketId: chosen.id },
    });
    expect(res.status).toBe(200);
    expect(res.body.ticket).toMatchObject({ id: chosen.id, status: 'called', counter: '1' });
    const ticket = await request(s.url, 'GET', `/api/tickets/${older.id}`);
    expect(ticket.body.ticket.status).toBe('waiting');
    await finish('1');
  });

  it('refuses a busy window, a ticket no longer waiting, and the back office', async () => {
    const a = await issue('birth');
    const b = await issue('birth');
    const first = await request(s.url, 'POST', `${OFFICE}/counters/2/call`, {
      token: clerk,
      body: { ticketId: a.id },
    });
    expect(first.status).toBe(200);
    const busy = await request(s.url, 'POST', `${OFFICE}/counters/2/call`, {
      token: clerk,
      body: { ticketId: b.id },
    });
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('counter_busy');
    const taken = await request(s.url, 'POST', `${OFFICE}/counters/3/call`, {
      token: clerk,
      body: { ticketId: a.id },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('illegal_transition');
    const forbidden = await request(s.url, 'POST', `${OFFICE}/counters/4/call`, {
      token: back,
      body: { ticketId: b.id },
    });
    expect(forbidden.status).toBe(403);
    const bad = await request(s.url, 'POST', `${OFFICE}/counters/4/call`, {
      token: clerk,
      body: { ticketId: 'nope' },
    });
    expect(bad.status).toBe(400);
    await finish('2');
    await request(s.url, 'POST', `${OFFICE}/counters/4/call`, {
      token: clerk,
      body: { ticketId: b.id },
    });
    await finish('4');
  });

  it('refuses to call a ticket sent to another window', async () => {
    const t = await issue('birth');
    await request(s.url, 'POST', `${OFFICE}/counters/1/call`, {
      token: clerk,
      body: { ticketId: t.id },
    });
    const sent = await request(s.url, 'POST', `/api/tickets/${t.id}/transfer`, {
      token: clerk,
      body: { counter: '5', note: 'documents checked' },
    });
    expect(sent.status).toBe(200);
    const elsewhere = await request(s.url, 'POST', `${OFFICE}/counters/1/call`, {
      token: clerk,
      body: { ticketId: t.id },
    });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error.code).toBe('conflict');
    const there = await request(s.url, 'POST', `${OFFICE}/counters/5/call`, {
      token: clerk,
      body: { ticketId: t.id },
    });
    expect(there.status).toBe(200);
    await finish('5');
  });

  it('pauses a window with a reason, live, and it calls nobody until resumed', async () => {
    const { socket } = await connectSocket(s.url, '/counter', { office: 'kulob', token: clerk });
    try {
      const seen = new Promise<CounterState>((resolve) => {
        socket.on('counter:updated', ({ counter }) => {
          if (counter.number === '6' && counter.status === 'paused') resolve(counter);
        });
      });
      const paused = await request(s.url, 'POST', `${OFFICE}/counters/6/pause`, {
        token: clerk,
        body: { reason: 'Танаффус' },
      });
      expect(paused.status).toBe(200);
      expect(paused.body.counter).toMatchObject({
        number: '6',
        status: 'paused',
        pauseReason: 'Танаффус',
      });
      expect(await seen).toMatchObject({ pauseReason: 'Танаффус' });
      await issue('consultation');
      const refused = await request(s.url, 'POST', `${OFFICE}/counters/6/call-next`, {
        token: clerk,
      });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('conflict');
      const snapshot = await request(s.url, 'GET', `${OFFICE}/queue`, { token: clerk });
      const six = (snapshot.body.counters as CounterState[]).find((c) => c.number === '6');
      expect(six).toMatchObject({ status: 'paused', pauseReason: 'Танаффус' });
      const resumed = await request(s.url, 'POST', `${OFFICE}/counters/6/resume`, {
        token: clerk,
      });
      expect(resumed.status).toBe(200);
      expect(resumed.body.counter.status).toBe('open');
      expect(resumed.body.counter).not.toHaveProperty('pauseReason');
      const called = await request(s.url, 'POST', `${OFFICE}/counters/6/call-next`, {
        token: clerk,
      });
      expect(called.status).toBe(200);
      await finish('6');
    } finally {
      socket.close();
    }
  });

  it('does not pause a window while a citizen is called to it', async () => {
    const ticket = await issue('consultation');
    const called = await request(s.url, 'POST', `${OFFICE}/counters/6/call-next`, { token: clerk });
    expect(called.body.ticket.id).toBe(ticket.id);
    const refused = await request(s.url, 'POST', `${OFFICE}/counters/6/pause`, {
      token: clerk,
      body: { reason: 'Танаффус' },
    });
    expect([refused.status, refused.body.error.code, refused.body.error.details]).toEqual([
      409,
      'counter_busy',
      { ticket: ticket.id, number: ticket.number },
    ]);
    const snapshot = await request(s.url, 'GET', `${OFFICE}/queue`, { token: clerk });
    const six = (snapshot.body.counters as CounterState[]).find((c) => c.number === '6');
    expect(six?.status).toBe('open');
    await finish('6');
    const paused = await request(s.url, 'POST', `${OFFICE}/counters/6/pause`, {
      token: clerk,
      body: { reason: 'Танаффус' },
    });
    expect(paused.status).toBe(200);
    await request(s.url, 'POST', `${OFFICE}/counters/6/resume`, { token: clerk });
  });

  it('wants a reason to pause', async () => {
    const res = await request(s.url, 'POST', `${OFFICE}/counters/1/pause`, {
      token: clerk,
      body: { reason: '  ' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });
});
