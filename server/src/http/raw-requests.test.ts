/**
 * Requests a browser would never send, written byte by byte: a NUL in a page's path, headers over
 * Node's 16 KB limit, a request line that is not HTTP. Each gets the contract's error body (§3)
 * and `nosniff`, whether Express or Node's own parser refuses it.
 */
import http from 'node:http';
import net from 'node:net';
import { startTestServer, type TestServer } from '../testing/harness';
import { answerClientErrors } from './client-error';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

/** Sends `raw` on a fresh connection; resolves with the status, headers (lower case) and body. */
function send(
  raw: string,
  port = server.port,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    // Written, not ended: the server closes the connection after its answer (`Connection: close`).
    const socket = net.connect(port, '127.0.0.1', () => socket.write(raw));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [
          l.slice(0, l.indexOf(':')).toLowerCase(),
          l.slice(l.indexOf(':') + 1).trim(),
        ]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
  });
}

it('refuses a NUL in a page or voice path with 400, as in the API', async () => {
  for (const path of ['/kiosk/index.html%00.png', '/display/voice/%00', '/api/offices/kulob%00']) {
    const res = await send(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect({ path, status: res.status }).toEqual({ path, status: 400 });
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'validation_failed' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  }
});

it('answers headers over the limit with 431 and the error body, not a bare status line', async () => {
  const res = await send(
    `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Filler: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
  );
  expect(res.status).toBe(431);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(JSON.parse(res.body)).toEqual({
    error: { code: 'payload_too_large', message: 'the request headers are over 16 KB' },
  });
});

it('answers a request line that is not HTTP with 400 and the error body, and keeps serving', async () => {
  const res = await send('HELLO THERE\r\n\r\n');
  expect(res.status).toBe(400);
  expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'validation_failed' } });
  const health = await send('GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  expect(health.status).toBe(200);
});

it('answers a request whose headers never finish with 408 and the error body', async () => {
  // Node's own timeout, on a server with the app's handler; shortened (the app's: 10 s for the
  // headers, checked every 5 s).
  const slow = http.createServer(
    { headersTimeout: 300, requestTimeout: 300, connectionsCheckingInterval: 50 },
    (_req, res) => res.end('never'),
  );
  answerClientErrors(slow);
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = slow.address() as net.AddressInfo;
    const res = await send('GET /api/health HTTP/1.1\r\nHost: x\r\nX-Half: ', port);
    expect(res.status).toBe(408);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(JSON.parse(res.body)).toEqual({
      error: { code: 'validation_failed', message: 'the request did not arrive in time' },
    });
  } finally {
    await new Promise((resolve) => slow.close(resolve));
  }
});

it('answers a body that trickles in slower than the request timeout with 408, and keeps serving', async () => {
  // The app's own server, its timeout shortened from 30 s: a client that sends the headers and a
  // tenth of the body, then nothing, no longer holds the connection for Node's 300 s.
  const slow = await startTestServer({ requestTimeoutMs: 600 });
  try {
    const started = Date.now();
    const res = await send(
      'POST /api/offices/kulob/tickets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100\r\n\r\n{"service":',
      slow.port,
    );
    expect(res.status).toBe(408);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'validation_failed' } });
    expect(Date.now() - started).toBeLessThan(5_000);
    const health = await send(
      'GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      slow.port,
    );
    expect(health.status).toBe(200);
  } finally {
    await slow.close();
  }
});

it('names where a NUL was: a body field, a query parameter or the path', async () => {
  const base = `http://127.0.0.1:${server.port}`;
  const json = { 'content-type': 'application/json' };
  const cases: Array<[string, RequestInit | undefined, string]> = [
    [
      '/api/offices/kulob/tickets',
      {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ service: 'birth', language: 't\u0000g' }),
      },
      'language',
    ],
    [
      '/api/offices/kulob/services',
      { method: 'POST', headers: json, body: JSON.stringify({ names: { tg: 'Ном\u0000' } }) },
      'names.tg',
    ],
    ['/api/offices/kulob/slots?service=birth%00', undefined, 'service'],
    ['/api/offices/kulob%00/services', undefined, '(path)'],
  ];
  for (const [path, init, field] of cases) {
    const res = await fetch(base + path, init);
    const body = (await res.json()) as { error: { code: string; details?: unknown } };
    expect({
      path,
      status: res.status,
      code: body.error.code,
      details: body.error.details,
    }).toEqual({
      path,
      status: 400,
      code: 'validation_failed',
      details: { issues: [{ field, message: 'contains a NUL character' }] },
    });
  }
});
