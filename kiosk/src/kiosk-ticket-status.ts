/** A citizen's ticket on their phone: number, service, status; the window once it is called. */
import { waitText } from '../../ui/wait-text';
import { LitElement, css, html, nothing } from 'lit';
import type { Language, Ticket } from '../../server/protocol';
import { statusMessageKey } from '../../ui/errors';
import { formatClock } from '../../ui/format';
import { translate, type MessageKey } from '../../ui/i18n';
import { base } from '../../ui/theme';

/** Shows one ticket as its holder follows it; renders properties only. */
export class KioskTicketStatus extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      .card {
        position: relative;
        overflow: hidden;
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 14px;
        padding: 28px 20px 22px;
        border-radius: 24px;
        background: var(--nb-surface);
        box-shadow: var(--nb-shadow);
        text-align: center;
      }
      .card::before {
        content: '';
        position: absolute;
        inset: 0 0 auto;
        height: 10px;
        background: var(--nb-primary);
      }
      .label {
        margin: 0;
        font-size: 17px;
        font-weight: 700;
        letter-spacing: 0.06em;
        text-transform: uppercase;
        color: var(--nb-muted);
      }
      .number {
        margin: -6px 0 0;
        font-size: clamp(88px, 29vw, 150px);
        line-height: 1;
        font-weight: 800;
        color: var(--nb-ink);
      }
      .service {
        margin: 0;
        font-size: 21px;
        line-height: 1.25;
        font-weight: 700;
        color: var(--nb-primary-strong);
      }
      .status {
        display: inline-flex;
        align-items: center;
        gap: 8px;
        padding: 6px 16px;
        border-radius: 999px;
        font-size: 17px;
        font-weight: 700;
        background: var(--nb-primary-soft);
        color: var(--nb-primary-strong);
      }
      .status::before {
        content: '';
        width: 10px;
        height: 10px;
        border-radius: 50%;
        background: currentColor;
      }
      .status.called {
        background: var(--nb-warning-soft);
        color: #6b4a00;
      }
      .status.closed {
        background: #e4e7ec;
        color: #3f4957;
      }
      dl {
        margin: 4px 0 0;
        width: 100%;
        display: grid;
        /* Two equal columns whatever their words: a long one wraps inside its own. */
        grid-template-columns: repeat(2, minmax(0, 1fr));
        /* One row for the labels, one for the figures, across both boxes: a label of two lines or
           a wait in words keeps the figures level (the "0" sat at its box's bottom). */
        grid-template-rows: auto auto;
        column-gap: 10px;
      }
      .stat {
        display: grid;
        grid-row: span 2;
        grid-template-rows: subgrid;
        row-gap: 6px;
        padding: 14px 10px;
        border-radius: 16px;
        background: var(--nb-bg);
      }
      dt {
        font-size: 15px;
        line-height: 1.25;
        font-weight: 600;
        color: var(--nb-muted);
      }
      dd {
        align-self: center;
        margin: 0;
        font-size: clamp(22px, 7vw, 34px);
        line-height: 1.15;
        /* "~12 min" stays on one line; "Навбати шумо баъдӣ аст" wraps between its words. */
        overflow-wrap: break-word;
        text-wrap: balance;
        font-weight: 800;
      }
      dd.words {
        /* Its longest word ("следующий") whole in a 360-pixel phone's half card. */
        font-size: clamp(15px, 4.6vw, 26px);
      }
      .call {
        width: 100%;
        padding: 20px 16px 22px;
        border-radius: 20px;
        background: var(--nb-primary);
        color: var(--nb-primary-ink);
        animation: arrive 600ms ease-out;
      }
      .call h2 {
        margin: 0;
        font-size: 26px;
        line-height: 1.2;
      }
      .window {
        display: flex;
        align-items: center;
        justify-content: center;
        gap: 16px;
        margin: 14px 0 10px;
      }
      .window span {
        font-size: 22px;
        font-weight: 700;
        text-transform: uppercase;
        letter-spacing: 0.08em;
      }
      .window strong {
        min-width: 108px;
        padding: 4px 18px;
        border-radius: 18px;
        background: var(--nb-gold);
        color: var(--nb-ink);
        font-size: 84px;
        line-height: 1.05;
        font-weight: 800;
      }
      .call p {
        margin: 0;
        font-size: 19px;
        line-height: 1.3;
        font-weight: 600;
      }
      .message {
        margin: 0;
        font-size: 18px;
        line-height: 1.4;
      }
      .meta {
        margin: 4px 0 0;
        font-size: 15px;
        color: var(--nb-muted);
      }
      @keyframes arrive {
        from {
          transform: scale(0.9);
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .call {
          animation: none;
        }
      }
    `,
  ];

  static override properties = {
    ticket: { attribute: false },
    serviceName: {},
    language: {},
    timeZone: {},
  };

  /** The ticket followed. */
  declare ticket: Ticket;
  /** Name of its service in {@link language}. */
  declare serviceName: string;
  /** Language of the texts. */
  declare language: Language;
  /** IANA zone of the office, for the issue time. */
  declare timeZone: string;

  constructor() {
    super();
    this.serviceName = '';
    this.language = 'tg';
    this.timeZone = 'Asia/Dushanbe';
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.language, key, params);
  }

  private renderCall(window: string) {
    return html`<div class="call" role="alert" data-testid="ticket-call">
      <h2>${this.t('yourTurn')}</h2>
      <div class="window" aria-hidden="true">
        <span>${this.t('windowLabel')}</span>
        <strong class="num" data-testid="ticket-window">${window}</strong>
      </div>
      <p>${this.t('goToWindowPrompt', { window })}</p>
    </div>`;
  }

  private renderProgress() {
    const { ticket } = this;
    switch (ticket.status) {
      case 'waiting': {
        // Nobody serves the line yet: no wait to tell, and the message says why.
        const noWindow = ticket.servingWindows === 0;
        const wait = noWindow
          ? '—'
          : waitText(this.language, ticket.peopleAhead, ticket.estimatedWaitMinutes);
        return html`<dl>
            <div class="stat">
              <dt>${this.t('peopleAhead')}</dt>
              <dd class="num" data-testid="people-ahead">${ticket.peopleAhead ?? '—'}</dd>
            </div>
            <div class="stat">
              <dt>${this.t('estimatedWait')}</dt>
              <dd class=${/\d/.test(wait) ? 'num' : 'num words'}>${wait}</dd>
            </div>
          </dl>
          <p class="message" data-testid="wait-message">
            ${
              ticket.targetCounter
                ? this.t('ticketSentToWindow', { window: ticket.targetCounter })
                : this.t(noWindow ? 'noWindowYet' : 'pleaseWait')
            }
          </p>`;
      }
      case 'called':
        return ticket.counter ? this.renderCall(ticket.counter) : nothing;
      case 'serving':
        return ticket.counter
          ? html`<p class="message">${this.t('servingAt', { window: ticket.counter })}</p>`
          : nothing;
      default:
        return html`<p class="message">${this.t('ticketClosed')}</p>`;
    }
  }

  override render() {
    const { ticket } = this;
    const statusKey = statusMessageKey(ticket.status);
    const live = ticket.status === 'waiting' || ticket.status === 'called';
    return html`<section class="card" aria-labelledby="label" data-testid="ticket-card">
      <h1 class="label" id="label">${this.t('yourTicket')}</h1>
      <p class="number num" data-testid="ticket-number">${ticket.number}</p>
      <p class="service" data-testid="ticket-service">${this.serviceName}</p>
      <p class="status ${statusTone(ticket.status)}" role="status">
        <span data-testid="ticket-status">${statusKey ? this.t(statusKey) : ticket.status}</span>
      </p>
      ${this.renderProgress()}
      <p class="meta num">
        ${this.t('issuedAt', { time: formatClock(new Date(ticket.issuedAt), this.timeZone) })}
      </p>
      ${live ? html`<p class="meta">${this.t('ticketLiveHint')}</p>` : nothing}
    </section>`;
  }
}

/** The colour class of a status pill. */
function statusTone(status: string): string {
  if (status === 'waiting') return 'waiting';
  return status === 'called' || status === 'serving' ? 'called' : 'closed';
}

customElements.define('kiosk-ticket-status', KioskTicketStatus);

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-ticket-status': KioskTicketStatus;
  }
}
