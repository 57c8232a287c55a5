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
