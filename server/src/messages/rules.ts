/** The pure rules of citizen messages: quiet hours, the office day's end, retry backoff. */
import { officeClock } from '../../protocol';
import { dayStart, nextDay, officeDay } from '../queue/office-day';

/** When the quiet hours around `now` end, or `null` outside them (`from` = `until`: none). */
export function quietHoursEnd(
  now: Date,
  timeZone: string,
  quiet: { from: string; until: string },
): Date | null {
  const { from, until } = quiet;
  if (from === until) return null;
  const time = officeClock(now, timeZone).time;
  const inside = from > until ? time >= from || time < until : time >= from && time < until;
  if (!inside) return null;
  const today = officeDay(now, timeZone);
  const day = time < until ? today : nextDay(today);
  const [h, m] = until.split(':').map(Number) as [number, number];
  return new Date(dayStart(day, timeZone).getTime() + (h * 60 + m) * 60_000);
}

/** The end of the office day that `now` falls in (when queue messages expire). */
export function officeDayEnd(now: Date, timeZone: string): Date {
  return dayStart(nextDay(officeDay(now, timeZone)), timeZone);
}

/** The start of the office day that `now` falls in (daily caps count from here). */
export function officeDayStart(now: Date, timeZone: string): Date {
  return dayStart(officeDay(now, timeZone), timeZone);
}

/** Wait before attempt `attempts + 1`: 2 s, 4 s, 8 s … at most 5 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(5 * 60_000, 2_000 * 2 ** Math.max(0, attempts - 1));
}

/** Attempts after which a message that keeps failing is given up. */
export const MAX_ATTEMPTS = 12;

/** An SMS reply or Telegram command that stops every message to its sender. */
export function isStopWord(text: string): boolean {
  return /^\s*\/?(stop|стоп|бас|to['‘’]?xta)\s*[.!]?\s*$/i.test(text);
}
