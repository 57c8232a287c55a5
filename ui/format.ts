/** Time formatting in the office's zone. */

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

/** Weekday and date in `timeZone`, in `language` where the browser knows it (else Russian). */
export function formatDate(date: Date, timeZone: string, language: string): string {
  return formatter(`date|${timeZone}|${language}`, () => {
    const locale = Intl.DateTimeFormat.supportedLocalesOf([language]).length > 0 ? language : 'ru';
    return new Intl.DateTimeFormat(locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone,
    });
  }).format(date);
}

/** Whole minutes from `iso` to `now`, never negative. */
export function minutesSince(iso: string, now: Date): number {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return 0;
  return Math.max(0, Math.floor((now.getTime() - then) / 60_000));
}
