/**
 * Cross-site request forgery: a page of another origin (another port of the same host included)
 * cannot make a signed-in clerk's or admin's browser act, because the session cookie authorises
 * no write; the admin's CSV download (a read from our own page) still works with the cookie.
 */
import { startTestServer, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';

let server: TestServer;
let cookie: string;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'demo' }),
  });
  cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  token = ((await res.json()) as { token: string }).token;
  expect(cookie).toMatch(/^navbat_session=/);
});
afterAll(async () => server.close());

// What a browser sends for a page at http://127.0.0.1:<other port> posting to us.
const FOREIGN = { origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'same-site' };

const WRITES: Array<[string, string, unknown]> = [
  ['POST', '/api/offices/kulob/counters/1/call-next', undefined],
  ['POST', '/api/offices/kulob/day/close', undefined],
  ['POST', '/api/offices/kulob/devices/K1/pair', undefined],
  ['PATCH', '/api/offices/kulob/settings', { ticker: 'pwned' }],
  ['POST', '/api/users', { username: 'evil', password: 'evil1', role: 'admin', name: 'E' }],
];

it.each(WRITES)(
  'refuses a cookie-only %s %s from a page of another origin',
  async (method, path, body) => {
    const res = await request(server.url, method, path, {
      body: body ?? {},
      headers: { cookie, ...FOREIGN, 'content-type': 'text/plain' },
    });
    expect([401, 403]).toContain(res.status);
  },
);

it.each(WRITES)(
  'refuses a cookie-only %s %s even from a browser that sends no fetch metadata',
  async (method, path, body) => {
    const res = await request(server.url, method, path, { body: body ?? {}, headers: { cookie } });
    expect(res.status).toBe(401);
  },
);

it('refuses a write from another site even with a token', async () => {
  const res = await request(server.url, 'POST', '/api/offices/kulob/counters/1/call-next', {
    token,
    headers: FOREIGN,
  });
  expect(res.status).toBe(403);
});

it('refuses a write with a token from a foreign Origin when the browser sends no fetch metadata', async () => {
  for (const origin of ['http://127.0.0.1:1', 'https://evil.example', 'null']) {
    const res = await request(server.url, 'POST', '/api/offices/kulob/counters/1/call-next', {
      token,
      headers: { origin },
    });
    expect({ origin, status: res.status, code: res.body.error?.code }).toEqual({
      origin,
      status: 403,
      code: 'forbidden',
    });
  }
});

it('takes a write with its own Origin, or with none (a kiosk, a gateway, a script)', async () => {
  const own = await request(server.url, 'PATCH', '/api/offices/kulob/settings', {
    token,
    body: { ticker: 'own origin' },
    headers: { origin: server.url },
  });
  expect(own.status).toBe(200);
  const program = await request(server.url, 'POST', '/api/offices/kulob/tickets', {
    body: { service: 'birth' },
  });
  expect(program.status).toBe(201);
});

it('refuses a cookie read that another origin started', async () => {
  const res = await request(server.url, 'GET', '/api/offices/kulob/queue', {
    headers: { cookie, ...FOREIGN },
  });
  expect(res.status).toBe(401);
});

it("keeps the admin's CSV download with the cookie from our own page", async () => {
  const res = await fetch(`${server.url}/api/offices/kulob/reports/summary?format=csv`, {
    headers: { cookie, 'sec-fetch-site': 'same-origin' },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/csv/);
});

it('still takes writes with the Bearer token from our own pages', async () => {
  const res = await request(server.url, 'PATCH', '/api/offices/kulob/settings', {
    token,
    body: { ticker: 'hello' },
    headers: { 'sec-fetch-site': 'same-origin', origin: server.url },
  });
  expect(res.status).toBe(200);
  const kiosk = await request(server.url, 'POST', '/api/offices/kulob/tickets', {
    body: { service: 'birth' },
    headers: { 'sec-fetch-site': 'same-origin' },
  });
  expect(kiosk.status).toBe(201);
});

describe('behind a trusted proxy that passes the public host on', () => {
  let proxied: TestServer;
  beforeAll(async () => {
    proxied = await startTestServer({ trustProxy: ['127.0.0.1'] });
  });
  afterAll(async () => proxied.close());

  it('takes the public Origin the proxy names in X-Forwarded-Host, and no other', async () => {
    const admin = await login(proxied.url, 'admin');
    const write = (origin: string, forwardedHost: string) =>
      request(proxied.url, 'PATCH', '/api/offices/kulob/settings', {
        token: admin,
        body: { ticker: 'via the proxy' },
        headers: { origin, 'x-forwarded-host': forwardedHost },
      });
    expect((await write('https://navbat.example.tj', 'navbat.example.tj')).status).toBe(200);
    expect((await write('https://evil.example', 'navbat.example.tj')).status).toBe(403);
  });

  it('does not take X-Forwarded-Host from a server that trusts no proxy', async () => {
    const res = await request(server.url, 'PATCH', '/api/offices/kulob/settings', {
      token,
      body: { ticker: 'spoofed' },
      headers: { origin: 'https://navbat.example.tj', 'x-forwarded-host': 'navbat.example.tj' },
    });
    expect(res.status).toBe(403);
  });
});
