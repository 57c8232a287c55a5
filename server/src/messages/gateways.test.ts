/**
 * The other gateways against real local servers: a generic HTTP SMS gateway (JSON {to, text, id},
 * key header, a 503 then a retry) and the fake Telegram Bot API (testing/fake-telegram.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestServer, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';
import { waitFor } from '../testing/wait';
import { FakeTelegram } from '../testing/fake-telegram';

const OFFICE = '/api/offices/kulob';

interface Recorded {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** A local HTTP server that records JSON requests and answers with `answer`. */
async function recordingServer(
  answer: (req: Recorded, res: http.ServerResponse) => void,
): Promise<{ url: string; requests: Recorded[]; close(): Promise<void> }> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const rec = {
        path: req.url ?? '',
        headers: req.headers,
        body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
      };
      requests.push(rec);
      answer(rec, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

describe('an HTTP SMS gateway', () => {
  let s: TestServer;
  let gateway: Awaited<ReturnType<typeof recordingServer>>;
  let refused = 0;

  beforeAll(async () => {
    gateway = await recordingServer((req, res) => {
      // The first request is refused (busy): the message must come again, with the same id.
      if (refused++ === 0) json(res, 503, { error: 'busy' });
      else json(res, 200, { messageId: `gw-${String(req.body.id)}` });
    });
    s = await startTestServer({
      messaging: { smsUrl: `${gateway.url}/send`, smsHttpHeader: 'X-Api-Key: s3cret' },
      publicUrl: 'https://navbat.example.tj',
    });
  });
  afterAll(async () => {
    await s.close();
    await gateway.close();
  });

  it('posts {to, text, id} with the key header, and retries a refusal once', async () => {
    const res = await request(s.url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'birth', phone: '+992901112233', language: 'en' },
    });
    expect(res.status).toBe(201);
    await waitFor(() => gateway.requests.length >= 2, 'the retry', 20_000);
    const [first, second] = gateway.requests;
    expect(first!.path).toBe('/send');
    expect(first!.headers['x-api-key']).toBe('s3cret');
    expect(second!.body).toEqual(first!.body);
    // The outbox id, also as the standard header, the same on the retry: the gateway drops a repeat.
    expect(first!.headers['idempotency-key']).toBe(first!.body.id);
    expect(second!.headers['idempotency-key']).toBe(first!.body.id);
    expect(second!.body).toMatchObject({
      to: '+992901112233',
      text: expect.stringMatching(
        /^Your ticket A\d{3}\. 0 ahead of you\. Follow: https:\/\/navbat\.example\.tj\/t\//,
      ),
    });
    const admin = await login(s.url, 'admin');
    const list = await waitFor(async () => {
      const r = await request(s.url, 'GET', `${OFFICE}/messages`, { token: admin });
      const m = (r.body.messages as Array<{ status: string }>)[0];
      return m?.status === 'sent' ? (r.body.messages as Array<Record<string, unknown>>) : undefined;
    }, 'the message marked sent');
    expect(list[0]).toMatchObject({ gateway: 'http', attempts: 2, parts: 1 });
    expect(gateway.requests).toHaveLength(2);
  });
});

describe('Telegram', () => {
  let s: TestServer;
  const bot = new FakeTelegram('navbat_kulob_bot');

  beforeAll(async () => {
    await bot.start();
    s = await startTestServer({
      messaging: { smsUrl: 'log', telegramBotToken: '123:abc', telegramApiUrl: bot.url },
    });
  });
  afterAll(async () => {
    await s.close();
    await bot.close();
  });

  it('links a chat with a one-time /start code and sends it the ticket’s messages', async () => {
    const issued = await request(s.url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'paternity', language: 'tg' },
    });
    const ticket = issued.body.ticket as { id: string; number: string };
    const link = await request(s.url, 'POST', `/api/tickets/${ticket.id}/telegram`, { body: {} });
    expect(link.status).toBe(200);
    const match = /^https:\/\/t\.me\/navbat_kulob_bot\?start=([A-Za-z0-9_-]+)$/.exec(
      link.body.link,
    );
    expect(match).not.toBeNull();
    const code = match![1]!;
    bot.write(5551, `/start ${code}`);
    // The same code from another chat later does nothing: it is used up.
    await waitFor(async () => {
      const [rows] = await s.db.sequelize.query(
        `SELECT telegram_chat FROM message_recipients WHERE ticket_id = '${ticket.id}'`,
      );
      return (rows as Array<{ telegram_chat: string | null }>)[0]?.telegram_chat === 'tg:5551';
    }, 'the chat to be linked');
    bot.write(7777, `/start ${code}`);
    const clerk = await login(s.url, 'clerk1');
    const called = await request(s.url, 'POST', `${OFFICE}/counters/1/call`, {
      token: clerk,
      body: { ticketId: ticket.id },
    });
    expect(called.status).toBe(200);
    await waitFor(() => bot.sent().length > 0, 'the called message in Telegram');
    const sent = bot.calls.find((r) => r.path.endsWith('/sendMessage'))!;
    expect(sent.path).toBe('/bot123:abc/sendMessage');
    expect(bot.sent()).toEqual([
      { chat: '5551', text: `${ticket.number} — ба равзанаи 1 гузаред` },
    ]);
  });
});
