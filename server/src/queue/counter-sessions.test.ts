import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { connectSocket, login, request, type QueueSocket } from '../testing/client';
import type { AuditEntry, CounterState } from '../../protocol';

const OFFICE = '/api/offices/kulob';

/** Resolves with the first `counter:updated` of `number` that `match` accepts. */
function counterSeen(
  socket: QueueSocket,
  number: string,
  match: (c: CounterState) => boolean,
): Promise<CounterState> {
  return new Promise((resolve) => {
    const on = ({ counter }: { counter: CounterState }) => {
      if (counter.number === number && match(counter)) {
        socket.off('counter:updated', on);
        resolve(counter);
      }
    };
    socket.on('counter:updated', on);
  });
}

describe.each(testDialects())('one window, one clerk on %s', (dialect) => {
  let s: TestServer;
  let one: string;
  let three: string;
  let admin: string;
  let consoleOne: QueueSocket;
  let consoleThree: QueueSocket;

  beforeAll(async () => {
    s = await startTestServer({ database: dialect });
    [one, three, admin] = await Promise.all([
      login(s.url, 'clerk1'),
      login(s.url, 'clerk3'),
      login(s.url, 'admin'),
    ]);
    consoleOne = (await connectSocket(s.url, '/counter', { office: 'kulob', token: one })).socket;
    consoleThree = (await connectSocket(s.url, '/counter', { office: 'kulob', token: three }))
      .socket;
  });
  afterAll(async () => {
    consoleOne.close();
    consoleThree.close();
    await s.close();
  });

  const session = (counter: string, token: string, body?: object) =>
    request(s.url, 'POST', `${OFFICE}/counters/${counter}/session`, { token, body });

  async function issue(service = 'consultation'): Promise<string> {
    const res = await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service } });
    return res.body.ticket.id as string;
  }

  it('refuses a held window to another clerk, naming who holds it, and its commands too', async () => {
    const seenByThree = counterSeen(consoleThree, '1', (c) => c.clerk?.name !== undefined);
    const taken = await session('1', one);
    expect(taken.status).toBe(200);
    expect(taken.body.counter).toMatchObject({ number: '1', clerk: { name: expect.any(String) } });
    const clerkOne = taken.body.counter.clerk as { id: number; name: string };
    expect(await seenByThree).toMatchObject({ clerk: clerkOne });

    const refused = await session('1', three);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('counter_taken');
    expect(refused.body.error.details).toEqual({ user: clerkOne, since: expect.any(String) });

    const waiting = await issue();
    const attempts: Array<[string, string, object?]> = [
      ['POST', `${OFFICE}/counters/1/call-next`],
      ['POST', `${OFFICE}/counters/1/call`, { ticketId: waiting }],
      ['POST', `${OFFICE}/counters/1/pause`, { reason: 'break' }],
      ['POST', `${OFFICE}/counters/1/resume`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await request(s.url, method, path, { token: three, body });
      expect([path, res.status, res.body.error?.code]).toEqual([path, 409, 'counter_taken']);
    }
    // The holder works as always; the ticket at the window is out of the other clerk's reach.
    const called = await request(s.url, 'POST', `${OFFICE}/counters/1/call-next`, { token: one });
    expect(called.status).toBe(200);
    const id = called.body.ticket.id as string;
    for (const action of ['recall', 'start', 'no-show', 'complete']) {
      const res = await request(s.url, 'POST', `/api/tickets/${id}/${action}`, { token: three });
      expect([action, res.status, res.body.error?.code]).toEqual([action, 409, 'counter_taken']);
    }
    const transfer = await request(s.url, 'POST', `/api/tickets/${id}/transfer`, {
      token: three,
      body: { service: 'birth' },
    });
    expect(transfer.body.error?.code).toBe('counter_taken');
    expect(
      (await request(s.url, 'POST', `/api/tickets/${id}/complete`, { token: one })).status,
    ).toBe(200);

    const snapshot = await request(s.url, 'GET', `${OFFICE}/queue`, { token: three });
    const counters = snapshot.body.counters as CounterState[];
    expect(counters.find((c) => c.number === '1')?.clerk).toEqual(clerkOne);
    expect(counters.find((c) => c.number === '2')?.clerk).toBeNull();
    // The hall and the kiosk never learn who works where.
    const { socket: hall, snapshot: publicSnapshot } = await connectSocket(s.url, '/display', {
      office: 'kulob',
    });
    hall.close();
    expect(JSON.stringify(publicSnapshot.counters)).not.toContain('clerk');
  });

  it('lets any clerk work a window nobody holds', async () => {
    await issue();
    const res = await request(s.url, 'POST', `${OFFICE}/counters/2/call-next`, { token: three });
    expect(res.status).toBe(200);
    await request(s.url, 'POST', `/api/tickets/${res.body.ticket.id}/complete`, { token: three });
  });

  it('takes over on request, audited, and the first console is told at once', async () => {
    const toldOne = counterSeen(consoleOne, '1', (c) => c.clerk?.name !== undefined);
    const taken = await session('1', three, { takeover: true });
    expect(taken.status).toBe(200);
    const clerkThree = taken.body.counter.clerk as { id: number; name: string };
    expect(await toldOne).toMatchObject({ clerk: clerkThree });
    const mine = await request(s.url, 'POST', `${OFFICE}/counters/1/pause`, {
      token: one,
      body: { reason: 'x' },
    });
    expect(mine.body.error.code).toBe('counter_taken');
    const audit = await request(s.url, 'GET', `${OFFICE}/audit?action=counter.takeover`, {
      token: admin,
    });
    const actions = JSON.stringify(audit.body);
    expect(actions).toContain('counter.takeover');
  });

  it('moves a session to its new window and frees the old one', async () => {
    const freed = counterSeen(consoleOne, '1', (c) => c.clerk === null);
    expect((await session('4', three)).status).toBe(200);
    expect(await freed).toMatchObject({ number: '1', clerk: null });
    const left = await request(s.url, 'DELETE', `${OFFICE}/counters/4/session`, { token: three });
    expect(left.status).toBe(200);
    expect(left.body.counter.clerk).toBeNull();
  });

  it('frees every window of a session at logout, of a disabled user, and of an expired session', async () => {
    const clerk2 = await login(s.url, 'clerk2');
    expect((await session('5', clerk2)).status).toBe(200);
    const freedAtLogout = counterSeen(consoleOne, '5', (c) => c.clerk === null);
    expect((await request(s.url, 'POST', '/api/auth/logout', { token: clerk2 })).status).toBe(204);
    expect(await freedAtLogout).toMatchObject({ clerk: null });

    const clerk4 = await login(s.url, 'clerk4');
    expect((await session('6', clerk4)).status).toBe(200);
    const freedAtDisable = counterSeen(consoleOne, '6', (c) => c.clerk === null);
    const disabled = await request(s.url, 'PATCH', '/api/users/clerk4', {
      token: admin,
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    expect(await freedAtDisable).toMatchObject({ clerk: null });
    await request(s.url, 'PATCH', '/api/users/clerk4', { token: admin, body: { disabled: false } });

    // An expired session (its end moved into the past) holds nothing: the window is free to take.
    const clerk2again = await login(s.url, 'clerk2');
    expect((await session('5', clerk2again)).status).toBe(200);
    await s.db.sequelize.query(
      "UPDATE sessions SET expires_at = :past WHERE user_id = (SELECT id FROM users WHERE username = 'clerk2')",
      { replacements: { past: new Date(Date.now() - 60_000) } },
    );
    expect((await session('5', one)).status).toBe(200);
  });

  it('sends a ticket at a window whose clerk was disabled or signed out back to its line, in its place', async () => {
    const issueFor = async (service: string) =>
      (await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service } })).body.ticket as {
        id: string;
        issuedAt: string;
      };
    const ticket = async (id: string) =>
      (await request(s.url, 'GET', `/api/tickets/${id}`)).body.ticket;
    const { socket: hall } = await connectSocket(s.url, '/display', { office: 'kulob' });
    try {
      // A disabled clerk with a citizen called to the window: nobody would serve them there.
      const clerk4 = await login(s.url, 'clerk4');
      expect((await session('6', clerk4)).status).toBe(200);
      const [first, second] = [await issueFor('paternity'), await issueFor('paternity')];
      const call = { token: clerk4, body: { ticketId: first.id } };
      expect((await request(s.url, 'POST', `${OFFICE}/counters/6/call`, call)).status).toBe(200);
      // And a citizen sent to window 6 from window 5: no other window may call them.
      const sent = await issueFor('pickup');
      const at5 = { token: one, body: { ticketId: sent.id } };
      expect((await request(s.url, 'POST', `${OFFICE}/counters/5/call`, at5)).status).toBe(200);
      const to6 = { token: one, body: { counter: '6' } };
      const transfer = await request(s.url, 'POST', `/api/tickets/${sent.id}/transfer`, to6);
      expect(transfer.body.ticket).toMatchObject({ status: 'waiting', targetCounter: '6' });
      const backInLine = new Promise<{ status: string; counter?: string | null }>((resolve) =>
        hall.on('ticket:updated', ({ ticket: t }) => t.id === first.id && resolve(t)),
      );
      const windowFreed = counterSeen(consoleOne, '6', (c) => c.clerk === null);
      const disabled = await request(s.url, 'PATCH', '/api/users/clerk4', {
        token: admin,
        body: { disabled: true },
      });
      expect(disabled.status).toBe(200);
      const [returned, after] = [await ticket(first.id), await ticket(second.id)];
      expect(returned).toMatchObject({ status: 'waiting', issuedAt: first.issuedAt });
      expect(returned.counter).toBeUndefined();
      expect(returned.peopleAhead).toBeLessThan(after.peopleAhead);
      const freed = await ticket(sent.id);
      expect(freed).toMatchObject({ status: 'waiting', issuedAt: sent.issuedAt });
      expect(freed.targetCounter).toBeUndefined();
      expect(await backInLine).toMatchObject({ status: 'waiting' });
      expect((await windowFreed).ticket).toBeUndefined();
      await request(s.url, 'PATCH', '/api/users/clerk4', {
        token: admin,
        body: { disabled: false },
      });

      // A clerk serving someone whose session is ended by a sign-out from elsewhere (the API).
      const clerk2 = await login(s.url, 'clerk2');
      expect((await session('2', clerk2)).status).toBe(200);
      const served = await issueFor('death');
      const at2 = { token: clerk2, body: { ticketId: served.id } };
      expect((await request(s.url, 'POST', `${OFFICE}/counters/2/call`, at2)).status).toBe(200);
      const start = `/api/tickets/${served.id}/start`;
      expect((await request(s.url, 'POST', start, { token: clerk2 })).status).toBe(200);
      expect((await request(s.url, 'POST', '/api/auth/logout', { token: clerk2 })).status).toBe(
        204,
      );
      expect(await ticket(served.id)).toMatchObject({ status: 'waiting' });

      const audit = await request(s.url, 'GET', `${OFFICE}/audit?action=ticket.transfer`, {
        token: admin,
      });
      const rows = (audit.body.entries as AuditEntry[]).filter(
        (e) => [first.id, sent.id, served.id].includes(e.entityId) && e.actor === 'system',
      );
      expect(rows.map((e) => [e.entityId, e.actor, e.after])).toEqual(
        [served, sent, first].map(({ id }) => [
          id,
          'system',
          expect.objectContaining({ status: 'waiting', counter: null, note: 'session ended' }),
        ]),
      );
    } finally {
      hall.close();
    }
  });
});
