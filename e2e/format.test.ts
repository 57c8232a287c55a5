/** Dates on every page: the office's zone and `dd.mm.yyyy`, 24 h, whatever the browser's locale. */
import {
  formatDateTime,
  formatDay,
  formatDayTime,
  formatIsoDay,
  parseClock,
  parseDay,
} from '../ui/format';

describe('page dates', () => {
  const evening = new Date('2026-12-03T14:07:09Z'); // 19:07 in Dushanbe

  it('writes 3 December as 03.12.2026 on the office clock, never 12/03/2026', () => {
    expect(formatDay(evening, 'Asia/Dushanbe')).toBe('03.12.2026');
    expect(formatDayTime(evening, 'Asia/Dushanbe')).toBe('03.12.2026 19:07');
    expect(formatDateTime(evening, 'Asia/Dushanbe')).toBe('03.12.2026 19:07:09');
  });

  it('takes the office day, not the UTC day, just after local midnight', () => {
    expect(formatDayTime('2026-12-02T19:30:00Z', 'Asia/Dushanbe')).toBe('03.12.2026 00:30');
  });

  it('shows stored calendar dates the same way and leaves anything else alone', () => {
    expect(formatIsoDay('1994-03-02')).toBe('02.03.1994');
    expect(formatIsoDay('02.03.1994')).toBe('02.03.1994');
    expect(formatDayTime('not a date', 'Asia/Dushanbe')).toBe('');
  });

  it('takes a typed 02.03.1994 (or 2.3.1994, 02031994, a pasted 1994-03-02) as 1994-03-02', () => {
    for (const typed of ['02.03.1994', ' 2.3.1994 ', '2/3/1994', '02031994', '1994-03-02']) {
      expect([typed, parseDay(typed)]).toEqual([typed, '1994-03-02']);
    }
  });

  it('refuses what is no calendar day, never reading it the American way', () => {
    for (const typed of ['31.11.2026', '29.02.2026', '13/25/2026', '1.2.94', '', '03.12']) {
      expect([typed, parseDay(typed)]).toEqual([typed, undefined]);
    }
    expect(parseDay('29.02.2028')).toBe('2028-02-29');
  });

  it('takes times on the 24-hour clock: 16:30, 9:05, 1630; refuses 24:00 and 4:30 PM', () => {
    expect(['16:30', '9:05', '1630', '16.30', '0000'].map(parseClock)).toEqual([
      '16:30',
      '09:05',
      '16:30',
      '16:30',
      '00:00',
    ]);
    expect(['24:00', '12:60', '4:30 PM', '', '7'].map(parseClock)).toEqual(
      Array(5).fill(undefined),
    );
  });
});
