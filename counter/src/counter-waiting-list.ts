/**
 * Who is waiting: counts per service and the tickets in order of issue, each with its priority,
 * its booked time when it came with a booking, and where a transfer sent it (with the note). The
 * list is a keyboard-reachable scroll region.
 */
import { LitElement, html, nothing, svg } from 'lit';
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
import { waitingListStyles } from './counter-waiting-list.styles';
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
  static override styles = [base, waitingListStyles];

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
