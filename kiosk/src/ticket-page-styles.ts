/** Styles of the phone's ticket page (ticket-page.ts): the header, the card's column, the notices. */
import { css } from 'lit';
import { base, tokens } from '../../ui/theme';

export const ticketPageStyles = [
  tokens,
  base,
  css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 100vh;
      background: var(--nb-bg);
    }
    header {
      padding: 14px 20px 44px;
      background: var(--nb-primary);
      color: var(--nb-primary-ink);
    }
    .brand {
      margin: 0;
      font-size: 15px;
      font-weight: 700;
      letter-spacing: 0.16em;
      text-transform: uppercase;
    }
    main {
      flex: 1;
      width: min(520px, 100%);
      margin: -32px auto 0;
      padding: 0 14px 20px;
    }
    .notice {
      padding: 32px 22px;
      border-radius: 24px;
      background: var(--nb-surface);
      box-shadow: var(--nb-shadow);
      text-align: center;
    }
    .notice h1 {
      margin: 0 0 10px;
      font-size: 26px;
    }
    .notice p {
      margin: 0;
      font-size: 18px;
      line-height: 1.4;
      color: var(--nb-muted);
    }
    .notice .mark {
      display: grid;
      place-items: center;
      width: 64px;
      height: 64px;
      margin: 0 auto 16px;
      border-radius: 50%;
      background: var(--nb-danger-soft);
      color: var(--nb-danger);
      font-size: 38px;
      font-weight: 800;
    }
    kiosk-sms-keypad {
      /* Apart from the ticket's card above, as the messages' panel below is. */
      margin-top: 12px;
    }
    footer {
      padding: 4px 14px 28px;
      display: flex;
      justify-content: center;
    }
    nb-language-switch {
      /* Two rows of two on a phone rather than three and a straggler. */
      max-width: 280px;
      --nb-switch-min-width: 0;
      --nb-switch-min-height: 44px;
      --nb-switch-font-size: 15px;
      --nb-switch-padding: 0 12px;
      --nb-switch-gap: 8px;
      --nb-switch-justify: center;
      --nb-switch-border: var(--nb-border);
      --nb-switch-ink: var(--nb-ink);
      --nb-switch-active-bg: var(--nb-primary);
      --nb-switch-active-ink: var(--nb-primary-ink);
    }
  `,
];
