/**
 * The kiosk's big digit pad (1–9, clear, 0, backspace), shared by the booking-code and the
 * case-number keypads; each keypad keeps its own digits and says what a key does.
 */
import { html } from 'lit';
import { icon } from './kiosk-icons';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** What the pad's keys do, and its words in the page's language. */
export interface DigitKeys {
  /** The group's accessible name. */
  label: string;
  clearText: string;
  backspaceLabel: string;
  type(digit: string): void;
  clear(): void;
  backspace(): void;
}

/** The pad: a group of buttons with test ids `key-0`…`key-9`, `key-clear` and `key-backspace`. */
export function digitKeys(pad: DigitKeys) {
  const key = (digit: string) =>
    html`<button
      type="button"
      class="num"
      data-testid=${`key-${digit}`}
      @click=${() => pad.type(digit)}
    >
      ${digit}
    </button>`;
  return html`<div class="keys" role="group" aria-label=${pad.label}>
    ${KEYS.map(key)}
    <button type="button" class="word" data-testid="key-clear" @click=${() => pad.clear()}>
      ${pad.clearText}
    </button>
    ${key('0')}
    <button
      type="button"
      data-testid="key-backspace"
      aria-label=${pad.backspaceLabel}
      @click=${() => pad.backspace()}
    >
      ${icon('backspace', 52)}
    </button>
  </div>`;
}
