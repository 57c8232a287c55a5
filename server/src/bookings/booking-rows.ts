/**
 * A booking's rows and answers: the new pending row, the citizen's view of one, the refusals of
 * booking rules in the contract's words, and the answer to a request sent again with its key.
 */
import { randomUUID } from 'node:crypto';
import type { BookingPlan, BookingRefusal } from '../../protocol/booking-rules';
import type { Booking, CreateBooking } from '../../protocol/bookings';
import type {
  BookingCalendar,
  BookingRecord,
  BookingScope,
} from '../../../db/repositories/booking-repository';
import { AppError, validationFailed } from '../errors';
import { randomDigits, sameHash, sha256 } from './one-time-code';

/** A new pending booking row (its one-time code's hash set by the caller). */
export function pendingRecord(
  officeCode: string,
  req: CreateBooking,
  startAt: Date,
  day: string,
  now: Date,
): BookingRecord {
  return {
    id: randomUUID(),
    officeCode,
    serviceCode: req.service,
    code: randomDigits(8, true),
    startAt,
    day,
    phone: req.phone,
    language: req.language,
    status: 'pending',
    otpHash: '',
    otpAttempts: 0,
    ticketId: null,
    createdAt: now,
    confirmedAt: null,
    endedAt: null,
  };
}

/** Whose bookings fill the service's slots: the room's, when it books one. */
export function scopeOf(calendar: BookingCalendar, service: string): BookingScope {
  return calendar.resource === undefined ? { service } : { resource: calendar.resource };
}

/**
 * The locks a new booking takes: its slot (the room's, when the service books one), the phone's
 * day of that service, and the asking address's holds.
 */
export function bookingLocks(
  officeCode: string,
  req: CreateBooking,
  scope: BookingScope,
  day: string,
  requester: string | null,
): string[] {
  const slotOf = 'resource' in scope ? `@${scope.resource}` : req.service;
  return [
    `slot:${officeCode}:${slotOf}:${new Date(req.start).getTime()}`,
    `phone:${officeCode}:${req.service}:${day}:${sha256(req.phone).slice(0, 32)}`,
    ...(requester ? [`from:${officeCode}:${requester}`] : []),
  ];
}

/** The citizen's view of a booking row (its end from the service's slot length). */
export function toBooking(b: BookingRecord, plan: BookingPlan | undefined): Booking {
  const minutes = plan?.slotMinutes ?? 0;
  return {
    code: b.code,
    service: b.serviceCode,
    start: b.startAt.toISOString(),
    end: new Date(b.startAt.getTime() + minutes * 60_000).toISOString(),
    status: b.status,
  };
}

/** The booking a repeated request made before, if it asked for the same; else 409 `conflict`. */
export function replayed(b: BookingRecord, req: CreateBooking, plan: BookingPlan): Booking {
  const same =
    b.serviceCode === req.service &&
    b.startAt.getTime() === new Date(req.start).getTime() &&
    (b.phone === null || sameText(b.phone, req.phone));
  if (!same) {
    throw new AppError('conflict', 'this Idempotency-Key was used for another booking', {
      reason: 'idempotency_key_reused',
    });
  }
  return toBooking(b, plan);
}

export function refusal(reason: BookingRefusal): AppError {
  switch (reason) {
    case 'slot_full':
      return new AppError('slot_full', 'every place of that time is taken', { reason });
    case 'phone_has_booking':
      return new AppError(
        'conflict',
        'this phone already holds a booking of that service that day',
        {
          reason,
        },
      );
    case 'no_such_slot':
    case 'slot_past':
    case 'too_far':
      return validationFailed('start: not a time that can be booked', {
        reason,
        issues: [{ field: 'start', message: reason }],
      });
  }
}

/** Whether two texts are the same, compared in constant time. */
export function sameText(a: string, b: string): boolean {
  return sameHash(sha256(a), sha256(b));
}
