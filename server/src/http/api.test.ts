import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';

const OFFICE = '/api/offices/kulob';

describe.each(testDialects())('REST API on %s', (dialect) => {
  describe('tickets at the kiosk', () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startTestServer({ database: dialect });
    });
    afterAll(() => s.close());

    it('lists every demo service with a prefix and names in four languages', async () => {
      const res = await request(s.url, 'GET', `${OFFICE}/services`);
      expect(res.status).toBe(200);
      const codes = res.body.map((x: { code: string }) => x.code);
      expect(codes).toEqual(
        expect.arrayContaining([
          'birth',
          'marriage',
          'divorce',
          'death',
          'paternity',
          'name_change',
          'certificate',
          'amendment',
          'pickup',
          'consultation',
        ]),
      );
      for (const service of res.body) {
        expect(service.prefix).toMatch(/^[A-Z]$/);
        expect(['X', 'Y', 'Z']).not.toContain(service.prefix);
        expect(Object.keys(service.names).sort()).toEqual(['en', 'ru', 'tg', 'uz']);
        expect(service.open).toBe(true);
      }
      const tajik = res.body.map((x: { names: { tg: string } }) => x.names.tg).join(' ');
      expect(tajik).toMatch(/[ғӣқӯҳҷ]/);
    });

    it('issues numbered tickets per service: A001, A002, then B001', async () => {
      const a1 = await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } });
      const a2 = await request(s.url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'birth', language: 'ru' },
      });
      const b1 = await request(s.url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'marriage', kiosk: 'K1' },
      });
      expect([a1.status, a2.status, b1.status]).toEqual([201, 201, 201]);
      expect([a1.body.ticket.number, a2.body.ticket.number, b1.body.ticket.number]).toEqual([
        'A001',
        'A002',
        'B001',
      ]);
      expect(a1.body.ticket).toMatchObject({
        office: 'kulob',
        service: 'birth',
        priority: 'none',
        status: 'waiting',
        recalls: 0,
      });
      expect(a2.body.ticket.peopleAhead).toBe(1);
      expect(a1.body.print).toEqual({ status: 'none' });
      expect(Date.parse(a1.body.ticket.issuedAt)).not.toBeNaN();
      expect(a1.body.ticket).not.toHaveProperty('caseNumber');
    });

    it('answers the same ticket for a repeated Idempotency-Key and makes no second one', async () => {
      const headers = { 'Idempotency-Key': 'tap-0001' };
      const first = await request(s.url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'death' },
        headers,
      });
      const again = await request(s.url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'death' },
        headers,
      });
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.body.ticket.id).toBe(first.body.ticket.id);
      const next = await request(s.url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'death' },
      });
      expect(next.body.ticket.number).toBe('D002');
      // The key with another request (another kiosk's, another service) is no repeat: refused,
      // and the first ticket and its holder key stay the first caller's.
      for (const body of [
        { service: 'death', kiosk: 'K1' },
        { service: 'birth' },
        { service: 'death', phone: '+992901234567' },
      ]) {
        const reused = await request(s.url, 'POST', `${OFFICE}/tickets`, { body, headers });
        expect([reused.status, reused.body.error.details, reused.body.ticket]).toEqual([
          409,
          { reason: 'idempotency_key_reused' },
          undefined,
        ]);
      }
      // A key the schema refuses names the header, not the body.
      const long = await request(s.url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'death' },
        headers: { 'Idempotency-Key': 'k'.repeat(101) },
      });
      expect([long.status, long.body.error.details.issues[0].field]).toEqual([
        400,
        'header Idempotency-Key',
      ]);
      // An empty key is one issue (too short), not two.
      const empty = await request(s.url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'death' },
        headers: { 'Idempotency-Key': '' },
      });
      expect(empty.status).toBe(400);
      expect(empty.body.error.details.issues).toEqual([
        expect.objectContaining({ field: 'header Idempotency-Key' }),
      ]);
    });

    it('refuses a key sent again with another phone: the phone given first keeps the ticket', async () => {
      const headers = { 'Idempotency-Key': 'tap-with-phone' };
      const body = { service: 'death', phone: '+992901112233' };
      const first = await request(s.url, 'POST', `${OFFICE}/tickets`, { body, headers });
      const again = await request(s.url, 'POST', `${OFFICE}/tickets`, { body, headers });
      expect([first.status, again.status, again.body.ticket.id]).toEqual([
        201,
        200,
        first.body.ticket.id,
      ]);
      for (const other of [{ service: 'death', phone: '+992909998877' }, { service: 'death' }]) {
        const reused = await request(s.url, 'POST', `${OFFICE}/tickets`, { body: other, headers });
        expect([reused.status, reused.body.error?.details, reused.body.ticket]).toEqual([
          409,
          { reason: 'idempotency_key_reused' },
          undefined,
        ]);
      }
    });

    it('answers a retried key with its ticket after the service closed, and a new key with 409', async () => {
      const headers = { 'Idempotency-Key': 'tap-before-closing' };
      const first = await request(s.url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'consultation' },
        headers,
      });
      expect(first.status).toBe(201);
      const admin = await login(s.url, 'admin');
      const patch = (open: boolean) =>
        request(s.url, 'PATCH', `${OFFICE}/services/consultation`, {
          token: admin,
          body: { open },
        });
      expect((await patch(false)).status).toBe(200);
      try {
        // The kiosk never heard the first answer and sends the tap again.
        const again = await request(s.url, 'POST', `${OFFICE}/tickets`, {
          body: { service: 'consultation' },
          headers,
        });
        expect(again.status).toBe(200);
        expect(again.body.ticket.id).toBe(first.body.ticket.id);
        const fresh = await request(s.url, 'POST', `${OFFICE}/tickets`, {
          body: { service: 'consultation' },
          headers: { 'Idempotency-Key': 'tap-after-closing' },
        });
        expect(fresh.status).toBe(409);
      } finally {
        expect((await patch(true)).status).toBe(200);
      }
    });

    it('gives ten simultaneous requests with one key exactly one new ticket', async () => {
      const headers = { 'Idempotency-Key': 'double-tap-77' };
      const all = await Promise.all(
        Array.from({ length: 10 }, () =>
          request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'divorce' }, headers }),
        ),
      );
      expect(all.filter((r) => r.status === 201)).toHaveLength(1);
      expect(all.filter((r) => r.status === 200)).toHaveLength(9);
      expect(new Set(all.map((r) => r.body.ticket.id)).size).toBe(1);
      const next = await request(s.url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'divorce' },
      });
      expect(next.body.ticket.number).toBe('C002');
    });

    it('shows a ticket by id with public fields only', async () => {
      const issued = await request(s.url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'pickup' },
      });
      const res = await request(s.url, 'GET', `/api/tickets/${issued.body.ticket.id}`);
      expect(res.status).toBe(200);
      expect(res.body.ticket).toMatchObject({
        id: issued.body.ticket.id,
        number: 'P001',
        status: 'waiting',
      });
      expect(res.body.ticket).not.toHaveProperty('caseNumber');
    });

    it('accepts a priority from the office list and refuses an unknown one', async () => {
      const ok = await request(s.url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'birth', priority: 'elderly' },
      });
      expect(ok.status).toBe(201);
      expect(ok.body.ticket.priority).toBe('elderly');
      const bad = await request(s.url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'birth', priority: 'vip' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('validation_failed');
    });

    it.each([
      ['broken JSON', '{"service":', 400, 'validation_failed'],
      ['a wrong type', { service: 5 }, 400, 'validation_failed'],
      ['an unknown field', { service: 'birth', colour: 'red' }, 400, 'validation_failed'],
      ['no service', {}, 400, 'validation_failed'],
      ['an unknown service', { service: 'teleport' }, 404, 'not_found'],
      [
        'an unknown case number',
        { service: 'pickup', caseNumber: 'KUL-2026-999999' },
        404,
        'not_found',
      ],
      ['an unknown kiosk', { service: 'birth', kiosk: 'K99' }, 400, 'validation_failed'],
      ['an unknown language', { service: 'birth', language: 'fr' }, 400, 'validation_failed'],
    ])('refuses %s with its code and issues nothing', async (_name, body, status, code) => {
      const before = await s.db.models.Ticket.count();
      const res = await request(s.url, 'POST', `${OFFICE}/tickets`, { body });
      expect(res.status).toBe(status);
      expect(res.body).toEqual({
        error: {
          code,
          message: expect.any(String) as string,
          ...(res.body.error.details ? { details: res.body.error.details } : {}),
        },
      });
      expect(await s.db.models.Ticket.count()).toBe(before);
    });

    it('answers 404 for an unknown office, ticket or route', async () => {
      const office = await request(s.url, 'GET', '/api/offices/atlantis/services');
      const ticket = await request(
        s.url,
        'GET',
        '/api/tickets/7b0a3c3e-0000-4000-8000-000000000000',
      );
      const notUuid = await request(s.url, 'GET', '/api/tickets/42');
      const route = await request(s.url, 'GET', '/api/nothing/here');
      for (const res of [office, ticket, notUuid, route]) {
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('not_found');
      }
    });

    it('refuses a body over 1 MiB with 413 payload_too_large', async () => {
      const res = await request(s.url, 'POST', `${OFFICE}/tickets`, {
        body: JSON.stringify({ service: 'birth', pad: 'x'.repeat(1_100_000) }),
      });
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('payload_too_large');
    });

    it('sends nosniff on every answer and a Content-Security-Policy', async () => {
      const api = await request(s.url, 'GET', `${OFFICE}/services`);
      const missing = await request(s.url, 'GET', '/api/nope');
      expect(api.headers.get('x-content-type-options')).toBe('nosniff');
      expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
      expect(api.headers.get('content-security-policy')).toContain("default-src 'self'");
    });

    it('reports health while the database answers', async () => {
      const res = await request(s.url, 'GET', '/api/health');
      expect(res).toMatchObject({ status: 200, body: { status: 'ok' } });
    });
  });

  describe('staff sessions', () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startTestServer({ database: dialect, loginAttempts: 3 });
    });
    afterAll(() => s.close());

    it('logs in with the demo password and answers the user', async () => {
      const res = await request(s.url, 'POST', '/api/auth/login', {
        body: { username: 'clerk1', password: 'demo' },
      });
      expect(res.status).toBe(200);
      expect(res.body.token).toEqual(expect.any(String));
      expect(res.body.user).toMatchObject({ username: 'clerk1', role: 'clerk' });
      expect(res.headers.get('set-cookie')).toMatch(/navbat_session=.*HttpOnly/i);
    });

    it('refuses staff routes without a token, with a forged one, and after logout', async () => {
      const path = `${OFFICE}/counters/1/call-next`;
      const none = await request(s.url, 'POST', path);
      const forged = await request(s.url, 'POST', path, { token: 'not-a-real-token' });
      expect([none.status, forged.status]).toEqual([401, 401]);
      expect(forged.body.error.code).toBe('unauthorized');
      const token = await login(s.url, 'clerk2');
      expect((await request(s.url, 'POST', path, { token })).status).toBe(200);
      const out = await request(s.url, 'POST', '/api/auth/logout', { token });
      expect(out.status).toBe(204);
      const after = await request(s.url, 'POST', path, { token });
      expect(after.status).toBe(401);
    });

    it('ends a session after its lifetime (12 hours)', async () => {
      let now = new Date('2026-11-25T04:00:00Z');
      const other = await startTestServer({ database: dialect, now: () => now });
      try {
        const token = await login(other.url, 'clerk1');
        const path = `${OFFICE}/counters/1/call-next`;
        now = new Date('2026-11-25T15:59:00Z');
        expect((await request(other.url, 'POST', path, { token })).status).toBe(200);
        now = new Date('2026-11-25T16:01:00Z');
        expect((await request(other.url, 'POST', path, { token })).status).toBe(401);
      } finally {
        await other.close();
      }
    });

    it('forbids the back office from working a window', async () => {
      const token = await login(s.url, 'back1');
      const res = await request(s.url, 'POST', `${OFFICE}/counters/1/call-next`, { token });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    });

    it('limits failed logins from one address with 429 rate_limited', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await request(s.url, 'POST', '/api/auth/login', {
          body: { username: 'clerk3', password: 'wrong' },
        });
        codes.push(res.status);
        if (res.status === 429) expect(res.body.error.code).toBe('rate_limited');
      }
      expect(codes).toEqual([401, 401, 401, 429]);
    });
  });

  describe('a window calling and serving', () => {
    let s: TestServer;
    let token: string;
    const issue = async (service: string, priority?: string) =>
      (await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service, priority } })).body
        .ticket;
    const act = (id: string, action: string) =>
      request(s.url, 'POST', `/api/tickets/${id}/${action}`, { token });
    const callNext = (counter: string) =>
      request(s.url, 'POST', `${OFFICE}/counters/${counter}/call-next`, { token });

    beforeAll(async () => {
      s = await startTestServer({ database: dialect });
      token = await login(s.url, 'clerk1');
    });
    afterAll(() => s.close());

    it('answers ticket:null when nobody waits', async () => {
      const res = await callNext('5');
      expect(res).toMatchObject({ status: 200, body: { ticket: null } });
    });

    it('walks waiting → called → serving → done and refuses a wrong state with 409', async () => {
      const t = await issue('pickup');
      const called = await callNext('5');
      expect(called.body.ticket).toMatchObject({ id: t.id, status: 'called', counter: '5' });
      expect(called.body.ticket.calledAt).toEqual(expect.any(String));
      expect((await act(t.id, 'complete')).status).toBe(200);
      expect((await act(t.id, 'start')).body.error.code).toBe('illegal_transition');

      const u = await issue('pickup');
      await callNext('5');
      const busy = await callNext('5');
      expect(busy.status).toBe(409);
      expect(busy.body.error.code).toBe('counter_busy');
      const recalled = await act(u.id, 'recall');
      expect(recalled.body.ticket.recalls).toBe(1);
      expect((await act(u.id, 'start')).body.ticket.status).toBe('serving');
      expect((await act(u.id, 'no-show')).status).toBe(409);
      const done = await act(u.id, 'complete');
      expect(done.body.ticket.status).toBe('done');
      expect((await act(u.id, 'complete')).status).toBe(409);
    });

    it('marks a called ticket no-show and frees the window', async () => {
      const t = await issue('pickup');
      await callNext('5');
      expect((await act(t.id, 'no-show')).body.ticket.status).toBe('no_show');
      expect((await callNext('5')).body).toEqual({ ticket: null });
    });

    it('calls only what the window serves', async () => {
      const t = await issue('marriage');
      expect((await callNext('5')).body.ticket).toBeNull();
      const called = await callNext('4');
      expect(called.body.ticket.id).toBe(t.id);
      await act(t.id, 'complete');
    });

    it('transfers a ticket to another service keeping its number and place', async () => {
      const early = await issue('birth');
      const later = await issue('pickup');
      const called = await callNext('3');
      expect(called.body.ticket.id).toBe(early.id);
      const moved = await request(s.url, 'POST', `/api/tickets/${early.id}/transfer`, {
        token,
        body: { service: 'pickup' },
      });
      expect(moved.status).toBe(200);
      expect(moved.body.ticket).toMatchObject({
        number: early.number,
        status: 'waiting',
        service: 'pickup',
        issuedAt: early.issuedAt,
      });
      expect(moved.body.ticket.counter).toBeUndefined();
      // Issued before `later`, so counter 5 calls it first.
      expect((await callNext('5')).body.ticket.id).toBe(early.id);
      await act(early.id, 'complete');
      expect((await callNext('5')).body.ticket.id).toBe(later.id);
      await act(later.id, 'complete');
    });

    it('transfers to a given window, which alone calls it', async () => {
      const t = await issue('consultation');
      await callNext('1');
      await request(s.url, 'POST', `/api/tickets/${t.id}/transfer`, {
        token,
        body: { counter: '5' },
      });
      expect((await callNext('1')).body.ticket).toBeNull();
      expect((await callNext('5')).body.ticket.id).toBe(t.id);
      await act(t.id, 'complete');
      const bad = await request(s.url, 'POST', `/api/tickets/${t.id}/transfer`, {
        token,
        body: { counter: '5' },
      });
      expect(bad.status).toBe(409);
      const none = await request(s.url, 'POST', `/api/tickets/${t.id}/transfer`, {
        token,
        body: {},
      });
      expect(none.status).toBe(400);
    });

    it('serves priority first, but the oldest ordinary ticket after two priority calls', async () => {
      const n1 = await issue('certificate');
      const p1 = await issue('certificate', 'disability');
      const p2 = await issue('certificate', 'elderly');
      const p3 = await issue('certificate', 'pregnant');
      const order: string[] = [];
      for (let i = 0; i < 4; i++) {
        const t = (await callNext('5')).body.ticket;
        order.push(t.id);
        await act(t.id, 'complete');
      }
      expect(order).toEqual([p1.id, p2.id, n1.id, p3.id]);
    });
  });
});
