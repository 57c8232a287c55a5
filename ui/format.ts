/** Time formatting in the office's zone. */
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

/** `2026-11-26 07:33:28` in `timeZone`: a log's time, the same in every language. */
export function formatDateTime(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)} ${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
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
