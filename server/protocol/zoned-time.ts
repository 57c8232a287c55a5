/**
 * Wall-clock time in an IANA zone (the office's clock): one formatter per zone, shared by the server's
 * office day, the opening hours and the pages' clocks and timestamps.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock parts of an instant in a zone; `weekday` 0 = Sunday … 6 = Saturday. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

/**
 * Each zone's offset from UTC in the UTC minute it was last read for. Zones change their offset
 * at whole minutes (an offset of odd seconds, before 1972, is never kept), so every instant of
 * that minute has the same one: one formatting a minute instead of one a call (a ticket asks
 * several times, each ~7–60 µs).
 */
const offsets = new Map<string, { minute: number; offsetMs: number }>();

/** Wall-clock parts of `instant` in `timeZone`; `weekday` 0 = Sunday … 6 = Saturday. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const ms = instant.getTime();
  const minute = Math.floor(ms / 60_000);
  const known = offsets.get(timeZone);
  if (known && known.minute === minute) return utcParts(new Date(ms + known.offsetMs));
  const parts = formattedParts(instant, timeZone);
  const offsetMs =
    Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) -
    Math.floor(ms / 1000) * 1000;
  if (Number.isFinite(offsetMs) && offsetMs % 60_000 === 0) {
    offsets.set(timeZone, { minute, offsetMs });
  }
  return parts;
}

/** The parts as the zone's formatter gives them (what the cache above is checked against). */
export function formattedParts(instant: Date, timeZone: string): ZonedParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const year = parts.year ?? 0;
  const month = parts.month ?? 1;
  const day = parts.day ?? 1;
  return {
    year,
    month,
    day,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

function utcParts(d: Date): ZonedParts {
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/** Two digits. */
export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
