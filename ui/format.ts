/**
 * Dates and times in the office's zone and the office's way (`dd.mm.yyyy`, 24 h) — never the
 * browser's locale, which may be American on a Tajik screen.
 */
import type { Language } from '../server/protocol';
import { pad2, zonedParts } from '../server/protocol/zoned-time';
import { translate } from './i18n';

/** The zone of the demo office; pages may override it with `?tz=`. */
export const DEFAULT_TIME_ZONE = 'Asia/Dushanbe';

/** `14:05` in `timeZone`. */
export function formatClock(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** `26.11.2026 07:33:28` in `timeZone`: a log's time, the same in every language. */
export function formatDateTime(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${formatDay(date, timeZone)} ${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
}

/** `26.11.2026` in `timeZone`. */
export function formatDay(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${pad2(p.day)}.${pad2(p.month)}.${p.year}`;
}

/** `26.11.2026 07:33` in `timeZone`; an unreadable value gives an empty string. */
export function formatDayTime(value: string | Date, timeZone: string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  return `${formatDay(date, timeZone)} ${formatClock(date, timeZone)}`;
}

/** A calendar date as stored (`1994-03-02`) shown as `02.03.1994`; anything else as it is. */
export function formatIsoDay(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : value;
}

/** Weekday and date in `timeZone`, from the catalogue (browsers lack Tajik month names). */
export function formatDate(date: Date, timeZone: string, language: Language): string {
  const p = zonedParts(date, timeZone);
  return translate(language, 'dateFormat', {
    weekday: translate(language, 'weekdays').split(',')[p.weekday] ?? '',
    day: p.day,
    month: translate(language, 'months').split(',')[p.month - 1] ?? '',
  });
}

/** Whole minutes from `iso` to `now`, never negative. */
export function minutesSince(iso: string, now: Date): number {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return 0;
  return Math.max(0, Math.floor((now.getTime() - then) / 60_000));
}

/**
 * A typed day as stored (`1994-03-02`): `02.03.1994` the office's way (also `2.3.1994`, `2/3/1994`,
 * digits only `02031994` from a phone's number pad, or a pasted `1994-03-02`). Not a calendar day
 * (`31.02.2026`, `1.2.94`): undefined.
 */
export function parseDay(text: string): string | undefined {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const ours =
    /^(\d{1,2})[./\s-](\d{1,2})[./\s-](\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  const [year, month, day] = iso
    ? [iso[1], iso[2], iso[3]].map(Number)
    : ours
      ? [ours[3], ours[2], ours[1]].map(Number)
      : [];
  if (year === undefined || month === undefined || day === undefined || year < 1000)
    return undefined;
  // Date.UTC rolls 31 February over into March: a day that comes back changed does not exist.
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/**
 * A typed time of day as `16:30` (also `9:05`, `16.30`, digits only `1630`); what is no time on a
 * 24-hour clock (`24:00`, `4:30 PM`): undefined.
 */
export function parseClock(text: string): string | undefined {
  const m = /^(\d{1,2})[:.\s]?(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [hour, minute] = [Number(m[1]), Number(m[2])];
  if (hour > 23 || minute > 59) return undefined;
  return `${pad2(hour)}:${pad2(minute)}`;
}
