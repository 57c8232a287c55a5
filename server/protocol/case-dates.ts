/**
 * Dates of the registry: "today" in the office's time zone, calendar dates as YYYY-MM-DD, and the
 * schema factories that refuse a date (or year) in the future once they know today.
 */
import { z } from 'zod';

/** Tajikistan has one time zone (UTC+5, no daylight saving time). */
export const REGISTRY_TIME_ZONE = 'Asia/Dushanbe';
/** No civil-status date before this is accepted (a guard against typos like 0196). */
const EARLIEST_DATE = '1850-01-01';

/** The calendar date (YYYY-MM-DD) at `now` in `timeZone`: what "today" means for "not in the future". */
export function calendarDate(now: Date, timeZone: string = REGISTRY_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: 'year' | 'month' | 'day') => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A calendar date `YYYY-MM-DD` that exists (no 2025-02-29), from 1850 on. */
export const IsoDate = z.iso
  .date('a date as YYYY-MM-DD')
  .refine((d) => d >= EARLIEST_DATE, `no date before ${EARLIEST_DATE}`);
export type IsoDate = z.infer<typeof IsoDate>;

/** `IsoDate`, and not after `today` when it is given. */
export function dateUpTo(today: string | undefined) {
  return today === undefined
    ? IsoDate
    : IsoDate.refine((d) => d <= today, `must not be in the future (today is ${today})`);
}

/** A year from 1850 on, and not after the year of `today` when it is given. */
export function yearUpTo(today: string | undefined) {
  const year = z
    .number()
    .int()
    .min(Number(EARLIEST_DATE.slice(0, 4)));
  return today === undefined
    ? year
    : year.max(Number(today.slice(0, 4)), 'must not be in the future');
}
