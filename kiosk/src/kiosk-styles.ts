/** Styles shared by the kiosk's steps: a heading, a hint, large touch buttons, a back button. */
import { css } from 'lit';

/** Touch targets stay at least this tall (WCAG 2.5.5 asks 44 px; a kiosk gets more). */
export const step = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 28px;
    padding: 36px 40px 40px;
  }
  h2 {
    margin: 0;
    font-size: 44px;
    line-height: 1.15;
  }
  .hint {
    margin: -12px 0 0;
    font-size: 26px;
    line-height: 1.35;
    color: var(--nb-muted);
  }
  .big {
    min-height: 96px;
    display: flex;
    align-items: center;
    gap: 24px;
    padding: 16px 28px;
    border: 2px solid var(--nb-border);
    border-radius: var(--nb-radius);
    background: var(--nb-surface);
    box-shadow: var(--nb-shadow);
    font-size: 32px;
    font-weight: 700;
    text-align: start;
    touch-action: manipulation;
  }
  .big:active:not(:disabled) {
    background: var(--nb-primary-soft);
    border-color: var(--nb-primary);
  }
  .big .icon {
    flex: none;
    color: var(--nb-primary);
  }
  .primary {
    min-height: 96px;
    padding: 0 44px;
    border: none;
    border-radius: 999px;
    background: var(--nb-primary);
    color: var(--nb-primary-ink);
    font-size: 34px;
    font-weight: 700;
    touch-action: manipulation;
  }
  .primary:disabled {
    background: #5f6b7a;
  }
  .back {
    align-self: flex-start;
    justify-self: start;
    min-height: 72px;
    display: inline-flex;
    align-items: center;
    gap: 8px;
    padding: 0 28px 0 16px;
    border: 2px solid var(--nb-border);
    border-radius: 999px;
    background: var(--nb-surface);
    color: var(--nb-ink);
    font-size: 26px;
    font-weight: 700;
  }
  @container (max-height: 900px) {
    :host {
      gap: 18px;
      padding: 20px 40px 24px;
    }
    h2 {
      font-size: 36px;
    }
    .hint {
      margin-top: -8px;
      font-size: 22px;
    }
    .big,
    .primary {
      min-height: 80px;
      font-size: 28px;
    }
  }
`;

/** The on-screen keypads (case number, booking code): keys, the confirm button, the refusal. */
export const keypad = css`
  .keys {
    display: grid;
    grid-template-columns: repeat(3, 1fr);
    gap: 16px;
    width: min(720px, 100%);
    align-self: center;
  }
  .keys button {
    min-height: 104px;
    border: 2px solid var(--nb-border);
    border-radius: var(--nb-radius);
    background: var(--nb-surface);
    box-shadow: var(--nb-shadow);
    font-size: 48px;
    font-weight: 700;
    display: grid;
    place-items: center;
    touch-action: manipulation;
  }
  .keys button:active:not(:disabled) {
    background: var(--nb-primary-soft);
  }
  .keys .word {
    font-size: 26px;
  }
  .primary {
    align-self: center;
    width: min(720px, 100%);
  }
  .message {
    margin: 0;
    padding: 18px 24px;
    border-radius: var(--nb-radius);
    border: 2px solid var(--nb-danger);
    background: var(--nb-danger-soft);
    color: var(--nb-danger);
    font-size: 26px;
    font-weight: 700;
  }
`;
