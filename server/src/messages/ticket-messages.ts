/**
 * A queue ticket's messages: its holder's phone (given at the kiosk or on the ticket page) and the
 * messages a queue command causes, in its transaction: "issued", "called" (each recall) and once
 * "N ahead" when the line has brought the ticket close; a ticket that ends stops its messages.
 */
import type { Transaction } from 'sequelize';
import {
  maskPhone,
  type Language,
  type MessageSettings,
  type QueueChange,
  type StaffTicket,
  type TemplateKey,
  type TemplateValues,
} from '../../protocol';
import type { Database } from '../../../db/database';
import type { OfficeRecord, TicketRecord } from '../../../db/records';
import type { QueueRepository } from '../../../db/repositories/queue-repository';
import type {
  MessageRepository,
  TicketRecipient,
} from '../../../db/repositories/message-repository';
import type { OutboxTable } from '../../../db/repositories/outbox-table';
import { withdrawTicketQueued } from '../../../db/repositories/outbox-withdrawal';
import { peopleAhead } from '../queue/estimate';
import { officeDay } from '../queue/office-day';
import { AppError, notFound, validationFailed } from '../errors';
import { ticketKeys } from '../security/ticket-keys';
import type { OfficeMessageSettings } from './office-settings';
import { addresses, languageOf, recipientOf } from './recipients';
import { officeDayEnd } from './rules';

const FINAL_TICKET = new Set(['done', 'no_show', 'cancelled', 'expired']);

export interface TicketMessageDeps {
  db: Database;
  queueTable: OutboxTable;
  repo: MessageRepository;
  queue: QueueRepository;
  offices: OfficeMessageSettings;
  now: () => Date;
  /** Base of every link in a message. */
  publicBase: () => string;
  /** Wakes the worker (after the commit). */
  kick: () => void;
}

type TicketChange = { kind: QueueChange['kind']; ticket: StaffTicket };

/** What one queue command's messages share: its transaction, office, settings and expiry. */
interface Round {
  t: Transaction;
  office: OfficeRecord;
  settings: MessageSettings;
  expiresAt: Date;
}

export class TicketMessages {
  /** Transactions in which a ticket got a phone to message (their issue needs the recipients). */
  private readonly subscribedIn = new WeakSet<Transaction>();

  constructor(private readonly d: TicketMessageDeps) {}

  /** The ticket's holder gave a phone at the kiosk: recorded with the ticket. */
  async subscribeTicket(t: Transaction, ticket: TicketRecord, phone: string): Promise<void> {
    this.subscribedIn.add(t);
    await this.d.repo.upsertTicketRecipient(
      {
        ...recipientOf(ticket),
        phone,
        telegramChat: null,
        language: languageOf(ticket.language),
      },
      this.d.now(),
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
    tickets: TicketChange[],
  ): Promise<void> {
    const now = this.d.now();
    const day = officeDay(now, office.timeZone);
    const recipients = await this.d.repo.liveRecipients(office.code, day, t);
    if (recipients.length === 0) return;
    const byTicket = new Map(recipients.map((r) => [r.ticketId, r]));
    const settings = await this.d.offices.settings(office.code, t);
    const round: Round = { t, office, settings, expiresAt: officeDayEnd(now, office.timeZone) };
    const handled = new Set<string>();
    for (const change of tickets) {
      const r = byTicket.get(change.ticket.id);
      if (r && (await this.ticketMoved(round, r, change))) handled.add(r.ticketId);
    }
    const queueMoved = tickets.some((x) => x.ticket.status !== 'waiting');
    const candidates = recipients.filter((r) => !r.aheadSent && !handled.has(r.ticketId));
    if (!queueMoved || settings.aheadThreshold === 0 || candidates.length === 0) return;
    await this.sendAhead(round, day, candidates);
  }

  /** One changed ticket with a recipient: "issued" or "called"; answers whether one was written. */
  private async ticketMoved(
    round: Round,
    r: TicketRecipient,
    change: TicketChange,
  ): Promise<boolean> {
    const { kind, ticket } = change;
    const t = round.t;
    let handled = false;
    if (kind === 'ticket:issued') {
      handled = true;
      const ahead = ticket.peopleAhead ?? 0;
      await this.enqueueTicket(round, r, 'ticket_issued', `issued`, {
        ticket: ticket.number,
        ahead: String(ahead),
        // The phone given with the ticket is its holder's: the link carries the key.
        link: await this.link(ticket.id, round.t, true),
      });
      if (ahead <= round.settings.aheadThreshold && !r.aheadSent) {
        await this.d.repo.updateRecipient(ticket.id, { aheadSent: true }, t);
        r.aheadSent = true;
      }
    } else if (kind === 'ticket:called' && ticket.counter) {
      handled = true;
      await this.enqueueTicket(
        round,
        r,
        'ticket_called',
        `called:${ticket.recalls}:${ticket.calledAt ?? ''}`,
        {
          ticket: ticket.number,
          window: ticket.counter,
          link: await this.link(ticket.id, round.t, false),
        },
      );
    }
    if (FINAL_TICKET.has(ticket.status)) {
      await this.d.repo.updateRecipient(ticket.id, { active: false }, t);
      // What it still owes (a dead gateway held it) is no longer true: not sent when it is back.
      await withdrawTicketQueued(this.d.queueTable, ticket.id, `the ticket is ${ticket.status}`, t);
      r.aheadSent = true;
    }
    return handled;
  }

  /** "N ahead" to the waiting recipients the line has brought within the threshold. */
  private async sendAhead(round: Round, day: string, candidates: TicketRecipient[]): Promise<void> {
    const { t, office, settings } = round;
    // One read of today's waiting line serves every recipient.
    const waiting = (await this.d.queue.liveTickets(office.code, day, t)).filter(
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
      // Taken first: another command moving the line at this moment may have sent it already.
      if (!(await this.d.repo.claimAhead(r.ticketId, t))) continue;
      const number = waiting.find((x) => x.id === r.ticketId)?.number ?? '';
      await this.enqueueTicket(round, r, 'ticket_ahead', 'ahead', {
        ticket: number,
        ahead: String(ahead),
        link: await this.link(r.ticketId, round.t, false),
      });
    }
  }

  /** `POST /api/tickets/:id/notify`: the holder of a live ticket asks for messages. */
  async notifyTicket(
    ticketId: string,
    phone: string,
    language?: Language,
    holder = false,
  ): Promise<{ to: string; channel: 'sms' }> {
    const ticket = await this.d.queue.findTicket(ticketId);
    if (!ticket) throw notFound(`ticket ${ticketId}`);
    // Only the holder's own phone gets the key in its link: a stranger who signs up first (the
    // id alone takes a ticket nobody follows) follows the ticket, without a say over it.
    await this.holderOnly(ticketId, holder);
    const office = await this.d.queue.findOffice(ticket.officeCode);
    if (!office) throw notFound(`office ${ticket.officeCode}`);
    const now = this.d.now();
    if (
      ticket.day !== officeDay(now, office.timeZone) ||
      !['waiting', 'called'].includes(ticket.status)
    ) {
      throw validationFailed(`ticket ${ticket.number} is no longer in the queue`, {
        field: 'ticket',
      });
    }
    const lang = language ?? languageOf(ticket.language);
    await this.d.db.transaction((t) =>
      this.subscribeLive(t, { office, ticket, now, holder }, phone, lang),
    );
    return { to: maskPhone(phone), channel: 'sms' };
  }

  /** `notifyTicket`'s transaction: the recipient, then "issued" with the ticket's place now. */
  private async subscribeLive(
    t: Transaction,
    at: { office: OfficeRecord; ticket: TicketRecord; now: Date; holder: boolean },
    phone: string,
    language: Language,
  ): Promise<void> {
    const { office, ticket, now } = at;
    const r: TicketRecipient = {
      ...recipientOf(ticket),
      phone,
      telegramChat: null,
      language,
      aheadSent: false,
    };
    await this.d.repo.upsertTicketRecipient(r, now, t);
    const settings = await this.d.offices.settings(office.code, t);
    const ahead = ticket.status === 'waiting' ? await this.d.queue.countAhead(ticket, t) : 0;
    const round: Round = { t, office, settings, expiresAt: officeDayEnd(now, office.timeZone) };
    await this.enqueueTicket(round, r, 'ticket_issued', `issued:${phone}`, {
      ticket: ticket.number,
      ahead: String(ahead),
      link: await this.link(ticket.id, round.t, at.holder),
    });
    if (ahead <= settings.aheadThreshold)
      await this.d.repo.updateRecipient(ticket.id, { aheadSent: true }, t);
  }

  /** The phone a ticket's messages go to (unmasked; none: nobody follows it by SMS). */
  async phoneOf(ticketId: string): Promise<string | null> {
    return (await this.d.repo.findActiveRecipient(ticketId))?.phone ?? null;
  }

  /** Where a ticket's messages go now (the phone masked), for its holder's page. */
  async notifyStatus(ticketId: string): Promise<{ phone: string | null; telegram: boolean }> {
    const ticket = await this.d.queue.findTicket(ticketId);
    if (!ticket) throw notFound(`ticket ${ticketId}`);
    const r = await this.d.repo.findActiveRecipient(ticketId);
    return { phone: r?.phone ? maskPhone(r.phone) : null, telegram: Boolean(r?.telegramChat) };
  }

  /** The holder stops messages about one ticket. */
  async unsubscribeTicket(ticketId: string, holder = false): Promise<void> {
    const ticket = await this.d.queue.findTicket(ticketId);
    if (!ticket) throw notFound(`ticket ${ticketId}`);
    await this.holderOnly(ticketId, holder);
    await this.d.db.transaction((t) =>
      this.d.repo.updateRecipient(ticketId, { active: false, aheadSent: true }, t),
    );
  }

  /**
   * A ticket someone already follows (a phone or a Telegram chat): its messages change only for
   * the holder (the request carried the key, security/ticket-keys.ts); the id, public, is enough
   * for the first subscriber.
   */
  async holderOnly(ticketId: string, holder: boolean): Promise<void> {
    if (holder) return;
    const followed = await this.d.repo.findActiveRecipient(ticketId);
    if (followed && (followed.phone !== null || followed.telegramChat !== null)) {
      throw new AppError(
        'forbidden',
        'this ticket’s messages already go to someone: change or stop them from the link on the ticket (its QR code)',
        { reason: 'ticket_key' },
      );
    }
  }

  /**
   * The ticket page; with the holder's key for the holder's own phone (the "issued" message of a
   * phone given with the ticket or by the key's holder), without it on later messages. The secret
   * is read in the message's transaction (a cold node reads it there, not on a second connection).
   */
  private async link(ticketId: string, t: Transaction, holder: boolean): Promise<string> {
    if (holder) return ticketKeys(this.d.db).holderLink(this.d.publicBase(), ticketId, t);
    return `${this.d.publicBase().replace(/\/$/, '')}/t/${ticketId}`;
  }

  /** One ticket message to each of the recipient's addresses, once per `event`. */
  private async enqueueTicket(
    round: Round,
    r: TicketRecipient,
    template: TemplateKey,
    event: string,
    values: TemplateValues,
  ): Promise<void> {
    const { t, office } = round;
    const language = languageOf(r.language);
    const text = await this.d.offices.render(
      office.code,
      template,
      language,
      { office: office.names[language], ...values },
      t,
    );
    const now = this.d.now();
    for (const [channel, to] of addresses(r)) {
      await this.d.queueTable.insert(
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
          expiresAt: round.expiresAt,
        },
        now,
        t,
      );
    }
    t.afterCommit(() => this.d.kick());
  }
}
