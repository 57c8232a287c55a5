/**
 * Checking in at the kiosk with a booking code (CONTRACT §6): the booking turns into a ticket of its
 * service, due at its slot's start when the citizen is on time, an ordinary ticket (`late`) when not.
 * The booking and the ticket change in one transaction, with an audit row; a booking checks in once
 * (a second check-in answers with the same ticket).
 */
import type { Transaction } from 'sequelize';
import { checkIn, officeDate, type CheckInRules } from '../../protocol/booking-rules';
import type { CheckInBooking } from '../../protocol/bookings';
import type { BookingSettings, BookingSettingsChange } from '../../protocol/remote-join';
import type { StaffTicket } from '../../protocol';
import { BookingRepository, type BookingRecord } from '../../../db/repositories/booking-repository';
import type { Database } from '../../../db/database';
import { actorName, actorUserId, type Actor, type StaffPrincipal } from '../auth/actor';
import { changeBookingSettings } from './booking-settings';
import type { QueueService } from '../queue/queue-service';
import type { AdmitBooking } from '../queue/ticket-issuer';
import type { BookingNotifier } from './booking-service';
import type { NewPrintJob } from '../printing/print-queue';
import { AppError, notFound } from '../errors';

export interface CheckInDeps {
  db: Database;
  queue: Pick<QueueService, 'issue' | 'getTicket' | 'getOffice'>;
  /** Withdraws the reminders of a booking that checked in. */
  notifier?: Pick<BookingNotifier, 'withdraw'>;
  now?: () => Date;
}

/** What a check-in gives: the ticket, and `late` when the citizen came after the window closed. */
export interface CheckedIn {
  ticket: StaffTicket;
  /** `false`: this booking had checked in before; the ticket is the one it got then. */
  created: boolean;
  printJob?: NewPrintJob;
  late: boolean;
}

/** Thrown inside the transaction when another check-in of the booking committed first. */
class AlreadyCheckedIn extends Error {
  constructor(readonly ticketId: string) {
    super('already checked in');
  }
}

export class CheckInService {
  private readonly repo: BookingRepository;
  private readonly now: () => Date;

  constructor(private readonly deps: CheckInDeps) {
    this.repo = new BookingRepository(deps.db);
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Checks a booking in. Unknown, pending, cancelled, expired or another day's past booking: 404
   * `not_found` (one answer for all, so codes cannot be probed); too early: 409 `conflict` with
   * `details: {reason: 'too_early', opensAt}`.
   */
  async checkIn(
    officeCode: string,
    req: CheckInBooking,
    idempotencyKey: string | undefined,
    actor: Actor,
  ): Promise<CheckedIn> {
    await this.deps.queue.getOffice(officeCode);
    const found = await this.repo.findByCode(officeCode, req.booking);
    if (!found) throw notFound('booking');
    if (found.status === 'checked_in' && found.ticketId) return this.again(found.ticketId);
    let late = false;
    const admit: AdmitBooking = async (t, ticket) => {
      const { late: wasLate, ...outcome } = await this.admit(
        t,
        officeCode,
        req.booking,
        ticket,
        actor,
      );
      late = wasLate;
      return outcome;
    };
    const { booking: _code, ...rest } = req;
    try {
      const issued = await this.deps.queue.issue(
        officeCode,
        { ...rest, service: found.serviceCode },
        idempotencyKey,
        actor,
        admit,
      );
      return { ...issued, late: issued.created ? late : false };
    } catch (err) {
      if (err instanceof AlreadyCheckedIn) return this.again(err.ticketId);
      throw err;
    }
  }

  /** The office's check-in window. */
  async rules(officeCode: string): Promise<CheckInRules> {
    await this.deps.queue.getOffice(officeCode);
    return this.repo.checkInRules(officeCode);
  }

  /** Changes the office's booking settings (admin; what `change` leaves out stays), audited. */
  async changeSettings(
    officeCode: string,
    change: BookingSettingsChange,
    admin: StaffPrincipal,
  ): Promise<BookingSettings> {
    await this.deps.queue.getOffice(officeCode);
    return changeBookingSettings(this.deps.db, officeCode, change, admin, this.now());
  }

  private async again(ticketId: string): Promise<CheckedIn> {
    const ticket = await this.deps.queue.getTicket(ticketId);
    return { ticket, created: false, late: !ticket.appointment };
  }

  /** Inside the ticket's transaction: lock the booking, decide on time or late, move it on. */
  private async admit(
    t: Transaction,
    officeCode: string,
    code: string,
    ticket: { id: string; now: Date; office: { timeZone: string } },
    actor: Actor,
  ): Promise<{ queueTime: Date; appointmentCode: string | null; late: boolean }> {
    const b = await this.repo.findByCode(officeCode, code, t, true);
    if (b?.status === 'checked_in' && b.ticketId) throw new AlreadyCheckedIn(b.ticketId);
    const { now } = ticket;
    const tz = ticket.office.timeZone;
    if (!b || b.status !== 'confirmed' || officeDate(b.startAt, tz) < officeDate(now, tz)) {
      throw notFound('booking');
    }
    const rules = await this.repo.checkInRules(officeCode, t);
    const result = checkIn(b.startAt, now, rules);
    if (result.kind === 'too_early') {
      throw new AppError('conflict', 'check-in for this booking has not opened yet', {
        reason: 'too_early',
        opensAt: result.opensAt.toISOString(),
      });
    }
    const late = result.kind === 'late';
    await this.repo.update(b.id, { status: 'checked_in', ticketId: ticket.id, endedAt: now }, t);
    await this.audit(t, b, actor, now, { ticket: ticket.id, late });
    await this.deps.notifier?.withdraw?.(t, { officeCode, code, reason: 'the booking checked in' });
    return late
      ? { queueTime: now, appointmentCode: null, late }
      : { queueTime: result.dueAt, appointmentCode: b.code, late };
  }

  private async audit(
    t: Transaction,
    b: BookingRecord,
    actor: Actor,
    now: Date,
    after: { ticket: string; late: boolean },
  ): Promise<void> {
    await this.repo.audit(
      {
        officeCode: b.officeCode,
        at: now,
        actor: actorName(actor),
        userId: actorUserId(actor),
        action: 'booking.check_in',
        entity: 'booking',
        entityId: b.id,
        subject: b.code,
        before: { status: b.status },
        after: { status: 'checked_in', ...after },
      },
      t,
    );
  }
}
