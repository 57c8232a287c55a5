/**
 * The case number on an on-screen keypad (a kiosk has no keyboard): the office prefix and the year are
 * filled in, the citizen types only the digits of `KUL-2026-000123`, then the pickup code printed
 * beside it on the receipt (a case number alone links nobody to a case).
 */
import { LitElement, css, html, nothing } from 'lit';
import type { Language } from '../../server/protocol';
import { translate, type MessageKey } from '../../ui/i18n';
import { base } from '../../ui/theme';
import { icon } from './kiosk-icons';
import { digitKeys } from './kiosk-digit-keys';
import { keypad, step } from './kiosk-styles';
import { GhostTapController } from '../../ui/controllers/ghost-tap-controller';

/** How many digits the last part of a case number has. */
export const CASE_DIGITS = 6;

/** Detail of `kiosk-case-submit`. */
export interface CaseSubmitDetail {
  caseNumber: string;
  pickupCode: string;
}

/** How many digits a pickup code has. */
export const PICKUP_CODE_DIGITS = 6;

/** `KUL`, 2026, `123` → `KUL-2026-000123`. */
export function formatCaseNumber(prefix: string, year: number, digits: string): string {
  return `${prefix}-${year}-${digits.padStart(CASE_DIGITS, '0')}`;
}

/** Keypad for a case number; dispatches `kiosk-case-submit` or `kiosk-back`. */
export class KioskCaseKeypad extends LitElement {
  static override styles = [
    base,
    step,
    keypad,
    css`
      .entry {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 16px 24px;
      }
      .number {
        flex: 1 1 auto;
        display: flex;
        align-items: center;
        min-height: 104px;
        padding: 0 28px;
        border: 3px solid var(--nb-primary);
        border-radius: var(--nb-radius);
        background: var(--nb-surface);
        font-size: 56px;
        font-weight: 800;
        letter-spacing: 0.04em;
        white-space: nowrap;
      }
      .fixed {
        color: var(--nb-muted);
      }
      .pad {
        color: #6e7887;
      }
      .years {
        display: flex;
        gap: 12px;
      }
      .years button {
        min-width: 132px;
        min-height: 72px;
        border: 2px solid var(--nb-border);
        border-radius: 999px;
        background: var(--nb-surface);
        font-size: 28px;
        font-weight: 700;
      }
      .years button[aria-pressed='true'] {
        background: var(--nb-primary);
        border-color: var(--nb-primary);
        color: var(--nb-primary-ink);
      }
      @container (orientation: landscape) {
        :host {
          display: grid;
          grid-template-columns: minmax(0, 1fr) minmax(0, 560px);
          grid-auto-rows: min-content;
          column-gap: 48px;
          align-content: start;
        }
        .keys {
          grid-column: 2;
          grid-row: 1 / span 7;
          align-self: start;
        }
        .primary {
          align-self: start;
          width: 100%;
        }
      }
      @container (max-height: 1100px) {
        .number {
          min-height: 80px;
          font-size: 44px;
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
    prefix: {},
    years: { attribute: false },
    language: {},
    notFound: {},
    busy: { type: Boolean },
    digits: { state: true },
    year: { state: true },
    stage: { state: true },
    code: { state: true },
  };

  /** The office's case prefix (`KUL`). */
  declare prefix: string;
  /** Years offered, this one first. */
  declare years: readonly number[];
  /** Language of the texts. */
  declare language: Language;
  /** A number the server did not know; its message shows until the citizen edits it. */
  declare notFound: string | undefined;
  /** True while the ticket is being issued. */
  declare busy: boolean;
  declare private digits: string;
  declare private year: number | undefined;
  /** The number is typed first, then the pickup code. */
  declare private stage: 'number' | 'code';
  declare private code: string;
  private readonly ghostTap = new GhostTapController(this);

  constructor() {
    super();
    this.prefix = '';
    this.years = [];
    this.language = 'tg';
    this.notFound = undefined;
    this.busy = false;
    this.digits = '';
    this.year = undefined;
    this.stage = 'number';
    this.code = '';
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // The server knew no such number and code: back to the number, the code typed anew.
    if (changed.has('notFound') && this.notFound !== undefined) {
      this.stage = 'number';
      this.code = '';
    }
  }

  private get chosenYear(): number {
    return this.year ?? this.years[0] ?? new Date().getFullYear();
  }

  private get caseNumber(): string {
    return formatCaseNumber(this.prefix, this.chosenYear, this.digits);
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.language, key, params);
  }

  private type(digit: string): void {
    if (this.stage === 'code') {
      if (this.code.length < PICKUP_CODE_DIGITS) this.code += digit;
      return;
    }
    if (this.digits.length >= CASE_DIGITS) return;
    // Leading zeros are already shown: "000123" and "123" are one number.
    if (digit === '0' && this.digits === '') return;
    this.digits += digit;
  }

  private readonly onBackspace = (): void => {
    if (this.stage === 'code') this.code = this.code.slice(0, -1);
    else this.digits = this.digits.slice(0, -1);
  };

  private readonly onClear = (): void => {
    if (this.stage === 'code') this.code = '';
    else this.digits = '';
  };

  private readonly onSubmit = (): void => {
    if (!this.digits || this.busy || this.ghostTap.tooSoon) return;
    if (this.stage === 'number') {
      this.stage = 'code';
      return;
    }
    if (this.code.length < PICKUP_CODE_DIGITS) return;
    this.dispatchEvent(
      new CustomEvent<CaseSubmitDetail>('kiosk-case-submit', {
        detail: { caseNumber: this.caseNumber, pickupCode: this.code },
        bubbles: true,
        composed: true,
      }),
    );
  };

  private readonly onBack = (): void => {
    if (this.stage === 'code') {
      this.stage = 'number';
      this.code = '';
      return;
    }
    this.dispatchEvent(new CustomEvent('kiosk-back', { bubbles: true, composed: true }));
  };

  private renderNumber() {
    const padding = '0'.repeat(CASE_DIGITS - this.digits.length);
    return html`<output
      class="number num"
      data-testid="case-number"
      aria-label=${this.t('kioskCaseNumberLabel')}
      aria-live="polite"
      ><span class="fixed">${this.prefix}-${this.chosenYear}-</span
      ><span class="pad">${padding}</span><span>${this.digits}</span></output
    >`;
  }

  private renderCode() {
    return html`<output
      class="number num"
      data-testid="pickup-code"
      aria-label=${this.t('kioskCaseCodeLabel')}
      aria-live="polite"
      ><span>${this.code}</span
      ><span class="pad">${'•'.repeat(PICKUP_CODE_DIGITS - this.code.length)}</span></output
    >`;
  }

  /** The years a case number may carry, when there is more than this one. */
  private renderYears() {
    return html`<div class="years" role="group" aria-label=${this.t('kioskCaseYear')}>
      ${this.years.map(
        (year) =>
          html`<button
            type="button"
            class="num"
            aria-pressed=${year === this.chosenYear ? 'true' : 'false'}
            data-testid=${`case-year-${year}`}
            @click=${() => (this.year = year)}
          >
            ${year}
          </button>`,
      )}
    </div>`;
  }

  override render() {
    const shown = this.notFound !== undefined && this.notFound === this.caseNumber;
    const coding = this.stage === 'code';
    return html`<button type="button" class="back" data-testid="step-back" @click=${this.onBack}>
        ${icon('back', 36)} ${this.t('kioskBack')}
      </button>
      <h2>${this.t(coding ? 'kioskCaseCodeTitle' : 'kioskCaseTitle')}</h2>
      <p class="hint">${this.t(coding ? 'kioskCaseCodeHint' : 'kioskCaseHint')}</p>
      <div class="entry">
        ${coding ? this.renderCode() : this.renderNumber()}
        ${!coding && this.years.length > 1 ? this.renderYears() : nothing}
      </div>
      ${
        shown
          ? html`<p class="message" role="alert" data-testid="case-not-found">
              ${this.t('kioskCaseNoMatch')}
            </p>`
          : nothing
      }
      ${digitKeys({
        label: this.t(this.stage === 'code' ? 'kioskCaseCodeLabel' : 'kioskCaseNumberLabel'),
        clearText: this.t('kioskClear'),
        backspaceLabel: this.t('kioskBackspace'),
        type: (digit) => this.type(digit),
        clear: this.onClear,
        backspace: this.onBackspace,
      })}
      <button
        type="button"
        class="primary"
        data-testid="case-submit"
        ?disabled=${!this.digits || this.busy || (coding && this.code.length < PICKUP_CODE_DIGITS)}
        @click=${this.onSubmit}
      >
        ${this.t('kioskCaseSubmit')}
      </button>`;
  }
}

customElements.define('kiosk-case-keypad', KioskCaseKeypad);

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-case-keypad': KioskCaseKeypad;
  }
  interface HTMLElementEventMap {
    'kiosk-case-submit': CustomEvent<CaseSubmitDetail>;
  }
}
