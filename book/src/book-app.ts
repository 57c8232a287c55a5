/**
 * The booking page: service → day → time → phone → the code from the SMS → the booking code with
 * its QR and what to bring; `&cancel=CODE` cancels one. Small on purpose (a phone on 2G): Lit, its
 * own short catalogue, plain fetch, and the QR encoder only once a booking is confirmed.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { bookStyles } from './book-styles';
import { PhonePage } from './phone-page';
import { codeView, doneView, headerView, phoneView, qrView } from './book-views';
import {
  ApiError,
  PHONE_PREFIX,
  api,
  bookingCatalogue,
  dayLabel,
  errorText,
  freeByDay,
  nationalDigits,
  newRequestKey,
  officeDays,
  serviceDocuments,
  timeLabel,
  type ServiceItem,
  type SlotItem,
} from './book-api';
import { bookText, type BookKey, type BookLanguage } from './book-i18n';
import { keepPending, pendingOf, type BookingItem } from './pending-booking';
import { LAST, StepHistory, type Step } from './step-history';

type Names = Record<BookLanguage, string>;

export class BookApp extends PhonePage {
  static override styles = bookStyles;

  static override properties = {
    ...PhonePage.properties,
    step: { state: true },
    services: { state: true },
    loaded: { state: true },
    slots: { state: true },
    service: { state: true },
    day: { state: true },
    chosenSlot: { state: true },
    phone: { state: true },
    otp: { state: true },
    booking: { state: true },
    documents: { state: true },
    qr: { state: true },
  };

  declare private step: Step;
  declare private services: ServiceItem[];
  /** The catalogue has come (an empty list then means: nothing to book here). */
  declare private loaded: boolean;
  declare private slots: SlotItem[] | undefined;
  declare private service: ServiceItem | undefined;
  declare private day: string | undefined;
  declare private chosenSlot: SlotItem | undefined;
  declare private phone: string;
  declare private otp: string;
  declare private booking: BookingItem | undefined;
  declare private documents: Array<{ code: string; name: Names; required: boolean }>;
  declare private qr: TemplateResult | undefined;

  private timeZone = 'Asia/Dushanbe';
  private readonly steps = new StepHistory<Step>(this, this.stepAccess(), 'service', LAST);
  /** The booking last asked for and its `Idempotency-Key` (kept while the same is asked again). */
  private request: { asked: string; key: string } | undefined;

  constructor() {
    super();
    this.step = this.params.get('cancel') ? 'cancel' : 'service';
    this.services = [];
    this.loaded = false;
    this.slots = undefined;
    this.phone = '';
    this.otp = '';
    this.documents = [];
    const pending = this.step === 'service' ? pendingOf(this.office) : undefined;
    if (pending) Object.assign(this, pending, { step: 'code' });
  }

  override updated(): void {
    const { booking, service, phone } = this;
    keepPending(
      this.office,
      this.step === 'code' && booking ? { booking, service, phone } : undefined,
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = this.language;
    if (this.office) void this.load();
  }

  private stepAccess() {
    // Back to a choice whose list a reload lost (the code step is kept across it): chosen anew.
    const lost = (s: Step) => ['day', 'time', 'phone'].includes(s) && !this.slots;
    const go = (s: Step) => {
      if (!lost(s)) this.step = s;
      else if (this.service) void this.pickService(this.service);
      else this.step = 'service';
    };
    return { get: () => this.step, go };
  }

  private t(key: BookKey, values?: Record<string, string | number>): string {
    return bookText(this.language, key, values);
  }

  private async load(): Promise<void> {
    try {
      const catalogue = await bookingCatalogue(this.office);
      this.timeZone = catalogue.timeZone;
      this.useOffice(catalogue);
      this.services = catalogue.services;
      this.loaded = true;
    } catch (err) {
      this.fail(err);
    }
  }

  private async pickService(s: ServiceItem): Promise<void> {
    this.service = s;
    this.step = 'day';
    this.slots = undefined;
    this.error = '';
    // The widest range the API answers: a service's own plan cuts it to its days ahead (14 for the
    // demo's), while the ceremony hall, booked weeks ahead, shows a month.
    const { from, to } = officeDays(this.timeZone, 31);
    try {
      const { slots } = await api<{ slots: SlotItem[] }>(
        `/api/offices/${this.office}/slots?service=${s.code}&from=${from}&to=${to}`,
      );
      this.slots = slots;
    } catch (err) {
      this.fail(err);
    }
  }

  private async send(): Promise<void> {
    const digits = nationalDigits(this.phone);
    if (digits.length !== 9) {
      this.error = this.t('phoneWrong');
      return;
    }
    const body = {
      service: this.service?.code,
      start: this.chosenSlot?.start,
      phone: `${PHONE_PREFIX}${digits}`,
      language: this.language,
    };
    // The same booking asked for again (its answer lost on the way): the same key, the same booking.
    const asked = JSON.stringify({ ...body, language: undefined });
    if (this.request?.asked !== asked) this.request = { asked, key: newRequestKey() };
    const key = this.request.key;
    await this.run(async () => {
      const { booking } = await api<{ booking: BookingItem }>(
        `/api/offices/${this.office}/bookings`,
        { method: 'POST', body, key },
      );
      this.booking = booking;
      // Its answer came: the same asked again (after "change number") is a new booking.
      this.request = undefined;
      this.otp = '';
      this.step = 'code';
    });
  }

  private async confirm(): Promise<void> {
    const booking = this.booking;
    if (!booking) return;
    await this.run(async () => {
      const done = await api<{ booking: BookingItem }>(
        `/api/offices/${this.office}/bookings/${booking.code}/confirm`,
        { method: 'POST', body: { otp: this.otp } },
      );
      this.booking = done.booking;
      this.step = 'done';
      void this.afterConfirm(done.booking);
    });
  }

  /** A mistyped number: the pending booking cancelled (its time free again), the number typed anew. */
  private async changePhone(): Promise<void> {
    const booking = this.booking;
    const digits = nationalDigits(this.phone);
    await this.run(async () => {
      if (booking) {
        await api(`/api/offices/${this.office}/bookings/${booking.code}`, {
          method: 'DELETE',
          body: { phone: `${PHONE_PREFIX}${digits}` },
        }).catch(() => undefined);
      }
      this.booking = undefined;
      this.otp = '';
      this.step = 'phone';
    });
  }

  private async afterConfirm(booking: BookingItem): Promise<void> {
    this.documents = await serviceDocuments(this.office, booking.service);
    this.qr = await qrView(booking.code, `${this.t('bookingCode')} ${booking.code}`);
  }

  private async cancelBooking(): Promise<void> {
    const digits = nationalDigits(this.phone);
    if (digits.length !== 9) {
      this.error = this.t('phoneWrong');
      return;
    }
    await this.run(async () => {
      await api(`/api/offices/${this.office}/bookings/${this.params.get('cancel') ?? ''}`, {
        method: 'DELETE',
        body: { phone: `${PHONE_PREFIX}${digits}` },
      });
      this.step = 'cancelled';
    });
  }

  protected override fail(err: unknown): void {
    const e = err instanceof ApiError ? err : new ApiError('internal', undefined);
    const [key, values] = errorText(e, this.step);
    this.error = this.t(key, values);
    if (e.code === 'slot_full') {
      this.step = 'time';
      if (this.service) void this.refreshSlots(this.service);
    }
  }

  private async refreshSlots(s: ServiceItem): Promise<void> {
    const day = this.day;
    await this.pickService(s);
    this.day = day;
    this.step = 'time';
  }

  private readonly dayLabel = (day: string) => dayLabel(day, this.t('weekdays'));
  private readonly timeLabel = (iso: string) => timeLabel(iso, this.timeZone);

  override render(): TemplateResult {
    return html`
      ${headerView(this.t('title'), this.language, this.offered, (l) => this.setLanguage(l), this.officeName())}
      <main>
        ${this.office ? this.renderStep() : html`<p class="error">${this.t('missingOffice')}</p>`}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      </main>
    `;
  }

  private renderStep(): TemplateResult {
    switch (this.step) {
      case 'service':
        return this.renderServices();
      case 'day':
        return this.renderDays();
      case 'time':
        return this.renderTimes();
      case 'phone':
        return this.renderPhoneStep();
      case 'code':
        return codeView({
          phone: this.phone,
          otp: this.otp,
          busy: this.busy,
          onInput: (otp) => (this.otp = otp),
          confirm: () => this.confirm(),
          changePhone: () => this.changePhone(),
          t: (key, values) => this.t(key, values),
        });
      case 'done':
        return this.renderDone();
      case 'cancel':
        return html`<h2>${this.t('cancelTitle', { code: this.params.get('cancel') ?? '' })}</h2>
          ${this.renderPhone(() => this.cancelBooking(), 'cancel')}`;
      case 'cancelled':
        return html`<h2>${this.t('cancelled')}</h2>
          <a class="secondary" href=${`/book/?office=${this.office}&lang=${this.language}`}
            >${this.t('again')}</a
          >`;
    }
  }

  /** A service's name in the reader's language; nothing before one is chosen. */
  private serviceName(s: ServiceItem | undefined): string {
    return s ? s.names[this.language] : '';
  }

  private renderServices(): TemplateResult {
    if (this.loaded && this.services.length === 0) return html`<p>${this.t('noBookable')}</p>`;
    return html`<h2>${this.t('chooseService')}</h2>
      <div class="list">
        ${this.services.map(
          (s) =>
            html`<button class="choice" @click=${() => this.pickService(s)}>
              ${this.serviceName(s)}
            </button>`,
        )}
      </div>`;
  }

  private renderDays(): TemplateResult {
    const days = freeByDay(this.slots ?? []);
    return html`<h2>${this.serviceName(this.service)} — ${this.t('chooseDay')}</h2>
      ${
        this.slots !== undefined && days.every((d) => d.free === 0)
          ? html`<p>${this.t('noTimes')}</p>`
          : nothing
      }
      <div class="grid">
        ${days.map(
          (d) =>
            html`<button
              class="choice"
              ?disabled=${d.free === 0}
              @click=${() => {
                this.day = d.day;
                this.step = 'time';
              }}
            >
              ${this.dayLabel(d.day)}<small>${d.free} ${this.t('free')}</small>
            </button>`,
        )}
      </div>
      <button class="secondary" @click=${() => this.steps.back('service')}>
        ${this.t('back')}
      </button>`;
  }

  private renderTimes(): TemplateResult {
    const slots = (this.slots ?? []).filter((s) => s.day === this.day);
    return html`<h2>
        ${this.serviceName(this.service)}, ${this.day ? this.dayLabel(this.day) : ''} —
        ${this.t('chooseTime')}
      </h2>
      <div class="grid">
        ${slots.map(
          (s) =>
            html`<button
              class="choice"
              ?disabled=${s.free === 0}
              @click=${() => {
                this.chosenSlot = s;
                this.step = 'phone';
                this.error = '';
              }}
            >
              ${this.timeLabel(s.start)}
            </button>`,
        )}
      </div>
      <button class="secondary" @click=${() => this.steps.back('day')}>${this.t('back')}</button>`;
  }

  private renderPhoneStep(): TemplateResult {
    return html`<h2>
        ${this.serviceName(this.service)}, ${this.day ? this.dayLabel(this.day) : ''}
        ${this.chosenSlot ? this.timeLabel(this.chosenSlot.start) : ''}
      </h2>
      ${this.renderPhone(() => this.send(), 'send')}
      <button class="secondary" @click=${() => this.steps.back('time')}>${this.t('back')}</button>`;
  }

  private renderPhone(submit: () => Promise<void>, label: BookKey): TemplateResult {
    return phoneView({
      phone: this.phone,
      busy: this.busy,
      label,
      submit,
      onInput: (value) => (this.phone = value),
      t: (key) => this.t(key),
    });
  }

  private renderDone(): TemplateResult {
    const b = this.booking;
    if (!b) return html``;
    return doneView({
      booking: b,
      serviceName:
        this.services.find((s) => s.code === b.service)?.names[this.language] ?? b.service,
      when: `${this.day ? this.dayLabel(this.day) : ''} ${this.timeLabel(b.start)}`,
      qr: this.qr,
      documents: this.documents.map((d) => ({ name: d.name[this.language], required: d.required })),
      cancelHref: `/book/?office=${this.office}&lang=${this.language}&cancel=${b.code}`,
      t: (key) => this.t(key),
    });
  }
}

customElements.define('book-app', BookApp);

declare global {
  interface HTMLElementTagNameMap {
    'book-app': BookApp;
  }
}
