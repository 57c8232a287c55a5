/**
 * Unknown keys are refused, never silently dropped: `__proto__` in opening hours is a 400, an
 * unknown query parameter is a 400, an unknown handshake key refuses the socket.
 */
import { startTestServer, type TestServer } from '../testing/harness';
import { connectSocket, login, refusedSocket, request } from '../testing/client';

let server: TestServer;
let admin: string;
let clerk: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await login(server.url, 'admin');
  clerk = await login(server.url, 'clerk1');
});
afterAll(async () => server.close());

it.each([
  '{"openingHours":{"__proto__":{"open":"08:00","close":"17:00"}}}',
  '{"openingHours":{"monday":{"open":"08:00","close":"17:00"}}}',
  '{"openingHours":{"mon":{"open":"08:00","close":"17:00","extra":1}}}',
  '{"ticker":"x","__proto__":{"requireDevices":true}}',
])('refuses settings with an unknown key: %s', async (raw) => {
  const res = await request(server.url, 'PATCH', '/api/offices/kulob/settings', {
    token: admin,
    body: raw,
  });
  expect(res.status).toBe(400);
  const settings = await request(server.url, 'GET', '/api/offices/kulob/settings', {
    token: admin,
  });
  expect(settings.body.settings.openingHours).toBeNull();
  expect(settings.body.settings.requireDevices).toBe(false);
});

it('refuses a service whose names carry an unknown language', async () => {
  const res = await request(server.url, 'POST', '/api/offices/kulob/services', {
    token: admin,
    body: {
      code: 'extra',
      prefix: 'X',
      names: { tg: 'a', ru: 'b', uz: 'c', en: 'd', fr: 'e' },
    },
  });
  expect(res.status).toBe(400);
});

it('still takes opening hours with known days', async () => {
  const res = await request(server.url, 'PATCH', '/api/offices/kulob/settings', {
    token: admin,
    body: { openingHours: { mon: { open: '08:00', close: '17:00' } } },
  });
  expect(res.status).toBe(200);
  expect(res.body.settings.openingHours).toEqual({ mon: { open: '08:00', close: '17:00' } });
});

it.each([
  '/api/offices/kulob/audit?action=ticket.call&limit=5&extra=1',
  '/api/offices/kulob/reports/summary?from=2026-11-20&office=vose',
  '/api/offices/kulob/messages/totals?days=7&all=1',
  '/api/cases?status=submitted&sort=name',
])('refuses a query with an unknown parameter: %s', async (path) => {
  const res = await request(server.url, 'GET', path, { token: admin });
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('validation_failed');
  // The refusal says where the stranger is: the query, not a body the GET never had.
  const stranger = /&([a-z]+)=[^&]*$/.exec(path)?.[1] ?? '';
  expect(res.body.error.message).toMatch(/^\(query\): /);
  expect(res.body.error.message).toContain(stranger);
  // Without the stranger the same query is answered.
  const known = path.replace(/&[a-z]+=[^&]*$/, '');
  expect((await request(server.url, 'GET', known, { token: admin })).status).toBe(200);
});

it.each([
  ['/display', { office: 'kulob', role: 'admin' }],
  ['/kiosk', { office: 'kulob', ticket: 'x', printer: 'K1' }],
] as const)('refuses a %s handshake with an unknown key', async (nsp, auth) => {
  expect(await refusedSocket(server.url, nsp, auth)).toBe('validation_failed');
});

it('refuses a staff handshake with an unknown key, and takes it without', async () => {
  const auth = { office: 'kulob', token: clerk, counter: '1' };
  expect(await refusedSocket(server.url, '/counter', { ...auth, admin: 'true' })).toBe(
    'validation_failed',
  );
  const { socket } = await connectSocket(server.url, '/counter', auth);
  socket.close();
});

it('answers a body of thousands of unknown keys with a refusal of a few kilobytes', async () => {
  const keys = Object.fromEntries(
    Array.from({ length: 20_000 }, (_, i) => [`unknown_key_${i}`, 1]),
  );
  const body = JSON.stringify({ service: 'birth', ...keys });
  expect(body.length).toBeGreaterThan(400_000);
  const res = await fetch(`${server.url}/api/offices/kulob/tickets`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  const text = await res.text();
  expect(res.status).toBe(400);
  expect(text.length).toBeLessThan(4_000);
  const { error } = JSON.parse(text) as {
    error: { code: string; message: string; details: { issues: { message: string }[] } };
  };
  expect(error.code).toBe('validation_failed');
  expect(error.message).toMatch(/unknown_key_0/);
  expect(error.details.issues[0]!.message.endsWith('…')).toBe(true);
});

it('lists at most 20 issues and counts the rest', async () => {
  const res = await request(server.url, 'PATCH', '/api/offices/kulob/settings', {
    token: admin,
    body: {
      openingHours: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
          d,
          { open: 1, close: 2, breakStart: 3, breakEnd: 4 },
        ]),
      ),
    },
  });
  expect(res.status).toBe(400);
  const details = res.body.error.details as { issues: unknown[]; moreIssues?: number };
  expect(details.issues).toHaveLength(20);
  expect(details.moreIssues).toBeGreaterThan(0);
});
