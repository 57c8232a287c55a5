/** Instants on the office's clock, as the kiosk words them (no DOM: tests import it in Node). */
import { formatClock, formatDay } from '../../ui/format';

/** The office's zone; the kiosk's own while the office's is not known yet. */
const zoneOf = (timeZone: string | undefined): string =>
  timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

/** `HH:MM` of an instant on the office's clock (the kiosk's own when the zone is unknown). */
export function officeClock(iso: string, timeZone: string | undefined): string {
  return formatClock(new Date(iso), zoneOf(timeZone));
}

/**
 * When on the office's clock: `HH:MM` today, `dd.mm.yyyy HH:MM` another day (a booking for
 * Tuesday tried on Sunday must not read as "opens at 09:45").
 */
export function officeWhen(iso: string, timeZone: string | undefined, now = new Date()): string {
  const zone = zoneOf(timeZone);
  const at = new Date(iso);
  const day = formatDay(at, zone);
  const time = formatClock(at, zone);
  return day === formatDay(now, zone) ? time : `${day} ${time}`;
}
