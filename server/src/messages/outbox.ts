/**
 * Citizen messages: rows written in the transaction of the event that causes them (ticket issued,
 * "N ahead", called, case steps), then sent by a worker on every node. A node claims a message
 * before sending it and marks it `sending` before the first byte leaves, so two nodes never send
 * one message and a node that dies mid-submit never sends it twice. Retries back off; the end is
 * `sent`/`delivered` (receipts) or `failed`/`expired` with the reason.
 */
import { randomBytes } from 'node:crypto';
import type { Transaction } from 'sequelize';
import type { Logger } from 'pino';
import {
  DEFAULT_MESSAGE_SETTINGS,
  DEFAULT_TEMPLATES,
  Language,
  MessageSettings,
  maskPhone,
  renderTemplate,
  type CaseNotify,
  type CaseStatus,
  type MessageDto,
  type MessageQuery,
  type QueueChange,
  type StaffTicket,
  type TemplateKey,
  type TemplateValues,
} from '../../protocol';
import type { Booking } from '../../protocol/bookings';
import { pad2, zonedParts } from '../../protocol/zoned-time';
import type { Database } from '../../../db/database';
import type { OfficeRecord, TicketRecord } from '../../../db/records';
import { QueueRepository } from '../../../db/repositories/queue-repository';
import { CaseRecipientRepository } from '../../../db/repositories/case-recipient-repository';
import {
  MessageRepository,
  type TicketRecipient,
} from '../../../db/repositories/message-repository';
import { MessageSettingsRepository } from '../../../db/repositories/message-settings-repository';
import { OutboxTable } from '../../../db/repositories/outbox-table';
import type { OutboxOutcome, OutboxRecord } from '../../../db/repositories/outbox-records';
import { peopleAhead } from '../queue/estimate';
import { officeDay } from '../queue/office-day';
import { notFound, validationFailed } from '../errors';
import { ChannelError, type Channel, type ChannelListener } from './channel';
import { toDto } from './message-dto';
import {
  MAX_ATTEMPTS,
  isStopWord,
  officeDayEnd,
  officeDayStart,
  quietHoursEnd,
  retryDelayMs,
} from './rules';
import type { TelegramChannel } from './telegram-channel';

export interface OutboxDeps {
  db: Database;
  /** The registry's database (case messages commit with the case); `db` when not split. */
  registryDb?: Database;
  logger: Logger;
  now?: () => Date;
  /** Base of every link in a message (PUBLIC_URL, else the listening address). */
  publicUrl?: () => string;
  /** How often the worker looks for due messages when nothing woke it. */
  pollMs?: number;
  /** Messages one node sends at once (the SMSC window). */
  concurrency?: number;
  /** How long a claim holds a message against other nodes. */
  claimMs?: number;
}

/** Message statuses of a case that the citizen hears about, with their template. */
const CASE_TEMPLATES: Partial<Record<CaseStatus, TemplateKey>> = {
  submitted: 'case_submitted',
  returned: 'case_returned',
  registered: 'case_registered',
  ready: 'case_ready',
  issued: 'case_issued',
};

const FINAL_TICKET = new Set(['done', 'no_show', 'cancelled', 'expired']);

export class Outbox {
  readonly queueTable: OutboxTable;
  readonly caseTable: OutboxTable;
  private readonly repo: MessageRepository;
  private readonly officeSettings: MessageSettingsRepository;
  private readonly caseRecipients: CaseRecipientRepository;
  private readonly queue: QueueRepository;
  readonly now: () => Date;
  private sms: Channel | undefined;
  private telegram: TelegramChannel | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private lastHousekeeping = 0;
  /** Transactions in which a ticket got a phone to message (their issue needs the recipients). */
  private readonly subscribedIn = new WeakSet<Transaction>();
  private stopped = false;

  /** Reports from the gateways: delivery receipts and citizens' replies. */
  readonly listener: ChannelListener = {
    receipt: (providerId, delivered, error) => {
      this.track(this.receipt(providerId, delivered, error), 'delivery report not recorded');
    },
    inbound: (from, text) => {
      this.track(this.inbound(from, text), 'reply not handled');
    },
  };
  private readonly reports = new Set<Promise<void>>();

  constructor(private readonly deps: OutboxDeps) {
    const registryDb = deps.registryDb ?? deps.db;
    this.queueTable = new OutboxTable(deps.db, 'messages');
    this.caseTable = new OutboxTable(registryDb, 'case_messages');
    this.repo = new MessageRepository(deps.db);
    this.officeSettings = new MessageSettingsRepository(deps.db);
    this.caseRecipients = new CaseRecipientRepository(registryDb);
    this.queue = new QueueRepository(deps.db);
    this.now = deps.now ?? (() => new Date());
  }

  /** Plugs in the gateways (built with `listener`). */
  useChannels(channels: { sms?: Channel; telegram?: TelegramChannel }): void {
    this.sms = channels.sms;
    this.telegram = channels.telegram;
  }

  /** Which gateways this node sends through (admin). */
  channels(): { sms: string | null; telegram: boolean } {
    return { sms: this.sms?.name ?? null, telegram: this.telegram !== undefined };
  }

  // ---- the hooks commands call inside their transaction ----

  /** The ticket's holder gave a phone at the kiosk: recorded with the ticket. */
  async subscribeTicket(t: Transaction, ticket: TicketRecord, phone: string): Promise<void> {
    this.subscribedIn.add(t);
    await this.repo.upsertTicketRecipient(
      {
        ticketId: ticket.id,
        officeCode: ticket.officeCode,
        day: ticket.day,
        phone,
        telegramChat: null,
        language: this.languageOf(ticket.language),
      },
      this.now(),
      t,
    );
  }

  /**
   * A queue command's changes, inside its transaction: "issued" and "called" for tickets with a
   * recipient, and "N ahead" for waiting ones that have come close. Costs one indexed read when
   * nobody in the office asked for messages today, none when `recipients` (counted by the command
   * with its locked row) is 0 or when nothing moved the line and nobody subscribed in `t`.
   */
  async queueChanged(
    t: Transaction,
    office: OfficeRecord,
    events: QueueChange[],
    recipients?: number,
  ): Promise<void> {
    const tickets = events.flatMap((e) =>
      e.kind === 'ticket:issued' || e.kind === 'ticket:called' || e.kind === 'ticket:updated'
        ? [{ kind: e.kind, ticket: e.ticket }]
        : [],
    );
    if (tickets.length === 0 || recipients === 0) return;
    // A waiting ticket gets a message only when issued to a phone given in this very command.
    const moved = tickets.some((x) => x.ticket.status !== 'waiting');
    if (!moved && !this.subscribedIn.has(t)) return;
    await this.sendChanged(t, office, tickets);
  }

  private async sendChanged(
    t: Transaction,
    office: OfficeRecord,
    tickets: Array<{ kind: QueueChange['kind']; ticket: StaffTicket }>,
  ): Promise<void> {
    const now = this.now();
    const day = officeDay(now, office.timeZone);
    const recipients = await this.repo.liveRecipients(office.code, day, t);
    if (recipients.length === 0) return;
    const byTicket = new Map(recipients.map((r) => [r.ticketId, r]));
    const settings = await this.settings(office.code, t);
    const expiresAt = officeDayEnd(now, office.timeZone);
    const link = (id: string) => `${this.publicBase()}/t/${id}`;
    const handled = new Set<string>();
    let queueMoved = false;
    for (const { kind, ticket } of tickets) {
      const r = byTicket.get(ticket.id);
      if (ticket.status !== 'waiting') queueMoved = true;
      if (!r) continue;
      if (kind === 'ticket:issued') {
        handled.add(ticket.id);
        const ahead = ticket.peopleAhead ?? 0;
        await this.enqueueTicket(t, office, r, 'ticket_issued', `issued`, expiresAt, {
          ticket: ticket.number,
          ahead: String(ahead),
          link: link(ticket.id),
        });
        if (ahead <= settings.aheadThreshold && !r.aheadSent) {
          await this.repo.updateRecipient(ticket.id, { aheadSent: true }, t);
          r.aheadSent = true;
        }
      } else if (kind === 'ticket:called' && ticket.counter) {
        handled.add(ticket.id);
        await this.enqueueTicket(
          t,
          office,
          r,
          'ticket_called',
          `called:${ticket.recalls}:${ticket.calledAt ?? ''}`,
          expiresAt,
          { ticket: ticket.number, window: ticket.counter, link: link(ticket.id) },
        );
      }
      if (FINAL_TICKET.has(ticket.status)) {
        await this.repo.updateRecipient(ticket.id, { active: false }, t);
        r.aheadSent = true;
      }
    }
    const candidates = recipients.filter((r) => !r.aheadSent && !handled.has(r.ticketId));
    if (!queueMoved || settings.aheadThreshold === 0 || candidates.length === 0) return;
    // One read of today's waiting line serves every recipient.
    const waiting = (await this.queue.liveTickets(office.code, day, t)).filter(
      (x) => x.status === 'waiting',
    );
    const line = waiting.map((x) => ({
      id: x.id,
      service: String(x.serviceId),
      priority: x.priority,
      issuedAt: x.issuedAt,
    }));
    for (const r of candidates) {
      const mine = line.find((x) => x.id === r.ticketId);
      if (!mine) continue;
      const ahead = peopleAhead(mine, line);
      if (ahead > settings.aheadThreshold) continue;
      const number = waiting.find((x) => x.id === r.ticketId)?.number ?? '';
      await this.enqueueTicket(t, office, r, 'ticket_ahead', 'ahead', expiresAt, {
        ticket: number,
        ahead: String(ahead),
        link: link(r.ticketId),
      });
      await this.repo.updateRecipient(r.ticketId, { aheadSent: true }, t);
    }
  }

  /** The applicant's phone and consent, recorded in the case's transaction. */
  async caseConsent(
    t: Transaction,
    c: { number: string; officeCode: string },
    notify: CaseNotify,
    consentBy: string,
  ): Promise<void> {
    await this.caseRecipients.upsert(
      {
        caseNumber: c.number,
        officeCode: c.officeCode,
        phone: notify.phone,
        telegramChat: null,
        language: notify.language ?? 'tg',
        consentBy,
      },
      this.now(),
      t,
    );
  }

  /** A case moved: its applicant hears about it when they consented (registry transaction). */
  async caseChanged(
    t: Transaction,
    c: { number: string; officeCode: string; version: number },
    status: CaseStatus,
  ): Promise<void> {
    const template = CASE_TEMPLATES[status];
    if (!template) return;
    const r = await this.caseRecipients.find(c.number, t);
    if (!r) return;
    const settings = await this.settings(c.officeCode);
    const language = this.languageOf(r.language);
    const text = await this.render(c.officeCode, template, language, {
      case: c.number,
      window: settings.pickupWindow,
      office: c.officeCode,
    });
    const now = this.now();
    for (const [channel, to] of addresses(r)) {
      await this.caseTable.insert(
        {
          officeCode: c.officeCode,
          caseNumber: c.number,
          channel,
          to,
          template,
          language,
          text,
          dedupeKey: `c:${c.number}:${status}:${c.version}:${channel}`,
          nextAttemptAt: now,
        },
        now,
        t,
      );
    }
    t.afterCommit(() => this.kick());
  }

  // ---- appointments (the booking service's notifier) ----

  /** The one-time code of a new booking, written in the booking's transaction. */
  async code(
    t: Transaction,
    m: { officeCode: string; phone: string; language: Language; otp: string; booking: Booking },
  ): Promise<void> {
    await this.enqueueDirect(t, m, 'booking_code', `b:${m.booking.code}:code:${m.otp}`, {
      code: m.otp,
      booking: m.booking.code,
    });
  }

  /** A confirmed booking: its code, its time on the office clock and the cancel link. */
  async confirmed(
    t: Transaction,
    m: { officeCode: string; phone: string; language: Language; booking: Booking },
  ): Promise<void> {
    const office = await this.queue.findOffice(m.officeCode);
    const p = zonedParts(new Date(m.booking.start), office?.timeZone ?? 'Asia/Dushanbe');
    const time = `${pad2(p.day)}.${pad2(p.month)} ${pad2(p.hour)}:${pad2(p.minute)}`;
    await this.enqueueDirect(t, m, 'booking_confirmed', `b:${m.booking.code}:confirmed`, {
      booking: m.booking.code,
      time,
      link: `${this.publicBase()}/book/?office=${encodeURIComponent(m.officeCode)}&cancel=${m.booking.code}`,
    });
  }

  // ---- public and admin commands ----

  /** `POST /api/tickets/:id/notify`: the holder of a live ticket asks for messages. */
  async notifyTicket(
    ticketId: string,
    phone: string,
    language?: Language,
  ): Promise<{ to: string; channel: 'sms' }> {
    const ticket = await this.queue.findTicket(ticketId);
    if (!ticket) throw notFound(`ticket ${ticketId}`);
    const office = await this.queue.findOffice(ticket.officeCode);
    if (!office) throw notFound(`office ${ticket.officeCode}`);
    const now = this.now();
    if (
      ticket.day !== officeDay(now, office.timeZone) ||
      !['waiting', 'called'].includes(ticket.status)
    ) {
      throw validationFailed(`ticket ${ticket.number} is no longer in the queue`, {
        field: 'ticket',
      });
    }
    await this.deps.db.transaction(async (t) => {
      const lang = language ?? this.languageOf(ticket.language);
      await this.repo.upsertTicketRecipient(
        { ...recipientOf(ticket), phone, telegramChat: null, language: lang },
        now,
        t,
      );
      const settings = await this.settings(office.code, t);
      const ahead = ticket.status === 'waiting' ? await this.queue.countAhead(ticket, t) : 0;
      const r: TicketRecipient = {
        ...recipientOf(ticket),
        phone,
        telegramChat: null,
        language: lang,
        aheadSent: false,
      };
      await this.enqueueTicket(
        t,
        office,
        { ...r, telegramChat: null },
        'ticket_issued',
        `issued:${phone}`,
        officeDayEnd(now, office.timeZone),
        {
          ticket: ticket.number,
          ahead: String(ahead),
          link: `${this.publicBase()}/t/${ticket.id}`,
        },
      );
      if (ahead <= settings.aheadThreshold)
        await this.repo.updateRecipient(ticket.id, { aheadSent: true }, t);
    });
    return { to: maskPhone(phone), channel: 'sms' };
  }

  /** The holder stops messages about one ticket. */
  async unsubscribeTicket(ticketId: string): Promise<void> {
    const ticket = await this.queue.findTicket(ticketId);
    if (!ticket) throw notFound(`ticket ${ticketId}`);
    await this.deps.db.transaction((t) =>
      this.repo.updateRecipient(ticketId, { active: false, aheadSent: true }, t),
    );
  }

  /** The ticket page's Telegram link (undefined: no bot configured). */
  async ticketTelegramLink(ticketId: string, language?: Language): Promise<string | undefined> {
    const ticket = await this.queue.findTicket(ticketId);
    if (!ticket) throw notFound(`ticket ${ticketId}`);
    return this.telegramLink({
      officeCode: ticket.officeCode,
      ticketId,
      language: language ?? this.languageOf(ticket.language),
    });
  }

  /** The case receipt's Telegram link: only for a case whose applicant consented. */
  async caseTelegramLink(
    caseNumber: string,
    staffOffice: string | null,
  ): Promise<string | undefined> {
    const r = await this.caseRecipients.find(caseNumber);
    if (!r || (staffOffice !== null && staffOffice !== r.officeCode)) return undefined;
    return this.telegramLink({ officeCode: r.officeCode, caseNumber, language: r.language });
  }

  /** A one-time `t.me/<bot>?start=<code>` link for a ticket or a case (undefined: no Telegram). */
  async telegramLink(link: {
    officeCode: string;
    ticketId?: string;
    caseNumber?: string;
    language: string;
  }): Promise<string | undefined> {
    if (!this.telegram) return undefined;
    const bot = await this.telegram.botName();
    const code = randomBytes(12).toString('base64url');
    await this.repo.createTelegramLink(link, code, this.now());
    return `https://t.me/${bot}?start=${code}`;
  }

  /** An administrator's test message to a phone. */
  async sendTest(
    officeCode: string,
    phone: string,
    language: Language,
    text?: string,
  ): Promise<MessageDto> {
    const now = this.now();
    const body = text ?? (await this.render(officeCode, 'test', language, { office: officeCode }));
    const dedupeKey = `test:${officeCode}:${randomBytes(8).toString('hex')}`;
    await this.deps.db.transaction(async (t) => {
      await this.queueTable.insert(
        {
          officeCode,
          channel: 'sms',
          to: phone,
          template: 'test',
          language,
          text: body,
          dedupeKey,
          nextAttemptAt: now,
        },
        now,
        t,
      );
      t.afterCommit(() => this.kick());
    });
    const [made] = await this.queueTable.list({ officeCode, limit: 1 });
    if (!made) throw notFound('the test message');
    return toDto(made);
  }

  /** The outbox of an office, newest first (both tables), numbers masked. */
  async list(officeCode: string, q: MessageQuery): Promise<MessageDto[]> {
    const limit = q.limit ?? 200;
    const query = { officeCode, status: q.status, limit };
    const fromQueue =
      q.case === undefined ? await this.queueTable.list({ ...query, ticketId: q.ticket }) : [];
    const fromCases =
      q.ticket === undefined
        ? await this.caseTable.list({ ...query, caseNumber: q.case?.toUpperCase() })
        : [];
    return [...fromQueue, ...fromCases]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, limit)
      .map(toDto);
  }

  /** Sent, delivered, failed and parts per day and gateway, for the last `days` days. */
  async totals(
    officeCode: string,
    days: number,
  ): Promise<
    Array<{ day: string; gateway: string; status: string; count: number; parts: number }>
  > {
    const since = new Date(this.now().getTime() - days * 86_400_000);
    const rows = [
      ...(await this.queueTable.totals(officeCode, since)),
      ...(await this.caseTable.totals(officeCode, since)),
    ];
    const merged = new Map<string, (typeof rows)[number]>();
    for (const r of rows) {
      const key = `${r.day}|${r.gateway}|${r.status}`;
      const seen = merged.get(key);
      if (seen) {
        seen.count += r.count;
        seen.parts += r.parts;
      } else merged.set(key, { ...r });
    }
    return [...merged.values()].sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
  }

  /** Every template of an office: its own text or the default. */
  async templates(
    officeCode: string,
  ): Promise<Array<{ key: TemplateKey; language: Language; text: string; custom: boolean }>> {
    const own = await this.officeSettings.templates(officeCode);
    const out: Array<{ key: TemplateKey; language: Language; text: string; custom: boolean }> = [];
    for (const key of Object.keys(DEFAULT_TEMPLATES) as TemplateKey[]) {
      for (const language of Language.options) {
        const mine = own.find((o) => o.template === key && o.language === language);
        out.push({
          key,
          language,
          text: mine?.text ?? DEFAULT_TEMPLATES[key][language],
          custom: !!mine,
        });
      }
    }
    return out;
  }

  setTemplate(
    officeCode: string,
    key: TemplateKey,
    language: Language,
    text: string | null,
  ): Promise<void> {
    return this.officeSettings.setTemplate(officeCode, key, language, text, this.now());
  }

  /** The office's settings, defaults filled in. */
  async settings(officeCode: string, t?: Transaction): Promise<MessageSettings> {
    const stored = MessageSettings.partial().safeParse(
      await this.officeSettings.settings(officeCode, t),
    );
    return { ...DEFAULT_MESSAGE_SETTINGS, ...(stored.success ? stored.data : {}) };
  }

  async setSettings(officeCode: string, settings: MessageSettings): Promise<void> {
    await this.officeSettings.setSettings(officeCode, settings, this.now());
    // New quiet hours apply to what the old ones hold back: the next round decides again.
    for (const table of this.tables()) await table.releaseHeld(officeCode, this.now());
  }

  // ---- the worker ----

  /** Starts the worker on this node; it never overlaps itself. */
  start(): void {
    if (this.timer) return;
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.deps.pollMs ?? 2_000);
    this.timer.unref();
    this.telegram?.startPolling();
    this.kick();
  }

  /** Wakes the worker now (a message just committed). */
  kick(): void {
    if (!this.timer || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((err: unknown) => this.deps.logger.warn({ err }, 'message worker failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    await Promise.all([this.sms?.close(), this.telegram?.close()]);
    await Promise.all([...this.reports]);
  }

  private track(work: Promise<void>, failure: string): void {
    const tracked = work
      .catch((err: unknown) => this.deps.logger.warn({ err }, failure))
      .finally(() => this.reports.delete(tracked));
    this.reports.add(tracked);
  }

  /** Sends due messages until none is left (tests and the bench call it directly). */
  async drain(): Promise<number> {
    let sent = 0;
    await this.housekeeping();
    for (;;) {
      const batch = await this.runDue();
      sent += batch.sent;
      if (batch.claimed === 0 || this.stopped) return sent;
    }
  }

  /**
   * One pass: claims due messages of both outboxes, settles those that may not go (expired, opted
   * out, quiet hours, caps), and sends the rest a window at a time: the window is marked `sending`
   * in one transaction, submitted at once, and its outcomes written in one more.
   */
  async runDue(): Promise<{ claimed: number; sent: number }> {
    const concurrency = this.deps.concurrency ?? 10;
    const now = this.now();
    const until = new Date(now.getTime() + (this.deps.claimMs ?? 30_000));
    let claimed = 0;
    let sent = 0;
    for (const table of this.tables()) {
      // Two windows per claim: sent well within the claim even with a slow SMSC.
      const batch = await table.claim({ now, until, limit: concurrency * 2 });
      claimed += batch.length;
      if (batch.length === 0) continue;
      const { ready, settled } = await this.screen(batch, now);
      await table.recordOutcomes(settled);
      for (let i = 0; i < ready.length; i += concurrency) {
        const group = ready.slice(i, i + concurrency);
        const flagged = await table.markSendingMany(
          group.map(({ m, channel }) => ({ id: m.id, gateway: channel.name })),
        );
        const outcomes = await Promise.all(
          group.filter(({ m }) => flagged.has(m.id)).map(({ m, channel }) => this.send(m, channel)),
        );
        await table.recordOutcomes(outcomes);
        sent += outcomes.filter((o) => o.kind === 'sent').length;
      }
    }
    return { claimed, sent };
  }

  /** Splits a claimed batch into messages to send now and those settled otherwise. */
  private async screen(
    batch: OutboxRecord[],
    now: Date,
  ): Promise<{ ready: Array<{ m: OutboxRecord; channel: Channel }>; settled: OutboxOutcome[] }> {
    const offices = new Map<string, OfficeContext>();
    for (const code of new Set(batch.map((m) => m.officeCode))) {
      const [office, settings] = await Promise.all([
        this.queue.findOffice(code),
        this.settings(code),
      ]);
      const tz = office?.timeZone ?? 'Asia/Dushanbe';
      const dayStart = officeDayStart(now, tz);
      const addresses = batch.filter((m) => m.officeCode === code).map((m) => m.to);
      const byAddress = new Map<string, number>();
      for (const table of this.tables())
        for (const [to, n] of await table.countByAddress(addresses, dayStart))
          byAddress.set(to, (byAddress.get(to) ?? 0) + n);
      // The office's count for its day is read once per batch and kept up to date here.
      const sentToday = await this.countAll({ officeCode: code }, dayStart);
      offices.set(code, { tz, settings, sentToday, byAddress });
    }
    const optedOut = await this.repo.optedOut(batch.map((m) => m.to));
    const ready: Array<{ m: OutboxRecord; channel: Channel }> = [];
    const settled: OutboxOutcome[] = [];
    for (const m of batch) {
      const ctx = offices.get(m.officeCode)!;
      const fail = (error: string) => settled.push({ kind: 'failed', id: m.id, error });
      if (m.expiresAt && m.expiresAt <= now) {
        settled.push({
          kind: 'expired',
          id: m.id,
          error: 'the office day closed before it could go',
        });
        continue;
      }
      if (optedOut.has(m.to)) {
        fail('the citizen opted out (STOP)');
        continue;
      }
      if (m.caseNumber !== null) {
        const quiet = { from: ctx.settings.quietFrom, until: ctx.settings.quietUntil };
        const quietEnd = quietHoursEnd(now, ctx.tz, quiet);
        if (quietEnd) {
          settled.push({ kind: 'postpone', id: m.id, next: quietEnd });
          continue;
        }
      }
      const byPhone = ctx.byAddress.get(m.to) ?? 0;
      const capped =
        byPhone >= ctx.settings.dailyCapPhone
          ? 'the daily limit for this number is reached'
          : ctx.sentToday >= ctx.settings.dailyCapOffice
            ? "the office's daily limit is reached"
            : undefined;
      if (capped) {
        // Case messages wait for tomorrow; queue messages are for today only.
        if (m.caseNumber !== null)
          settled.push({ kind: 'postpone', id: m.id, next: officeDayEnd(now, ctx.tz) });
        else fail(capped);
        continue;
      }
      const channel = m.channel === 'telegram' ? this.telegram : this.sms;
      if (!channel) {
        fail(`no ${m.channel} gateway is configured`);
        continue;
      }
      ctx.sentToday++;
      ctx.byAddress.set(m.to, byPhone + 1);
      ready.push({ m, channel });
    }
    return { ready, settled };
  }

  /** Expires and fails interrupted sends (every 10 s at most; security/retention erases numbers). */
  private async housekeeping(): Promise<void> {
    const now = this.now();
    if (now.getTime() - this.lastHousekeeping < 10_000) return;
    this.lastHousekeeping = now.getTime();
    for (const table of this.tables()) {
      await table.expireDue(now);
      await table.failInterrupted(now);
    }
  }

  /** Messages of both outboxes waiting to be sent (for `/metrics`). */
  async queued(): Promise<number> {
    const counts = await Promise.all(this.tables().map((table) => table.countQueued()));
    return counts.reduce((a, b) => a + b, 0);
  }

  private tables(): OutboxTable[] {
    return this.caseTable.db === this.queueTable.db &&
      this.caseTable.table === this.queueTable.table
      ? [this.queueTable]
      : [this.queueTable, this.caseTable];
  }

  /** Submits one message (already marked `sending`) and says what became of it. */
  private async send(m: OutboxRecord, channel: Channel): Promise<OutboxOutcome> {
    try {
      const result = await channel.send({ id: m.id, to: m.to, text: m.text });
      return { kind: 'sent', id: m.id, ...result, now: this.now() };
    } catch (err) {
      const reason = (err as Error).message || String(err);
      const retryable = err instanceof ChannelError ? err.retryable : true;
      const attempts = m.attempts + 1;
      this.deps.logger.warn({ message: m.id, reason, attempts }, 'message not sent');
      if (!retryable) return { kind: 'failed', id: m.id, error: reason };
      if (attempts >= MAX_ATTEMPTS)
        return {
          kind: 'failed',
          id: m.id,
          error: `given up after ${attempts} attempts: ${reason}`,
        };
      const next = new Date(this.now().getTime() + retryDelayMs(attempts));
      return { kind: 'retry', id: m.id, next, error: reason };
    }
  }

  private async countAll(by: { to?: string; officeCode?: string }, since: Date): Promise<number> {
    let n = 0;
    for (const table of this.tables()) n += await table.countSince(by, since);
    return n;
  }

  /** A delivery report; it may overtake the commit of its `sent`, so a miss is tried again. */
  private async receipt(providerId: string, delivered: boolean, error?: string): Promise<void> {
    for (const wait of [0, 200, 1_000, 3_000]) {
      if (wait) await new Promise((r) => setTimeout(r, wait));
      if (this.stopped && wait) return;
      for (const table of this.tables())
        if (await table.receipt(providerId, delivered, this.now(), error)) return;
    }
    this.deps.logger.info({ providerId }, 'a delivery report for an unknown message');
  }

  /** A citizen's reply: STOP (SMS or Telegram), or a Telegram `/start <code>`. */
  private async inbound(from: string, text: string): Promise<void> {
    if (isStopWord(text)) {
      await this.repo.optOut(from, from.startsWith('tg:') ? 'telegram' : 'sms', this.now());
      return;
    }
    const start = /^\/start\s+([A-Za-z0-9_-]{8,64})\s*$/.exec(text);
    if (!start?.[1] || !from.startsWith('tg:')) return;
    const chat = from;
    const link = await this.repo.useTelegramLink(start[1], chat, this.now());
    if (!link) return;
    if (link.ticketId) {
      const ticket = await this.queue.findTicket(link.ticketId);
      if (!ticket) return;
      await this.deps.db.transaction((t) =>
        this.repo.upsertTicketRecipient(
          { ...recipientOf(ticket), phone: null, telegramChat: chat, language: link.language },
          this.now(),
          t,
        ),
      );
    } else if (link.caseNumber) {
      await this.caseRecipients.setTelegramChat(link.caseNumber, chat);
    }
  }

  // ---- internals ----

  private async enqueueTicket(
    t: Transaction,
    office: OfficeRecord,
    r: TicketRecipient,
    template: TemplateKey,
    event: string,
    expiresAt: Date,
    values: TemplateValues,
  ): Promise<void> {
    const language = this.languageOf(r.language);
    const text = await this.render(
      office.code,
      template,
      language,
      { office: office.code, ...values },
      t,
    );
    const now = this.now();
    for (const [channel, to] of addresses(r)) {
      await this.queueTable.insert(
        {
          officeCode: office.code,
          ticketId: r.ticketId,
          channel,
          to,
          template,
          language,
          text,
          dedupeKey: `t:${r.ticketId}:${event}:${channel}`,
          nextAttemptAt: now,
          expiresAt,
        },
        now,
        t,
      );
    }
    t.afterCommit(() => this.kick());
  }

  /** A message to one phone, outside the queue and case flows (bookings). */
  private async enqueueDirect(
    t: Transaction,
    m: { officeCode: string; phone: string; language: Language },
    template: TemplateKey,
    dedupeKey: string,
    values: TemplateValues,
  ): Promise<void> {
    const now = this.now();
    const text = await this.render(m.officeCode, template, m.language, values, t);
    await this.queueTable.insert(
      {
        officeCode: m.officeCode,
        channel: 'sms',
        to: m.phone,
        template,
        language: m.language,
        text,
        dedupeKey,
        nextAttemptAt: now,
      },
      now,
      t,
    );
    t.afterCommit(() => this.kick());
  }

  async render(
    officeCode: string,
    key: TemplateKey,
    language: Language,
    values: TemplateValues,
    t?: Transaction,
  ): Promise<string> {
    const own = (await this.officeSettings.templates(officeCode, t)).find(
      (x) => x.template === key && x.language === language,
    );
    return renderTemplate(own?.text ?? DEFAULT_TEMPLATES[key][language], values);
  }

  private languageOf(value: string | null | undefined): Language {
    const parsed = Language.safeParse(value);
    return parsed.success ? parsed.data : 'tg';
  }

  publicBase(): string {
    return (this.deps.publicUrl?.() ?? 'http://localhost:8080').replace(/\/+$/, '');
  }
}

/** What the worker knows of an office while it sends one batch. */
interface OfficeContext {
  tz: string;
  settings: MessageSettings;
  /** Messages of the office day sent or under way (the daily cap). */
  sentToday: number;
  /** The same per phone number, for the numbers of this batch. */
  byAddress: Map<string, number>;
}

function recipientOf(
  ticket: TicketRecord,
): Pick<TicketRecipient, 'ticketId' | 'officeCode' | 'day'> {
  return { ticketId: ticket.id, officeCode: ticket.officeCode, day: ticket.day };
}

function addresses(r: {
  phone: string | null;
  telegramChat: string | null;
}): Array<['sms' | 'telegram', string]> {
  const out: Array<['sms' | 'telegram', string]> = [];
  if (r.phone) out.push(['sms', r.phone]);
  if (r.telegramChat) out.push(['telegram', r.telegramChat]);
  return out;
}
