import {
  dayStart,
  nextDay,
  officeDay,
  officeHour,
  utcOffsetMinutes,
  zonedParts,
} from './office-day';

const DUSHANBE = 'Asia/Dushanbe';
const BERLIN = 'Europe/Berlin';

function at(iso: string): Date {
  return new Date(iso);
}

function daysOf(year: number): string[] {
  const days: string[] = [];
  for (let day = `${year}-01-01`; day.startsWith(String(year)); day = nextDay(day)) days.push(day);
  return days;
}

describe('officeDay', () => {
  it('restarts numbering at midnight in Dushanbe, not at UTC midnight', () => {
    expect(officeDay(at('2026-11-25T18:59:59Z'), DUSHANBE)).toBe('2026-11-25');
    expect(officeDay(at('2026-11-25T19:00:00Z'), DUSHANBE)).toBe('2026-11-26');
  });

  it('keeps the Dushanbe day unchanged across UTC midnight', () => {
    expect(officeDay(at('2026-11-25T23:59:59Z'), DUSHANBE)).toBe('2026-11-26');
    expect(officeDay(at('2026-11-26T00:00:00Z'), DUSHANBE)).toBe('2026-11-26');
  });

  it('counts the last millisecond before local midnight to the old day', () => {
    expect(officeDay(at('2026-11-25T18:59:59.999Z'), DUSHANBE)).toBe('2026-11-25');
  });

  it('rolls over months and years on the office clock', () => {
    expect(officeDay(at('2026-11-30T19:00:00Z'), DUSHANBE)).toBe('2026-12-01');
    expect(officeDay(at('2026-12-31T18:59:59Z'), DUSHANBE)).toBe('2026-12-31');
    expect(officeDay(at('2026-12-31T19:00:00Z'), DUSHANBE)).toBe('2027-01-01');
  });

  it('changes the Dushanbe day at 19:00 UTC all year round, as Tajikistan has no DST', () => {
    expect(officeDay(at('2026-07-01T18:59:59Z'), DUSHANBE)).toBe('2026-07-01');
    expect(officeDay(at('2026-07-01T19:00:00Z'), DUSHANBE)).toBe('2026-07-02');
  });

  it('follows summer time in Berlin: the day changes at 22:00 UTC in summer and 23:00 UTC in winter', () => {
    expect(officeDay(at('2026-07-01T21:59:59Z'), BERLIN)).toBe('2026-07-01');
    expect(officeDay(at('2026-07-01T22:00:00Z'), BERLIN)).toBe('2026-07-02');
    expect(officeDay(at('2026-01-15T22:59:59Z'), BERLIN)).toBe('2026-01-15');
    expect(officeDay(at('2026-01-15T23:00:00Z'), BERLIN)).toBe('2026-01-16');
  });

  it('changes at UTC midnight for a UTC office', () => {
    expect(officeDay(at('2026-11-25T23:59:59Z'), 'UTC')).toBe('2026-11-25');
    expect(officeDay(at('2026-11-26T00:00:00Z'), 'UTC')).toBe('2026-11-26');
  });

  it('rejects an unknown time zone', () => {
    expect(() => officeDay(at('2026-11-25T12:00:00Z'), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('officeHour', () => {
  it('reads the hour on the Dushanbe clock, five hours ahead of UTC', () => {
    expect(officeHour(at('2026-11-25T04:00:00Z'), DUSHANBE)).toBe(9);
    expect(officeHour(at('2026-11-25T12:59:59Z'), DUSHANBE)).toBe(17);
  });

  it('reports local midnight as hour 0, never 24', () => {
    expect(officeHour(at('2026-11-25T19:00:00Z'), DUSHANBE)).toBe(0);
    expect(officeHour(at('2026-11-25T18:59:59Z'), DUSHANBE)).toBe(23);
  });

  it('follows the Berlin clock across summer time', () => {
    expect(officeHour(at('2026-01-15T08:00:00Z'), BERLIN)).toBe(9);
    expect(officeHour(at('2026-07-15T08:00:00Z'), BERLIN)).toBe(10);
  });
});

describe('zonedParts', () => {
  it('gives every wall-clock part of an instant in Dushanbe', () => {
    expect(zonedParts(at('2026-11-25T19:04:05Z'), DUSHANBE)).toEqual({
      year: 2026,
      month: 11,
      day: 26,
      hour: 0,
      minute: 4,
      second: 5,
      weekday: 4, // Thursday
    });
  });

  it('drops milliseconds rather than rounding them up', () => {
    expect(zonedParts(at('2026-12-31T18:59:59.999Z'), DUSHANBE)).toEqual({
      year: 2026,
      month: 12,
      day: 31,
      hour: 23,
      minute: 59,
      second: 59,
      weekday: 4,
    });
  });

  it('reads the same instant differently in different zones', () => {
    const instant = at('2026-03-01T21:30:00Z');
    expect(zonedParts(instant, 'UTC')).toEqual({
      year: 2026,
      month: 3,
      day: 1,
      hour: 21,
      minute: 30,
      second: 0,
      weekday: 0, // Sunday
    });
    expect(zonedParts(instant, 'Asia/Kolkata')).toEqual({
      year: 2026,
      month: 3,
      day: 2,
      hour: 3,
      minute: 0,
      second: 0,
      weekday: 1, // Monday: the next day already
    });
    expect(zonedParts(instant, 'America/New_York')).toEqual({
      year: 2026,
      month: 3,
      day: 1,
      hour: 16,
      minute: 30,
      second: 0,
      weekday: 0,
    });
  });
});

describe('utcOffsetMinutes', () => {
  it('is +300 in Dushanbe, summer and winter alike', () => {
    expect(utcOffsetMinutes(at('2026-01-15T12:00:00Z'), DUSHANBE)).toBe(300);
    expect(utcOffsetMinutes(at('2026-07-15T12:00:00Z'), DUSHANBE)).toBe(300);
  });

  it('ignores the milliseconds of the instant', () => {
    expect(utcOffsetMinutes(at('2026-11-25T18:59:59.999Z'), DUSHANBE)).toBe(300);
    expect(utcOffsetMinutes(at('2026-11-25T19:00:00.001Z'), DUSHANBE)).toBe(300);
  });

  it('is +60 in Berlin in winter and +120 in summer', () => {
    expect(utcOffsetMinutes(at('2026-01-15T12:00:00Z'), BERLIN)).toBe(60);
    expect(utcOffsetMinutes(at('2026-07-15T12:00:00Z'), BERLIN)).toBe(120);
  });

  it('switches exactly at the Berlin transitions (01:00 UTC on the last Sundays of March and October)', () => {
    expect(utcOffsetMinutes(at('2026-03-29T00:59:59Z'), BERLIN)).toBe(60);
    expect(utcOffsetMinutes(at('2026-03-29T01:00:00Z'), BERLIN)).toBe(120);
    expect(utcOffsetMinutes(at('2026-10-25T00:59:59Z'), BERLIN)).toBe(120);
    expect(utcOffsetMinutes(at('2026-10-25T01:00:00Z'), BERLIN)).toBe(60);
  });

  it('handles zero, negative and non-whole-hour offsets', () => {
    const instant = at('2026-01-15T12:00:00Z');
    expect(utcOffsetMinutes(instant, 'UTC')).toBe(0);
    expect(utcOffsetMinutes(instant, 'America/New_York')).toBe(-300);
    expect(utcOffsetMinutes(instant, 'Asia/Kolkata')).toBe(330);
    expect(utcOffsetMinutes(instant, 'Asia/Kathmandu')).toBe(345);
  });
});

describe('dayStart', () => {
  it('starts a Dushanbe day at 19:00 UTC the evening before', () => {
    expect(dayStart('2026-11-26', DUSHANBE)).toEqual(at('2026-11-25T19:00:00Z'));
  });

  it('starts a Dushanbe day at the instant officeDay changes to it', () => {
    const start = dayStart('2026-11-26', DUSHANBE);
    expect(officeDay(start, DUSHANBE)).toBe('2026-11-26');
    expect(officeDay(new Date(start.getTime() - 1), DUSHANBE)).toBe('2026-11-25');
  });

  it('starts New Year in Dushanbe on the previous UTC year', () => {
    expect(dayStart('2027-01-01', DUSHANBE)).toEqual(at('2026-12-31T19:00:00Z'));
  });

  it('starts a Berlin day at local midnight in winter and in summer', () => {
    expect(dayStart('2026-01-15', BERLIN)).toEqual(at('2026-01-14T23:00:00Z'));
    expect(dayStart('2026-07-15', BERLIN)).toEqual(at('2026-07-14T22:00:00Z'));
  });

  it('gives Berlin days of 23 and 25 hours when summer time starts and ends', () => {
    const hours = (day: string) =>
      (dayStart(nextDay(day), BERLIN).getTime() - dayStart(day, BERLIN).getTime()) / 3_600_000;
    expect(dayStart('2026-03-29', BERLIN)).toEqual(at('2026-03-28T23:00:00Z'));
    expect(hours('2026-03-29')).toBe(23);
    expect(dayStart('2026-10-25', BERLIN)).toEqual(at('2026-10-24T22:00:00Z'));
    expect(hours('2026-10-25')).toBe(25);
    expect(hours('2026-07-15')).toBe(24);
  });

  it('starts the day at 01:00 local when summer time skips midnight (Santiago, Havana)', () => {
    // Chile and Cuba move their clocks from 00:00 to 01:00, so these days have no midnight.
    const santiago = dayStart('2026-09-06', 'America/Santiago');
    expect(santiago).toEqual(at('2026-09-06T04:00:00Z'));
    expect(zonedParts(santiago, 'America/Santiago')).toMatchObject({ day: 6, hour: 1, minute: 0 });
    const havana = dayStart('2026-03-08', 'America/Havana');
    expect(havana).toEqual(at('2026-03-08T05:00:00Z'));
    expect(zonedParts(havana, 'America/Havana')).toMatchObject({ day: 8, hour: 1, minute: 0 });
  });

  it('starts the day at the second midnight when winter time repeats the last hour before it (Santiago)', () => {
    // Chile goes from 24:00 back to 23:00: the day begins when the clock reaches midnight again.
    expect(dayStart('2026-04-05', 'America/Santiago')).toEqual(at('2026-04-05T04:00:00Z'));
  });

  it.each([
    DUSHANBE,
    'UTC',
    BERLIN,
    'America/New_York',
    'America/Santiago',
    'America/Havana',
    'Asia/Beirut',
    'Africa/Cairo',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'Pacific/Kiritimati',
    'Pacific/Pago_Pago',
  ])('starts every day of 2026 in %s at the first instant officeDay reports it', (zone) => {
    const wrong: string[] = [];
    for (const day of daysOf(2026)) {
      const start = dayStart(day, zone);
      const before = new Date(start.getTime() - 1);
      if (officeDay(start, zone) !== day || officeDay(before, zone) === day) wrong.push(day);
    }
    expect(wrong).toEqual([]);
  });
});

describe('nextDay', () => {
  it('steps to the following calendar day', () => {
    expect(nextDay('2026-11-26')).toBe('2026-11-27');
  });

  it('rolls over the end of a month and of a year', () => {
    expect(nextDay('2026-11-30')).toBe('2026-12-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });

  it('knows leap years', () => {
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(nextDay('2028-02-29')).toBe('2028-03-01');
    expect(nextDay('2100-02-28')).toBe('2100-03-01');
    expect(nextDay('2000-02-28')).toBe('2000-02-29');
  });

  it('is a calendar step unaffected by summer-time changes', () => {
    expect(nextDay('2026-03-29')).toBe('2026-03-30');
    expect(nextDay('2026-10-25')).toBe('2026-10-26');
  });

  it('walks a whole year in 365 steps', () => {
    expect(daysOf(2026)).toHaveLength(365);
    expect(daysOf(2028)).toHaveLength(366);
  });
});
