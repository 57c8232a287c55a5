/** The office day: numbering restarts and reports are cut at midnight in the office's time zone. */

import { pad2, zonedParts } from '../../protocol/zoned-time';

export { zonedParts };

/** The office day (`YYYY-MM-DD`) that `instant` falls in. */
export function officeDay(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** The hour (0–23) of `instant` on the office's clock. */
export function officeHour(instant: Date, timeZone: string): number {
  return zonedParts(instant, timeZone).hour;
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (Dushanbe: +300). */
export function utcOffsetMinutes(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/** The instant at which office day `day` starts (its local midnight). */
export function dayStart(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = new Date(Date.UTC(y, m - 1, d));
  const offset = utcOffsetMinutes(guess, timeZone);
  const first = new Date(guess.getTime() - offset * 60000);
  // A zone whose offset changes that night: correct once with the offset at the found instant.
  const second = utcOffsetMinutes(first, timeZone);
  if (second === offset) return first;
  const corrected = new Date(guess.getTime() - second * 60000);
  // Clocks that spring forward at midnight skip it: the day then starts at `first`, the jump itself.
  return officeDay(corrected, timeZone) === day ? corrected : first;
}

/** The day after `day`. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
