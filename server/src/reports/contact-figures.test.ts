/** Messages per day and channel, bookings per day: the pure figures. */
import { bookingDays, messageDays } from './contact-figures';

const at = (iso: string) => new Date(iso);

describe('message figures', () => {
  it('counts per office day (in the zone) and channel: sent includes delivered; parts add up', () => {
    const rows = [
      { createdAt: at('2026-11-20T04:00:00Z'), channel: 'sms', status: 'delivered', parts: 2 },
      { createdAt: at('2026-11-20T05:00:00Z'), channel: 'sms', status: 'sent', parts: 1 },
      { createdAt: at('2026-11-20T06:00:00Z'), channel: 'sms', status: 'failed', parts: 0 },
      { createdAt: at('2026-11-20T06:00:00Z'), channel: 'telegram', status: 'queued', parts: 0 },
      // 20:00Z is already the next day in Dushanbe (UTC+5).
      { createdAt: at('2026-11-20T20:00:00Z'), channel: 'sms', status: 'delivered', parts: 1 },
    ];
    expect(messageDays(rows, 'Asia/Dushanbe')).toEqual([
      { day: '2026-11-20', channel: 'sms', sent: 2, delivered: 1, failed: 1, parts: 3 },
      { day: '2026-11-20', channel: 'telegram', sent: 0, delivered: 0, failed: 0, parts: 0 },
      { day: '2026-11-21', channel: 'sms', sent: 1, delivered: 1, failed: 0, parts: 1 },
    ]);
  });
});

describe('booking figures', () => {
  const start = at('2026-11-20T05:00:00Z');
  const booking = (status: string, arrived: string | null, confirmed = true) => ({
    day: '2026-11-20',
    status,
    startAt: start,
    confirmedAt: confirmed ? at('2026-11-19T10:00:00Z') : null,
    arrivedAt: arrived ? at(arrived) : null,
  });

  it('counts confirmed bookings, check-ins, no-shows, cancellations and lateness', () => {
    const days = bookingDays([
      booking('checked_in', '2026-11-20T04:58:00Z'),
      booking('checked_in', '2026-11-20T05:04:00Z'),
      booking('missed', null),
      booking('cancelled', null),
      booking('confirmed', null),
      booking('cancelled', null, false),
      booking('pending', null, false),
    ]);
    expect(days).toEqual([
      {
        day: '2026-11-20',
        booked: 5,
        checkedIn: 2,
        noShow: 1,
        cancelled: 1,
        late: 1,
        lateSeconds: { avg: 60, p50: 60, p90: 204 },
      },
    ]);
  });

  it('leaves out days without confirmed bookings', () => {
    expect(bookingDays([booking('pending', null, false)])).toEqual([]);
  });
});
