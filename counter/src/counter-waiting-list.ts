/**
 * Who is waiting: counts per service and the tickets in order of issue, each with its priority,
 * its booked time when it came with a booking, and where a transfer sent it (with the note). The
 * list is a keyboard-reachable scroll region.
 */
import { LitElement, css, html, nothing, svg } from 'lit';
import type {
  Language,
  OfficeInfo,
  Service,
  ServiceLoad,
  StaffTicket,
} from '../../server/protocol';
import { NO_PRIORITY } from '../../server/protocol/constants';
import { DEFAULT_TIME_ZONE, formatClock, minutesSince } from '../../ui/format';
import { base } from '../../ui/theme';
import { emit } from '../../ui/emit';
import { LocalizeController } from '../../ui/controllers/localize-controller';

/** A clock face drawn, not an emoji: office PCs often have no emoji font. */
const CLOCK_ICON = html`<svg class="clock" viewBox="0 0 16 16" aria-hidden="true">
  ${svg`<circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.6" />
    <path d="M8 4.2V8h3" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />`}
</svg>`;

/** Detail of `counter-call-ticket`. */
export interface CallTicketDetail {
  ticketId: string;
}

/** Waiting tickets of the office; those this window does not serve are shown muted. */
export class CounterWaitingList extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
        border-radius: 18px;
        background: var(--nb-surface);
        box-shadow: var(--nb-shadow);
        overflow: hidden;
      }
      .head {
        display: flex;
        align-items: center;
        justify-content: space-between;
        padding: 18px 22px 12px;
      }
      h2 {
        margin: 0;
        font-size: 20px;
      }
      .total {
        padding: 4px 14px;
        border-radius: 999px;
        background: var(--nb-primary);
        color: var(--nb-primary-ink);
        font-weight: 700;
        font-size: 16px;
      }
      .counts {
        list-style: none;
        margin: 0;
        padding: 0 22px 14px;
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        border-bottom: 1px solid var(--nb-border);
      }
      .counts li {
        display: inline-flex;
        gap: 8px;
        align-items: center;
        padding: 4px 10px;
        border-radius: 8px;
        background: var(--nb-bg);
        font-size: 14px;
      }
      .counts b {
        font-size: 16px;
      }
      .tickets {
        list-style: none;
        margin: 0;
        padding: 4px 0;
        overflow-y: auto;
        flex: 1;
        min-height: 0;
      }
      .tickets:focus-visible {
        outline: 3px solid var(--nb-primary);
        outline-offset: -3px;
      }
      .tickets li {
        display: grid;
        grid-template-columns: 64px 1fr auto auto;
        align-items: center;
        gap: 10px;
        padding: 2px 14px;
        font-size: 15px;
      }
      .tickets .what {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 4px 8px;
        min-width: 0;
      }
      .tag {
        padding: 0 7px;
        border-radius: 6px;
        font-size: 13px;
        font-weight: 700;
        white-space: nowrap;
      }
      .tag.priority {
        background: #7a3e00;
        color: #fff;
      }
      .tag.booked {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        background: #0b4f8a;
        color: #fff;
      }
      .tag.booked .clock {
        width: 13px;
        height: 13px;
      }
      .tag.sent {
        background: var(--nb-primary-soft);
        color: var(--nb-primary-strong);
      }
      .tickets .note {
        flex-basis: 100%;
        font-size: 13px;
        color: #5c3d00;
      }
      .tickets li + li {
        border-top: 1px solid #edf0f4;
      }
      .tickets .number {
        font-size: 20px;
        font-weight: 800;
      }
      .tickets .waited {
        color: var(--nb-muted);
        font-weight: 600;
      }
      .tickets li.other {
        color: var(--nb-muted);
      }
      .tickets li.other .number {
        font-weight: 600;
      }
      .tickets button {
        min-height: 32px;
        padding: 0 10px;
        border-radius: 8px;
        border: 2px solid var(--nb-primary);
        background: var(--nb-surface);
        color: var(--nb-primary-strong);
        font-size: 14px;
        font-weight: 700;
      }
      .tickets button:disabled {
        border: 2px dashed var(--nb-border);
        color: var(--nb-muted);
      }
      @media (max-height: 820px) {
        .head {
          padding: 8px 16px 6px;
        }
        h2 {
          font-size: 17px;
        }
        .total {
          padding: 2px 10px;
          font-size: 14px;
        }
        .counts {
          padding: 0 16px 6px;
          gap: 4px;
          /* Two lines of counts at most (an office of 10 services took five); the rest scrolls. */
          max-height: 46px;
          overflow-y: auto;
        }
        .counts li {
          padding: 1px 8px;
          font-size: 13px;
        }
        .tickets .number {
          font-size: 18px;
        }
        .tickets button {
          min-height: 28px;
          font-size: 13px;
        }
        /* One line a ticket, so 8 fit at 1366×768 with long (Tajik) service names and their tags:
           the name gives way (ellipsis; whole in its tooltip and in the counts above). A transfer
           note keeps its own line. */
        .tickets .what {
          flex-wrap: nowrap;
        }
        .tickets .what:has(.note) {
          flex-wrap: wrap;
        }
        .tickets .what .service {
          min-width: 0;
          overflow: hidden;
          text-overflow: ellipsis;
          white-space: nowrap;
        }
      }
      .empty {
        margin: 0;
        padding: 24px 22px;
        font-size: 18px;
        color: var(--nb-muted);
      }
    `,
  ];

  static override properties = {
    tickets: { attribute: false },
    load: { attribute: false },
    services: { attribute: false },
    served: { attribute: false },
    now: { attribute: false },
    office: { attribute: false },
    counter: {},
    language: {},
    canCall: { type: Boolean },
  };

  private readonly l10n = new LocalizeController(this, () => this.language);

  /**
   * Waiting tickets, in the order they were issued: the head of each service's line (the staff
   * snapshot carries at most 50 a service), so they are not the counts.
   */
  declare tickets: readonly StaffTicket[];
  /** How many wait for each service, all of them (the snapshot's counts, moved by each event). */
  declare load: readonly ServiceLoad[];
  /** The office's services, for names and prefixes. */
  declare services: readonly Service[];
  /** Service codes this window calls; undefined when unknown (then all count as served). */
  declare served: readonly string[] | undefined;
  /** The server's "now", for waiting times. */
  declare now: Date;
  /** Language of the texts. */
  declare language: Language;
  /** Whether the window may call a chosen ticket now (it is free and open). */
  declare canCall: boolean;
  /** The office: its priority categories (their names) and its zone (booked times). */
  declare office: OfficeInfo | undefined;
  /** This window's number (a ticket sent to another window is muted). */
  declare counter: string | undefined;

  constructor() {
    super();
    this.tickets = [];
    this.load = [];
    this.services = [];
    this.served = undefined;
    this.now = new Date();
    this.language = 'tg';
    this.canCall = false;
    this.office = undefined;
    this.counter = undefined;
  }

  /** Puts keyboard focus on the first "call" button of the list this window can use. */
  focusFirst(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('.tickets button:enabled')?.focus();
  }

  private call(ticketId: string): void {
    emit(this, 'counter-call-ticket', { ticketId });
  }

  private name(code: string): string {
    return this.services.find((s) => s.code === code)?.names[this.language] ?? code;
  }

  private renderTags(t: StaffTicket) {
    const lang = this.language;
    const priority =
      t.priority !== NO_PRIORITY
        ? (this.office?.priorities.find((p) => p.code === t.priority)?.names[lang] ??
          this.l10n.t('priority'))
        : undefined;
    const sentTo = t.targetCounter;
    const zone = this.office?.timeZone ?? DEFAULT_TIME_ZONE;
    const booked = t.appointment ? formatClock(new Date(t.appointment.start), zone) : undefined;
    return html`${
      booked
        ? html`<span class="tag booked" data-testid=${`booked-${t.number}`}
            >${CLOCK_ICON}${this.l10n.t('bookedAt', { time: booked })}</span
          >`
        : nothing
    }
    ${
      priority
        ? html`<span class="tag priority" data-testid=${`priority-${t.number}`}>${priority}</span>`
        : nothing
    }
    ${
      sentTo
        ? html`<span class="tag sent"
            >${
              sentTo === this.counter
                ? this.l10n.t('sentHere')
                : this.l10n.t('sentToWindow', { n: sentTo })
            }</span
          >`
        : nothing
    }
    ${
      t.transferNote
        ? html`<span class="note" data-testid=${`note-${t.number}`}
            >${this.l10n.t('transferNoteLabel', { note: t.transferNote })}</span
          >`
        : nothing
    }`;
  }

  override render() {
    const counts = new Map<string, number>();
    for (const { code, waiting } of this.load) if (waiting > 0) counts.set(code, waiting);
    const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
    return html`<div class="head">
        <h2 id="queue-title">${this.l10n.t('queueHeading')}</h2>
        <span class="total num" data-testid="waiting-total"
          >${this.l10n.t('waitingTotal', { n: total })}</span
        >
      </div>
      ${
        counts.size > 0
          ? html`<ul class="counts" aria-label=${this.l10n.t('waitingHeading')} tabindex="0">
              ${[...counts].map(
                ([code, n]) =>
                  html`<li><span>${this.name(code)}</span><b class="num">${n}</b></li>`,
              )}
            </ul>`
          : nothing
      }
      ${
        this.tickets.length === 0
          ? html`<p class="empty">${this.l10n.t('nobodyWaiting')}</p>`
          : html`<ol
              class="tickets"
              aria-labelledby="queue-title"
              data-testid="waiting-list"
              tabindex="0"
            >
              ${this.tickets.map((t) => {
                const sentTo = t.targetCounter;
                const other = sentTo
                  ? sentTo !== this.counter
                  : this.served !== undefined && !this.served.includes(t.service);
                return html`<li class=${other ? 'other' : ''} data-testid=${`row-${t.number}`}>
                  <span class="number num">${t.number}</span>
                  <span class="what">
                    <span class="service" title=${this.name(t.service)}
                      >${this.name(t.service)}</span
                    >
                    ${this.renderTags(t)}
                  </span>
                  <span class="waited num"
                    >${this.l10n.t('minutes', { n: minutesSince(t.issuedAt, this.now) })}</span
                  >
                  <button
                    type="button"
                    data-testid=${`call-${t.number}`}
                    ?disabled=${!this.canCall || (sentTo !== undefined && sentTo !== this.counter)}
                    @click=${() => this.call(t.id)}
                  >
                    ${this.l10n.t('callThis', { number: t.number })}
                  </button>
                </li>`;
              })}
            </ol>`
      }`;
  }
}

customElements.define('counter-waiting-list', CounterWaitingList);

declare global {
  interface HTMLElementTagNameMap {
    'counter-waiting-list': CounterWaitingList;
  }
  interface HTMLElementEventMap {
    'counter-call-ticket': CustomEvent<CallTicketDetail>;
  }
}
