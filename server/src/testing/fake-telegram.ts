/**
 * A local fake of the Telegram Bot API for tests: a real HTTP server that answers getMe (the bot's
 * name), sendMessage (recorded) and getUpdates (long polling over the updates a test writes in, as
 * chats would), so the product's Telegram channel runs unchanged against it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Bot API call as the fake received it. */
export interface BotApiCall {
  /** `/bot<token>/<method>` */
  path: string;
  body: Record<string, unknown>;
}

export class FakeTelegram {
  /** Every call, in order. */
  readonly calls: BotApiCall[] = [];
  private readonly pending: unknown[] = [];
  private nextUpdate = 1;
  private nextMessage = 1;
  private readonly server = http.createServer((req, res) => this.answer(req, res));
  url = '';

  constructor(readonly botName = 'navbat_test_bot') {}

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A chat writes `text` to the bot (handed out by the next getUpdates). */
  write(chat: number, text: string): void {
    this.pending.push({ update_id: this.nextUpdate++, message: { chat: { id: chat }, text } });
  }

  /** The sendMessage calls: what the bot said to which chat. */
  sent(): Array<{ chat: string; text: string }> {
    return this.calls
      .filter((c) => c.path.endsWith('/sendMessage'))
      .map((c) => ({ chat: String(c.body.chat_id), text: String(c.body.text) }));
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const call = {
        path: req.url ?? '',
        body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
      };
      this.calls.push(call);
      const method = call.path.split('/').pop();
      if (method === 'getMe')
        return json(res, 200, { ok: true, result: { username: this.botName } });
      if (method === 'sendMessage')
        return json(res, 200, { ok: true, result: { message_id: this.nextMessage++ } });
      if (method === 'getUpdates') {
        // Long polling: what is waiting, or an empty list after a short wait.
        const give = () => json(res, 200, { ok: true, result: this.pending.splice(0) });
        if (this.pending.length) return give();
        setTimeout(give, 200);
        return undefined;
      }
      return json(res, 404, { ok: false, description: 'Not Found' });
    });
  }
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
