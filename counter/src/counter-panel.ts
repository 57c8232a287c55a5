/** The window's current ticket and the command buttons, each with its keyboard shortcut. */
import { LitElement, css, html, nothing } from 'lit';
import type { CallReason, Language, StaffTicket } from '../../server/protocol';
import { statusMessageKey } from '../../ui/errors';
import { ClockController } from '../../ui/clock-controller';
import { translate } from '../../ui/i18n';
import { base } from '../../ui/theme';
import { COMMANDS, commandApplies, type CounterCommand } from './commands';
import { ShortcutController } from './shortcut-controller';
import { emit } from '../../ui/emit';
import { LocalizeController } from '../../ui/controllers/localize-controller';

/** Detail of `counter-command`. */
export interface CommandDetail {
  command: CounterCommand;
}

/** Current ticket and commands; dispatches `counter-command` from a button or a shortcut. */
export class CounterPanel extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 12px;
      }
      .facts {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 14px;
        font-size: 14px;
        color: var(--nb-muted);
        justify-content: flex-end;
      }
      .timer {
        font-size: 22px;
        font-weight: 800;
        color: var(--nb-primary-strong);
      }
      .paused {
        padding: 10px 14px;
        border-radius: 12px;
        background: var(--nb-warning-soft);
        border: 2px solid #e0b04a;
        color: #5c3d00;
        font-weight: 700;
      }
      .current {
        display: grid;
        grid-template-columns: 1fr auto;
        align-items: center;
        gap: 8px 24px;
        padding: 14px 18px;
        border-radius: 18px;
        background: var(--nb-surface);
        box-shadow: var(--nb-shadow);
        border-inline-start: 10px solid var(--nb-border);
        min-height: 132px;
      }
      .current.called {
        border-inline-start-color: #c27c00;
      }
      .current.serving {
        border-inline-start-color: var(--nb-primary);
      }
      h2 {
        grid-column: 1 / -1;
        margin: 0;
        font-size: 15px;
        font-weight: 700;
        color: var(--nb-muted);
        text-transform: uppercase;
        letter-spacing: 0.08em;
      }
      .number {
        margin: 0;
        font-size: 64px;
        line-height: 1;
        font-weight: 800;
      }
      .details {
        display: flex;
        flex-direction: column;
        align-items: flex-end;
        gap: 10px;
        text-align: end;
      }
      .service {
        font-size: 19px;
        font-weight: 700;
      }
      .status {
        display: inline-block;
        padding: 6px 14px;
        border-radius: 999px;
        font-size: 16px;
        font-weight: 700;
        background: var(--nb-bg);
      }
      .status.called {
        background: #fff1d1;
        color: #6b4500;
      }
      .status.serving {
        background: var(--nb-primary-soft);
        color: var(--nb-primary-strong);
      }
      .recalls {
        font-size: 15px;
        color: var(--nb-muted);
      }
      .empty {
        grid-column: 1 / -1;
        margin: 0;
        font-size: 22px;
        color: var(--nb-muted);
      }
      .actions {
        display: grid;
        grid-template-columns: repeat(4, 1fr);
        gap: 8px;
      }
      .actions button {
        min-height: 56px;
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
        gap: 4px;
        padding: 6px 8px;
        border-radius: 12px;
        border: 2px solid var(--nb-border);
        background: var(--nb-surface);
        font-size: 15px;
        font-weight: 700;
        line-height: 1.2;
      }
      .actions button:hover:not(:disabled) {
        border-color: var(--nb-primary);
      }
      .actions button.primary {
        grid-column: span 2;
        min-height: 68px;
        font-size: 19px;
        background: var(--nb-primary);
        border-color: var(--nb-primary);
        color: var(--nb-primary-ink);
      }
      .actions button.primary:hover:not(:disabled) {
        background: var(--nb-primary-strong);
      }
      /* A 1366×768 laptop: the card and the keys get compact so the waiting list keeps 8+ rows. */
      @media (max-height: 820px) {
        :host {
          gap: 8px;
        }
        .current {
          min-height: 0;
          padding: 8px 14px;
          gap: 2px 16px;
        }
        h2 {
          font-size: 12px;
        }
        .number {
          font-size: 46px;
        }
        .details {
          gap: 3px;
        }
        .service {
          font-size: 16px;
        }
        .status {
          padding: 2px 10px;
          font-size: 14px;
        }
        .timer {
          font-size: 18px;
        }
        .actions {
          gap: 6px;
        }
        .actions button {
          min-height: 38px;
          flex-direction: row;
          gap: 6px;
          padding: 3px 6px;
          font-size: 13px;
          border-radius: 10px;
        }
        .actions button.primary,
        .actions button.secondary {
          min-height: 44px;
          font-size: 16px;
        }
        kbd {
          min-width: 20px;
          padding: 0 4px;
          font-size: 12px;
        }
      }
      .actions button.secondary {
        grid-column: span 2;
        min-height: 68px;
        font-size: 17px;
        border-color: var(--nb-primary);
        color: var(--nb-primary-strong);
      }
      .actions button:disabled {
        background: #f1f3f6;
        color: #6b7380;
        border-color: #dde2e8;
      }
      .keys {
        display: inline-flex;
        gap: 6px;
      }
      .why,
      .note {
        grid-column: 1 / -1;
        font-size: 15px;
        font-weight: 600;
      }
      .why {
        color: var(--nb-primary-strong);
      }
      .note {
        padding: 4px 10px;
        border-radius: 8px;
        background: var(--nb-warning-soft);
        color: #5c3d00;
      }
      kbd {
        min-width: 28px;
        padding: 2px 7px;
        border-radius: 6px;
        border: 1px solid currentColor;
        font-family: inherit;
        font-size: 13px;
        font-weight: 700;
        opacity: 0.9;
      }
    `,
  ];

  static override properties = {
    ticket: { attribute: false },
    serviceName: {},
    language: {},
    busy: { type: Boolean },
    pauseReason: {},
    priorityName: {},
    reason: {},
    offsetMs: { type: Number },
  };

  private readonly l10n = new LocalizeController(this, () => this.language);

  private readonly clock = new ClockController(this, 1_000);
  private readonly shortcuts = new ShortcutController(this, (command) => this.run(command));

  /** The ticket at this window (called or being served), if any. */
  declare ticket: StaffTicket | undefined;
  /** Its service's name in {@link language}. */
  declare serviceName: string;
  /** Language of the texts. */
  declare language: Language;
  /** True while a command runs; buttons and shortcuts wait. */
  declare busy: boolean;
  /** Why the window is paused; undefined while it is open. */
  declare pauseReason: string | undefined;
  /** The ticket's priority category in {@link language} (empty: none). */
  declare priorityName: string;
  /** Server clock minus local clock, for the service timer. */
  declare offsetMs: number;
  /** Why call-next chose this ticket (undefined: called from the list, or not known). */
  declare reason: CallReason | undefined;

  constructor() {
    super();
    this.ticket = undefined;
    this.serviceName = '';
    this.language = 'tg';
    this.busy = false;
    this.pauseReason = undefined;
    this.priorityName = '';
    this.offsetMs = 0;
    this.reason = undefined;
  }

  protected override willUpdate(): void {
    this.clock.offsetMs = this.offsetMs;
  }

  private run(command: CounterCommand): void {
    // While a request runs the console keeps the key for afterwards (it checks it again then).
    if (!this.busy && !commandApplies(command, this.ticket)) return;
    emit(this, 'counter-command', { command });
  }

  private renderCurrent() {
    const ticket = this.ticket;
    if (!ticket) {
      return html`<section class="current" aria-labelledby="current-title" data-testid="current">
        <h2 id="current-title">${this.l10n.t('currentTicket')}</h2>
        <p class="empty">${this.l10n.t('noCurrentTicket')}</p>
      </section>`;
    }
    const statusKey = statusMessageKey(ticket.status);
    return html`<section
      class="current ${ticket.status}"
      aria-labelledby="current-title"
      data-testid="current"
    >
      <h2 id="current-title">${this.l10n.t('currentTicket')}</h2>
      <p class="number num" data-testid="current-number">${ticket.number}</p>
      <div class="details">
        <span class="service">${this.serviceName}</span>
        <span class="status ${ticket.status}" data-testid="current-status"
          >${statusKey ? this.l10n.t(statusKey) : ticket.status}</span
        >
        <span class="facts">
          <span data-testid="current-priority"
            >${this.l10n.t('priority')}: ${this.priorityName || this.l10n.t('priorityNone')}</span
          >
          <span>${this.l10n.t('waitedFor', { n: waitedMinutes(ticket) })}</span>
          ${
            ticket.recalls > 0
              ? html`<span>${this.l10n.t('recalls', { n: ticket.recalls })}</span>`
              : nothing
          }
        </span>
        ${this.renderWhy(ticket)}
        <span class="timer num" data-testid="service-timer" title=${this.l10n.t('serviceTime')}
          ><span class="sr-only">${this.l10n.t('serviceTime')}</span>${elapsed(
            ticket.startedAt ?? ticket.calledAt,
            this.clock.now,
          )}</span
        >
      </div>
    </section>`;
  }

  /** Why this ticket came to the window, and the note it was sent with. */
  private renderWhy(ticket: StaffTicket) {
    const reason = this.reason;
    const why =
      reason === 'priority'
        ? this.l10n.t('reasonPriority', { name: this.priorityName })
        : reason === 'fairness'
          ? this.l10n.t('reasonFairness')
          : reason === 'transferred'
            ? this.l10n.t('reasonTransferred')
            : reason === 'oldest'
              ? this.l10n.t('reasonOldest')
              : '';
    return html`${why ? html`<span class="why" data-testid="call-reason">${why}</span>` : nothing}
    ${
      ticket.transferNote
        ? html`<span class="note" data-testid="current-note"
            >${this.l10n.t('transferNoteLabel', { note: ticket.transferNote })}</span
          >`
        : nothing
    }`;
  }

  override render() {
    const lang = this.language;
    return html`${
        this.pauseReason !== undefined
          ? html`<div class="paused" role="status" data-testid="paused">
              ${this.l10n.t('windowPaused', { reason: this.pauseReason })}
            </div>`
          : nothing
      }
      ${this.renderCurrent()}
      <section aria-label=${this.l10n.t('actions')}>
        <div class="actions">
          ${COMMANDS.map((spec, i) => {
            const kind = i === 0 ? 'primary' : i === 1 ? 'secondary' : '';
            return html`<button
              type="button"
              class=${kind}
              data-testid=${`cmd-${spec.command}`}
              aria-keyshortcuts=${spec.aria}
              ?disabled=${this.busy || !commandApplies(spec.command, this.ticket)}
              @click=${() => this.run(spec.command)}
            >
              <span
                >${translate(
                  lang,
                  spec.command === 'pause' && this.pauseReason !== undefined
                    ? 'resume'
                    : spec.label,
                )}</span
              >
              <span class="keys" title=${this.l10n.t('shortcutHint')}
                >${spec.keys.map((k) => html`<kbd>${k}</kbd>`)}</span
              >
            </button>`;
          })}
        </div>
      </section>`;
  }
}

/** Minutes between issue and call (or now, if not called). */
function waitedMinutes(ticket: StaffTicket): number {
  const from = Date.parse(ticket.issuedAt);
  const to = ticket.calledAt ? Date.parse(ticket.calledAt) : Date.now();
  return Number.isNaN(from) ? 0 : Math.max(0, Math.floor((to - from) / 60_000));
}

/** `m:ss` (or `h:mm:ss`) since `iso`. */
function elapsed(iso: string | undefined, now: Date): string {
  const from = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(from)) return '0:00';
  const total = Math.max(0, Math.floor((now.getTime() - from) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

customElements.define('counter-panel', CounterPanel);

declare global {
  interface HTMLElementTagNameMap {
    'counter-panel': CounterPanel;
  }
  interface HTMLElementEventMap {
    'counter-command': CustomEvent<CommandDetail>;
  }
}
