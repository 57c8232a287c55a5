/**
 * Telegram (TELEGRAM_BOT_TOKEN, TELEGRAM_API_URL): sendMessage to a chat, and a long-polling
 * getUpdates loop that hands `/start <code>` and `/stop` to the outbox. Chats are addressed `tg:<id>`.
 */
import type { Logger } from 'pino';
import {
  ChannelError,
  type Channel,
  type ChannelListener,
  type OutgoingMessage,
  type SendResult,
} from './channel';

export interface TelegramOptions {
  token: string;
  /** Default https://api.telegram.org */
  apiUrl?: string;
  listener?: ChannelListener;
  logger: Logger;
  /** Seconds a getUpdates call waits for news (long polling). */
  pollSeconds?: number;
}

interface Update {
  update_id: number;
  message?: { chat?: { id?: number | string }; text?: string };
}

export class TelegramChannel implements Channel {
  readonly name = 'telegram' as const;
  private offset = 0;
  private polling: Promise<void> | undefined;
  private stopped = false;
  private abort = new AbortController();
  private username: Promise<string> | undefined;

  constructor(private readonly options: TelegramOptions) {}

  /** The bot's username (for t.me links), asked once. */
  botName(): Promise<string> {
    this.username ??= this.call<{ username?: string }>('getMe', {}).then((me) => {
      if (!me.username) throw new Error('getMe named no username');
      return me.username;
    });
    this.username.catch(() => (this.username = undefined));
    return this.username;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const chatId = message.to.replace(/^tg:/, '');
    const sent = await this.call<{ message_id?: number }>('sendMessage', {
      chat_id: chatId,
      text: message.text,
      disable_web_page_preview: true,
    });
    // Telegram confirms delivery to its servers at once; there are no further reports.
    return {
      parts: 1,
      providerId: sent.message_id === undefined ? null : `tg-${chatId}-${sent.message_id}`,
      delivered: true,
    };
  }

  /** Starts the getUpdates loop (one node at a time is enough; Telegram answers each update once). */
  startPolling(): void {
    if (this.polling) return;
    this.polling = this.pollLoop();
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.polling?.catch(() => undefined);
  }

  private async pollLoop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        const updates = await this.call<Update[]>(
          'getUpdates',
          {
            offset: this.offset,
            timeout: this.options.pollSeconds ?? 25,
            allowed_updates: ['message'],
          },
          (this.options.pollSeconds ?? 25) * 1000 + 10_000,
        );
        failures = 0;
        for (const u of updates) {
          this.offset = Math.max(this.offset, u.update_id + 1);
          const chat = u.message?.chat?.id;
          const text = u.message?.text;
          if (chat !== undefined && typeof text === 'string')
            this.options.listener?.inbound(`tg:${chat}`, text);
        }
      } catch (err) {
        if (this.stopped) return;
        failures++;
        this.options.logger.warn({ err: (err as Error).message }, 'telegram getUpdates failed');
        await new Promise((r) =>
          setTimeout(r, Math.min(30_000, 1000 * 2 ** Math.min(failures, 5))),
        );
      }
    }
  }

  private async call<T>(method: string, body: unknown, timeoutMs = 10_000): Promise<T> {
    const base = (this.options.apiUrl ?? 'https://api.telegram.org').replace(/\/$/, '');
    let res: Response;
    try {
      res = await fetch(`${base}/bot${this.options.token}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(timeoutMs)]),
      });
    } catch (err) {
      throw new ChannelError(`Telegram does not answer: ${(err as Error).message}`, true);
    }
    const data = (await res.json().catch(() => ({}))) as {
      ok?: boolean;
      result?: T;
      description?: string;
    };
    if (!res.ok || !data.ok) {
      const retryable = res.status === 429 || res.status >= 500;
      throw new ChannelError(`Telegram: ${data.description ?? res.status}`, retryable);
    }
    return data.result as T;
  }
}
