/**
 * Appointments: free slots, booking with a one-time code by SMS, confirmation, cancellation. Each
 * booking takes its slot's lock row first, so a slot is never overbooked, even by two nodes. A
 * service that books a room (the ceremony hall) takes the room's slot: one lock row and one count
 * for every service that books it.
 */
import type { Transaction } from 'sequelize';
import {
  checkBooking,
  holdsPlace,
  officeDate,
  officeInstant,
  offeredSlots,
  wrongCode,
  type BookingPlan,
} from '../../protocol/booking-rules';
import type {
  Booking,
  CreateBooking,
  ServiceBookingPlan,
  SlotDto,
  SlotsQuery,
} from '../../protocol/bookings';
import type { Language } from '../../protocol';
import type { StaffPrincipal } from '../auth/actor';
import { BookingRepository, type BookingRecord } from '../../../db/repositories/booking-repository';
import { BookingResourceRepository } from '../../../db/repositories/booking-resource-repository';
import { isUniqueViolation } from '../../../db/repositories/queue-repository';
import type { Database } from '../../../db/database';
import { AppError, notFound, validationFailed } from '../errors';
import { otpHash, randomDigits, sameHash, sha256, wrongCodeRefusal } from './one-time-code';
import { refuseManyHolds, requesterKey } from './address-holds';
import {
  bookingLocks,
  pendingRecord,
  refusal,
  replayed,
  sameText,
  scopeOf,
  toBooking,
} from './booking-rows';

export { toBooking } from './booking-rows';

/** Sends a booking's messages: written into the outbox inside the booking's own transaction. */
export interface BookingNotifier {
  code(
    t: Transaction,
    m: { officeCode: string; phone: string; language: Language; otp: string; booking: Booking },
  ): Promise<void>;
  confirmed(
    t: Transaction,
    m: { officeCode: string; phone: string; language: Language; booking: Booking },
  ): Promise<void>;
  /** The office cancelled a booking on the citizen's behalf: they are told. */
  cancelledByOffice?(
    t: Transaction,
    m: { officeCode: string; phone: string; language: Language; booking: Booking },
  ): Promise<void>;
  /** The booking was cancelled or checked in: its reminders still to come are withdrawn. */
  withdraw?(t: Transaction, m: { officeCode: string; code: string; reason: string }): Promise<void>;
}

/** What the booking service needs to know of an office and its services. */
export interface BookingOffices {
  office(code: string): Promise<{ code: string; timeZone: string } | undefined>;
  serviceExists(officeCode: string, serviceCode: string): Promise<boolean>;
}

export interface BookingServiceDeps {
  db: Database;
  offices: BookingOffices;
  /** Without one, slots are listed but nobody can book (the code could not reach the citizen). */
  notifier?: BookingNotifier;
  now?: () => Date;
}

const MAX_RANGE_DAYS = 31;

export class BookingService {
  private readonly repo: BookingRepository;
  private readonly now: () => Date;

  constructor(private readonly deps: BookingServiceDeps) {
    this.repo = new BookingRepository(deps.db);
    this.now = deps.now ?? (() => new Date());
  }

  /** The free and taken places of a service between two office dates. */
  /**
   * The codes of the office's services that take appointments: those with a plan of their own or a
   * room's (whether a service is open today is the catalogue's to say).
   */
  async bookableServices(officeCode: string): Promise<string[]> {
    await this.office(officeCode);
    return [...(await this.repo.plans(officeCode)).keys()].sort();
  }

  async slots(officeCode: string, q: SlotsQuery): Promise<{ slots: SlotDto[] }> {
    const office = await this.office(officeCode);
    await this.service(officeCode, q.service);
    if (q.to < q.from) throw validationFailed('to: before from');
    const span = (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`)) / 86_400_000;
    if (span > MAX_RANGE_DAYS)
      throw validationFailed(`to: at most ${MAX_RANGE_DAYS} days after from`);
    const calendar = await this.repo.calendar(officeCode, q.service);
    if (!calendar) return { slots: [] };
    const { plan } = calendar;
    const now = this.now();
    const holds = await this.repo.holdsBetween(
      officeCode,
      scopeOf(calendar, q.service),
      officeInstant(q.from, 0, office.timeZone),
      officeInstant(q.to, 24 * 60, office.timeZone),
    );
    return {
      slots: offeredSlots(plan, q, holds, now, office.timeZone).map((s) => ({
        day: officeDate(s.start, office.timeZone),
        start: s.start.toISOString(),
        end: s.end.toISOString(),
        capacity: s.capacity,
        free: s.free,
      })),
    };
  }

  /**
   * Books a place (pending until the citizen types the code sent by SMS). No free place: 409
   * `slot_full`; the phone already holds one that day: 409 `conflict`; the address `from` already
   * holds as many unconfirmed as it may (address-holds.ts): 429 `rate_limited`. Asked again with
   * the same `key` (`Idempotency-Key`: the answer was lost), the same booking as it is now; the
   * key with another service, time or phone: 409 `conflict`.
   */
  async create(
    officeCode: string,
    req: CreateBooking,
    from?: string,
    key?: string,
  ): Promise<Booking> {
    return (await this.book(officeCode, req, from, key)).booking;
  }

  /** {@link create}, saying whether the booking was made before (the contract's 200 for a repeat). */
  async book(
    officeCode: string,
    req: CreateBooking,
    from?: string,
    key?: string,
  ): Promise<{ booking: Booking; replayed: boolean }> {
    const office = await this.office(officeCode);
    await this.service(officeCode, req.service);
    const notifier = this.deps.notifier;
    if (!notifier) throw new AppError('unavailable', 'appointments need an SMS channel (SMS_URL)');
    const start = new Date(req.start);
    const day = officeDate(start, office.timeZone);
    const requester = requesterKey(from);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.repo.transaction(async (t) => {
          const calendar = await this.repo.calendar(officeCode, req.service, t);
          if (!calendar) throw validationFailed('service: takes no appointments');
          const { plan } = calendar;
          const scope = scopeOf(calendar, req.service);
          await this.repo.lock(bookingLocks(officeCode, req, scope, day, requester), t);
          const keyHash = key === undefined ? undefined : sha256(key);
          const earlier = keyHash && (await this.repo.findByKey(officeCode, keyHash, t));
          if (earlier) return { booking: replayed(earlier, req, plan), replayed: true };
          const now = this.now();
          // Asked again before its code was typed: replaces the phone's unconfirmed one (README).
          await this.repo.cancelPending(officeCode, req.service, day, req.phone, now, t);
          await refuseManyHolds(this.deps.db, officeCode, requester, now, t);
          const check = checkBooking({
            plan,
            timeZone: office.timeZone,
            now,
            start,
            serviceBookings: await this.repo.holdsBetween(officeCode, scope, start, start, t),
            phoneBookings: await this.repo.phoneHolds(officeCode, req.service, day, req.phone, t),
          });
          if (!check.ok) throw refusal(check.reason);
          const otp = randomDigits(6);
          const record = pendingRecord(officeCode, req, check.slot.start, day, now);
          record.resourceCode = calendar.resource ?? null;
          record.requestedFrom = requester;
          record.idempotencyKey = keyHash ?? null;
          record.otpHash = otpHash(record.id, otp);
          await this.repo.insert(record, t);
          const booking = toBooking(record, plan);
          await notifier.code(t, {
            officeCode,
            phone: req.phone,
            language: req.language,
            otp,
            booking,
          });
          return { booking, replayed: false };
        });
      } catch (err) {
        // Two bookings drew the same code: draw again (a new transaction).
        if (!isUniqueViolation(err) || attempt >= 3) throw err;
      }
    }
  }

  /** Confirms a pending booking with its one-time code; five wrong codes cancel it. */
  async confirm(officeCode: string, code: string, otp: string): Promise<Booking> {
    await this.office(officeCode);
    type Outcome = { booking: Booking; refused?: undefined } | { refused: AppError };
    const outcome = await this.repo.transaction(async (t): Promise<Outcome> => {
      const b = await this.repo.findByCode(officeCode, code, t, true);
      if (!b) throw notFound('booking');
      const plan = await this.planOf(b, t);
      const now = this.now();
      if (b.status === 'confirmed') return { booking: toBooking(b, plan) };
      if (b.status !== 'pending')
        throw new AppError('conflict', `the booking is ${b.status}`, { reason: b.status });
      if (!holdsPlace({ start: b.startAt, status: b.status, createdAt: b.createdAt }, now)) {
        await this.repo.update(b.id, { status: 'expired', endedAt: now, otpHash: null }, t);
        return {
          refused: new AppError('conflict', 'the code came too late: book again', {
            reason: 'expired',
          }),
        };
      }
      if (!b.otpHash || !sameHash(b.otpHash, otpHash(b.id, otp))) {
        const wrong = wrongCode(b.otpAttempts);
        await this.repo.update(
          b.id,
          wrong.cancel
            ? { otpAttempts: wrong.attempts, status: 'cancelled', endedAt: now, otpHash: null }
            : { otpAttempts: wrong.attempts },
          t,
        );
        // The count is committed; the answer is an error all the same.
        return { refused: wrongCodeRefusal(wrong, 'booking') };
      }
      await this.repo.update(b.id, { status: 'confirmed', confirmedAt: now, otpHash: null }, t);
      const booking = toBooking({ ...b, status: 'confirmed' }, plan);
      if (b.phone && this.deps.notifier) {
        await this.deps.notifier.confirmed(t, {
          officeCode,
          phone: b.phone,
          language: b.language as Language,
          booking,
        });
      }
      return { booking };
    });
    if (outcome.refused) throw outcome.refused;
    return outcome.booking;
  }

  /** Cancels a booking for the phone that made it (any other phone: the same 404 as no booking). */
  async cancel(officeCode: string, code: string, phone: string): Promise<Booking> {
    await this.office(officeCode);
    return this.repo.transaction(async (t) => {
      const b = await this.repo.findByCode(officeCode, code, t, true);
      if (!b || b.phone === null || !sameText(b.phone, phone)) throw notFound('booking');
      const plan = await this.planOf(b, t);
      if (b.status === 'cancelled') return toBooking(b, plan);
      if (b.status !== 'pending' && b.status !== 'confirmed')
        throw new AppError('conflict', `the booking is ${b.status}`, { reason: b.status });
      await this.repo.update(b.id, { status: 'cancelled', endedAt: this.now(), otpHash: null }, t);
      await this.deps.notifier?.withdraw?.(t, {
        officeCode,
        code,
        reason: 'the booking was cancelled',
      });
      return toBooking({ ...b, status: 'cancelled' }, plan);
    });
  }

  /** 404 unless the office and its service exist. */
  async requireService(officeCode: string, serviceCode: string): Promise<void> {
    await this.office(officeCode);
    await this.service(officeCode, serviceCode);
  }

  /** The plans of an office's services as set (admin): own calendars or `{resource}`. */
  async plans(officeCode: string): Promise<Record<string, ServiceBookingPlan>> {
    await this.office(officeCode);
    return Object.fromEntries(await this.repo.storedPlans(officeCode));
  }

  /** Sets or (with `null`) removes a service's plan (admin); a room it books must exist (404). */
  async setPlan(
    officeCode: string,
    serviceCode: string,
    plan: ServiceBookingPlan | null,
    admin?: StaffPrincipal,
  ): Promise<void> {
    await this.office(officeCode);
    await this.service(officeCode, serviceCode);
    const before = (await this.repo.storedPlans(officeCode)).get(serviceCode) ?? null;
    await this.repo.transaction(async (t) => {
      if (plan && 'resource' in plan) {
        const room = await new BookingResourceRepository(this.deps.db).find(
          officeCode,
          plan.resource,
          t,
        );
        if (!room) throw notFound(`resource ${plan.resource}`);
      }
      await this.repo.setPlan(officeCode, serviceCode, plan, this.now(), t);
      if (admin) {
        await this.repo.audit(
          {
            officeCode,
            at: this.now(),
            actor: admin.username,
            userId: admin.id,
            action: plan ? 'plan.set' : 'plan.remove',
            entity: 'service',
            entityId: serviceCode,
            subject: serviceCode,
            before: { plan: before },
            after: { plan },
          },
          t,
        );
      }
    });
  }

  private async office(code: string): Promise<{ code: string; timeZone: string }> {
    const office = await this.deps.offices.office(code);
    if (!office) throw notFound(`office ${code}`);
    return office;
  }

  private async service(officeCode: string, serviceCode: string): Promise<void> {
    if (!(await this.deps.offices.serviceExists(officeCode, serviceCode)))
      throw notFound(`service ${serviceCode}`);
  }

  private async planOf(b: BookingRecord, t: Transaction): Promise<BookingPlan | undefined> {
    return this.repo.plan(b.officeCode, b.serviceCode, t);
  }
}
