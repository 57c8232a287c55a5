/**
 * "Send me an SMS" on the kiosk's confirmation and on the ticket page: a large button that opens an
 * on-screen keypad (+992 filled in, 9 digits, nothing typed on a keyboard) and orders the messages.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { Language } from '../../server/protocol';
import { ApiError, NETWORK_ERROR, apiRequest, holderHeaders } from '../../ui/api';
import { ErrorCode } from '../../server/protocol/constants';
import { emit } from '../../ui/emit';
import { translate, type MessageKey } from '../../ui/i18n';
import { base } from '../../ui/theme';

/** Digits after the country code of a Tajik mobile number. */
export const PHONE_DIGITS = 9;
const COUNTRY = '+992';
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** `901234567` → `+992 90 123 45 67` (how the number is read back). */
export function formatTajikPhone(digits: string): string {
  const d = digits.padEnd(PHONE_DIGITS, '·');
  return `${COUNTRY} ${d.slice(0, 2)} ${d.slice(2, 5)} ${d.slice(5, 7)} ${d.slice(7, 9)}`;
}

/** The SMS opt-in of one ticket; dispatches `kiosk-sms-subscribed` once the phone is taken. */
export class KioskSmsKeypad extends LitElement {
  static override styles = [
    base,
    css`
      /* The same keypad on the kiosk's screen and on a 360-pixel phone: sizes follow the screen's width. */
      :host {
        display: block;
      }
      button {
        touch-action: manipulation;
        font: inherit;
      }
      .offer,
      .send {
        width: 100%;
        min-height: 72px;
        border-radius: var(--nb-radius);
        border: 2px solid var(--nb-primary);
        background: var(--nb-surface);
        color: var(--nb-primary-strong);
        font-size: 26px;
        font-weight: 700;
        /* Room between the words and the border, as on the buttons beside it. */
        padding: 0 28px;
      }
      /*
       * On the phone's ticket page the buttons are of its scale (its other buttons are 44–56 px,
       * 20 px words): a 72-pixel block in 26 px type, two lines on a phone, outweighed the ticket.
       */
      :host([compact]) .offer,
      :host([compact]) .send {
        min-height: 52px;
        padding: 8px 16px;
        font-size: 20px;
        line-height: 1.2;
      }
      .send {
        background: var(--nb-primary);
        color: var(--nb-primary-ink);
      }
      .send:disabled {
        opacity: 0.45;
      }
      .panel {
        display: grid;
        gap: 12px;
        padding: clamp(10px, 3vw, 16px);
        border: 2px solid var(--nb-border);
        border-radius: var(--nb-radius);
        background: var(--nb-surface);
      }
      h2 {
        margin: 0;
        font-size: 26px;
      }
      .hint {
        margin: 0;
        font-size: 18px;
        color: var(--nb-muted);
      }
      .number {
        /* "+992 90 123 45 67" on one line (about 11 ems), down to a 320-pixel phone. */
        font-size: clamp(20px, 7vw, 38px);
        font-weight: 800;
        letter-spacing: 0.04em;
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
      }
      .keys {
        display: grid;
        grid-template-columns: repeat(3, minmax(0, 1fr));
        gap: clamp(6px, 2vw, 10px);
      }
      .keys button {
        min-width: 0;
        min-height: 72px;
        padding: 4px;
        border: 2px solid var(--nb-border);
        border-radius: var(--nb-radius);
        background: var(--nb-surface);
        font-size: 36px;
        font-weight: 700;
      }
      .keys .word {
        font-size: clamp(15px, 4.5vw, 20px);
        line-height: 1.15;
        overflow-wrap: anywhere;
        hyphens: auto;
      }
      .done,
      .failed {
        margin: 0;
        padding: 14px 18px;
        border-radius: var(--nb-radius);
        font-size: 22px;
        font-weight: 700;
      }
      .done {
        background: var(--nb-primary-soft);
        color: var(--nb-primary-strong);
      }
      .failed {
        background: var(--nb-danger-soft);
        color: var(--nb-danger);
      }
    `,
  ];

  static override properties = {
    ticketId: {},
    holderKey: {},
    language: {},
    compact: { type: Boolean },
    open: { state: true },
    digits: { state: true },
    state: { state: true },
    shownTo: { state: true },
  };

  /** The ticket the messages are about. */
  declare ticketId: string;
  /** The holder's key (from the issue's answer or the page's link), when this page has it. */
  declare holderKey: string;
  /** Language of the texts (and of the messages). */
  declare language: Language;
  /** Buttons of a phone page's scale (the ticket page), not of the kiosk's touchscreen. */
  declare compact: boolean;
  declare private open: boolean;
  declare private digits: string;
  declare private state: 'idle' | 'sending' | 'done' | 'failed';
  /** Why the last send failed, as the citizen reads it. */
  private failure: MessageKey = 'kioskSmsFailed';
  declare private shownTo: string;

  constructor() {
    super();
    this.ticketId = '';
    this.holderKey = '';
    this.language = 'tg';
    this.compact = false;
    this.open = false;
    this.digits = '';
    this.state = 'idle';
    this.shownTo = '';
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.language, key, params);
  }

  private press(key: string): void {
    if (this.digits.length < PHONE_DIGITS) this.digits += key;
  }

  private readonly onSend = async (): Promise<void> => {
    if (this.digits.length !== PHONE_DIGITS || this.state === 'sending') return;
    this.state = 'sending';
    try {
      await apiRequest(`/api/tickets/${encodeURIComponent(this.ticketId)}/notify`, {
        method: 'POST',
        headers: holderHeaders(this.holderKey),
        body: { phone: `${COUNTRY}${this.digits}`, language: this.language },
      });
      // The number on one line, never broken inside it.
      this.shownTo = formatTajikPhone(this.digits).replaceAll(' ', '\u00a0');
      this.state = 'done';
      this.open = false;
      emit(this, 'kiosk-sms-subscribed');
    } catch (err) {
      this.failure = failureKey(err);
      this.state = 'failed';
    }
  };

  protected override updated(changed: PropertyValues): void {
    if (changed.has('open') && changed.get('open') !== undefined) {
      emit(this, 'kiosk-sms-keypad', this.open);
      // On a phone the keypad opens below the fold: brought into view (a kiosk's already is).
      if (this.open) this.scrollIntoView({ block: 'nearest' });
    }
  }

  /** The keypad stays folded until the citizen asks for the SMS. */
  private renderOffer() {
    return html`<button
      type="button"
      class="offer"
      data-testid="sms-offer"
      @click=${() => (this.open = true)}
    >
      ${this.t('kioskSmsOffer')}
    </button>`;
  }

  override render() {
    if (this.state === 'done')
      return html`<p class="done" role="status" data-testid="sms-done">
        ${this.t('kioskSmsDone', { phone: this.shownTo })}
      </p>`;
    if (!this.open) return this.renderOffer();
    const full = this.digits.length === PHONE_DIGITS;
    return html`<div class="panel" role="group" aria-labelledby="sms-title">
      <h2 id="sms-title">${this.t('kioskSmsTitle')}</h2>
      <p class="hint">${this.t('kioskSmsHint')}</p>
      <output class="number" data-testid="sms-number" aria-live="polite"
        >${formatTajikPhone(this.digits)}</output
      >
      <div class="keys">
        ${KEYS.map(
          (k) =>
            html`<button type="button" data-key=${k} @click=${() => this.press(k)}>${k}</button>`,
        )}
        <button
          type="button"
          class="word"
          data-testid="sms-cancel"
          @click=${() => {
            this.open = false;
            this.digits = '';
          }}
        >
          ${this.t('kioskSmsCancel')}
        </button>
        <button type="button" data-key="0" @click=${() => this.press('0')}>0</button>
        <button
          type="button"
          class="word"
          data-testid="sms-delete"
          @click=${() => (this.digits = this.digits.slice(0, -1))}
        >
          ${this.t('kioskSmsDelete')}
        </button>
      </div>
      ${
        this.state === 'failed'
          ? html`<p class="failed" role="alert" data-testid="sms-failed">
              ${this.t(this.failure)}
            </p>`
          : nothing
      }
      <button
        type="button"
        class="send"
        data-testid="sms-send"
        ?disabled=${!full || this.state === 'sending'}
        @click=${this.onSend}
      >
        ${this.t('kioskSmsSend')}
      </button>
    </div>`;
  }
}

customElements.define('kiosk-sms-keypad', KioskSmsKeypad);

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-sms-keypad': KioskSmsKeypad;
  }
  interface HTMLElementEventMap {
    'kiosk-sms-subscribed': CustomEvent<void>;
    /** The keypad opened (true) or folded (false): the card around it makes room. */
    'kiosk-sms-keypad': CustomEvent<boolean>;
  }
}

/**
 * What a failed sign-up tells the citizen: to wait, when the address or the ticket has asked too
 * often (trying again at once would fail again for up to 15 minutes); the network, when the server
 * was not reached; else that it did not work, try again.
 */
function failureKey(err: unknown): MessageKey {
  if (!(err instanceof ApiError)) return 'kioskSmsFailed';
  if (err.code === ErrorCode.rateLimited) return 'errorRateLimited';
  if (err.code === NETWORK_ERROR) return 'errorNetwork';
  return 'kioskSmsFailed';
}
