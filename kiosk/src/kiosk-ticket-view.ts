/** The issued ticket, very large, with the service, people ahead and the estimated wait. */
import { LitElement, css, html, nothing } from 'lit';
import type { Language, Ticket } from '../../server/protocol';
import type { PrintStatus } from '../../ui/api';
import { translate } from '../../ui/i18n';
import { base } from '../../ui/theme';

/** Shows one issued ticket; dispatches `kiosk-done` when the citizen taps "Done". */
export class KioskTicketView extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        flex: 1;
        display: flex;
        justify-content: center;
        align-items: center;
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
        font-size: 24px;
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
      @media (max-height: 900px) {
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
        button {
          min-height: 72px;
          font-size: 28px;
        }
      }
    `,
  ];

  static override properties = {
    ticket: { attribute: false },
    serviceName: {},
    printStatus: {},
    language: {},
  };

  /** The issued ticket. */
  declare ticket: Ticket;
  /** Name of its service in {@link language}. */
  declare serviceName: string;
  /** What the printer did with it. */
  declare printStatus: PrintStatus;
  /** Language of the texts. */
  declare language: Language;

  constructor() {
    super();
    this.serviceName = '';
    this.printStatus = 'none';
    this.language = 'tg';
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector('button')?.focus({ preventScroll: true });
  }

  private readonly onDone = (): void => {
    this.dispatchEvent(new CustomEvent('kiosk-done', { bubbles: true, composed: true }));
  };

  private renderPrint() {
    const lang = this.language;
    switch (this.printStatus) {
      case 'queued':
      case 'printed':
        return html`<p class="print">${translate(lang, 'takeTicket')}</p>`;
      case 'failed':
        return html`<p class="print failed" role="alert">${translate(lang, 'printFailed')}</p>`;
      case 'none':
        return nothing;
    }
  }

  override render() {
    const lang = this.language;
    const { ticket } = this;
    return html`<section class="card" aria-labelledby="title" data-testid="ticket-view">
      <h1 id="title">${translate(lang, 'yourTicket')}</h1>
      <p class="number num" data-testid="ticket-number">${ticket.number}</p>
      <p class="service">${this.serviceName}</p>
      <dl>
        <div class="stat">
          <dt>${translate(lang, 'peopleAhead')}</dt>
          <dd class="num" data-testid="people-ahead">${ticket.peopleAhead ?? '—'}</dd>
        </div>
        <div class="stat">
          <dt>${translate(lang, 'estimatedWait')}</dt>
          <dd class="num">
            ${
              ticket.estimatedWaitMinutes === undefined
                ? '—'
                : translate(lang, 'aboutMinutes', { n: ticket.estimatedWaitMinutes })
            }
          </dd>
        </div>
      </dl>
      <p class="message">${translate(lang, 'pleaseWait')}</p>
      ${this.renderPrint()}
      <button type="button" data-testid="ticket-done" @click=${this.onDone}>
        ${translate(lang, 'done')}
      </button>
      <p class="hint">${translate(lang, 'returnHint')}</p>
    </section>`;
  }
}

customElements.define('kiosk-ticket-view', KioskTicketView);

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-ticket-view': KioskTicketView;
  }
  interface HTMLElementEventMap {
    'kiosk-done': CustomEvent<undefined>;
  }
}
