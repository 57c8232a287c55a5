/**
 * An in-process SMSC for tests and the bench: a real SMPP server (the `smpp` package's server side)
 * that binds any transceiver, records every PDU it receives, answers submit_sm with ids, and can be
 * throttled, stopped and restarted on its port, send delivery receipts and citizens' replies.
 */
import type { AddressInfo } from 'node:net';
import smpp, { type PDU, type Session } from 'smpp';

/** One submit_sm as the SMSC saw it. */
export interface RecordedSubmit {
  messageId: string;
  to: string;
  from: string;
  dataCoding: number;
  esmClass: number;
  registeredDelivery: number;
  /** The raw short_message bytes (UDH included). */
  bytes: Buffer;
  /** The concatenation header, when there is one. */
  udh?: { ref: number; total: number; seq: number };
  /** The part's text, decoded (UCS-2 or GSM). */
  text: string;
  at: number;
  /** Which bind sent it (1, 2, … in the order the sessions bound). */
  session: number;
}

export interface FakeSmscOptions {
  /** Send a DELIVRD receipt for every submit that asks for one. */
  autoReceipt?: boolean;
  /** How long the SMSC waits before answering a submit (ms). */
  answerDelayMs?: number;
}

export class FakeSmsc {
  /** Every PDU received, in order (binds, enquire_links, submits, responses). */
  readonly pdus: PDU[] = [];
  readonly submits: RecordedSubmit[] = [];
  /** The next this-many submits are answered ESME_RTHROTTLED. */
  throttleNext = 0;
  /** Every part after the first of a long message is answered ESME_RTHROTTLED (a busy SMSC). */
  throttleLaterParts = false;
  /**
   * Most submits seen in flight at once on one session (sent, not yet answered): the window a
   * client keeps is its bind's. Counted per session, so a session's last answers still on their way
   * when a test starts counting another do not add to it.
   */
  maxInFlight = 0;
  private readonly inFlight = new Map<number, number>();
  private server: smpp.Server;
  private nextId = 1;
  private sessions = 0;
  port = 0;

  constructor(private readonly options: FakeSmscOptions = {}) {
    this.server = this.create();
  }

  async start(port = 0): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  /** Goes away: the port closes and every session is cut. */
  async stop(): Promise<void> {
    for (const s of [...this.server.sessions]) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server = this.create();
  }

  get url(): string {
    return `smpp://navbat:secret@127.0.0.1:${this.port}?source=NAVBAT`;
  }

  /** The complete texts sent, parts joined in order (by reference), one entry per message. */
  messages(): Array<{ to: string; text: string; parts: number; messageId: string }> {
    const out: Array<{ to: string; text: string; parts: number; messageId: string }> = [];
    const groups = new Map<string, RecordedSubmit[]>();
    for (const s of this.submits) {
      if (!s.udh) {
        out.push({ to: s.to, text: s.text, parts: 1, messageId: s.messageId });
        continue;
      }
      const key = `${s.to}|${s.udh.ref}|${s.udh.total}`;
      const group = groups.get(key) ?? [];
      group.push(s);
      groups.set(key, group);
      if (group.length === s.udh.total) {
        group.sort((a, b) => (a.udh?.seq ?? 0) - (b.udh?.seq ?? 0));
        out.push({
          to: s.to,
          text: group.map((g) => g.text).join(''),
          parts: group.length,
          messageId: group[group.length - 1]!.messageId,
        });
        groups.delete(key);
      }
    }
    return out;
  }

  /** Sends a citizen's reply (e.g. "STOP") from `from` to every bound session. */
  reply(from: string, text: string): void {
    for (const s of this.server.sessions)
      s.deliver_sm({
        source_addr: from.replace(/^\+/, ''),
        destination_addr: 'NAVBAT',
        short_message: text,
      });
  }

  /** Sends a delivery receipt for a message id (`stat` DELIVRD or e.g. UNDELIV). */
  receipt(messageId: string, stat = 'DELIVRD'): void {
    for (const s of this.server.sessions)
      s.deliver_sm({
        esm_class: 0x04,
        source_addr: '992000000000',
        destination_addr: 'NAVBAT',
        receipted_message_id: messageId,
        short_message: `id:${messageId} sub:001 dlvrd:001 stat:${stat} err:000 text:`,
      });
  }

  private create(): smpp.Server {
    return smpp.createServer((session: Session) => {
      const number = ++this.sessions;
      session.on('pdu', (pdu: PDU) => this.pdus.push(pdu));
      session.on('bind_transceiver', (pdu: PDU) => {
        session.send(pdu.response());
      });
      session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
      session.on('unbind', (pdu: PDU) => {
        session.send(pdu.response());
        session.close();
      });
      session.on('deliver_sm_resp', () => undefined);
      session.on('error', () => undefined);
      session.on('submit_sm', (pdu: PDU) => this.onSubmit(session, pdu, number));
    });
  }

  private onSubmit(session: Session, pdu: PDU, number: number): void {
    const laterPart = (record(pdu, '').udh?.seq ?? 1) > 1;
    if (this.throttleNext > 0 || (this.throttleLaterParts && laterPart)) {
      if (this.throttleNext > 0) this.throttleNext--;
      session.send(pdu.response({ command_status: smpp.ESME_RTHROTTLED }));
      return;
    }
    // Taken (recorded) on arrival; answered after the delay, as a busy SMSC does.
    const messageId = `M${this.nextId++}`;
    this.submits.push({ ...record(pdu, messageId), session: number });
    const open = (this.inFlight.get(number) ?? 0) + 1;
    this.inFlight.set(number, open);
    this.maxInFlight = Math.max(this.maxInFlight, open);
    const answer = () => {
      this.inFlight.set(number, (this.inFlight.get(number) ?? 1) - 1);
      session.send(pdu.response({ message_id: messageId }));
      if (this.options.autoReceipt && Number(pdu.registered_delivery ?? 0) & 1)
        setImmediate(() => this.receipt(messageId));
    };
    if (this.options.answerDelayMs) setTimeout(answer, this.options.answerDelayMs);
    else answer();
  }
}

function record(pdu: PDU, messageId: string): Omit<RecordedSubmit, 'session'> {
  const sm = pdu.short_message as { message?: unknown; udh?: Buffer[] } | Buffer | undefined;
  const esmClass = Number(pdu.esm_class ?? 0);
  const dataCoding = Number(pdu.data_coding ?? 0);
  // The library decodes short_message; rebuild the raw bytes from its parts.
  let bytes = Buffer.alloc(0);
  let udh: RecordedSubmit['udh'];
  let text = '';
  if (sm && !Buffer.isBuffer(sm)) {
    const header = sm.udh?.[0];
    if (header && header[0] === 0x00) udh = { ref: header[2]!, total: header[3]!, seq: header[4]! };
    text = typeof sm.message === 'string' ? sm.message : '';
    const body =
      dataCoding === 8 ? Buffer.from(text, 'utf16le').swap16() : smpp.gsmCoder.encode(text, 0);
    bytes = Buffer.concat([
      header ? Buffer.concat([Buffer.from([header.length]), header]) : Buffer.alloc(0),
      body,
    ]);
  }
  return {
    messageId,
    to: typeof pdu.destination_addr === 'string' ? pdu.destination_addr : '',
    from: typeof pdu.source_addr === 'string' ? pdu.source_addr : '',
    dataCoding,
    esmClass,
    registeredDelivery: Number(pdu.registered_delivery ?? 0),
    bytes,
    udh,
    text,
    at: Date.now(),
  };
}
