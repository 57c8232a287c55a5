/**
 * PUBLIC_URL: the ticket paper's QR, the office info the pages read, and the fallback to the listening
 * address; a request's `Host` header never builds a link (sent with node:http: fetch cannot set it).
 */
import http from 'node:http';
import { startTestServer, type TestServer } from './testing/harness';
import { request } from './testing/client';
import { loadConfig } from './config';
import { LAN_ADDRESS_KEPT_MS, LanAddress, listeningUrl, normalisePublicUrl } from './public-url';

/** POSTs a ticket with a forged Host header; resolves with the status and the parsed body. */
function issueWithHost(
  server: TestServer,
  host: string,
): Promise<{ status: number; body: { ticket: { id: string } } }> {
  const payload = JSON.stringify({ service: 'birth', kiosk: 'K1' });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: '/api/offices/kulob/tickets',
        headers: {
          Host: host,
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as never }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The bytes K1's virtual printer received for the last ticket, as latin1 text (URLs are ASCII). */
function lastPaper(server: TestServer): string {
  const job = server.app.virtualPrinter.findLastJob('kulob/K1');
  if (!job) throw new Error('nothing was printed');
  return job.bytes.toString('latin1');
}

describe('PUBLIC_URL', () => {
  it('without it, the QR leads to the listening address, never to the Host header', async () => {
    const server = await startTestServer();
    try {
      const res = await issueWithHost(server, 'evil.example');
      expect(res.status).toBe(201);
      const paper = lastPaper(server);
      expect(paper).toContain(`${server.url}/t/${res.body.ticket.id}`);
      expect(paper).not.toContain('evil.example');
      const info = await request(server.url, 'GET', '/api/offices/kulob');
      expect(info.body.office).toMatchObject({
        publicUrl: server.url,
        publicUrlConfigured: false,
      });
    } finally {
      await server.close();
    }
  });

  it('with it, the paper, the office info and the live snapshot all use it', async () => {
    const server = await startTestServer({ publicUrl: 'https://navbat.example.tj' });
    try {
      const res = await issueWithHost(server, 'evil.example');
      expect(res.status).toBe(201);
      const paper = lastPaper(server);
      expect(paper).toContain(`https://navbat.example.tj/t/${res.body.ticket.id}`);
      expect(paper).not.toContain('evil.example');
      expect(paper).not.toContain('127.0.0.1');
      const info = await request(server.url, 'GET', '/api/offices/kulob');
      expect(info.body.office).toMatchObject({
        publicUrl: 'https://navbat.example.tj',
        publicUrlConfigured: true,
      });
      const snapshot = await server.app.queue.snapshot('kulob');
      expect(snapshot.office?.publicUrl).toBe('https://navbat.example.tj');
    } finally {
      await server.close();
    }
  });

  it('reads PUBLIC_URL from the environment and refuses what is not an http(s) address', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://q.example.tj/kulob/' }).publicUrl).toBe(
      'https://q.example.tj/kulob',
    );
    expect(loadConfig({}).publicUrl).toBeUndefined();
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://q.example.tj' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL/);
    expect(() => normalisePublicUrl('https://q.example.tj/?x=1')).toThrow(/plain address/);
  });

  it('turns a wildcard listening address into the LAN address, else localhost', () => {
    expect(listeningUrl({ address: '0.0.0.0', family: 'IPv4', port: 8080 }, '192.168.1.20')).toBe(
      'http://192.168.1.20:8080',
    );
    expect(listeningUrl({ address: '0.0.0.0', family: 'IPv4', port: 8080 }, undefined)).toBe(
      'http://localhost:8080',
    );
    expect(listeningUrl({ address: '10.0.0.5', family: 'IPv4', port: 80 }, '192.168.1.20')).toBe(
      'http://10.0.0.5:80',
    );
  });

  it('reads the LAN address once in its time and again after it (a new DHCP lease shows)', () => {
    let now = 1_000_000;
    const leases = ['192.168.1.20', '192.168.1.21'];
    const reads: string[] = [];
    const lan = new LanAddress(
      () => {
        const address = leases[Math.min(reads.length, leases.length - 1)]!;
        reads.push(address);
        return address;
      },
      () => now,
    );
    expect(lan.current()).toBe('192.168.1.20');
    now += LAN_ADDRESS_KEPT_MS - 1;
    expect(lan.current()).toBe('192.168.1.20');
    expect(reads).toHaveLength(1);
    now += 1;
    expect(lan.current()).toBe('192.168.1.21');
    expect(reads).toHaveLength(2);
    now -= 60_000; // the clock set back: read again rather than keep an old address for a minute
    expect(lan.current()).toBe('192.168.1.21');
    expect(reads).toHaveLength(3);
  });
});
