/**
 * The live queue's commands. Each is one transaction (rows + audit + seq), and its events are
 * published only after commit.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import {
  NO_PRIORITY,
  RECENT_CALLS_IN_SNAPSHOT,
  readClosedReason,
  isOpenAt,
  nextOpening,
  type IssueTicket,
  type OfficeInfo,
  type CallReason,
  type CounterState,
  type QueueChange,
  type TicketChangeEvent,
  type QueueSnapshot,
  type Service,
  type StaffTicket,
  holdsCounter,
  type TicketAction,
  type Transfer,
} from '../../protocol';
import type { Database } from '../../../db/database';
import { QueueRepository, isUniqueViolation } from '../../../db/repositories/queue-repository';
import {
  HotPathRepository,
  type HolderRow,
  type LockedTicket,
  type LockedWindow,
} from '../../../db/repositories/hot-path-repository';
import type { CounterRecord, OfficeRecord, ServiceRecord, TicketRecord } from '../../../db/records';
import { AppError, illegalTransition, notFound, validationFailed, forbidden } from '../errors';
import { actorName, actorUserId, type Actor, type StaffPrincipal } from '../auth/actor';
import { officeDay } from './office-day';
import { formatTicketNumber } from './numbering';
import { applyTicketAction } from './lifecycle';
import { callOrder, chosenReason } from './call-next';
import { toPublicTicket, toStaffTicket } from './ticket-dto';
import { WindowGuard, counterTaken, withClerks, type Clerk } from './counter-sessions';
import { ChangeRenderer, printerStatus } from './change-renderer';
import { STAFF_WAITING_HEAD, buildQueuePart } from './snapshot';
import type { CommandAdmission } from './admission';
import { OfficeCache } from './office-cache';
import type { CaseLinks } from '../registry/case-links';
import type { PrintQueue } from '../printing/print-queue';
import type { Outbox } from '../messages/outbox';
import type { PublicUrl } from '../public-url';

/** Tickets whose office this process remembers (a ticket never changes office). */
const KNOWN_TICKETS = 100_000;

/**
 * Checks a booking in, inside the ticket's own transaction (bookings/booking-service.ts): locks and
 * moves the booking, and says when the new ticket stands in the queue and with which booking code
 * (a remote join, bookings/remote-join.ts, admits its ticket the same way and marks it `remote`).
 */
export type AdmitBooking = (
  t: Transaction,
  ticket: { id: string; now: Date; office: OfficeRecord },
) => Promise<{ queueTime: Date; appointmentCode: string | null; remote?: boolean }>;

/** Receives committed changes of one office, in seq order. */
export type Publish = (officeCode: string, changes: QueueChange[]) => void;

export interface QueueServiceDeps {
  db: Database;
  /** The registry: cases that tickets link to (pickup, follow-up visits). */
  cases?: CaseLinks;
  /** The print queue: a kiosk with a printer gets a job with each ticket. */
  print?: Pick<PrintQueue, 'enqueue'>;
  /** Citizen messages: written in the command's transaction. */
  messages?: Pick<Outbox, 'subscribeTicket' | 'queueChanged'>;
  publish: Publish;
  now?: () => Date;
  /** Bounds the commands in flight per office (503 `overloaded` beyond); none by default. */
  admission?: CommandAdmission;
  /** Where phones reach the server (PUBLIC_URL, else the listening address): the pages show it. */
  publicUrl?: () => PublicUrl;
}

/** A change to emit after commit, before its seq is known. */
export type PendingChange =
  | {
      kind: TicketChangeEvent;
      ticketId: string;
      /** The ticket as the command left it, when the command has it (saves a read). */
      record?: TicketRecord;
      /** Its case number (`null`: none), when the command read it (saves a read). */
      caseNumber?: string | null;
    }
  | { kind: 'printer:updated'; kiosk: string }
  | { kind: 'office:updated' }
  | { kind: 'services:updated' }
  | {
      kind: 'counter:updated';
      counter: string;
      /** The ticket the window now holds (`null`: none), when the command knows. */
      held?: TicketRecord | null;
      /** The window's row as the command left it, when it read it (saves a read). */
      record?: CounterRecord;
      /** Who works there (`null`: nobody), when the command read it (saves a read). */
      clerk?: Clerk | null;
    };

/** What a command learnt on its way that later steps need not read again. */
export interface CommandHints {
  /** Live message recipients of the office today, when read with a locked row. */
  recipients?: number;
}

export class QueueService {
  private readonly repo: QueueRepository;
  private readonly cache: OfficeCache;
  private readonly now: () => Date;
  /** One window, one clerk: the check each command at a window makes. */
  private readonly windows: WindowGuard;
  /** The hot path's raw SQL (call-next, the window's ticket commands, audit rows). */
  private readonly hot: HotPathRepository;
  /** Ticket id → office, learnt from committed events (every node sees every event). */
  private readonly ticketOffices = new Map<string, string>();

  constructor(private readonly deps: QueueServiceDeps) {
    this.repo = new QueueRepository(deps.db);
    this.hot = new HotPathRepository(deps.db, deps.cases?.sharesQueueDatabase === true);
    this.cache = new OfficeCache(this.repo);
    this.now = deps.now ?? (() => new Date());
    this.windows = new WindowGuard(deps.db, this.now);
  }

  /** The office, or 404. */
  async getOffice(code: string): Promise<OfficeRecord> {
    const office = await this.cache.office(code);
    if (!office) throw notFound(`office ${code}`);
    return office;
  }

  /** What every page may know of the office: names, zone, languages, priorities, ticker, idle time. */
  async officeInfo(code: string): Promise<OfficeInfo> {
    return toOfficeInfo(await this.getOffice(code), this.now(), this.deps.publicUrl?.());
  }

  /** What the kiosk offers: every service with names and whether it issues tickets now. */
  async listServices(officeCode: string): Promise<Service[]> {
    await this.getOffice(officeCode);
    const [services, counters] = await Promise.all([
      this.cache.services(officeCode),
      this.cache.counters(officeCode),
    ]);
    const served = servedServiceIds(counters);
    return services.map((s) => toServiceDto(s, served));
  }

  /**
   * Runs an administrator's change to the office as one queue command: `work` writes inside the
   * transaction and lists what to publish (`office:updated`, `services:updated`, `counter:updated`),
   * so every kiosk, display and console sees it at once, in seq order with the queue's own events.
   */
  async configure<T>(
    officeCode: string,
    work: (t: Transaction, office: OfficeRecord, changes: PendingChange[]) => Promise<T>,
  ): Promise<T> {
    return (await this.command(officeCode, work, { configures: true })).result;
  }

  /** Changes committed by another node: what they changed is read again. */
  observeCommitted(officeCode: string, changes: readonly QueueChange[]): void {
    this.cache.observe(officeCode, changes);
    this.learnTickets(officeCode, changes);
  }

  private learnTickets(officeCode: string, changes: readonly QueueChange[]): void {
    for (const c of changes) {
      if (!('ticket' in c) || this.ticketOffices.has(c.ticket.id)) continue;
      if (this.ticketOffices.size >= KNOWN_TICKETS) {
        const oldest = this.ticketOffices.keys().next();
        if (!oldest.done) this.ticketOffices.delete(oldest.value);
      }
      this.ticketOffices.set(c.ticket.id, officeCode);
    }
  }

  /**
   * Issues a ticket. With an idempotency key, the same key returns the ticket it issued before
   * (`created: false`) instead of a second one.
   */
  async issue(
    officeCode: string,
    req: IssueTicket,
    idempotencyKey: string | undefined,
    actor: Actor,
    /** A booking checked in with this ticket (`queueTime` and `appointmentCode` come from it). */
    admit?: AdmitBooking,
  ): Promise<{ ticket: StaffTicket; created: boolean; printJobId?: number }> {
    if (idempotencyKey) {
      const existing = await this.repo.findIdempotentTicketId(officeCode, idempotencyKey);
      if (existing) return { ticket: await this.getTicket(existing), created: false };
    }
    // The case is checked before anything is written: an unknown number issues no ticket.
    const linkedCase =
      req.caseNumber === undefined
        ? undefined
        : await this.findCase(officeCode, req.caseNumber, req.pickupCode);
    let linkAfterCommit: { id: string; number: string; at: Date } | undefined;
    try {
      const issued = await this.command(officeCode, async (t, office, changes) => {
        const now = this.now();
        // Outside the opening hours the kiosk issues nothing; staff may still hand out a ticket.
        if (actor.kind !== 'staff' && !isOpenAt(office.openingHours, now, office.timeZone)) {
          const next = nextOpening(office.openingHours, now, office.timeZone);
          throw new AppError('conflict', 'the office is closed now', {
            reason: 'office_closed',
            ...(next ? { opens: next } : {}),
          });
        }
        const services = await this.cache.services(officeCode, t);
        const service = services.find((s) => s.code === req.service);
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
        const kiosk =
          req.kiosk === undefined
            ? undefined
            : await this.repo.findDevice(officeCode, req.kiosk, 'kiosk', t);
        if (req.kiosk !== undefined && !kiosk) {
          throw validationFailed(`unknown kiosk ${req.kiosk}`, { field: 'kiosk' });
        }
        const id = randomUUID();
        const admitted = admit ? await admit(t, { id, now, office }) : undefined;
        const day = officeDay(now, office.timeZone);
        const seqNo = await this.repo.nextNumber(officeCode, day, service.prefix, t);
        const ticket: TicketRecord = {
          id,
          officeCode,
          day,
          number: formatTicketNumber(service.prefix, seqNo),
          serviceId: service.id,
          priority,
          language: req.language ?? null,
          kiosk: req.kiosk ?? null,
          status: 'waiting',
          issuedAt: now,
          calledAt: null,
          startedAt: null,
          finishedAt: null,
          counterNumber: null,
          targetCounter: null,
          calledBy: null,
          recalls: 0,
          ...(admitted ?? { queueTime: now, appointmentCode: null }),
        };
        await this.repo.insertTicket(ticket, t);
        if (req.phone) await this.deps.messages?.subscribeTicket(t, ticket, req.phone);
        if (idempotencyKey) {
          await this.repo.insertIdempotencyKey(officeCode, idempotencyKey, ticket.id, now, t);
        }
        await this.audit(t, actor, officeCode, 'ticket.issue', ticket, undefined, {
          number: ticket.number,
          service: service.code,
          priority,
        });
        if (linkedCase && this.deps.cases) {
          if (this.deps.cases.sharesQueueDatabase) {
            await this.deps.cases.linkTicket(linkedCase.id, ticket, now, t);
          } else {
            linkAfterCommit = { id: ticket.id, number: ticket.number, at: now };
          }
        }
        // The paper is part of the ticket: its job commits (or not) with it.
        let printJobId: number | undefined;
        if (kiosk?.printerUrl && this.deps.print) {
          printJobId = await this.deps.print.enqueue(
            {
              officeCode,
              ticketId: ticket.id,
              deviceCode: kiosk.code,
              printerUrl: kiosk.printerUrl,
              payload: null,
            },
            t,
          );
        }
        const caseNumber =
          linkedCase && this.deps.cases?.sharesQueueDatabase ? linkedCase.number : null;
        changes.push({ kind: 'ticket:issued', ticketId: ticket.id, record: ticket, caseNumber });
        return { id: ticket.id, printJobId };
      });
      if (linkAfterCommit && linkedCase && this.deps.cases) {
        await this.linkOrWithdraw(officeCode, linkedCase.id, linkAfterCommit, actor);
      }
      const { id, printJobId } = issued.result;
      const ticket = issued.tickets.get(id) ?? (await this.getTicket(id));
      return { ticket, created: true, printJobId };
    } catch (err) {
      // Two requests with one key at the same moment: the loser answers with the winner's ticket.
      if (idempotencyKey && isUniqueViolation(err)) {
        const existing = await this.repo.findIdempotentTicketId(officeCode, idempotencyKey);
        if (existing) return { ticket: await this.getTicket(existing), created: false };
      }
      throw err;
    }
  }

  /** One ticket with its current waiting figures (staff view; strip for the public). */
  async getTicket(id: string): Promise<StaffTicket> {
    const ticket = await this.repo.findTicket(id);
    if (!ticket) throw notFound(`ticket ${id}`);
    return new ChangeRenderer(this.repo, ticket.officeCode, undefined, this.deps.cases).ticket(
      ticket,
    );
  }

  /** Calls the next ticket for a counter; `null` when nobody waits for what it serves. */
  async callNext(
    officeCode: string,
    counterNumber: string,
    user: StaffPrincipal,
    /** Told why the ticket was chosen (the answer's `reason`). */
    why?: (reason: CallReason) => void,
  ): Promise<StaffTicket | null> {
    this.assertStaffOf(user, officeCode);
    const { result: id, tickets } = await this.command(
      officeCode,
      async (t, office, changes, hints) => {
        const now = this.now();
        const day = officeDay(now, office.timeZone);
        const { counter, window } = await this.lockedWindow(officeCode, counterNumber, day, t);
        hints.recipients = window.recipients;
        refuseOtherClerk(counter.number, window.holder, user);
        if (window.held) {
          throw new AppError(
            'counter_busy',
            `window ${counter.number} still has ticket ${window.held.number}`,
            { ticket: window.held.id },
          );
        }
        if (counter.status === 'paused') {
          throw new AppError('conflict', `window ${counter.number} is paused`);
        }
        const query = { officeCode, day, counter: counter.number, serviceIds: counter.serviceIds };
        const fairnessN = office.fairnessN;
        let found: Awaited<ReturnType<HotPathRepository['lockCandidate']>>;
        for (const priority of callOrder(window.priorityWaiting, counter.priorityStreak, fairnessN)) {
          found = await this.hot.lockCandidate(query, priority, t);
          if (found) break;
        }
        if (!found) return null;
        const choice = chosenReason(
          found.ticket.priority,
          window.priorityWaiting,
          counter.priorityStreak,
          fairnessN,
        );
        why?.(found.ticket.targetCounter === counter.number ? 'transferred' : choice.reason);
        const called = await this.transition(
          t,
          actorOf(user),
          found.ticket,
          'call',
          { counter: counter.number },
          { calledBy: user.id },
        );
        if (choice.streak !== counter.priorityStreak) {
          await this.repo.updateCounter(counter.id, { priorityStreak: choice.streak }, t);
        }
        const caseNumber = found.caseNumber;
        changes.push({ kind: 'ticket:called', ticketId: called.id, record: called, caseNumber });
        const clerk = window.holder && { id: window.holder.userId, name: window.holder.name };
        changes.push({
          kind: 'counter:updated',
          counter: counter.number,
          held: called,
          record: counter,
          clerk,
        });
        return called.id;
      },
    );
    return id ? (tickets.get(id) ?? this.getTicket(id)) : null;
  }

  /**
   * Calls one chosen waiting ticket to a counter (the clerk picks it from the waiting list), with
   * the same guards as call-next: the window must be free and open. A ticket transferred to another
   * window is that window's.
   */
  async callTicket(
    officeCode: string,
    counterNumber: string,
    ticketId: string,
    user: StaffPrincipal,
  ): Promise<StaffTicket> {
    this.assertStaffOf(user, officeCode);
    const { tickets } = await this.command(officeCode, async (t, office, changes) => {
      const counter = await this.lockedCounter(officeCode, counterNumber, t);
      await this.windows.assertMayWork(t, officeCode, counter.number, user);
      const held = await this.repo.findHeldTicket(officeCode, counter.number, t);
      if (held) {
        throw new AppError(
          'counter_busy',
          `window ${counter.number} still has ticket ${held.number}`,
          { ticket: held.id },
        );
      }
      if (counter.status === 'paused') {
        throw new AppError('conflict', `window ${counter.number} is paused`);
      }
      const found = await this.repo.findTicket(ticketId, t);
      if (!found || found.officeCode !== officeCode) throw notFound(`ticket ${ticketId}`);
      const ticket = await this.repo.lockWaiting(ticketId, t);
      if (!ticket || ticket.day !== officeDay(this.now(), office.timeZone)) {
        throw illegalTransition(`ticket ${found.number} is not waiting`);
      }
      if (ticket.targetCounter && ticket.targetCounter !== counter.number) {
        throw new AppError(
          'conflict',
          `ticket ${ticket.number} was sent to window ${ticket.targetCounter}`,
        );
      }
      const called = await this.transition(
        t,
        actorOf(user),
        ticket,
        'call',
        { counter: counter.number },
        { calledBy: user.id },
      );
      changes.push({ kind: 'ticket:called', ticketId: called.id, record: called });
      changes.push({
        kind: 'counter:updated',
        counter: counter.number,
        held: called,
        record: counter,
      });
    });
    return tickets.get(ticketId) ?? this.getTicket(ticketId);
  }

  /**
   * Pauses a window with a reason (a break, a technical problem) or, with `reason: null`, opens it
   * again. A paused window calls nobody; a ticket it holds can still be finished.
   */
  async setCounterPause(
    officeCode: string,
    counterNumber: string,
    reason: string | null,
    user: StaffPrincipal,
  ): Promise<CounterState> {
    this.assertStaffOf(user, officeCode);
    const { events } = await this.command(officeCode, async (t, _office, changes) => {
      const counter = await this.lockedCounter(officeCode, counterNumber, t);
      await this.windows.assertMayWork(t, officeCode, counter.number, user);
      const status = reason === null ? 'open' : 'paused';
      if (counter.status === 'closed') {
        throw illegalTransition(`window ${counter.number} is closed`);
      }
      await this.repo.updateCounter(counter.id, { status, pauseReason: reason }, t);
      await this.repo.audit(
        {
          officeCode,
          at: this.now(),
          actor: actorName(actorOf(user)),
          userId: user.id,
          action: reason === null ? 'counter.resume' : 'counter.pause',
          entity: 'counter',
          entityId: counter.number,
          before: { status: counter.status, reason: counter.pauseReason },
          after: { status, reason },
        },
        t,
      );
      changes.push({ kind: 'counter:updated', counter: counter.number });
    });
    const event = events.find((e) => e.kind === 'counter:updated');
    if (!event || event.kind !== 'counter:updated') throw notFound(`counter ${counterNumber}`);
    return event.counter;
  }

  /** recall / start / no-show / complete of a ticket at its counter. */
  async act(
    ticketId: string,
    action: Extract<TicketAction, 'recall' | 'start' | 'no-show' | 'complete'>,
    user: StaffPrincipal,
  ): Promise<StaffTicket> {
    const officeCode = await this.officeOfTicket(ticketId);
    this.assertStaffOf(user, officeCode);
    const { tickets } = await this.command(officeCode, async (t, office, changes, hints) => {
      const now = this.now();
      const locked = await this.hot.lockTicket(
        ticketId,
        { day: officeDay(now, office.timeZone), now },
        t,
      );
      if (!locked) throw notFound(`ticket ${ticketId}`);
      hints.recipients = locked.recipients;
      const { ticket, caseNumber } = locked;
      if (ticket.counterNumber) refuseOtherClerk(ticket.counterNumber, locked.holder, user);
      const next = await this.transition(t, actorOf(user), ticket, action, {
        maxRecalls: action === 'recall' ? office.maxRecalls : undefined,
      });
      const kind = action === 'recall' ? 'ticket:called' : 'ticket:updated';
      changes.push({ kind, ticketId, record: next, caseNumber });
      if (ticket.counterNumber) {
        const held = holdsCounter(next.status) ? next : null;
        const window = await this.windowOf(officeCode, ticket.counterNumber, locked, t);
        changes.push({ kind: 'counter:updated', counter: ticket.counterNumber, held, ...window });
      }
    });
    return tickets.get(ticketId) ?? this.getTicket(ticketId);
  }

  /** Sends a ticket back to the queue for another service or a given counter; it keeps its place. */
  async transfer(ticketId: string, target: Transfer, user: StaffPrincipal): Promise<StaffTicket> {
    const officeCode = await this.officeOfTicket(ticketId);
    this.assertStaffOf(user, officeCode);
    const { tickets } = await this.command(officeCode, async (t, _office, changes) => {
      const ticket = await this.lockedTicket(ticketId, t);
      if (ticket.counterNumber)
        await this.windows.assertMayWork(t, officeCode, ticket.counterNumber, user);
      const fields: Partial<TicketRecord> = { transferNote: target.note ?? null };
      let targetCounter: string | null = null;
      if ('service' in target) {
        const service = (await this.cache.services(officeCode, t)).find(
          (s) => s.code === target.service,
        );
        if (!service) throw notFound(`service ${target.service}`);
        fields.serviceId = service.id;
      } else {
        const counters = await this.cache.counters(officeCode, t);
        if (!counters.some((c) => c.number === target.counter))
          throw notFound(`counter ${target.counter}`);
        targetCounter = target.counter;
      }
      const next = await this.transition(
        t,
        actorOf(user),
        ticket,
        'transfer',
        { targetCounter },
        fields,
        target.note,
      );
      changes.push({ kind: 'ticket:updated', ticketId, record: next });
      if (ticket.counterNumber)
        changes.push({ kind: 'counter:updated', counter: ticket.counterNumber, held: null });
    });
    return tickets.get(ticketId) ?? this.getTicket(ticketId);
  }

  /**
   * Closes earlier office days: their waiting and called tickets expire, serving ones are completed.
   * Safe to run on every node at once (each ticket changes in one transaction, once).
   */
  async closeStaleDays(officeCode: string): Promise<number> {
    const { result } = await this.command(officeCode, async (t, office, changes) => {
      const today = officeDay(this.now(), office.timeZone);
      const stale = await this.repo.staleTickets(officeCode, today, t);
      for (const ticket of stale) {
        const action: TicketAction = ticket.status === 'serving' ? 'complete' : 'expire';
        const next = await this.transition(t, { kind: 'system' }, ticket, action, {});
        changes.push({ kind: 'ticket:updated', ticketId: ticket.id, record: next });
        if (ticket.counterNumber)
          changes.push({ kind: 'counter:updated', counter: ticket.counterNumber, held: null });
      }
      return stale.length;
    });
    return result;
  }

  /**
   * Closes today by hand: its waiting and called tickets expire through the lifecycle, audited as
   * `user`'s, and their windows are freed. `andThen` writes in the same transaction (the day's row).
   */
  async closeToday(
    officeCode: string,
    user: StaffPrincipal,
    andThen: (t: Transaction, day: string, numbers: string[]) => Promise<void>,
  ): Promise<{ day: string; numbers: string[] }> {
    return this.configure(officeCode, async (t, office, changes) => {
      const day = officeDay(this.now(), office.timeZone);
      const open = await this.repo.openTicketsOfDay(officeCode, day, t);
      for (const ticket of open) {
        const next = await this.transition(t, actorOf(user), ticket, 'expire', {}, {}, 'day closed');
        changes.push({ kind: 'ticket:updated', ticketId: ticket.id, record: next });
        if (ticket.counterNumber)
          changes.push({ kind: 'counter:updated', counter: ticket.counterNumber, held: null });
      }
      const numbers = open.map((x) => x.number);
      await andThen(t, day, numbers);
      return { day, numbers };
    });
  }

  /**
   * Today's live queue of an office, with the seq it is current at: the called and serving tickets,
   * the first `waitingPerService` waiting tickets of each service (default
   * {@link STAFF_WAITING_HEAD}) and every service's count and estimate. Bounded reads: its cost and
   * size do not grow with the queue.
   */
  async snapshot(
    officeCode: string,
    options: { waitingPerService?: number } = {},
  ): Promise<QueueSnapshot> {
    const office = await this.getOffice(officeCode);
    // The seq is read first: the state read after it is at least that new, and replaying an event
    // the snapshot already contains is harmless (events carry whole tickets).
    const seq = await this.repo.currentSeq(officeCode);
    const now = this.now();
    const day = officeDay(now, office.timeZone);
    const [services, counters, held, heads, waiting, durations, printers, calls, clerks] =
      await Promise.all([
        this.cache.services(officeCode),
        this.cache.counters(officeCode),
        this.repo.heldTickets(officeCode, day),
        this.repo.waitingHeads(officeCode, day, options.waitingPerService ?? STAFF_WAITING_HEAD),
        this.repo.waitingCounts(officeCode, day),
        this.repo.recentServiceSeconds(officeCode, day),
        this.printerStates(officeCode),
        this.repo.recentCalls(officeCode, day, RECENT_CALLS_IN_SNAPSHOT),
        this.windows.clerks(officeCode),
      ]);
    const caseNumbers = this.deps.cases
      ? await this.deps.cases.caseNumbersOf([...held, ...heads].map((t) => t.id))
      : undefined;
    const part = buildQueuePart({
      seq,
      now,
      services,
      counters,
      held,
      heads,
      waiting,
      durations,
      caseNumbers,
    });
    const codeOf = (id: number) => services.find((s) => s.id === id)?.code ?? String(id);
    return {
      ...part,
      counters: withClerks(part.counters, clerks),
      office: toOfficeInfo(office, now, this.deps.publicUrl?.()),
      catalog: services.map((s) => toServiceDto(s, servedServiceIds(counters))),
      recentCalls: calls.map((t) => toPublicTicket(toStaffTicket(t, codeOf(t.serviceId)))),
      printers,
    };
  }

  private async printerStates(officeCode: string): Promise<QueueSnapshot['printers']> {
    return Promise.all(
      (await this.repo.kioskPrinters(officeCode)).map(async (p) => ({
        kiosk: p.code,
        status: printerStatus(p.status),
        pending: await this.repo.pendingPrintJobs(officeCode, p.code),
      })),
    );
  }

  /** A kiosk's printer address (`null`: none); undefined for an unknown kiosk or office. */
  async kioskPrinterUrl(officeCode: string, kiosk: string): Promise<string | null | undefined> {
    const device = await this.repo.findDevice(officeCode, kiosk, 'kiosk');
    return device === undefined ? undefined : device.printerUrl;
  }

  /**
   * Records what a kiosk's printer just did (a job printed: online; a send failed or a probe found it
   * silent: offline). Publishes `printer:updated` only when the state changes.
   */
  async setPrinterStatus(
    officeCode: string,
    kiosk: string,
    status: 'online' | 'offline',
  ): Promise<void> {
    await this.command(officeCode, async (t, _office, changes) => {
      const printer = (await this.repo.kioskPrinters(officeCode, t)).find((p) => p.code === kiosk);
      if (!printer || printer.status === status) return;
      await this.repo.setPrinterStatus(officeCode, kiosk, status, this.now(), t);
      changes.push({ kind: 'printer:updated', kiosk });
    });
  }

  /** Print jobs of a kiosk not yet printed nor given up (the `pending` of its printer state). */
  pendingPrintJobs(officeCode: string, kiosk: string): Promise<number> {
    return this.repo.pendingPrintJobs(officeCode, kiosk);
  }

  /** Kiosks with a printer, across offices (for the printer probe). */
  kioskPrinters(): Promise<Array<{ officeCode: string; code: string; printerUrl: string }>> {
    return this.repo.kioskPrinters(undefined);
  }

  /** Whether the office exists (socket auth). */
  async officeExists(code: string): Promise<boolean> {
    return (await this.repo.findOffice(code)) !== undefined;
  }

  // ---- internals ----

  private async findCase(
    officeCode: string,
    number: string,
    pickupCode: string | undefined,
  ): Promise<{ id: number; number: string }> {
    const found = this.deps.cases
      ? await this.deps.cases.findCase(officeCode, number, pickupCode)
      : undefined;
    // One answer for an unknown number and a wrong code: the kiosk confirms no case's existence.
    if (!found) throw new AppError('not_found', 'no case with this number and pickup code');
    return found;
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
      await this.deps.cases?.linkTicket(caseId, ticket, ticket.at);
    } catch (err) {
      await this.command(officeCode, async (t, _o, changes) => {
        const record = await this.lockedTicket(ticket.id, t);
        const next = await this.transition(t, actor, record, 'cancel', {}, {}, 'case link failed');
        changes.push({ kind: 'ticket:updated', ticketId: ticket.id, record: next });
      }).catch(() => undefined);
      throw err;
    }
  }

  /** The window locked, with its guards (its services from the office cache). */
  private async lockedWindow(
    officeCode: string,
    number: string,
    day: string,
    t: Transaction,
  ): Promise<{ counter: CounterRecord; window: LockedWindow }> {
    const known = (await this.cache.counters(officeCode, t)).find((c) => c.number === number);
    const window = known
      ? await this.hot.lockWindow(
          { officeCode, number, day, now: this.now(), serviceIds: known.serviceIds },
          t,
        )
      : undefined;
    if (!known || !window) throw notFound(`counter ${number}`);
    const { held: _h, holder: _c, priorityWaiting: _p, recipients: _r, ...row } = window;
    return { counter: { ...known, ...row }, window };
  }

  /** A ticket's window as its lock read it, with its clerk, for the window's event. */
  private async windowOf(
    officeCode: string,
    number: string,
    locked: LockedTicket,
    t: Transaction,
  ): Promise<{ record?: CounterRecord; clerk?: Clerk | null }> {
    const known = (await this.cache.counters(officeCode, t)).find((c) => c.number === number);
    if (!known || !locked.counter) return {};
    const clerk = locked.holder && { id: locked.holder.userId, name: locked.holder.name };
    return { record: { ...known, ...locked.counter }, clerk };
  }

  /**
   * Runs one command: transaction → work → render its changes → seq → commit → publish.
   * Changes are rendered inside the transaction (the state of their seq) and published right after
   * commit, with no await in between, so one process emits in commit order. The rendered tickets
   * are handed back: the caller answers with what the events carry.
   */
  private async command<T>(
    officeCode: string,
    work: (
      t: Transaction,
      office: OfficeRecord,
      changes: PendingChange[],
      hints: CommandHints,
    ) => Promise<T>,
    options: { configures?: boolean } = {},
  ): Promise<{ result: T; tickets: Map<string, StaffTicket>; events: QueueChange[] }> {
    const leave = this.deps.admission?.enter(officeCode);
    try {
      const done = await this.runCommand(officeCode, work, options.configures === true);
      if (options.configures) this.cache.forget(officeCode);
      return done;
    } catch (err) {
      // A rolled-back command may have read (into the cache) what it wrote.
      this.cache.forget(officeCode);
      throw err;
    } finally {
      leave?.();
    }
  }

  private async runCommand<T>(
    officeCode: string,
    work: (
      t: Transaction,
      office: OfficeRecord,
      changes: PendingChange[],
      hints: CommandHints,
    ) => Promise<T>,
    configures: boolean,
  ): Promise<{ result: T; tickets: Map<string, StaffTicket>; events: QueueChange[] }> {
    if (!configures) await this.cache.warm(officeCode);
    const { result, events } = await this.deps.db.transaction(async (t) => {
      const changes: PendingChange[] = [];
      // A configuration reads and renders inside its transaction; the queue's commands take the
      // office, its services and windows from the cache.
      const office = configures
        ? await this.repo.findOffice(officeCode, t)
        : await this.cache.office(officeCode, t);
      if (!office) throw notFound(`office ${officeCode}`);
      const hints: CommandHints = {};
      const result = await work(t, office, changes, hints);
      const catalog = configures
        ? undefined
        : {
            services: () => this.cache.services(officeCode, t),
            counters: () => this.cache.counters(officeCode, t),
            durations: (day: string, serviceId: number) =>
              this.cache.durations(officeCode, day, serviceId, () =>
                this.repo.recentServiceSeconds(officeCode, day, t, serviceId), // t: see small-pool.test
              ),
          };
      const events = await this.render(
        new ChangeRenderer(this.repo, officeCode, t, this.deps.cases, this.windows, catalog),
        changes,
      );
      await this.deps.messages?.queueChanged(t, office, events, hints.recipients);
      // Last, so the office-wide row lock is held as briefly as possible.
      const firstSeq = events.length ? await this.repo.takeSeq(officeCode, events.length, t) : 0;
      events.forEach((e, i) => (e.seq = firstSeq + i));
      return { result, events };
    });
    if (events.length) {
      this.cache.observe(officeCode, events);
      this.learnTickets(officeCode, events);
      this.deps.publish(officeCode, events);
    }
    const tickets = new Map<string, StaffTicket>();
    for (const e of events) {
      if ('ticket' in e) tickets.set(e.ticket.id, e.ticket);
    }
    return { result, tickets, events };
  }

  private async render(renderer: ChangeRenderer, changes: PendingChange[]): Promise<QueueChange[]> {
    const out: QueueChange[] = [];
    for (const change of changes) {
      if (change.kind === 'counter:updated') {
        const counter = await renderer.counter(
          change.counter,
          change.held,
          change.record,
          change.clerk,
        );
        if (counter) out.push({ kind: 'counter:updated', seq: 0, counter });
      } else if (change.kind === 'printer:updated') {
        const printer = await renderer.printer(change.kiosk);
        if (printer) out.push({ kind: 'printer:updated', seq: 0, printer });
      } else if (change.kind === 'office:updated') {
        const office = await this.repo.findOffice(renderer.officeCode, renderer.transaction);
        if (office)
          out.push({
            kind: 'office:updated',
            seq: 0,
            office: toOfficeInfo(office, this.now(), this.deps.publicUrl?.()),
          });
      } else if (change.kind === 'services:updated') {
        const services = await this.repo.listServices(renderer.officeCode, renderer.transaction);
        const counters = await this.repo.listCounters(renderer.officeCode, renderer.transaction);
        const served = servedServiceIds(counters);
        out.push({
          kind: 'services:updated',
          seq: 0,
          services: services.map((s) => toServiceDto(s, served)),
        });
      } else {
        if (change.caseNumber !== undefined) renderer.knowCase(change.ticketId, change.caseNumber);
        const ticket = change.record
          ? await renderer.ticket(change.record)
          : await renderer.ticketById(change.ticketId);
        if (ticket) out.push({ kind: change.kind, seq: 0, ticket });
      }
    }
    return out;
  }

  private async transition(
    t: Transaction,
    actor: Actor,
    ticket: TicketRecord,
    action: TicketAction,
    input: { counter?: string; targetCounter?: string | null; maxRecalls?: number },
    extra: Partial<TicketRecord> = {},
    note?: string,
  ): Promise<TicketRecord> {
    const now = this.now();
    const result = applyTicketAction({ ...ticket, status: ticket.status }, action, {
      now,
      ...input,
    });
    if (!result.ok) throw illegalTransition(result.reason);
    const next = { ...result.next, ...extra };
    await this.hot.updateTicket(ticket.id, next, t);
    await this.audit(
      t,
      actor,
      ticket.officeCode,
      `ticket.${action}`,
      ticket,
      { status: ticket.status, counter: ticket.counterNumber, serviceId: ticket.serviceId },
      {
        status: next.status,
        counter: next.counterNumber,
        serviceId: next.serviceId ?? ticket.serviceId,
        ...(note ? { note } : {}),
      },
    );
    return { ...ticket, ...next };
  }

  private async audit(
    t: Transaction,
    actor: Actor,
    officeCode: string,
    action: string,
    ticket: Pick<TicketRecord, 'id' | 'number'>,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await this.hot.audit(
      {
        officeCode,
        at: this.now(),
        actor: actorName(actor),
        userId: actorUserId(actor),
        action,
        entity: 'ticket',
        entityId: ticket.id,
        // Searchable by the number people say and see ("A002"), not only by the id.
        subject: ticket.number,
        before,
        after,
      },
      t,
    );
  }

  private async lockedCounter(
    officeCode: string,
    number: string,
    t: Transaction,
  ): Promise<CounterRecord> {
    const known = (await this.cache.counters(officeCode, t)).find((c) => c.number === number);
    const counter = await this.repo.lockCounter(officeCode, number, t, known?.serviceIds);
    if (!counter) throw notFound(`counter ${number}`);
    return counter;
  }

  private async lockedTicket(id: string, t: Transaction): Promise<TicketRecord> {
    const ticket = await this.repo.findTicket(id, t, true);
    if (!ticket) throw notFound(`ticket ${id}`);
    return ticket;
  }

  private async officeOfTicket(id: string): Promise<string> {
    const known = this.ticketOffices.get(id);
    if (known) return known;
    const ticket = await this.repo.findTicket(id);
    if (!ticket) throw notFound(`ticket ${id}`);
    return ticket.officeCode;
  }

  private assertStaffOf(user: StaffPrincipal, officeCode: string): void {
    if (user.officeCode !== null && user.officeCode !== officeCode) {
      throw forbidden(`you work for office ${user.officeCode}`);
    }
  }
}

function actorOf(user: StaffPrincipal): Actor {
  return { kind: 'staff', user };
}

/** A service as every page sees it. */
function toServiceDto(s: ServiceRecord, served?: ReadonlySet<number>): Service {
  const dto: Service = { code: s.code, prefix: s.prefix, names: s.names, open: s.isOpen };
  const reason = s.isOpen ? undefined : readClosedReason(s.closedReason);
  if (reason) {
    dto.closedReason = reason.text;
    dto.closedReasons = reason.byLanguage;
  }
  // A service no window calls is not offered: its ticket would wait forever.
  if (s.isOpen && served && !served.has(s.id)) {
    dto.open = false;
    dto.unserved = true;
  }
  return dto;
}

/** Services some window that is not closed calls. */
function servedServiceIds(counters: readonly CounterRecord[]): Set<number> {
  return new Set(counters.filter((c) => c.status !== 'closed').flatMap((c) => c.serviceIds));
}

/** The office as every page sees it. */
function toOfficeInfo(office: OfficeRecord, now: Date, link?: PublicUrl): OfficeInfo {
  const info: OfficeInfo = {
    code: office.code,
    names: office.names,
    timeZone: office.timeZone,
    languages: office.languages,
    priorities: office.priorities.map((p) => ({ code: p.code, names: p.names })),
    ticker: office.ticker,
    kioskIdleSeconds: office.kioskIdleSeconds,
    openingHours: office.openingHours,
    casePrefix: office.casePrefix,
    priorityByClerk: office.priorityByClerk,
    serverTime: now.toISOString(),
  };
  if (link) {
    info.publicUrl = link.url;
    info.publicUrlConfigured = link.configured;
  }
  return info;
}

/** Refuses (`counter_taken`) when another user's live session holds the window. */
function refuseOtherClerk(counter: string, holder: HolderRow | null, user: StaffPrincipal): void {
  if (holder && holder.userId !== user.id) {
    throw counterTaken({ ...holder, counter, counterId: 0, tokenHash: '' });
  }
}
