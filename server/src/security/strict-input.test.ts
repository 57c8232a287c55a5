/** Unknown keys are refused, never silently dropped: `__proto__` in opening hours is a 400. */
import { startTestServer, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';

let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await login(server.url, 'admin');
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
