/** Dates on every page: the office's zone and `dd.mm.yyyy`, 24 h, whatever the browser's locale. */
import { formatDateTime, formatDay, formatDayTime, formatIsoDay } from '../ui/format';

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
});
