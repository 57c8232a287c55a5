/**
 * Bookings (admin): one office day's appointments, of one service or all — time on the office clock,
 * code, service, status and the phone masked — and cancelling one on the citizen's behalf (they
 * phoned, or came to the desk), with a reason for the audit log.
 */
import { html, nothing, type PropertyValues } from 'lit';
import type { AdminService } from '../../../server/protocol';
import type { BookingStatus, StaffBooking } from '../../../server/protocol/bookings';
import type { BookingSettings } from '../../../server/protocol/remote-join';
import { pad2, zonedParts } from '../../../server/protocol/zoned-time';
import { call } from '../../../ui/api-client';
import { DEFAULT_TIME_ZONE, formatClock } from '../../../ui/format';
import type { NbDateField } from '../../../ui/nb-date-field';
import '../../../ui/nb-date-field';
import type { MessageKey } from '../../../ui/i18n/staff';
import { getSettings, listServices, type AdminContext } from './admin-api';
import { AdminTab, formText } from './admin-tab';
import './admin-booking-plans';
import './admin-booking-rooms';

const STATUS: Record<BookingStatus, MessageKey> = {
  pending: 'adminBookingPending',
  confirmed: 'adminBookingConfirmed',
  checked_in: 'adminCheckedIn',
  cancelled: 'adminCancelled',
  expired: 'adminBookingExpired',
  missed: 'adminBookingNoShow',
};

/** The Bookings section. */
export class AdminBookings extends AdminTab {
  static override properties = {
    ...AdminTab.properties,
    services: { state: true },
    bookings: { state: true },
    day: { state: true },
    service: { state: true },
    cancelling: { state: true },
    settings: { state: true },
    revision: { state: true },
  };

  declare private services: AdminService[];
  declare private bookings: StaffBooking[] | undefined;
  declare private day: string;
  declare private service: string;
  /** The booking whose cancellation is being confirmed. */
  declare private cancelling: string | undefined;
  /** The check-in window and remote join (the remote-join card edits the latter). */
  declare private settings: BookingSettings | undefined;
  /** Bumped when the plans or rooms card changed something: both reload. */
  declare private revision: number;
  private timeZone = DEFAULT_TIME_ZONE;

  constructor() {
    super();
    this.services = [];
    this.bookings = undefined;
    this.day = '';
    this.service = '';
    this.cancelling = undefined;
    this.revision = 0;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('context') && this.context) void this.load();
  }

  private async load(): Promise<void> {
    await this.run(async (c) => {
      const [services, settings] = await Promise.all([listServices(c), getSettings(c)]);
      this.services = services;
      this.timeZone = settings.timeZone;
      const p = zonedParts(new Date(), this.timeZone);
      // A day typed while this loaded stays; else the office's today.
      const typed = this.renderRoot.querySelector<NbDateField>('nb-date-field[name="day"]')?.value;
      this.day ||= typed || `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
      this.bookings = await this.fetch(c);
      const booking = await call('bookingSettings', {
        params: { office: c.office },
        token: c.token,
      });
      this.settings = booking.settings;
    });
  }

  private readonly onRemoteJoin = (event: SubmitEvent): void => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const settings = this.settings;
    if (!settings) return;
    const remoteJoin = {
      enabled: data.get('enabled') === 'on',
      dailyCap: Number(formText(data, 'dailyCap')) || 0,
    };
    // On with no tickets a day would tell every citizen "all taken": said here, nothing sent.
    if (remoteJoin.enabled && remoteJoin.dailyCap < 1) {
      this.notice = '';
      this.error = { key: 'adminRemoteJoinNoCap', code: 'validation_failed', detail: '' };
      return;
    }
    void this.run(async (c) => {
      const saved = await call('putBookingSettings', {
        params: { office: c.office },
        body: { ...settings, remoteJoin },
        token: c.token,
      });
      this.settings = saved.settings;
    }, this.l10n.t('adminRemoteJoinSaved'));
  };

  private renderRemoteJoin() {
    const r = this.settings?.remoteJoin;
    if (!r) return nothing;
    return html`<section class="card" aria-labelledby="rj-h">
      <h2 id="rj-h">${this.l10n.t('adminRemoteJoin')}</h2>
      <form class="grid" data-testid="remote-join" @submit=${this.onRemoteJoin}>
        <label class="inline" style="flex-basis:100%"
          ><input type="checkbox" name="enabled" .checked=${r.enabled} />${this.l10n.t(
            'adminRemoteJoinOn',
          )}</label
        >
        <label
          >${this.l10n.t('adminRemoteJoinCap')}
          <input type="number" name="dailyCap" min="0" max="10000" .value=${String(r.dailyCap)}
        /></label>
        <button type="submit" ?disabled=${this.busy}>${this.l10n.t('adminSave')}</button>
      </form>
    </section>`;
  }

  private fetch(c: AdminContext): Promise<StaffBooking[]> {
    return call('dayBookings', {
      params: { office: c.office },
      query: { day: this.day, service: this.service || undefined },
      token: c.token,
    }).then((r) => r.bookings);
  }

  private readonly onShow = (event: SubmitEvent): void => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    this.day = formText(data, 'day');
    this.service = formText(data, 'service');
    this.cancelling = undefined;
    void this.run(async (c) => {
      this.bookings = await this.fetch(c);
    });
  };

  private cancel(code: string, form: HTMLFormElement): void {
    const reason = formText(new FormData(form), 'reason').trim();
    void this.run(
      async (c) => {
        await call('cancelBookingOnBehalf', {
          params: { office: c.office, code },
          body: reason ? { reason } : {},
          token: c.token,
        });
        this.cancelling = undefined;
        this.bookings = await this.fetch(c);
      },
      this.l10n.t('adminBookingCancelled', { code }),
    );
  }

  private name(code: string): string {
    return this.services.find((s) => s.code === code)?.names[this.language] ?? code;
  }

  private renderRow(b: StaffBooking) {
    const open = b.status === 'pending' || b.status === 'confirmed';
    const time = `${formatClock(new Date(b.start), this.timeZone)}–${formatClock(new Date(b.end), this.timeZone)}`;
    return html`<tr data-testid=${`booking-${b.code}`}>
        <td class="num">${time}</td>
        <td class="num">${b.code}</td>
        <td>${this.name(b.service)}</td>
        <td><span class="pill ${open ? '' : 'off'}">${this.l10n.t(STATUS[b.status])}</span></td>
        <td class="num">${b.phone ?? '—'}</td>
        <td>
          ${
            open && this.cancelling !== b.code
              ? html`<button
                  type="button"
                  class="secondary"
                  data-testid=${`cancel-${b.code}`}
                  @click=${() => (this.cancelling = b.code)}
                >
                  ${this.l10n.t('adminBookingCancel')}
                </button>`
              : nothing
          }
        </td>
      </tr>
      ${this.cancelling === b.code ? this.renderCancel(b.code) : nothing}`;
  }

  private renderCancel(code: string) {
    return html`<tr>
      <td colspan="6">
        <form
          class="grid"
          aria-label=${this.l10n.t('adminBookingCancelConfirm', { code })}
          @submit=${(e: SubmitEvent) => {
            e.preventDefault();
            this.cancel(code, e.currentTarget as HTMLFormElement);
          }}
        >
          <label
            >${this.l10n.t('adminBookingCancelReason')}
            <input name="reason" maxlength="200" size="40"
          /></label>
          <button type="submit" class="danger" ?disabled=${this.busy}>
            ${this.l10n.t('adminBookingCancelConfirm', { code })}
          </button>
        </form>
      </td>
    </tr>`;
  }

  override render() {
    const list = this.bookings;
    return html`${this.notes()}
      <section class="card" aria-labelledby="bk-h">
        <h2 id="bk-h">${this.l10n.t('adminBookings')}</h2>
        <form class="grid" @submit=${this.onShow}>
          <label
            >${this.l10n.t('adminDay')}
            <nb-date-field
              name="day"
              required
              .value=${this.day}
              .language=${this.language}
            ></nb-date-field
          ></label>
          <label
            >${this.l10n.t('adminBookingService')}
            <select name="service">
              <option value="" ?selected=${this.service === ''}>
                ${this.l10n.t('adminBookingAllServices')}
              </option>
              ${this.services.map(
                (s) =>
                  html`<option value=${s.code} ?selected=${s.code === this.service}>
                    ${s.names[this.language]}
                  </option>`,
              )}
            </select></label
          >
          <button type="submit" ?disabled=${this.busy}>${this.l10n.t('adminShow')}</button>
        </form>
        ${
          list === undefined
            ? nothing
            : list.length === 0
              ? html`<p class="muted" data-testid="bookings-none">
                  ${this.l10n.t('adminBookingNone')}
                </p>`
              : html`<table data-testid="bookings-table">
                  <thead>
                    <tr>
                      <th class="num">${this.l10n.t('adminBookingTime')}</th>
                      <th class="num">${this.l10n.t('adminBookingCode')}</th>
                      <th>${this.l10n.t('adminBookingService')}</th>
                      <th>${this.l10n.t('adminBookingStatus')}</th>
                      <th class="num">${this.l10n.t('adminBookingPhone')}</th>
                      <th><span class="sr-only">${this.l10n.t('adminBookingCancel')}</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    ${list.map((b) => this.renderRow(b))}
                  </tbody>
                </table>`
        }
      </section>
      ${this.renderRemoteJoin()} ${this.renderPlans()}`;
  }

  /** The booking plans and rooms cards; a change in one reloads both. */
  private renderPlans() {
    const changed = () => (this.revision += 1);
    return html`<counter-admin-booking-plans
        .context=${this.context}
        .language=${this.language}
        .revision=${this.revision}
        @counter-admin-bookable-changed=${changed}
      ></counter-admin-booking-plans>
      <counter-admin-booking-rooms
        .context=${this.context}
        .language=${this.language}
        .revision=${this.revision}
        @counter-admin-bookable-changed=${changed}
      ></counter-admin-booking-rooms>`;
  }
}

customElements.define('counter-admin-bookings', AdminBookings);

declare global {
  interface HTMLElementTagNameMap {
    'counter-admin-bookings': AdminBookings;
  }
}
