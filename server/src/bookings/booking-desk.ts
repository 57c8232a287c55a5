/**
 * The office's side of appointments (admin): a day's bookings per service, and cancelling one on
 * the citizen's behalf (they phoned, or came to the desk). The cancellation locks the booking, frees
 * its place, withdraws its reminders, texts the citizen and writes an audit row, in one transaction.
 */
import { holdsPlace, type BookingPlan } from '../../protocol/booking-rules';
import type { CancelOnBehalf, DayBookingsQuery, StaffBooking } from '../../protocol/bookings';
import { maskPhone, type Language } from '../../protocol';
import { BookingRepository, type BookingRecord } from '../../../db/repositories/booking-repository';
import type { Database } from '../../../db/database';
import { actorName, actorUserId, type Actor } from '../auth/actor';
import { AppError, notFound } from '../errors';
import { toBooking, type BookingNotifier, type BookingOffices } from './booking-service';

export interface BookingDeskDeps {
  db: Database;
  offices: BookingOffices;
  /** Withdraws the reminders of a cancelled booking and tells the citizen. */
  notifier?: Pick<BookingNotifier, 'withdraw' | 'cancelledByOffice'>;
  now?: () => Date;
}

export class BookingDesk {
  private readonly repo: BookingRepository;
  private readonly now: () => Date;

  constructor(private readonly deps: BookingDeskDeps) {
    this.repo = new BookingRepository(deps.db);
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * An office day's bookings, by time. A pending booking whose 10-minute hold has passed shows as
   * `expired` (it holds no place, whether or not a later command wrote that down).
   */
  async day(officeCode: string, q: DayBookingsQuery): Promise<StaffBooking[]> {
    await this.office(officeCode);
    if (q.service !== undefined && !(await this.deps.offices.serviceExists(officeCode, q.service)))
      throw notFound(`service ${q.service}`);
    const plans = await this.repo.plans(officeCode);
    const now = this.now();
    return (await this.repo.ofDay(officeCode, q.day, q.service)).map((b) => {
      const lapsed = b.status === 'pending' && !holdsPlace(holdOf(b), now);
      return staffBooking(lapsed ? { ...b, status: 'expired' } : b, plans.get(b.serviceCode));
    });
  }

  /**
   * Cancels a pending or confirmed booking for the citizen. Already cancelled: the same answer, no
   * second audit row; checked in, expired or missed: 409 `conflict` with `details.reason`.
   */
  async cancel(
    officeCode: string,
    code: string,
    req: CancelOnBehalf,
    actor: Actor,
  ): Promise<StaffBooking> {
    await this.office(officeCode);
    return this.repo.transaction(async (t) => {
      const b = await this.repo.findByCode(officeCode, code, t, true);
      if (!b) throw notFound('booking');
      const plan = await this.repo.plan(b.officeCode, b.serviceCode, t);
      if (b.status === 'cancelled') return staffBooking(b, plan);
      if (b.status !== 'pending' && b.status !== 'confirmed')
        throw new AppError('conflict', `the booking is ${b.status}`, { reason: b.status });
      const now = this.now();
      await this.repo.update(b.id, { status: 'cancelled', endedAt: now, otpHash: null }, t);
      await this.deps.notifier?.withdraw?.(t, {
        officeCode,
        code,
        reason: 'the office cancelled the booking',
      });
      await this.repo.audit(
        {
          officeCode,
          at: now,
          actor: actorName(actor),
          userId: actorUserId(actor),
          action: 'booking.cancel',
          entity: 'booking',
          entityId: b.id,
          subject: b.code,
          before: { status: b.status },
          after: {
            status: 'cancelled',
            onBehalf: true,
            ...(req.reason ? { reason: req.reason } : {}),
          },
        },
        t,
      );
      const cancelled = { ...b, status: 'cancelled' as const, endedAt: now };
      // A booking never confirmed was never the citizen's: nothing to tell.
      if (b.phone && b.status === 'confirmed')
        await this.deps.notifier?.cancelledByOffice?.(t, {
          officeCode,
          phone: b.phone,
          language: b.language as Language,
          booking: toBooking(cancelled, plan),
        });
      return staffBooking(cancelled, plan);
    });
  }

  private async office(code: string): Promise<{ code: string; timeZone: string }> {
    const office = await this.deps.offices.office(code);
    if (!office) throw notFound(`office ${code}`);
    return office;
  }
}

function holdOf(b: BookingRecord) {
  return { start: b.startAt, status: b.status, createdAt: b.createdAt };
}

function staffBooking(b: BookingRecord, plan: BookingPlan | undefined): StaffBooking {
  const out: StaffBooking = {
    ...toBooking(b, plan),
    language: b.language as Language,
    createdAt: b.createdAt.toISOString(),
  };
  if (b.phone) out.phone = maskPhone(b.phone);
  if (b.confirmedAt) out.confirmedAt = b.confirmedAt.toISOString();
  if (b.ticketId) out.ticket = b.ticketId;
  return out;
}
