/** Time formatting in the office's zone. */
import type { Language } from '../server/protocol';
import { translate } from './i18n';

/** The zone of the demo office; pages may override it with `?tz=`. */
export const DEFAULT_TIME_ZONE = 'Asia/Dushanbe';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

/** `14:05` in `timeZone`. */
export function formatClock(date: Date, timeZone: string): string {
  return formatter(`clock|${timeZone}`, () => {
    return new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
    });
  }).format(date);
}

/** `2026-11-26 07:33:28` in `timeZone`: a log's time, the same in every language. */
export function formatDateTime(date: Date, timeZone: string): string {
  const parts = formatter(`stamp|${timeZone}`, () => {
    return new Intl.DateTimeFormat('en-US', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZone,
    });
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

/** Weekday and date in `timeZone`, from the catalogue (browsers lack Tajik month names). */
export function formatDate(date: Date, timeZone: string, language: Language): string {
  const parts = formatter(`parts|${timeZone}`, () => {
    return new Intl.DateTimeFormat('en-US', {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      timeZone,
    });
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const year = part('year');
  const month = part('month');
  const day = part('day');
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return translate(language, 'dateFormat', {
    weekday: translate(language, 'weekdays').split(',')[weekday] ?? '',
    day,
    month: translate(language, 'months').split(',')[month - 1] ?? '',
  });
}

/** Whole minutes from `iso` to `now`, never negative. */
export function minutesSince(iso: string, now: Date): number {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return 0;
  return Math.max(0, Math.floor((now.getTime() - then) / 60_000));
}
