/**
 * "I have a booking": the eight digits of the booking code (from the citizen's SMS) on an on-screen
 * keypad with large keys. Says in the citizen's language when the code is unknown, or when check-in
 * opens for a citizen who came too early.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { Language } from '../../server/protocol';
import { translate, type MessageKey } from '../../ui/i18n';
import { base } from '../../ui/theme';
import { icon } from './kiosk-icons';
import { digitKeys } from './kiosk-digit-keys';
import { keypad, step } from './kiosk-styles';
import { GhostTapController } from '../../ui/controllers/ghost-tap-controller';

/** How many digits a booking code has (server/protocol/bookings.ts `BookingCode`). */
export const BOOKING_CODE_DIGITS = 8;

/** Detail of `kiosk-booking-submit`. */
export interface BookingSubmitDetail {
  code: string;
}

/** Why the server gave no ticket for a code: unknown, or too early (check-in opens at `time`). */
export type BookingProblem =
  { kind: 'not_found'; code: string } | { kind: 'too_early'; code: string; time: string };

/** Keypad for a booking code; dispatches `kiosk-booking-submit` or `kiosk-back`. */
export class KioskBookingKeypad extends LitElement {
  static override styles = [
    base,
    step,
    keypad,
    css`
      .code {
        display: flex;
        align-items: center;
        justify-content: center;
        min-height: 104px;
        padding: 0 28px;
        border: 3px solid var(--nb-primary);
        border-radius: var(--nb-radius);
        background: var(--nb-surface);
        font-size: 64px;
        font-weight: 800;
        letter-spacing: 0.12em;
      }
      .pad {
        color: #6e7887;
      }
      @container (max-height: 1100px) {
        .code {
          min-height: 80px;
          font-size: 48px;
        }
        .keys {
          gap: 10px;
        }
        .keys button {
          min-height: 72px;
          font-size: 38px;
        }
      }
    `,
  ];

  static override properties = {
    language: {},
    problem: { attribute: false },
    busy: { type: Boolean },
    digits: { state: true },
  };

  /** Language of the texts. */
  declare language: Language;
  /** What the server said of the last code; shown while that code is on the screen. */
  declare problem: BookingProblem | undefined;
  /** True while the ticket is being issued. */
  declare busy: boolean;
  declare private digits: string;
  private readonly ghostTap = new GhostTapController(this);

  constructor() {
    super();
    this.language = 'tg';
    this.problem = undefined;
    this.busy = false;
    this.digits = '';
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.language, key, params);
  }

  private type(digit: string): void {
    if (this.digits.length < BOOKING_CODE_DIGITS) this.digits += digit;
  }

  private readonly onBackspace = (): void => {
    this.digits = this.digits.slice(0, -1);
  };

  private readonly onClear = (): void => {
    this.digits = '';
  };

  private readonly onSubmit = (): void => {
    if (this.digits.length < BOOKING_CODE_DIGITS || this.busy) return;
    if (this.ghostTap.tooSoon) return;
    this.dispatchEvent(
      new CustomEvent<BookingSubmitDetail>('kiosk-booking-submit', {
        detail: { code: this.digits },
        bubbles: true,
        composed: true,
      }),
    );
  };

  private readonly onBack = (): void => {
    this.dispatchEvent(new CustomEvent('kiosk-back', { bubbles: true, composed: true }));
  };

  private renderProblem() {
    const problem = this.problem;
    if (!problem || problem.code !== this.digits) return nothing;
    const text =
      problem.kind === 'too_early'
        ? this.t('kioskBookingTooEarly', { time: problem.time })
        : this.t('kioskBookingNotFound', { code: problem.code });
    return html`<p
      class="message"
      role="alert"
      data-testid="booking-problem"
      data-kind=${problem.kind}
    >
      ${text}
    </p>`;
  }

  override render() {
    const missing = BOOKING_CODE_DIGITS - this.digits.length;
    return html`<button type="button" class="back" data-testid="step-back" @click=${this.onBack}>
        ${icon('back', 36)} ${this.t('kioskBack')}
      </button>
      <h2>${this.t('kioskBookingTitle')}</h2>
      <p class="hint">${this.t('kioskBookingPrompt')}</p>
      <output
        class="code num"
        data-testid="booking-code"
        aria-label=${this.t('kioskBookingTitle')}
        aria-live="polite"
        ><span>${this.digits}</span><span class="pad">${'•'.repeat(missing)}</span></output
      >
      ${this.renderProblem()}
      ${digitKeys({
        label: this.t('kioskBookingTitle'),
        clearText: this.t('kioskClear'),
        backspaceLabel: this.t('kioskBackspace'),
        type: (digit) => this.type(digit),
        clear: this.onClear,
        backspace: this.onBackspace,
      })}
      <button
        type="button"
        class="primary"
        data-testid="booking-submit"
        ?disabled=${missing > 0 || this.busy}
        @click=${this.onSubmit}
      >
        ${this.t('kioskBookingSubmit')}
      </button>`;
  }
}

customElements.define('kiosk-booking-keypad', KioskBookingKeypad);

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-booking-keypad': KioskBookingKeypad;
  }
  interface HTMLElementEventMap {
    'kiosk-booking-submit': CustomEvent<BookingSubmitDetail>;
  }
}
