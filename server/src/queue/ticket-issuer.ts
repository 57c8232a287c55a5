/**
 * Issuing a ticket: the office's hours and the service's state checked, the number taken, the row,
 * its audit, its citizen's phone and its paper (print job) written in one command; idempotent by
 * key; linked to a registry case (in the same transaction, or after it when the registry lives in
 * another database).
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import { NO_PRIORITY, canEdit, type IssueTicket, type StaffTicket } from '../../protocol';
import type { OfficeRecord, ServiceRecord, TicketRecord } from '../../../db/records';
import { AppError, notFound, validationFailed } from '../errors';
import type { Actor } from '../auth/actor';
import { officeDay } from './office-day';
import { formatTicketNumber } from './numbering';
import { readTicket, type PendingChange } from './change-renderer';
import { answerTicket, type QueueContext } from './queue-context';
import type { NewPrintJob, PrintQueue } from '../printing/print-queue';
import type { Committed } from './command-pipeline';
import type { Outbox } from '../messages/outbox';
import type { FoundCase } from '../registry/case-links';
import type { QueuePlace } from '../../../db/repositories/queue-place';
import { caseToLink } from './ticket-case';
import { newTicket, refuseClosedOffice } from './new-ticket';
import { TICKET_SEQ_TOKEN } from '../../../db/sql-binding';

/**
 * Checks a booking in, inside the ticket's own transaction (bookings/booking-service.ts): locks and
 * moves the booking, and says when the new ticket stands in the queue and with which booking code
 * (a remote join, bookings/remote-join.ts, admits its ticket the same way and marks it `remote`).
 */
export type AdmitBooking = (
  t: Transaction,
  ticket: { id: string; now: Date; office: OfficeRecord },
) => Promise<{ queueTime: Date; appointmentCode: string | null; remote?: boolean }>;

/** One issue request as the command sees it. */
interface IssueRequest {
  officeCode: string;
  req: IssueTicket;
  idempotencyKey: string | undefined;
  actor: Actor;
  admit?: AdmitBooking;
  linkedCase?: FoundCase;
  /** Set in the transaction when the case is linked after commit (registry elsewhere). */
  linkAfterCommit?: { id: string; number: string; at: Date };
}

/** What issuing writes besides the queue's own rows. */
export interface TicketIssuerDeps {
  /** The print queue: a kiosk with a printer gets a job with each ticket. */
  print?: Pick<PrintQueue, 'enqueue'>;
  /** Citizen messages: a phone given at the kiosk subscribes in the ticket's transaction. */
  messages?: Pick<Outbox, 'subscribeTicket' | 'phoneOf'>;
}

export class TicketIssuer {
  constructor(
    private readonly ctx: QueueContext,
    private readonly deps: TicketIssuerDeps,
  ) {}

  /**
   * Issues a ticket. With an idempotency key, the same key returns the ticket it issued before
   * (`created: false`) instead of a second one. The key is not looked up first: a new key (every
   * kiosk tap has one) costs no round trip before the ticket's transaction; a repeated one fails
   * that transaction, at the latest on the key's unique index, and is answered from the ticket
   * the key issued.
   */
  async issue(
    officeCode: string,
    req: IssueTicket,
    idempotencyKey: string | undefined,
    actor: Actor,
    admit?: AdmitBooking,
  ): Promise<{ ticket: StaffTicket; created: boolean; printJob?: NewPrintJob }> {
    const request: IssueRequest = { officeCode, req, idempotencyKey, actor, admit };
    let issued: Committed<{ id: string; printJob: Promise<NewPrintJob> | undefined }>;
    if (req.forCase && req.caseNumber === undefined) {
      throw validationFailed('forCase needs a caseNumber', { field: 'forCase' });
    }
    try {
      // The case is checked before anything is written: an unknown number issues no ticket.
      if (req.caseNumber !== undefined) {
        request.linkedCase = await caseToLink(this.ctx, officeCode, {
          ...req,
          caseNumber: req.caseNumber,
        });
      }
      issued = await this.ctx.pipeline.run(officeCode, (t, office, changes) =>
        this.write(t, office, changes, request),
      );
    } catch (err) {
      // A key that issued before (a retried tap, or two requests with one key at the same
      // moment): answered with that ticket, whatever stopped this attempt (its key's unique
      // index, or a service closed since the first answer was lost).
      if (idempotencyKey) {
        const existing = await this.issuedBefore(officeCode, idempotencyKey, req);
        if (existing) return existing;
      }
      throw err;
    }
    const { linkedCase } = request;
    if (request.linkAfterCommit && linkedCase && this.ctx.cases) {
      await this.linkOrWithdraw(officeCode, linkedCase.id, request.linkAfterCommit, actor);
    }
    const { id } = issued.result;
    // Written with the ticket (its id came back in the commit's round trips).
    const printJob = await issued.result.printJob;
    const ticket = await answerTicket(this.ctx, issued.tickets, id);
    return { ticket, created: true, printJob };
  }

  /**
   * The ticket an idempotency key issued before, if any. Sent with another request (kiosk, service,
   * priority, language, phone) the key is refused: its ticket and holder key are the first
   * caller's (a replay with another phone answered them, and that phone was never subscribed).
   */
  private async issuedBefore(
    officeCode: string,
    key: string | undefined,
    req: IssueTicket,
  ): Promise<{ ticket: StaffTicket; created: false } | undefined> {
    if (!key) return undefined;
    const existing = await this.ctx.repo.findIdempotentTicketId(officeCode, key);
    if (!existing) return undefined;
    const messages = this.deps.messages;
    const [record, ticket, phone] = await Promise.all([
      this.ctx.repo.findTicket(existing),
      readTicket(this.ctx.repo, existing, this.ctx.cases, this.ctx.cache),
      messages ? messages.phoneOf(existing) : (req.phone ?? null),
    ]);
    const same =
      phone === (req.phone ?? null) &&
      (record?.kiosk ?? null) === (req.kiosk ?? null) &&
      (record?.language ?? null) === (req.language ?? null) &&
      ticket.priority === (req.priority ?? NO_PRIORITY) &&
      (ticket.service === req.service || req.forCase === true);
    if (!same) {
      throw new AppError('conflict', 'this Idempotency-Key issued a ticket for another request', {
        reason: 'idempotency_key_reused',
      });
    }
    return { ticket, created: false };
  }

  /** The command's writes: the checks, the number, the row and what comes with it. */
  private async write(
    t: Transaction,
    office: OfficeRecord,
    changes: PendingChange[],
    r: IssueRequest,
  ): Promise<{ id: string; printJob: Promise<NewPrintJob> | undefined }> {
    const { officeCode, req, linkedCase } = r;
    const now = this.ctx.now();
    // Outside the opening hours the kiosk issues nothing; staff may still hand out a ticket.
    if (r.actor.kind !== 'staff') refuseClosedOffice(office, now);
    const { service, priority } = await this.chooseService(t, officeCode, office, r);
    const kiosk = await this.findKiosk(t, officeCode, req.kiosk);
    const id = randomUUID();
    const admitted = r.admit ? await r.admit(t, { id, now, office }) : undefined;
    const day = officeDay(now, office.timeZone);
    const counted = admitted
      ? undefined
      : await this.holdCount(t, { id, officeCode, day, service, priority, now });
    const { number, numbered } = await this.takeNumber(t, r, day, service.prefix);
    const ticket = newTicket({
      id,
      officeCode,
      day,
      number,
      service,
      priority,
      req,
      now,
      admitted,
    });
    await this.ctx.repo.insertTicket(ticket, t);
    if (req.phone) await this.deps.messages?.subscribeTicket(t, ticket, req.phone);
    if (r.idempotencyKey) {
      await this.ctx.repo.insertIdempotencyKey(officeCode, r.idempotencyKey, ticket.id, now, t);
    }
    await this.ctx.transitions.audit(t, r.actor, officeCode, 'ticket.issue', ticket, undefined, {
      number: ticket.number,
      service: service.code,
      priority,
    });
    await this.linkCase(t, r, ticket, now);
    // The paper is part of the ticket: its job commits (or not) with it.
    const queued = kiosk?.printerUrl
      ? await this.printJob(t, ticket, { code: kiosk.code, printerUrl: kiosk.printerUrl })
      : undefined;
    const caseNumber = linkedCase && this.ctx.cases?.sharesQueueDatabase ? linkedCase.number : null;
    changes.push({
      kind: 'ticket:issued',
      ticketId: ticket.id,
      record: ticket,
      caseNumber,
      place: counted?.place,
      numbered,
    });
    return { id: ticket.id, printJob: queued?.job };
  }

  /**
   * The ticket's number. On MySQL a ticket issued without a phone, a case or a booking takes it in
   * SQL, held with the rest of the command (`numbered`: the number once the commit's round trip
   * answers; the rows bind it through `TICKET_SEQ_TOKEN`), so the whole issue is one round trip;
   * the others need it inside the transaction (the phone's "issued" message, the case's link, a
   * booking's check-in) and wait for it.
   */
  private async takeNumber(
    t: Transaction,
    r: IssueRequest,
    day: string,
    prefix: string,
  ): Promise<{ number: string; numbered?: Promise<string> }> {
    const { officeCode } = r;
    const later = this.ctx.repo.db.dialect === 'mysql' && !r.req.phone && !r.admit && !r.linkedCase;
    if (!later) {
      const seqNo = await this.ctx.repo.nextNumber(officeCode, day, prefix, t);
      return { number: formatTicketNumber(prefix, seqNo) };
    }
    const { seq } = await this.ctx.repo.holdNextNumber(officeCode, day, prefix, t);
    const numbered = seq.then((n) => formatTicketNumber(prefix, n));
    // Read when the ticket is rendered; a command that fails before that leaves it unread.
    numbered.catch(() => undefined);
    return { number: `${prefix}${TICKET_SEQ_TOKEN}`, numbered };
  }

  /** The case the ticket picks up, linked in the transaction or (registry elsewhere) after it. */
  private async linkCase(t: Transaction, r: IssueRequest, ticket: TicketRecord, now: Date) {
    const { linkedCase } = r;
    if (!linkedCase || !this.ctx.cases) return;
    if (this.ctx.cases.sharesQueueDatabase) {
      await this.ctx.cases.linkTicket(linkedCase.id, ticket, now, t);
    } else {
      r.linkAfterCommit = { id: ticket.id, number: ticket.number, at: now };
    }
  }

  /**
   * On MySQL the people ahead of the new ticket are counted in the round trip that takes its
   * number (held, then carried with it): no round trip or connection of their own. A checked-in
   * booking's place is the command's to decide, and SQLite counts when the ticket is rendered.
   */
  private async holdCount(
    t: Transaction,
    p: {
      id: string;
      officeCode: string;
      day: string;
      service: ServiceRecord;
      priority: string;
      now: Date;
    },
  ): Promise<{ place: Promise<QueuePlace> } | undefined> {
    if (this.ctx.repo.db.dialect !== 'mysql') return undefined;
    return this.ctx.repo.holdCountPlace(
      {
        id: p.id,
        officeCode: p.officeCode,
        day: p.day,
        serviceId: p.service.id,
        priority: p.priority,
        queueTime: p.now,
        issuedAt: p.now,
      },
      p.now,
      t,
    );
  }

  /**
   * The requested service, open, and a priority the office knows. `forCase`: a case still with the
   * front office (a draft, or returned for more documents) goes to its own service's windows, where
   * its clerk works on it, when that service is open; any other case to the service asked.
   */
  private async chooseService(
    t: Transaction,
    officeCode: string,
    office: OfficeRecord,
    r: IssueRequest,
  ): Promise<{ service: ServiceRecord; priority: string }> {
    const { req, linkedCase } = r;
    const services = await this.ctx.cache.services(officeCode, t);
    const own =
      // Still the front office's (a clerk edits it: a draft, or returned for more documents).
      req.forCase && linkedCase && canEdit(linkedCase.status, 'clerk')
        ? services.find((s) => s.code === linkedCase.type && s.isOpen)
        : undefined;
    const service = own ?? services.find((s) => s.code === req.service);
    if (!service) throw notFound(`service ${req.service}`);
    if (!service.isOpen) {
      throw new AppError('conflict', `service ${service.code} is closed now`, {
        reason: service.closedReason,
      });
    }
    const priority = req.priority ?? NO_PRIORITY;
    if (priority !== NO_PRIORITY && !office.priorities.some((p) => p.code === priority)) {
      throw validationFailed(`unknown priority ${priority}`, { field: 'priority' });
    }
    return { service, priority };
  }

  /** The kiosk the ticket comes from, when named (400 for an unknown one). */
  private async findKiosk(
    t: Transaction,
    officeCode: string,
    code: string | undefined,
  ): Promise<{ code: string; printerUrl: string | null } | undefined> {
    if (code === undefined) return undefined;
    // From the office cache (a printer's change drops it on every node); a kiosk it does not
    // know is looked for in the database: one added since.
    const known = await this.ctx.cache.kiosk(officeCode, code, t);
    if (known) return known;
    const kiosk = await this.ctx.printers.findDevice(officeCode, code, 'kiosk', t);
    if (!kiosk) throw validationFailed(`unknown kiosk ${code}`, { field: 'kiosk' });
    this.ctx.cache.forgetKiosks(officeCode);
    return kiosk;
  }

  /** The ticket's print job at its kiosk's printer (none without a print queue). */
  private async printJob(
    t: Transaction,
    ticket: TicketRecord,
    kiosk: { code: string; printerUrl: string },
  ): Promise<{ job: Promise<NewPrintJob> } | undefined> {
    if (!this.deps.print) return undefined;
    const queued = await this.deps.print.enqueue(
      {
        officeCode: ticket.officeCode,
        ticketId: ticket.id,
        deviceCode: kiosk.code,
        printerUrl: kiosk.printerUrl,
        payload: null,
      },
      t,
    );
    return queued;
  }

  /**
   * The registry lives in another database: link after the ticket committed. If that fails, the
   * ticket is cancelled again (in its own command, published like any change) and the error stands,
   * so no citizen holds a ticket whose case the window cannot open.
   */
  private async linkOrWithdraw(
    officeCode: string,
    caseId: number,
    ticket: { id: string; number: string; at: Date },
    actor: Actor,
  ): Promise<void> {
    try {
      await this.ctx.cases?.linkTicket(caseId, ticket, ticket.at);
    } catch (err) {
      await this.ctx.pipeline
        .run(officeCode, async (t, _o, changes) => {
          const record = await this.ctx.transitions.locked(ticket.id, t);
          const next = await this.ctx.transitions.apply(
            t,
            actor,
            record,
            'cancel',
            {},
            {},
            'case link failed',
          );
          changes.push({
            kind: 'ticket:updated',
            ticketId: ticket.id,
            record: next,
            was: record.status,
          });
        })
        .catch(() => undefined);
      throw err;
    }
  }
}
