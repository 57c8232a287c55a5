/**
 * Appointment rules, as pure functions shared by the server and the booking page: which slots a
 * service offers, how many places a slot has left, whether a booking may be made, when a booked
 * citizen may check in, and where a checked-in booking stands in the queue. No I/O, no clock: every
 * function takes `now`. That a slot is never overbooked is the database's word (a locked row);
 * these rules decide what to ask of it.
 */

import { WEEKDAYS, type WeeklyHours } from './opening-hours';
import { pad2, zonedParts } from './zoned-time';

/** How a service takes appointments (set per service by the administrator). */
export interface BookingPlan {
  /** Booking hours on the office clock, per weekday (separate from the walk-in opening hours). */
  hours: WeeklyHours;
  /** Length of one slot in minutes. */
  slotMinutes: number;
  /** Bookings one slot takes. */
  perSlot: number;
  /** Share of the slots (0…1) kept for walk-ins: those slots take no bookings. */
  walkInShare: number;
  /** How many days ahead (after today) a citizen may book. */
  daysAhead: number;
  /** Office days (`YYYY-MM-DD`) without appointments: holidays. */
  closedDays: readonly string[];
}

/** When a booked citizen may check in at the kiosk, around the slot's start. */
export interface CheckInRules {
  /** Minutes before the slot's start that check-in opens. */
  earlyMinutes: number;
  /** Minutes after the slot's start that check-in closes; later, the citizen gets an ordinary ticket. */
  lateMinutes: number;
}

/** The demo office's plan (CONTRACT §6): Mon–Fri 08:00–17:00, 20-minute slots, one each, 14 days. */
export const DEMO_BOOKING_PLAN: BookingPlan = {
  hours: Object.fromEntries(
    WEEKDAYS.slice(0, 5).map((d) => [d, { open: '08:00', close: '17:00' }]),
  ),
  slotMinutes: 20,
  perSlot: 1,
  walkInShare: 0,
  daysAhead: 14,
  closedDays: [],
};

export const DEFAULT_CHECK_IN: CheckInRules = { earlyMinutes: 15, lateMinutes: 10 };

/** An unconfirmed booking holds its place this long, then frees it. */
export const PENDING_HOLD_MINUTES = 10;
/** Wrong one-time codes after which a pending booking is cancelled. */
export const MAX_WRONG_CODES = 5;

export interface Slot {
  start: Date;
  end: Date;
  /** Bookings the slot takes (0: kept for walk-ins). */
  capacity: number;
}

/** A booking as far as the rules need it. */
export interface BookingHold {
  start: Date;
  status: 'pending' | 'confirmed' | 'checked_in' | 'cancelled' | 'expired' | 'missed';
  createdAt: Date;
}

const MINUTE = 60_000;

/** `HH:MM` → minutes after midnight. */
function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The instant at which the office clock of `timeZone` reads `day` `minutes` after midnight. */
export function officeInstant(day: string, minutes: number, timeZone: string): Date {
  const [y, mo, d] = day.split('-').map(Number);
  const wall = Date.UTC(y ?? 1970, (mo ?? 1) - 1, d ?? 1) + minutes * MINUTE;
  // Guess with the offset at the wall time read as UTC, then correct once (enough without DST jumps
  // inside the day, and right for Asia/Dushanbe, which has none).
  let guess = wall - offsetMinutes(new Date(wall), timeZone) * MINUTE;
  guess = wall - offsetMinutes(new Date(guess), timeZone) * MINUTE;
  return new Date(guess);
}

function offsetMinutes(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / MINUTE);
}

/** The office day (`YYYY-MM-DD`) of `instant`. */
export function officeDate(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** `day` plus `n` calendar days. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + n));
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

/**
 * Whether slot `index` of a day is kept for walk-ins: the walk-in share is spread evenly over the
 * day (share 0.25 keeps every fourth slot), not taken from its start or its end.
 */
export function keptForWalkIns(index: number, walkInShare: number): boolean {
  const share = Math.min(1, Math.max(0, walkInShare));
  const bookable = 1 - share;
  // Slot i is bookable when the running count of bookable slots steps up at it.
  return Math.floor((index + 1) * bookable + 1e-9) === Math.floor(index * bookable + 1e-9);
}

/** Every slot of `day` (office date) under `plan`, kept-for-walk-ins ones with capacity 0. */
export function daySlots(plan: BookingPlan, day: string, timeZone: string): Slot[] {
  if (plan.closedDays.includes(day) || plan.slotMinutes <= 0) return [];
  const weekday = WEEKDAYS[(new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7];
  const hours = weekday ? plan.hours[weekday] : undefined;
  if (!hours) return [];
  const open = minutesOf(hours.open);
  const close = minutesOf(hours.close);
  const slots: Slot[] = [];
  for (let m = open, i = 0; m + plan.slotMinutes <= close; m += plan.slotMinutes, i++) {
    slots.push({
      start: officeInstant(day, m, timeZone),
      end: officeInstant(day, m + plan.slotMinutes, timeZone),
      capacity: keptForWalkIns(i, plan.walkInShare) ? 0 : Math.max(0, plan.perSlot),
    });
  }
  return slots;
}

/** The office days a citizen may book on at `now`: today and `daysAhead` days after it. */
export function bookableDays(plan: BookingPlan, now: Date, timeZone: string): string[] {
  const today = officeDate(now, timeZone);
  return Array.from({ length: Math.max(0, plan.daysAhead) + 1 }, (_, i) => addDays(today, i));
}

/** Whether `booking` still takes a place at `now` (a pending one only within its hold). */
export function holdsPlace(booking: BookingHold, now: Date): boolean {
  switch (booking.status) {
    case 'confirmed':
    case 'checked_in':
      return true;
    case 'pending':
      return now.getTime() - booking.createdAt.getTime() < PENDING_HOLD_MINUTES * MINUTE;
    case 'cancelled':
    case 'expired':
    case 'missed':
      return false;
  }
}

/** Places left in `slot` given the service's bookings (any slot's; only this one's count). */
export function freePlaces(slot: Slot, bookings: readonly BookingHold[], now: Date): number {
  const taken = bookings.filter(
    (b) => b.start.getTime() === slot.start.getTime() && holdsPlace(b, now),
  ).length;
  return Math.max(0, slot.capacity - taken);
}

/** The slots offered between `from` and `to` (office dates, inclusive), each with its free places. */
export function offeredSlots(
  plan: BookingPlan,
  range: { from: string; to: string },
  bookings: readonly BookingHold[],
  now: Date,
  timeZone: string,
): Array<Slot & { free: number }> {
  const days = bookableDays(plan, now, timeZone).filter((d) => d >= range.from && d <= range.to);
  return days.flatMap((day) =>
    daySlots(plan, day, timeZone)
      .filter((s) => s.start.getTime() > now.getTime() && s.capacity > 0)
      .map((s) => ({ ...s, free: freePlaces(s, bookings, now) })),
  );
}

export type BookingRefusal =
  /** No slot of the plan starts at that time (or it is kept for walk-ins). */
  | 'no_such_slot'
  /** The slot has started or is over. */
  | 'slot_past'
  /** Beyond the days a citizen may book ahead. */
  | 'too_far'
  /** Every place of the slot is taken. */
  | 'slot_full'
  /** The phone already holds a booking of this service that day. */
  | 'phone_has_booking';

/**
 * Whether a citizen may book `start` now. `serviceBookings`: the service's bookings of that day;
 * `phoneBookings`: the phone's bookings of this service that day.
 */
export function checkBooking(input: {
  plan: BookingPlan;
  timeZone: string;
  now: Date;
  start: Date;
  serviceBookings: readonly BookingHold[];
  phoneBookings: readonly BookingHold[];
}): { ok: true; slot: Slot } | { ok: false; reason: BookingRefusal } {
  const { plan, timeZone, now, start } = input;
  const day = officeDate(start, timeZone);
  const slot = daySlots(plan, day, timeZone).find((s) => s.start.getTime() === start.getTime());
  if (!slot || slot.capacity === 0) return { ok: false, reason: 'no_such_slot' };
  if (slot.start.getTime() <= now.getTime()) return { ok: false, reason: 'slot_past' };
  if (!bookableDays(plan, now, timeZone).includes(day)) return { ok: false, reason: 'too_far' };
  if (input.phoneBookings.some((b) => holdsPlace(b, now)))
    return { ok: false, reason: 'phone_has_booking' };
  if (freePlaces(slot, input.serviceBookings, now) === 0) return { ok: false, reason: 'slot_full' };
  return { ok: true, slot };
}

/** When check-in for a slot starting at `start` opens and closes. */
export function checkInWindow(start: Date, rules: CheckInRules): { opensAt: Date; closesAt: Date } {
  return {
    opensAt: new Date(start.getTime() - rules.earlyMinutes * MINUTE),
    closesAt: new Date(start.getTime() + rules.lateMinutes * MINUTE),
  };
}

export type CheckIn =
  /** Too early: come back at `opensAt`. */
  | { kind: 'too_early'; opensAt: Date }
  /** On time: a ticket due at the slot's start. */
  | { kind: 'on_time'; dueAt: Date }
  /** Too late: an ordinary ticket, with a message that says so. */
  | { kind: 'late' };

/** What checking in at `now` for a slot starting at `start` gives. */
export function checkIn(start: Date, now: Date, rules: CheckInRules): CheckIn {
  const { opensAt, closesAt } = checkInWindow(start, rules);
  if (now.getTime() < opensAt.getTime()) return { kind: 'too_early', opensAt };
  if (now.getTime() > closesAt.getTime()) return { kind: 'late' };
  return { kind: 'on_time', dueAt: start };
}

/**
 * The time by which call-next orders a waiting ticket: its issue time, or for a checked-in booking
 * its slot's start. So a booking is called before every walk-in who arrived after its time and after
 * those who arrived before it; priority categories and the fairness rule apply on top, as for walk-ins.
 */
export function queueTime(ticket: { issuedAt: Date; appointmentStart?: Date | null }): Date {
  return ticket.appointmentStart ?? ticket.issuedAt;
}

/** A wrong one-time code: the new count, and whether the booking is now cancelled. */
export function wrongCode(attempts: number): { attempts: number; cancel: boolean } {
  const next = attempts + 1;
  return { attempts: next, cancel: next >= MAX_WRONG_CODES };
}

/** `length` decimal digits from random bytes (one byte per digit, unbiased by rejection). */
export function digitsFrom(random: Uint8Array, length: number): string | undefined {
  let out = '';
  for (const byte of random) {
    if (byte >= 250) continue; // 250 = 25 × 10: keep every digit equally likely.
    out += String(byte % 10);
    if (out.length === length) return out;
  }
  return undefined;
}
