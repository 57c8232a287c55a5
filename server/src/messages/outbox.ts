/**
 * Citizen messages: rows written in the transaction of the event that causes them (ticket issued,
 * "N ahead", called, case steps, appointments), then sent by a worker on every node. A node claims
 * a message before sending it and marks it `sending` before the first byte leaves, so two nodes
 * never send one message and a node that dies mid-submit never sends it twice. Retries back off;
 * the end is `sent`/`delivered` (receipts) or `failed`/`expired` with the reason.
 *
 * `Outbox` wires the parts and is what the rest of the server holds: ticket-messages.ts and
 * case-messages.ts write the rows, outbox-worker.ts (with outbox-screen.ts) sends them,
 * gateway-reports.ts takes receipts and replies, telegram-links.ts the deep links,
 * office-settings.ts the settings and templates, outbox-admin.ts the administrator's views.
 */
import type { Transaction } from 'sequelize';
import type { Logger } from 'pino';
import type { StaffPrincipal } from '../auth/actor';
import type {
  CaseNotify,
  CaseStatus,
  GatewayHealthDto,
  Language,
  MessageDto,
  MessageQuery,
  MessageSettings,
  QueueChange,
  TemplateKey,
  TemplateValues,
  TicketNotifyStatus,
} from '../../protocol';
import type { Database } from '../../../db/database';
import type { OfficeRecord, TicketRecord } from '../../../db/records';
import { QueueRepository } from '../../../db/repositories/queue-repository';
import { CaseRecipientRepository } from '../../../db/repositories/case-recipient-repository';
import { MessageRepository } from '../../../db/repositories/message-repository';
import { OutboxTable } from '../../../db/repositories/outbox-table';
import type { Channel, ChannelListener } from './channel';
import { CaseMessages } from './case-messages';
import { GatewayReports } from './gateway-reports';
import { OfficeMessageSettings, type OfficeTemplate } from './office-settings';
import { OutboxAdmin, type MessageTotal } from './outbox-admin';
import { OutboxWorker } from './outbox-worker';
import { TelegramLinks } from './telegram-links';
import type { TelegramChannel } from './telegram-channel';
import { TicketMessages } from './ticket-messages';
import { ticketKeys } from '../security/ticket-keys';

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

export class Outbox {
  readonly queueTable: OutboxTable;
  readonly caseTable: OutboxTable;
  readonly now: () => Date;
  /** Reports from the gateways: delivery receipts and citizens' replies. */
  readonly listener: ChannelListener;
  private readonly worker: OutboxWorker;
  private readonly offices: OfficeMessageSettings;
  private readonly tickets: TicketMessages;
  private readonly cases: CaseMessages;
  private readonly links: TelegramLinks;
  private readonly reports: GatewayReports;
  private readonly admin: OutboxAdmin;

  constructor(private readonly deps: OutboxDeps) {
    const { db, logger } = deps;
    const registryDb = deps.registryDb ?? db;
    const now = (this.now = deps.now ?? (() => new Date()));
    const queueTable = (this.queueTable = new OutboxTable(db, 'messages'));
    const caseTable = (this.caseTable = new OutboxTable(registryDb, 'case_messages'));
    const tables = [queueTable, caseTable];
    const repo = new MessageRepository(db);
    const caseRecipients = new CaseRecipientRepository(registryDb);
    const queue = new QueueRepository(db);
    const offices = (this.offices = new OfficeMessageSettings(db, now, () => tables));
    const kick = () => this.kick();
    const publicBase = () => this.publicBase();
    const worker = (this.worker = new OutboxWorker({
      logger,
      now,
      pollMs: deps.pollMs,
      concurrency: deps.concurrency,
      claimMs: deps.claimMs,
      tables,
      lookups: {
        officeTimeZone: async (code) => (await queue.findOffice(code))?.timeZone ?? 'Asia/Dushanbe',
        settings: (code) => offices.settings(code),
        optedOut: (addresses) => repo.optedOut(addresses),
      },
      storedSettings: () => offices.allStored(),
    }));
    this.tickets = new TicketMessages({
      db,
      queueTable,
      repo,
      queue,
      offices,
      now,
      publicBase,
      kick,
    });
    this.cases = new CaseMessages({ caseTable, caseRecipients, offices, now, kick });
    const telegram = () => worker.telegram;
    const links = (this.links = new TelegramLinks({
      db,
      repo,
      caseRecipients,
      queue,
      now,
      telegram,
    }));
    const stopped = () => worker.stopped;
    this.reports = new GatewayReports({ logger, now, tables, repo, links, stopped });
    this.listener = this.reports.listener;
    this.admin = new OutboxAdmin({ db, queueTable, caseTable, offices, now, kick });
  }

  /** Plugs in the gateways (built with `listener`). */
  useChannels(channels: { sms?: Channel; telegram?: TelegramChannel }): void {
    this.worker.sms = channels.sms;
    this.worker.telegram = channels.telegram;
  }

  /** Which gateways this node sends through (admin). */
  channels(): { sms: string | null; telegram: boolean } {
    return { sms: this.worker.sms?.name ?? null, telegram: this.worker.telegram !== undefined };
  }

  /** What the gateways did with this node's submits since it started (admin page, `/metrics`). */
  gateways(): GatewayHealthDto[] {
    return this.worker.health.list();
  }

  // ---- the hooks commands call inside their transaction ----

  /** The ticket's holder gave a phone at the kiosk: recorded with the ticket. */
  subscribeTicket(t: Transaction, ticket: TicketRecord, phone: string): Promise<void> {
    return this.tickets.subscribeTicket(t, ticket, phone);
  }

  /** The phone a ticket's messages go to (an idempotent replay of its issue compares it). */
  phoneOf(ticketId: string): Promise<string | null> {
    return this.tickets.phoneOf(ticketId);
  }

  /** A queue command's changes, inside its transaction (see `TicketMessages.queueChanged`). */
  queueChanged(
    t: Transaction,
    office: OfficeRecord,
    events: QueueChange[],
    recipients?: number,
  ): Promise<void> {
    return this.tickets.queueChanged(t, office, events, recipients);
  }

  /** The applicant's phone and consent, recorded in the case's transaction. */
  caseConsent(
    t: Transaction,
    c: { number: string; officeCode: string },
    notify: CaseNotify,
    consentBy: string,
  ): Promise<void> {
    return this.cases.caseConsent(t, c, notify, consentBy);
  }

  /** A case moved: its applicant hears about it when they consented (registry transaction). */
  caseChanged(
    t: Transaction,
    c: { number: string; officeCode: string; version: number },
    status: CaseStatus,
  ): Promise<void> {
    return this.cases.caseChanged(t, c, status);
  }

  /** A message to one phone, sent at once, outside the queue and case flows (appointments). */
  async enqueueDirect(
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

  // ---- public and admin commands ----

  /** `POST /api/tickets/:id/notify`: the holder of a live ticket asks for messages. */
  notifyTicket(
    ticketId: string,
    phone: string,
    language?: Language,
    holder = false,
  ): Promise<{ to: string; channel: 'sms' }> {
    return this.tickets.notifyTicket(ticketId, phone, language, holder);
  }

  /** Where a ticket's messages go, and whether this node can offer a Telegram link. */
  async ticketNotifyStatus(ticketId: string, holderKey?: string): Promise<TicketNotifyStatus> {
    const status = await this.tickets.notifyStatus(ticketId);
    const holder = await this.isTicketHolder(ticketId, holderKey);
    return { ...status, telegramBot: this.worker.telegram !== undefined, holder };
  }

  /** Whether `holderKey` is ticket `id`'s holder key (security/ticket-keys.ts). */
  isTicketHolder(ticketId: string, holderKey: string | undefined): Promise<boolean> {
    return ticketKeys(this.deps.db).matches(ticketId, holderKey);
  }

  /** The holder stops messages about one ticket. */
  unsubscribeTicket(ticketId: string, holder = false): Promise<void> {
    return this.tickets.unsubscribeTicket(ticketId, holder);
  }

  /** The ticket page's Telegram link (undefined: no bot configured). */
  async ticketTelegramLink(
    ticketId: string,
    language?: Language,
    holder = false,
  ): Promise<string | undefined> {
    await this.tickets.holderOnly(ticketId, holder);
    return this.links.forTicket(ticketId, language);
  }

  /** The case receipt's Telegram link: only for a case whose applicant consented. */
  caseTelegramLink(caseNumber: string, staffOffice: string | null): Promise<string | undefined> {
    return this.links.forCase(caseNumber, staffOffice);
  }

  /** An administrator's test message to a phone. */
  sendTest(
    officeCode: string,
    phone: string,
    language: Language,
    text?: string,
  ): Promise<MessageDto> {
    return this.admin.sendTest(officeCode, phone, language, text);
  }

  /** The outbox of an office, newest first (both tables), numbers masked. */
  list(officeCode: string, q: MessageQuery): Promise<MessageDto[]> {
    return this.admin.list(officeCode, q);
  }

  /** Sent, delivered, failed and parts per day and gateway, for the last `days` days. */
  totals(officeCode: string, days: number): Promise<MessageTotal[]> {
    return this.admin.totals(officeCode, days);
  }

  /** Every template of an office: its own text or the default. */
  templates(officeCode: string): Promise<OfficeTemplate[]> {
    return this.offices.templates(officeCode);
  }

  setTemplate(
    officeCode: string,
    key: TemplateKey,
    language: Language,
    text: string | null,
  ): Promise<void> {
    return this.offices.setTemplate(officeCode, key, language, text);
  }

  /** The office's settings, defaults filled in (see OfficeMessageSettings.settings). */
  settings(officeCode: string, t?: Transaction): Promise<MessageSettings> {
    return this.offices.settings(officeCode, t);
  }

  /** The office's settings as the administrator sees them (the pickup window resolved). */
  shownSettings(officeCode: string): Promise<MessageSettings> {
    return this.offices.shown(officeCode);
  }

  /** New settings; messages the old quiet hours held back are due again. */
  setSettings(
    officeCode: string,
    settings: MessageSettings,
    admin?: StaffPrincipal,
  ): Promise<void> {
    return this.offices.setSettings(officeCode, settings, admin);
  }

  /** A message's text: the office's own template (else the default) with `values` filled in. */
  render(
    officeCode: string,
    key: TemplateKey,
    language: Language,
    values: TemplateValues,
    t?: Transaction,
  ): Promise<string> {
    return this.offices.render(officeCode, key, language, values, t);
  }

  publicBase(): string {
    return (this.deps.publicUrl?.() ?? 'http://localhost:8080').replace(/\/+$/, '');
  }

  // ---- the worker ----

  /** Starts the worker on this node; it never overlaps itself. */
  start(): void {
    this.worker.start();
  }

  /** Wakes the worker now (a message just committed). */
  kick(): void {
    this.worker.kick();
  }

  /** Stops the worker, closes the gateways and waits for the reports under way. */
  async stop(): Promise<void> {
    await this.worker.stop();
    await this.reports.settled();
  }

  /** Sends due messages until none is left (tests and the bench call it directly). */
  drain(): Promise<number> {
    return this.worker.drain();
  }

  /** One pass of the worker (see `OutboxWorker.runDue`). */
  runDue(): Promise<{ claimed: number; sent: number }> {
    return this.worker.runDue();
  }

  /** Messages of both outboxes waiting to be sent (for `/metrics`). */
  queued(): Promise<number> {
    return this.worker.queued();
  }
}
