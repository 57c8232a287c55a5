/**
 * When a confirmed booking's reminders go, on the office's clock (pure; README "Reminders"):
 * - **the day before**, at 18:00 — only for a booking confirmed before that day began: one booked
 *   the day before or on the day itself has just had the confirmation, which names the time;
 * - **one hour before** the slot — only when the booking was confirmed at least two hours before
 *   the slot (else it would follow the confirmation closely).
 * Neither goes in the office's quiet hours: the day-before one then moves to one hour before they
 * begin; an hour-before one inside them (an 08:00 slot, quiet until 08:00) is dropped, the
 * day-before one stands. The day-before one expires when the slot's day begins, the hour-before
 * one at the slot: a worker that was down never sends "tomorrow" on the day.
 */
import { addDays, officeDate, officeInstant } from '../../protocol/booking-rules';
import { quietHoursEnd } from './rules';

export type ReminderKind = 'day' | 'hour';

/** One reminder to write into the outbox. */
export interface Reminder {
  kind: ReminderKind;
  /** When it is due. */
  at: Date;
  /** When it is no longer worth sending. */
  expiresAt: Date;
}

/** The office time of the day-before reminder. */
export const DAY_REMINDER_MINUTES = 18 * 60;

const HOUR = 3_600_000;

/** The reminders of a booking confirmed at `confirmedAt` for the slot starting at `start`. */
export function reminderTimes(input: {
  start: Date;
  confirmedAt: Date;
  timeZone: string;
  quiet: { from: string; until: string };
}): Reminder[] {
  const { start, confirmedAt, timeZone: tz, quiet } = input;
  const quietAt = (at: Date) => quietHoursEnd(at, tz, quiet) !== null;
  const slotDay = officeDate(start, tz);
  const dayBefore = addDays(slotDay, -1);
  const out: Reminder[] = [];

  let day = officeInstant(dayBefore, DAY_REMINDER_MINUTES, tz);
  if (quietAt(day)) {
    // One hour before the quiet hours that hold 18:00 begin (the evening before, or earlier).
    let moved = officeInstant(dayBefore, minutesOf(quiet.from), tz).getTime() - HOUR;
    if (moved > day.getTime()) moved -= 24 * HOUR;
    day = new Date(moved);
  }
  const dayBeforeBegins = officeInstant(dayBefore, 0, tz);
  if (!quietAt(day) && confirmedAt < dayBeforeBegins && confirmedAt < day)
    out.push({ kind: 'day', at: day, expiresAt: officeInstant(slotDay, 0, tz) });

  const hour = new Date(start.getTime() - HOUR);
  if (!quietAt(hour) && hour.getTime() - confirmedAt.getTime() >= HOUR)
    out.push({ kind: 'hour', at: hour, expiresAt: start });
  return out;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
