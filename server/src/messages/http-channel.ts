/** A generic HTTP SMS gateway: `POST {to, text, id}` as JSON, with an optional key header. */
import { splitSms } from '../../protocol';
import { ChannelError, type Channel, type OutgoingMessage, type SendResult } from './channel';

export interface HttpChannelOptions {
  url: string;
  /** `Name: value`, e.g. `X-Api-Key: secret` (SMS_HTTP_HEADER). */
  header?: string;
  timeoutMs?: number;
}

export class HttpChannel implements Channel {
  readonly name = 'http' as const;
  private readonly headers: Record<string, string> = { 'content-type': 'application/json' };

  constructor(private readonly options: HttpChannelOptions) {
    const header = options.header?.trim();
    if (header) {
      const colon = header.indexOf(':');
      if (colon <= 0) throw new Error('SMS_HTTP_HEADER must read "Name: value"');
      this.headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
    }
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    let res: Response;
    try {
      res = await fetch(this.options.url, {
        method: 'POST',
        // The id (in the body, and as the standard Idempotency-Key header) lets the gateway drop a
        // repeat of a message it already took: a try after a timeout carries the same one.
        headers: { ...this.headers, 'idempotency-key': message.id },
        body: JSON.stringify({ to: message.to, text: message.text, id: message.id }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new ChannelError(`the SMS gateway does not answer: ${(err as Error).message}`, true);
    }
    const body = await res.text().catch(() => '');
    if (!res.ok) {
      const retryable = res.status === 429 || res.status >= 500;
      throw new ChannelError(
        `the SMS gateway answered ${res.status} ${body.slice(0, 200)}`,
        retryable,
      );
    }
    let providerId: string | null = null;
    try {
      const parsed = JSON.parse(body) as { id?: unknown; messageId?: unknown };
      const id = parsed.messageId ?? parsed.id;
      if (typeof id === 'string' || typeof id === 'number') providerId = String(id);
    } catch {
      // A gateway that answers plain text is fine: there is just no id to match reports with.
    }
    return { parts: splitSms(message.text).parts.length, providerId };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
