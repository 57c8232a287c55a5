/**
 * Layout of the kiosk shell: a header, the step in the middle, a footer with the case button, the
 * languages and the low-reach toggle. "Low reach" gives the top of the screen to the header and keeps
 * every control in the lower part. `main` is a size container: the steps adapt to the room they get.
 */
import { css } from 'lit';
import { base, tokens } from '../../ui/theme';

export const appStyles = [
  tokens,
  base,
  css`
    :host {
      display: block;
      user-select: none;
      -webkit-user-select: none;
    }
    .screen {
      display: flex;
      flex-direction: column;
      height: 100vh;
      height: 100dvh;
      overflow: hidden;
      background: var(--nb-bg);
    }
    header {
      flex: none;
      padding: 24px 40px;
      background: var(--nb-primary);
      color: var(--nb-primary-ink);
    }
    .brand {
      margin: 0;
      font-size: 20px;
      font-weight: 700;
      letter-spacing: 0.08em;
      text-transform: uppercase;
    }
    h1 {
      margin: 8px 0 0;
      font-size: 46px;
      line-height: 1.1;
    }
    .hint {
      margin: 8px 0 0;
      font-size: 26px;
    }
    .screen:not(.at-home) h1 {
      display: none;
    }
    .screen:not(.at-home) header {
      padding: 16px 40px;
    }
    .controls {
      flex: 1;
      min-height: 0;
      display: flex;
      flex-direction: column;
    }
    main {
      flex: 1;
      min-height: 0;
      display: flex;
      flex-direction: column;
      overflow: auto;
      container-type: size;
    }
    main > * {
      flex: 1;
      min-height: 0;
    }
    .office-closed {
      margin: auto 40px;
      padding: 48px 40px;
      border-radius: var(--nb-radius);
      background: var(--nb-surface);
      text-align: center;
    }
    .closed-title {
      margin: 0 0 24px;
      font-size: 44px;
      line-height: 1.2;
      font-weight: 800;
      color: var(--nb-ink);
    }
    .closed-opens {
      margin: 0;
      font-size: 40px;
      line-height: 1.2;
      font-weight: 700;
      color: var(--nb-primary-strong);
    }
    .notice {
      margin: 48px 40px;
      font-size: 30px;
      text-align: center;
      color: var(--nb-muted);
    }
    footer {
      flex: none;
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      grid-template-areas: 'case reach' 'lang lang';
      align-items: center;
      gap: 16px 24px;
      padding: 18px 40px 24px;
      background: var(--nb-surface);
      border-top: 2px solid var(--nb-border);
    }
    footer nb-language-switch {
      --nb-switch-ink: var(--nb-ink);
      --nb-switch-border: var(--nb-border);
      --nb-switch-active-bg: var(--nb-primary);
      --nb-switch-active-ink: var(--nb-primary-ink);
      --nb-switch-min-width: 200px;
      --nb-switch-min-height: 72px;
      --nb-switch-font-size: 24px;
      grid-area: lang;
    }
    .case {
      grid-area: case;
      min-height: 104px;
      display: flex;
      align-items: center;
      gap: 24px;
      padding: 12px 28px;
      border: 3px solid var(--nb-primary);
      border-radius: var(--nb-radius);
      background: var(--nb-primary-soft);
      color: var(--nb-primary-strong);
      font-size: 32px;
      font-weight: 800;
      text-align: start;
      touch-action: manipulation;
    }
    /* Both entries (a case, a booking) share one row, so the services keep the screen's height. */
    footer.two {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) auto;
      grid-template-areas: 'case booking reach' 'lang lang lang';
    }
    .case.booking {
      grid-area: booking;
    }
    footer.two .case {
      gap: 14px;
      padding: 10px 18px;
      font-size: 26px;
    }
    footer.two .case small {
      font-size: 18px;
    }
    .case small {
      display: block;
      margin-top: 4px;
      font-size: 22px;
      font-weight: 600;
      color: var(--nb-ink);
    }
    .reach {
      grid-area: reach;
      justify-self: end;
      min-height: 72px;
      display: inline-flex;
      align-items: center;
      gap: 10px;
      padding: 0 24px 0 14px;
      border: 2px solid var(--nb-border);
      border-radius: 999px;
      background: var(--nb-surface);
      color: var(--nb-ink);
      font-size: 22px;
      font-weight: 700;
    }
    .reach[aria-pressed='true'] {
      background: var(--nb-primary);
      border-color: var(--nb-primary);
      color: var(--nb-primary-ink);
    }
    @media (orientation: landscape) {
      h1 {
        font-size: 38px;
      }
      .hint {
        font-size: 22px;
      }
      header {
        padding: 18px 32px;
      }
      footer {
        padding: 14px 32px 18px;
      }
      .case {
        min-height: 80px;
        font-size: 26px;
      }
      .case small {
        font-size: 18px;
      }
      footer nb-language-switch {
        --nb-switch-min-width: 96px;
      }
      /* No entries (the ticket, a keypad): languages and reach share one row, the step keeps the height. */
      footer.none {
        grid-template-columns: minmax(0, 1fr) auto;
        grid-template-areas: 'lang reach';
      }
    }
    /* A wide landscape screen has room for the whole footer on one row; a narrower one keeps two. */
    @media (orientation: landscape) and (min-width: 1600px) {
      footer {
        grid-template-columns: minmax(0, 1fr) auto auto;
        grid-template-areas: 'case lang reach';
      }
      footer.two {
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) auto auto;
        grid-template-areas: 'case booking lang reach';
      }
    }
    /* Low reach: the header takes the top of the screen, every control sits below it. */
    .low header {
      flex: 1 0 auto;
      display: flex;
      flex-direction: column;
      justify-content: flex-end;
    }
    .low .controls {
      /* Gives way to the header's own text on a short screen, rather than push the footer off. */
      flex: 0 1 auto;
      min-height: 0;
      height: 60%;
    }
    /* A short screen (1280×800) is low already: the steps need 720px more than a low start. */
    @media (max-height: 900px) {
      .low .controls {
        height: min(100%, 720px);
      }
    }
    /*
     * The ticket needs the whole screen to show its number in full; its buttons already sit at its
     * bottom, in the lower part, so low reach keeps them there and gives the header back its size.
     */
    .low.at-ticket header {
      flex: none;
    }
    .low.at-ticket .controls {
      flex: 1;
      height: auto;
    }
    .printer,
    .failure {
      flex: none;
      margin: 16px 40px 0;
      padding: 16px 24px;
      border-radius: var(--nb-radius);
      font-size: 24px;
      font-weight: 700;
    }
    .printer {
      background: var(--nb-warning-soft);
      border: 2px solid #8a6100;
      color: #5c4100;
    }
    .failure {
      display: flex;
      gap: 20px;
      align-items: center;
      justify-content: space-between;
      background: var(--nb-danger-soft);
      color: var(--nb-danger);
      border: 2px solid var(--nb-danger);
    }
    .failure small {
      display: block;
      margin-top: 4px;
      font-size: 18px;
      font-weight: 500;
      color: var(--nb-ink);
    }
    .failure button {
      flex: none;
      min-height: 72px;
      min-width: 180px;
      padding: 0 28px;
      border-radius: 999px;
      border: none;
      background: var(--nb-danger);
      color: #fff;
      font-size: 24px;
      font-weight: 700;
    }
    .overlay {
      position: fixed;
      inset: 0;
      display: grid;
      place-items: center;
      background: rgb(15 27 45 / 55%);
      z-index: 5;
    }
    .overlay p {
      margin: 0 40px;
      padding: 36px 56px;
      border-radius: 24px;
      background: #fff;
      font-size: 34px;
      font-weight: 700;
      text-align: center;
    }
    .overlay.calm {
      background: rgb(238 241 245 / 94%);
    }
    .overlay.calm strong {
      display: block;
      font-size: 44px;
      color: var(--nb-primary-strong);
    }
    .overlay.calm span {
      display: block;
      margin-top: 16px;
      font-size: 28px;
      font-weight: 500;
    }
    .overlay.calm small {
      display: block;
      max-width: 720px;
      margin: 28px auto 0;
      font-size: 20px;
      font-weight: 500;
      color: #3b4656;
    }
    @media (prefers-reduced-motion: no-preference) {
      .overlay.calm strong::after {
        content: '';
        display: block;
        width: 64px;
        height: 64px;
        margin: 28px auto 0;
        border-radius: 50%;
        border: 6px solid var(--nb-primary-soft);
        border-top-color: var(--nb-primary);
        animation: spin 1.4s linear infinite;
      }
    }
    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
  `,
];
