/**
 * SMPP 3.4 to an operator's SMSC (`smpp` package): one bound transceiver session, kept alive with
 * enquire_link, re-bound on demand after a loss, a window of submits in flight, UCS-2 for
 * Cyrillic and Tajik, concatenated parts with a UDH, delivery receipts and replies via deliver_sm.
 */
import smpp, { type PDU, type Session } from 'smpp';
import { splitSms } from '../../protocol';
import {
  ChannelError,
  type Channel,
  type ChannelListener,
  type OutgoingMessage,
  type SendResult,
} from './channel';

export interface SmppOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  /** Sender shown on the phone: an alphanumeric name (≤ 11) or a number. */
  source: string;
  /** Submits in flight at most (the SMSC's window). */
  window?: number;
  enquireLinkMs?: number;
  /** How long a bind or a submit may wait for its answer. */
  responseTimeoutMs?: number;
  listener?: ChannelListener;
}

const UDH_INDICATOR = 0x40;
const RECEIPT = 0x04;

export class SmppChannel implements Channel {
  readonly name = 'smpp' as const;
  private session: Session | undefined;
  private binding: Promise<Session> | undefined;
  private keepAlive: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  /** Requests awaiting an answer: each fails with the reason its link was lost. */
  private readonly pending = new Set<(reason: string) => void>();
  private reference = Math.floor(Math.random() * 256);
  private closed = false;

  constructor(private readonly options: SmppOptions) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    const split = splitSms(message.text);
    const ref = (this.reference = (this.reference + 1) % 256);
    let providerId: string | null = null;
    for (const [i, part] of split.parts.entries()) {
      const last = i === split.parts.length - 1;
      const body = encodePart(part, split.encoding, {
        ref,
        total: split.parts.length,
        seq: i + 1,
      });
      try {
        providerId = await this.submitWithThrottle({
          source_addr: this.options.source,
          source_addr_ton: /^\+?\d+$/.test(this.options.source) ? 1 : 5,
          source_addr_npi: /^\+?\d+$/.test(this.options.source) ? 1 : 0,
          destination_addr: message.to.replace(/^\+/, ''),
          dest_addr_ton: 1,
          dest_addr_npi: 1,
          esm_class: split.parts.length > 1 ? UDH_INDICATOR : 0,
          data_coding: split.encoding === 'ucs2' ? 8 : 0,
          // One receipt per message: asked for on its last part.
          registered_delivery: last ? 1 : 0,
          short_message: body,
        });
      } catch (err) {
        if (i > 0 && err instanceof ChannelError && err.retryable) {
          // The first parts are with the SMSC: sending again would repeat them. The SMSC is
          // still not taking messages (busy, away): its health says so.
          throw new ChannelError(
            `part ${i + 1} of ${split.parts.length} refused: ${err.message}`,
            false,
            false,
            true,
          );
        }
        throw err;
      }
    }
    return { parts: split.parts.length, providerId };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopKeepAlive();
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    await new Promise<void>((resolve) => {
      const done = setTimeout(() => {
        session.destroy();
        resolve();
      }, 500);
      session.unbind({}, () => {
        clearTimeout(done);
        session.close(() => resolve());
      });
    });
  }

  /** A throttled part waits a moment and goes again (a few times) before the message is retried. */
  private async submitWithThrottle(params: Record<string, unknown>): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.submit(params);
      } catch (err) {
        if (!(err instanceof ThrottledError) || attempt >= 3) throw err;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }

  private async submit(params: Record<string, unknown>): Promise<string> {
    await this.slot();
    try {
      const session = await this.bound();
      const resp = await this.request(session, (cb) => session.submit_sm(params, cb), true);
      if (resp.command_status === smpp.ESME_ROK)
        return typeof resp.message_id === 'string' ? resp.message_id : '';
      if (
        resp.command_status === smpp.ESME_RTHROTTLED ||
        resp.command_status === smpp.ESME_RMSGQFUL
      )
        throw new ThrottledError(`SMSC busy (status 0x${resp.command_status.toString(16)})`);
      if (resp.command_status === smpp.ESME_RINVDSTADR)
        throw new ChannelError('the SMSC refused the number', false);
      throw new ChannelError(
        `the SMSC refused the message (status 0x${resp.command_status.toString(16)})`,
        resp.command_status === smpp.ESME_RSYSERR,
      );
    } finally {
      this.release();
    }
  }

  /** Waits for a free place in the window. */
  private async slot(): Promise<void> {
    const window = this.options.window ?? 10;
    while (this.inFlight >= window) await new Promise<void>((r) => this.waiting.push(r));
    this.inFlight++;
  }

  private release(): void {
    this.inFlight--;
    this.waiting.shift()?.();
  }

  /**
   * Sends a request and waits for its answer; a lost link or silence rejects: retryable, or, for
   * a submit (`submit`: it was written, the SMSC may have taken it), in doubt.
   */
  private request(
    session: Session,
    send: (cb: (pdu: PDU) => void) => boolean,
    submit = false,
  ): Promise<PDU> {
    const timeoutMs = this.options.responseTimeoutMs ?? 10_000;
    return new Promise<PDU>((resolve, reject) => {
      const fail = (err: Error) => {
        clearTimeout(timer);
        this.pending.delete(lost);
        reject(err);
      };
      const lost = (reason: string) => fail(new ChannelError(reason, !submit, submit));
      const timer = setTimeout(() => {
        lost('the SMSC did not answer in time');
        // A silent link is a dead link: the next send binds again.
        this.drop(session);
      }, timeoutMs);
      this.pending.add(lost);
      const written = send((pdu) => {
        clearTimeout(timer);
        this.pending.delete(lost);
        resolve(pdu);
      });
      if (!written) fail(new ChannelError('the SMSC link is down', true));
    });
  }

  /** The bound session, binding first when there is none. */
  private bound(): Promise<Session> {
    if (this.closed) return Promise.reject(new ChannelError('the SMPP channel is closed', true));
    if (this.session) return Promise.resolve(this.session);
    this.binding ??= this.bind().finally(() => (this.binding = undefined));
    return this.binding;
  }

  private bind(): Promise<Session> {
    return new Promise<Session>((resolve, reject) => {
      const session = smpp.connect({ host: this.options.host, port: this.options.port });
      let settled = false;
      const fail = (reason: string) => {
        if (settled) return;
        settled = true;
        session.destroy();
        reject(new ChannelError(reason, true));
      };
      session.on('error', (err: Error) => {
        fail(`cannot reach the SMSC: ${err.message}`);
        this.drop(session);
      });
      session.on('close', () => {
        fail('the SMSC closed the connection');
        this.drop(session);
      });
      session.on('deliver_sm', (pdu: PDU) => this.onDeliver(session, pdu));
      session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
      session.on('unbind', (pdu: PDU) => {
        session.send(pdu.response());
        this.drop(session);
      });
      session.on('connect', () => {
        this.request(session, (cb) =>
          session.bind_transceiver(
            { system_id: this.options.systemId, password: this.options.password },
            cb,
          ),
        ).then(
          (pdu) => {
            if (pdu.command_status !== smpp.ESME_ROK) {
              fail(`the SMSC refused the bind (status 0x${pdu.command_status.toString(16)})`);
              return;
            }
            settled = true;
            this.session = session;
            this.startKeepAlive(session);
            resolve(session);
          },
          (err: Error) => fail(err.message),
        );
      });
    });
  }

  /** Forgets a session that died; submits waiting for it fail (retryable). */
  private drop(session: Session): void {
    if (this.session !== session) {
      session.destroy();
      return;
    }
    this.session = undefined;
    this.stopKeepAlive();
    session.destroy();
    for (const lost of [...this.pending]) lost('the SMSC link was lost');
  }

  private startKeepAlive(session: Session): void {
    this.stopKeepAlive();
    this.keepAlive = setInterval(() => {
      this.request(session, (cb) => session.enquire_link({}, cb)).catch(() => this.drop(session));
    }, this.options.enquireLinkMs ?? 30_000);
    this.keepAlive.unref();
  }

  private stopKeepAlive(): void {
    if (this.keepAlive) clearInterval(this.keepAlive);
    this.keepAlive = undefined;
  }

  /** A delivery receipt (esm_class bit 2) or a citizen's reply. */
  private onDeliver(session: Session, pdu: PDU): void {
    session.send(pdu.response());
    const listener = this.options.listener;
    if (!listener) return;
    const text = messageText(pdu.short_message);
    const esm = Number(pdu.esm_class ?? 0);
    if (esm & RECEIPT) {
      const id =
        (typeof pdu.receipted_message_id === 'string' && pdu.receipted_message_id) ||
        /\bid:(\S+)/i.exec(text)?.[1];
      const stat = /\bstat:(\w+)/i.exec(text)?.[1]?.toUpperCase() ?? 'UNKNOWN';
      if (id) listener.receipt(id, stat === 'DELIVRD', stat === 'DELIVRD' ? undefined : stat);
      return;
    }
    listener.inbound(
      `+${(typeof pdu.source_addr === 'string' ? pdu.source_addr : '').replace(/^\+/, '')}`,
      text,
    );
  }
}

class ThrottledError extends ChannelError {
  constructor(message: string) {
    super(message, true);
  }
}

/** The bytes of one part: a concatenation UDH (8-bit reference) when there are several. */
function encodePart(
  text: string,
  encoding: 'gsm7' | 'ucs2',
  concat: { ref: number; total: number; seq: number },
): Buffer {
  const body =
    encoding === 'ucs2' ? Buffer.from(text, 'utf16le').swap16() : smpp.gsmCoder.encode(text, 0);
  if (concat.total <= 1) return body;
  const udh = Buffer.from([0x05, 0x00, 0x03, concat.ref, concat.total, concat.seq]);
  return Buffer.concat([udh, body]);
}

function messageText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'message' in value) {
    const m = value.message;
    return typeof m === 'string' ? m : Buffer.isBuffer(m) ? m.toString('latin1') : '';
  }
  return Buffer.isBuffer(value) ? value.toString('latin1') : '';
}

/** Parses `smpp://system_id:password@host:port?source=NAVBAT&window=10&timeout=10`. */
export function parseSmppUrl(url: URL): Omit<SmppOptions, 'listener'> {
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 2775,
    systemId: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    source: url.searchParams.get('source') ?? 'NAVBAT',
    window: Number(url.searchParams.get('window') ?? 10) || 10,
    // `timeout=S`: how long a bind or a submit waits for its answer (default 10 s).
    responseTimeoutMs: Math.max(
      100,
      Number(url.searchParams.get('timeout') ?? 10) * 1000 || 10_000,
    ),
  };
}
