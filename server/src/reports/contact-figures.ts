/**
 * The report's figures of citizen contact, as pure functions: messages per office day and channel
 * (#18) and bookings per office day (#19: booked, checked in, no-shows, lateness).
 */
import type { ReportBookingDay, ReportMessageDay } from '../../protocol';
import type {
  ReportBookingRow,
  ReportMessageRow,
} from '../../../db/repositories/report-repository';
import { officeDay } from '../queue/office-day';
import { secondsStats } from './summary';

/** Messages per office day (of their creation) and channel, day by day, channels by name. */
export function messageDays(
  rows: readonly ReportMessageRow[],
  timeZone: string,
): ReportMessageDay[] {
  const days = new Map<string, ReportMessageDay>();
  for (const m of rows) {
    const day = officeDay(m.createdAt, timeZone);
    const key = `${day}\u0000${m.channel}`;
    const entry = days.get(key) ?? {
      day,
      channel: m.channel,
      sent: 0,
      delivered: 0,
      failed: 0,
      parts: 0,
    };
    if (m.status === 'sent' || m.status === 'delivered') entry.sent += 1;
    if (m.status === 'delivered') entry.delivered += 1;
    if (m.status === 'failed') entry.failed += 1;
    entry.parts += m.parts;
    days.set(key, entry);
  }
  return [...days.values()].sort(
    (a, b) => a.day.localeCompare(b.day) || a.channel.localeCompare(b.channel),
  );
}

/**
 * Bookings per office day of their slot. Only confirmed bookings count (a code never confirmed is
 * not a booking); lateness is arrival − slot start of the check-ins.
 */
export function bookingDays(rows: readonly ReportBookingRow[]): ReportBookingDay[] {
  const days = new Map<string, ReportBookingRow[]>();
  for (const b of rows) {
    if (b.confirmedAt === null) continue;
    days.set(b.day, [...(days.get(b.day) ?? []), b]);
  }
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, list]) => {
      const lateness = list.flatMap((b) =>
        b.status === 'checked_in' && b.arrivedAt
          ? [(b.arrivedAt.getTime() - b.startAt.getTime()) / 1000]
          : [],
      );
      return {
        day,
        booked: list.length,
        checkedIn: list.filter((b) => b.status === 'checked_in').length,
        noShow: list.filter((b) => b.status === 'missed').length,
        cancelled: list.filter((b) => b.status === 'cancelled').length,
        late: lateness.filter((s) => s > 0).length,
        lateSeconds: secondsStats(lateness),
      };
    });
}
