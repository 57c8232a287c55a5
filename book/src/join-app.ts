/**
 * The remote-join page: service → phone → the code from the SMS → today's ticket, its number large,
 * when to come and the link to its page. It first reads whether the office takes joins today: when
 * off, or when today's places are all taken, it says so and shows no form. It shares the booking
 * page's styles, phone form, requests and words, and adds a few of its own (join-i18n.ts).
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { RemoteJoinAvailability } from '../../server/protocol/remote-join';
import { bookStyles } from './book-styles';
import { PhonePage } from './phone-page';
import { headerView, onEnter, phoneView } from './book-views';
import {
  ApiError,
  PHONE_PREFIX,
  api,
  errorText,
  nationalDigits,
  shownPhone,
  timeLabel,
  type PublicOffice,
} from './book-api';
import { bookText, type BookKey, type BookLanguage } from './book-i18n';
import { joinError, joinText, type JoinKey } from './join-i18n';

interface ServiceItem {
  code: string;
  names: Record<BookLanguage, string>;
  open: boolean;
}
interface JoinedTicket {
  id: string;
  number: string;
  peopleAhead?: number;
}
type Step = 'service' | 'phone' | 'code' | 'done';
/** What the office allows today: not known yet, a form, or a notice instead of one. */
type Availability = 'loading' | 'open' | 'off' | 'full';

/** The notice that stands instead of the form: large, black on white, a heavy frame. */
const noticeStyles = css`
  .notice {
    margin: 1.25rem 0;
    padding: 1rem;
    border: 3px solid #111;
    border-radius: 0.6rem;
    background: #fff;
    color: #111;
  }
  .notice h2 {
    font-size: 1.6rem;
    line-height: 1.25;
    margin: 0 0 0.75rem;
  }
  .notice p {
    font-size: 1.3rem;
    margin: 0;
  }
`;

export class JoinApp extends PhonePage {
  static override styles = [bookStyles, noticeStyles];

  static override properties = {
    ...PhonePage.properties,
    step: { state: true },
    availability: { state: true },
    services: { state: true },
    service: { state: true },
    phone: { state: true },
    otp: { state: true },
    ticket: { state: true },
    comeBy: { state: true },
  };

  declare private step: Step;
  declare private availability: Availability;
  declare private services: ServiceItem[];
  declare private service: ServiceItem | undefined;
  declare private phone: string;
  declare private otp: string;
  declare private ticket: JoinedTicket | undefined;
  declare private comeBy: string;

  private timeZone = 'Asia/Dushanbe';
  private joinCode = '';
  /** The ticket holder's key: the ticket page's link carries it (its messages are this phone's). */
  private holderKey = '';

  constructor() {
    super();
    this.step = 'service';
    this.availability = 'loading';
    this.services = [];
    this.phone = '';
    this.otp = '';
    this.comeBy = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = this.language;
    if (this.office) void this.load();
  }

  private t(key: BookKey, values?: Record<string, string | number>): string {
    return bookText(this.language, key, values);
  }

  private j(key: JoinKey, values?: Record<string, string | number>): string {
    return joinText(this.language, key, values);
  }

  /** The office, its services and whether it takes joins today; no form shows before the last. */
  private async load(): Promise<void> {
    try {
      // Asked together (one round trip on a slow line); the availability decides what shows.
      const [office, services, { remoteJoin }] = await Promise.all([
        api<{ office: PublicOffice }>(`/api/offices/${this.office}`),
        api<ServiceItem[]>(`/api/offices/${this.office}/services`),
        api<{ remoteJoin: RemoteJoinAvailability }>(`/api/offices/${this.office}/remote-join`),
      ]);
      this.timeZone = office.office.timeZone;
      this.useOffice(office.office);
      this.services = services.filter((s) => s.open);
      this.availability = !remoteJoin.enabled ? 'off' : remoteJoin.left === 0 ? 'full' : 'open';
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
    await this.run(async () => {
      const { join } = await api<{ join: { code: string } }>(
        `/api/offices/${this.office}/remote-joins`,
        {
          method: 'POST',
          body: {
            service: this.service?.code,
            phone: `${PHONE_PREFIX}${digits}`,
            language: this.language,
          },
        },
      );
      this.joinCode = join.code;
      this.otp = '';
      this.step = 'code';
    });
  }

  private async confirm(): Promise<void> {
    await this.run(async () => {
      const done = await api<{ ticket: JoinedTicket; comeBy: string; holderKey: string }>(
        `/api/offices/${this.office}/remote-joins/${this.joinCode}/confirm`,
        { method: 'POST', body: { otp: this.otp } },
      );
      this.ticket = done.ticket;
      this.comeBy = done.comeBy;
      this.holderKey = done.holderKey;
      this.step = 'done';
    });
  }

  protected override fail(err: unknown): void {
    const e = err instanceof ApiError ? err : new ApiError('internal', undefined);
    const own = joinError(e.code, e.details?.reason);
    if (own === 'errServiceClosed') {
      // The office's own reason, in the reader's language when it gave one.
      const reasons = e.details?.closedReasons as Partial<Record<BookLanguage, string>> | undefined;
      const why = reasons?.[this.language];
      this.error = why ? `${this.j(own)} (${why})` : this.j(own);
      return;
    }
    if (own) {
      this.error = this.j(own);
      if (own === 'errCancelled') this.step = 'phone';
      return;
    }
    const [key, values] = errorText(e, this.step);
    this.error = this.t(key, values);
  }

  override render(): TemplateResult {
    return html`
      ${headerView(this.j('title'), this.language, this.offered, (l) => this.setLanguage(l), this.officeName())}
      <main>
        ${this.office ? this.renderStep() : html`<p class="error">${this.t('missingOffice')}</p>`}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      </main>
    `;
  }

  private renderStep(): TemplateResult {
    switch (this.availability) {
      case 'loading':
        return html``;
      case 'off':
        return this.renderNotice('offTitle', 'offText');
      case 'full':
        return this.renderNotice('fullTitle', 'fullText');
      case 'open':
        return this.renderForm();
    }
  }

  /** Why there is no form today, and where to go instead. */
  private renderNotice(title: JoinKey, text: JoinKey): TemplateResult {
    return html`<section class="notice" role="status" data-testid="join-notice">
      <h2>${this.j(title)}</h2>
      <p>${this.j(text)}</p>
    </section>`;
  }

  private renderForm(): TemplateResult {
    switch (this.step) {
      case 'service':
        return html`<h2>${this.j('chooseService')}</h2>
          <div class="list">
            ${this.services.map(
              (s) =>
                html`<button class="choice" @click=${() => this.pick(s)}>
                  ${s.names[this.language]}
                </button>`,
            )}
          </div>`;
      case 'phone':
        return html`<h2>${this.service?.names[this.language] ?? ''}</h2>
          ${phoneView({
            phone: this.phone,
            busy: this.busy,
            label: 'send',
            submit: () => this.send(),
            onInput: (value) => (this.phone = value),
            t: (key) => this.t(key),
          })}
          <button class="secondary" @click=${() => (this.step = 'service')}>
            ${this.t('back')}
          </button>`;
      case 'code':
        return this.renderCode();
      case 'done':
        return this.renderDone();
    }
  }

  private pick(s: ServiceItem): void {
    this.service = s;
    this.step = 'phone';
    this.error = '';
  }

  private renderCode(): TemplateResult {
    return html`<h2>${this.t('codeTitle')}</h2>
      <label for="otp">${this.t('codeHint', { phone: shownPhone(this.phone) })}</label>
      <input
        id="otp"
        inputmode="numeric"
        autocomplete="one-time-code"
        maxlength="6"
        .value=${this.otp}
        @input=${(e: Event) => (this.otp = (e.target as HTMLInputElement).value.replace(/\D/g, ''))}
        @keydown=${onEnter(() => !this.busy && this.otp.length === 6 && void this.confirm())}
      />
      <button
        class="primary"
        ?disabled=${this.busy || this.otp.length !== 6}
        @click=${() => this.confirm()}
      >
        ${this.t('confirm')}
      </button>
      <button
        class="secondary"
        ?disabled=${this.busy}
        @click=${() => {
          // A mistyped number: type it again (the unconfirmed join lapses by itself).
          this.otp = '';
          this.step = 'phone';
        }}
      >
        ${this.t('changePhone')}
      </button>`;
  }

  private renderDone(): TemplateResult {
    const ticket = this.ticket;
    if (!ticket) return html``;
    const soon = Date.parse(this.comeBy) <= Date.now();
    return html`<h2>${this.j('doneTitle')}</h2>
      <p class="code" aria-live="polite">${ticket.number}</p>
      <p>${this.service?.names[this.language] ?? ''}</p>
      ${
        ticket.peopleAhead === undefined
          ? nothing
          : html`<p>${this.j('ahead', { n: ticket.peopleAhead })}</p>`
      }
      <p>
        <strong
          >${
            soon
              ? this.j('comeNow')
              : this.j('comeBy', { time: timeLabel(this.comeBy, this.timeZone) })
          }</strong
        >
      </p>
      <p>${this.j('messages')}</p>
      <a class="secondary" href=${`/t/${ticket.id}#${this.holderKey}`}>${this.j('follow')}</a>`;
  }
}

customElements.define('join-app', JoinApp);

declare global {
  interface HTMLElementTagNameMap {
    'join-app': JoinApp;
  }
}
