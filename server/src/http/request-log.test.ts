/** The request log: one line per request with what happened, never the secrets a request carries. */
import { Writable } from 'node:stream';
import pino from 'pino';
import { startTestServer, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';

describe('request log', () => {
  let s: TestServer;
  const lines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    s = await startTestServer({ logger: pino({ level: 'info' }, sink), trustProxy: 1 });
  });
  afterAll(() => s.close());

  it('logs method, address and status, and no token, cookie or device secret', async () => {
    const token = await login(s.url, 'clerk1');
    expect((await request(s.url, 'GET', '/api/auth/me', { token })).status).toBe(200);
    await fetch(`${s.url}/api/auth/me`, { headers: { cookie: `navbat_session=${token}` } });
    const pairing = 'pairing-secret-0123456789abcdef';
    await fetch(`${s.url}/kiosk/?office=kulob&kiosk=K1&device=${pairing}`);
    const issued = await request(s.url, 'POST', '/api/offices/kulob/tickets', {
      body: { service: 'birth' },
      headers: { 'X-Device-Token': 'header-secret-0123456789' },
    });
    expect(issued.status).toBe(201);

    const entries = lines.map(
      (l) =>
        JSON.parse(l) as { req?: { method: string; url: string }; res?: { statusCode: number } },
    );
    const requests = entries.filter((e) => e.req && e.res);
    expect(requests.map((e) => [e.req!.method, e.req!.url, e.res!.statusCode])).toEqual(
      expect.arrayContaining([
        ['GET', '/api/auth/me', 200],
        ['GET', '/kiosk/?office=kulob&kiosk=K1&device=[redacted]', 200],
        ['POST', '/api/offices/kulob/tickets', 201],
      ]),
    );
    const all = lines.join('\n');
    for (const secret of [token, pairing, 'header-secret-0123456789', 'demo']) {
      expect([secret, all.includes(secret)]).toEqual([secret, false]);
    }
  });

  it('logs the client address a trusted proxy saw, not the proxy’s', async () => {
    lines.length = 0;
    // One trusted hop: the proxy appended 203.0.113.9; what the client wrote before it is not believed.
    await request(s.url, 'GET', '/api/offices/kulob/services', {
      headers: { 'X-Forwarded-For': '198.51.100.1, 203.0.113.9' },
    });
    const entry = lines
      .map((l) => JSON.parse(l) as { req?: { url: string; remoteAddress?: string } })
      .find((e) => e.req?.url === '/api/offices/kulob/services');
    expect(entry?.req?.remoteAddress).toBe('203.0.113.9');
  });
});
