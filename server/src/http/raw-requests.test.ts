/**
 * Requests a browser would never send, written byte by byte: a NUL in a page's path, headers over
 * Node's 16 KB limit, a request line that is not HTTP. Each gets the contract's error body (§3)
 * and `nosniff`, whether Express or Node's own parser refuses it.
 */
import net from 'node:net';
import { startTestServer, type TestServer } from '../testing/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

/** Sends `raw` on a fresh connection; resolves with the status, headers (lower case) and body. */
function send(
  raw: string,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    // Written, not ended: the server closes the connection after its answer (`Connection: close`).
    const socket = net.connect(server.port, '127.0.0.1', () => socket.write(raw));
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
