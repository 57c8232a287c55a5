/**
 * What the kiosk says to a booking checked in too early (kiosk/src/office-time.ts): the time the
 * check-in opens on the office's clock, with its date when that is not today.
 */
import { officeWhen } from '../kiosk/src/office-time';

const TZ = 'Asia/Dushanbe';

it('names the day when check-in opens on another day, only the time today', () => {
  // Sunday 06.12.2026 01:30 in Dushanbe; the booking is Tuesday 08.12 at 10:00 (opens 09:45).
  const now = new Date('2026-12-05T20:30:00Z');
  expect(officeWhen('2026-12-08T04:45:00Z', TZ, now)).toBe('08.12.2026 09:45');
  expect(officeWhen('2026-12-06T04:45:00Z', TZ, now)).toBe('09:45');
  // Late on Saturday in UTC is already Sunday in the office: the office's day decides.
  expect(officeWhen('2026-12-05T23:00:00Z', TZ, now)).toBe('04:00');
});
