import { isOpenAt, nextOpening, officeClock } from './opening-hours';

const TZ = 'Asia/Dushanbe'; // UTC+5, no daylight saving
const hours = { mon: { open: '08:00', close: '17:00' }, sat: { open: '09:00', close: '13:00' } };

describe('opening hours on the office clock', () => {
  it('reads the weekday and time in the office zone, not UTC', () => {
    // Monday 2026-11-23 02:30 UTC is 07:30 in Dushanbe; Sunday 22:00 UTC is Monday 03:00 there.
    expect(officeClock(new Date('2026-11-23T02:30:00Z'), TZ)).toEqual({
      weekday: 'mon',
      time: '07:30',
    });
    expect(officeClock(new Date('2026-11-22T22:00:00Z'), TZ)).toEqual({
      weekday: 'mon',
      time: '03:00',
    });
  });

  it.each([
    ['2026-11-23T02:59:00Z', false], // Mon 07:59
    ['2026-11-23T03:00:00Z', true], // Mon 08:00
    ['2026-11-23T11:59:00Z', true], // Mon 16:59
    ['2026-11-23T12:00:00Z', false], // Mon 17:00, close is exclusive
    ['2026-11-24T06:00:00Z', false], // Tue: not listed, closed
    ['2026-11-28T05:00:00Z', true], // Sat 10:00
  ])('at %s the office is open: %s', (iso, open) => {
    expect(isOpenAt(hours, new Date(iso), TZ)).toBe(open);
  });

  it('no hours at all: always open, and no next opening to announce', () => {
    expect(isOpenAt(null, new Date('2026-11-24T23:00:00Z'), TZ)).toBe(true);
    expect(nextOpening(null, new Date(), TZ)).toBeUndefined();
  });

  it('next opening: later today, else the next listed day', () => {
    expect(nextOpening(hours, new Date('2026-11-23T01:00:00Z'), TZ)).toEqual({
      weekday: 'mon',
      open: '08:00',
      today: true,
    });
    expect(nextOpening(hours, new Date('2026-11-23T13:00:00Z'), TZ)).toEqual({
      weekday: 'sat',
      open: '09:00',
      today: false,
    });
    expect(nextOpening({}, new Date(), TZ)).toBeUndefined();
  });
});
