/** Shared look: design tokens for the app shells and base rules for every component. */
import { css } from 'lit';

/** Colours, type and spacing; applied on each app's root element and inherited by its children. */
export const tokens = css`
  :host {
    --nb-font: 'Noto Sans', 'Segoe UI', Roboto, 'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif;
    --nb-bg: #eef1f5;
    --nb-surface: #ffffff;
    --nb-ink: #0f1b2d;
    --nb-muted: #4a5568;
    --nb-border: #cfd6e0;
    --nb-primary: #0a5c36;
    --nb-primary-strong: #074528;
    --nb-primary-ink: #ffffff;
    --nb-primary-soft: #e3f1ea;
    --nb-accent: #b3122e;
    --nb-gold: #f2c14e;
    --nb-danger: #a4001d;
    --nb-danger-soft: #fde8eb;
    --nb-warning-soft: #fff4d6;
    --nb-focus: #1a56db;
    --nb-radius: 14px;
    --nb-shadow: 0 1px 2px rgb(15 27 45 / 8%), 0 4px 14px rgb(15 27 45 / 8%);
  }
`;

/** Rules every component starts from. */
export const base = css`
  :host {
    box-sizing: border-box;
    font-family: var(--nb-font);
    color: var(--nb-ink);
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
  }
  button:disabled {
    cursor: not-allowed;
  }
  :focus-visible {
    outline: 4px solid var(--nb-focus);
    outline-offset: 3px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .num {
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.02em;
  }
`;

/** What a staff page says instead of itself: no office in its address, or an unknown one. */
export const pageNoticeStyles = css`
  .page-notice {
    margin: 48px auto;
    max-width: 40em;
    padding: 24px 28px;
    border-radius: 12px;
    background: var(--nb-surface);
    font-size: 22px;
    line-height: 1.4;
  }
`;
