/** The report's citizen-contact tables: messages per day and channel, bookings per day. */
import { html } from 'lit';
import type { ReportSummary, SecondsStats } from '../../../server/protocol';
import { formatIsoDay } from '../../../ui/format';
import type { MessageKey } from '../../../ui/i18n/staff';
import { duration } from './admin-tab';

/** A duration that may be negative (early arrival): `−1:30`. */
function signed(seconds: number): string {
  return seconds < 0 ? `−${duration(-seconds)}` : duration(seconds);
}

function signedStats(st: SecondsStats): string {
  if (st.avg === 0 && st.p50 === 0 && st.p90 === 0) return '—';
  return `${signed(st.avg)} / ${signed(st.p50)} / ${signed(st.p90)}`;
}

type Words = (key: MessageKey) => string;

/** Citizen messages per day and channel: sent, delivered, failed, SMS parts. */
function messagesTable(s: ReportSummary, t: Words) {
  if (s.messages.length === 0) return html`<p class="muted">${t('adminNoMessages')}</p>`;
  return html`<table data-testid="report-messages">
    <thead>
      <tr>
        <th>${t('adminDay')}</th>
        <th>${t('adminChannel')}</th>
        <th class="num">${t('adminSent')}</th>
        <th class="num">${t('adminDelivered')}</th>
        <th class="num">${t('adminFailed')}</th>
        <th class="num">${t('adminParts')}</th>
      </tr>
    </thead>
    <tbody>
      ${s.messages.map(
        (m) =>
          html`<tr>
            <td>${formatIsoDay(m.day)}</td>
            <td>${m.channel}</td>
            <td class="num">${m.sent}</td>
            <td class="num">${m.delivered}</td>
            <td class="num">${m.failed}</td>
            <td class="num">${m.parts}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** Bookings per day: booked, checked in, no-shows, cancelled, late and by how much. */
function bookingsTable(s: ReportSummary, t: Words) {
  if (s.bookings.length === 0) return html`<p class="muted">${t('adminNoBookings')}</p>`;
  return html`<table data-testid="report-bookings">
    <thead>
      <tr>
        <th>${t('adminDay')}</th>
        <th class="num">${t('adminBooked')}</th>
        <th class="num">${t('adminCheckedIn')}</th>
        <th class="num">${t('adminBookingNoShow')}</th>
        <th class="num">${t('adminCancelled')}</th>
        <th class="num">${t('adminLate')}</th>
        <th class="num">${t('adminLateness')}</th>
      </tr>
    </thead>
    <tbody>
      ${s.bookings.map(
        (b) =>
          html`<tr>
            <td>${formatIsoDay(b.day)}</td>
            <td class="num">${b.booked}</td>
            <td class="num">${b.checkedIn}</td>
            <td class="num">${b.noShow}</td>
            <td class="num">${b.cancelled}</td>
            <td class="num">${b.late}</td>
            <td class="num">${signedStats(b.lateSeconds)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** Citizen messages per day and channel, then bookings per day (what their tables hold). */
export function contactTables(s: ReportSummary, t: Words) {
  return html`
    <h3>${t('adminMessages')}</h3>
    ${messagesTable(s, t)}
    <h3>${t('adminBookings')}</h3>
    ${bookingsTable(s, t)}
  `;
}
