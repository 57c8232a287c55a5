/** Styles of the issued ticket's card (kiosk-ticket-view.ts): large number, stats, print state. */
import { css } from 'lit';
import { base } from '../../ui/theme';

export const ticketViewStyles = [
  base,
  css`
    :host {
      flex: 1;
      display: flex;
      justify-content: center;
      /* Centred while it fits; a card taller than the screen starts at the top (never cut above). */
      align-items: safe center;
      padding: 40px 32px;
    }
    .card {
      position: relative;
      overflow: hidden;
      width: min(900px, 100%);
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 28px;
      padding: 56px 40px 44px;
      border-radius: 28px;
      background: var(--nb-surface);
      box-shadow: var(--nb-shadow);
      text-align: center;
    }
    .card::before {
      content: '';
      position: absolute;
      inset: 0 0 auto;
      height: 16px;
      background: var(--nb-primary);
    }
    h1 {
      margin: 0;
      font-size: 40px;
      font-weight: 700;
      color: var(--nb-muted);
    }
    .number {
      margin: 0;
      font-size: clamp(160px, 22vw, 280px);
      line-height: 0.95;
      font-weight: 800;
      letter-spacing: 0.04em;
      color: var(--nb-ink);
    }
    .service {
      margin: 0;
      font-size: 36px;
      font-weight: 700;
      color: var(--nb-primary-strong);
    }
    dl {
      margin: 0;
      width: 100%;
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 18px;
    }
    .stat {
      padding: 22px 18px;
      border-radius: 18px;
      background: var(--nb-bg);
    }
    dt {
      font-size: 22px;
      color: var(--nb-muted);
      font-weight: 600;
    }
    dd {
      margin: 8px 0 0;
      font-size: 56px;
      font-weight: 800;
    }
    .message {
      margin: 0;
      font-size: 26px;
      line-height: 1.35;
    }
    .print {
      margin: 0;
      max-width: 100%;
      box-sizing: border-box;
      font-size: 28px;
      font-weight: 600;
      padding: 12px 20px;
      border-radius: 12px;
      background: var(--nb-primary-soft);
      color: var(--nb-primary-strong);
    }
    .print.failed {
      background: var(--nb-danger-soft);
      color: var(--nb-danger);
    }
    button {
      min-width: 320px;
      min-height: 88px;
      padding: 0 40px;
      border: none;
      border-radius: 999px;
      background: var(--nb-primary);
      color: var(--nb-primary-ink);
      font-size: 32px;
      font-weight: 700;
    }
    button:active {
      background: var(--nb-primary-strong);
    }
    .hint {
      margin: 0;
      font-size: 18px;
      color: var(--nb-muted);
    }
    .main,
    .side {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 24px;
      width: 100%;
    }
    .scan {
      display: flex;
      align-items: center;
      gap: 24px;
      text-align: start;
    }
    .scan p {
      margin: 0;
      max-width: 360px;
      font-size: 22px;
      line-height: 1.35;
      color: var(--nb-muted);
    }
    .priority {
      margin: -12px 0 0;
      font-size: 24px;
      font-weight: 700;
      color: var(--nb-ink);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: center;
      gap: 16px;
    }
    .actions .speak {
      min-width: 0;
      display: inline-flex;
      align-items: center;
      gap: 12px;
      background: var(--nb-surface);
      color: var(--nb-primary-strong);
      border: 2px solid var(--nb-primary);
      font-size: 26px;
    }
    @media (orientation: landscape) {
      .card {
        width: min(1500px, 100%);
        flex-direction: row;
        align-items: stretch;
        gap: 40px;
        text-align: center;
      }
      .side {
        justify-content: center;
        width: auto;
        /* A fixed column, so a long print message wraps instead of running off the card. */
        flex: 0 0 min(420px, 32%);
        min-width: 0;
        /* Six items stacked: the column, not the number, sets the card's height on 1920×1080. */
        gap: 16px;
      }
      .scan {
        flex-direction: column;
        gap: 12px;
        text-align: center;
      }
      .scan kiosk-qr {
        zoom: 0.75;
      }
      .scan p {
        max-width: 300px;
      }
    }
    @container (max-height: 900px) {
      :host {
        padding: 20px 32px;
      }
      .card {
        gap: 16px;
        padding: 36px 40px 28px;
      }
      h1 {
        font-size: 30px;
      }
      .number {
        font-size: 170px;
      }
      .service {
        font-size: 30px;
      }
      .stat {
        padding: 12px 18px;
      }
      dd {
        font-size: 44px;
      }
      .message {
        font-size: 22px;
      }
      .main,
      .side {
        gap: 14px;
      }
      button {
        min-height: 72px;
        font-size: 28px;
      }
    }
    /* A small landscape kiosk (1280×800, 1366×768): everything smaller, the QR beside its hint. */
    @container (max-height: 700px) {
      :host {
        padding: 12px 24px;
      }
      .card {
        gap: 10px;
        padding: 28px 32px 18px;
      }
      h1 {
        font-size: 24px;
      }
      .number {
        font-size: 120px;
      }
      .service {
        font-size: 26px;
      }
      .stat {
        padding: 8px 14px;
      }
      dt {
        font-size: 18px;
      }
      dd {
        font-size: 32px;
      }
      .message {
        font-size: 20px;
      }
      .main,
      .side {
        gap: 10px;
      }
      .scan {
        flex-direction: row;
        gap: 14px;
        text-align: start;
      }
      .scan kiosk-qr {
        zoom: 0.6;
      }
      .scan p {
        font-size: 18px;
      }
      button {
        min-height: 60px;
        font-size: 24px;
      }
      .actions .speak {
        font-size: 22px;
      }
    }
  `,
  css`
    .appointment {
      margin: -8px 0 0;
      padding: 10px 24px;
      border-radius: 999px;
      background: var(--nb-primary-soft);
      color: var(--nb-primary-strong);
      font-size: 30px;
      font-weight: 800;
    }
    .late {
      margin: 0;
      padding: 14px 20px;
      border-radius: 12px;
      border: 2px solid var(--nb-danger);
      background: var(--nb-danger-soft);
      color: var(--nb-danger);
      font-size: 24px;
      font-weight: 700;
    }
  `,
  // While the SMS keypad is open the card keeps the number, the service, a printer warning, the keys
  // and "done": the QR, the figures, "take your ticket", "read aloud" and the hints fold away, so
  // the send and done keys stay on the screen in every layout.
  css`
    .typing .scan,
    .typing dl,
    .typing .message,
    .typing .hint,
    .typing .print:not(.failed),
    .typing .speak {
      display: none;
    }
  `,
];
