/**
 * Closing a node while a hall page keeps reconnecting to it: the close must end, not wait for the
 * page to give up (it never does).
 */
import http from 'node:http';
import { startTestServer, type TestServer } from '../testing/harness';

/** A GET over `agent`; the body as text. */
function get(url: string, agent: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/**
 * What a display's Socket.IO client does over HTTP long-polling, on one kept-alive connection (a
 * browser reuses it): opens an Engine.IO session and waits on it; when the session ends, opens
 * another at once. Resolves with the number of sessions once the connection is refused.
 */
async function reconnectingPage(url: string, agent: http.Agent): Promise<number> {
  let sessions = 0;
  for (;;) {
    try {
      const open = await get(`${url}/socket.io/?EIO=4&transport=polling`, agent);
      if (open.status !== 200) return sessions;
      const { sid } = JSON.parse(open.body.slice(1)) as { sid: string };
      sessions++;
      await get(`${url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, agent);
    } catch {
      return sessions;
    }
  }
}

describe('closing a node', () => {
  let server: TestServer;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(() => agent.destroy());

  it('ends while a page keeps opening long-polling sessions on a kept-alive connection', async () => {
    // A request under way when the close begins (its body still arriving) keeps its connection out
    // of the close's sweep of idle ones; once answered, the connection is free again, kept alive.
    const body = JSON.stringify({ username: 'nobody', password: 'not this one' });
    const slow = http.request(`${server.url}/api/auth/login`, {
      agent,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    const answered = new Promise<number>((resolve, reject) => {
      slow.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      slow.on('error', reject);
    });
    slow.write(body.slice(0, 5));
    await new Promise((r) => setTimeout(r, 200));
    // The page reconnects over that same connection as soon as it is free (one socket per agent).
    const page = reconnectingPage(server.url, agent);
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const closing = server.close().then(() => 'closed');
    await new Promise((r) => setTimeout(r, 200));
    slow.end(body.slice(5));
    expect(await answered).toBe(401);
    const outcome = await Promise.race([
      closing,
      new Promise((r) => (timer = setTimeout(() => r('still open after 10 s'), 10_000))),
    ]);
    clearTimeout(timer);
    expect(outcome).toBe('closed');
    expect(Date.now() - started).toBeLessThan(10_000);
    // The page was really connected, and was sent away (its next connection refused).
    expect(await page).toBeGreaterThanOrEqual(1);
  });
});
