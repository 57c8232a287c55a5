import { officeInstant } from '../../protocol/booking-rules';
import { reminderTimes } from './reminder-times';

const TZ = 'Asia/Dushanbe';
const QUIET = { from: '21:00', until: '08:00' };
/** `day` `hh:mm` on the office clock. */
const at = (day: string, hhmm: string): Date => {
  const [h, m] = hhmm.split(':').map(Number);
  return officeInstant(day, (h ?? 0) * 60 + (m ?? 0), TZ);
};
const times = (start: Date, confirmedAt: Date, quiet = QUIET) =>
  reminderTimes({ start, confirmedAt, timeZone: TZ, quiet });

describe('reminderTimes', () => {
  it('reminds at 18:00 the day before and one hour before, each expiring before it misleads', () => {
    const start = at('2026-12-10', '10:20');
    expect(times(start, at('2026-12-03', '09:00'))).toEqual([
      { kind: 'day', at: at('2026-12-09', '18:00'), expiresAt: at('2026-12-10', '00:00') },
      { kind: 'hour', at: at('2026-12-10', '09:20'), expiresAt: start },
    ]);
  });

  it('sends no day-before reminder for a booking confirmed the day before or on the day', () => {
    const start = at('2026-12-10', '14:00');
    for (const confirmed of [
      at('2026-12-09', '00:00'),
      at('2026-12-09', '17:59'),
      at('2026-12-10', '08:30'),
    ])
      expect(times(start, confirmed).map((r) => r.kind)).toEqual(['hour']);
    expect(times(start, at('2026-12-08', '23:59')).map((r) => r.kind)).toEqual(['day', 'hour']);
  });

  it('sends the hour-before reminder only when confirmed at least two hours before the slot', () => {
    const start = at('2026-12-10', '14:00');
    expect(times(start, at('2026-12-10', '12:00')).map((r) => r.kind)).toEqual(['hour']);
    expect(times(start, at('2026-12-10', '12:01'))).toEqual([]);
    expect(times(start, at('2026-12-10', '13:30'))).toEqual([]);
  });

  it('drops an hour-before reminder that would fall in the quiet hours', () => {
    const start = at('2026-12-10', '08:00');
    expect(times(start, at('2026-12-01', '12:00')).map((r) => r.kind)).toEqual(['day']);
    expect(times(at('2026-12-10', '09:00'), at('2026-12-01', '12:00')).map((r) => r.kind)).toEqual([
      'day',
      'hour',
    ]);
  });

  it('moves the day-before reminder to an hour before quiet hours that cover 18:00', () => {
    const start = at('2026-12-10', '10:00');
    const early = times(start, at('2026-12-01', '12:00'), { from: '17:00', until: '08:00' });
    expect(early[0]).toMatchObject({ kind: 'day', at: at('2026-12-09', '16:00') });
    // Quiet hours that begin after 18:00 but still hold it (20:00 → 19:00): the evening before that.
    const wide = times(start, at('2026-12-01', '12:00'), { from: '20:00', until: '19:00' });
    expect(wide.map((r) => r.kind)).toEqual(['day']);
    expect(wide[0]?.at).toEqual(at('2026-12-08', '19:00'));
  });

  it('sends nothing when the quiet hours never end, and ignores quiet hours set to none', () => {
    const start = at('2026-12-10', '10:00');
    expect(times(start, at('2026-12-01', '12:00'), { from: '00:00', until: '23:59' })).toEqual([]);
    expect(times(start, at('2026-12-01', '12:00'), { from: '00:00', until: '00:00' })).toHaveLength(
      2,
    );
  });

  it('puts the day-before reminder on the previous office day across a month end', () => {
    const [day] = times(at('2027-01-01', '09:00'), at('2026-12-20', '12:00'));
    expect(day).toMatchObject({ kind: 'day', at: at('2026-12-31', '18:00') });
    expect(day?.at.toISOString()).toBe('2026-12-31T13:00:00.000Z');
  });
});
