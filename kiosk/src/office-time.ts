/** Instants on the office's clock, as the kiosk words them (no DOM: tests import it in Node). */

/** `HH:MM` of an instant on the office's clock (the kiosk's own when the zone is unknown). */
export function officeClock(iso: string, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(iso));
}

/**
 * When on the office's clock: `HH:MM` today, `dd.mm.yyyy HH:MM` another day (a booking for
 * Tuesday tried on Sunday must not read as "opens at 09:45").
 */
export function officeWhen(iso: string, timeZone: string | undefined, now = new Date()): string {
  const day = (d: Date) =>
    new Intl.DateTimeFormat('en-GB', {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      ...(timeZone ? { timeZone } : {}),
    })
      .format(d)
      .replace(/\//g, '.');
  const at = new Date(iso);
  const time = officeClock(iso, timeZone);
  return day(at) === day(now) ? time : `${day(at)} ${time}`;
}
