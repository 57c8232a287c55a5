/** The window's current ticket and the command buttons, each with its keyboard shortcut. */
import { LitElement, html, nothing } from 'lit';
import type { CallReason, Language, StaffTicket } from '../../server/protocol';
import { statusMessageKey } from '../../ui/errors';
import { ClockController } from '../../ui/clock-controller';
import { translate } from '../../ui/i18n/staff';
import { base } from '../../ui/theme';
import { COMMANDS, commandApplies, type CounterCommand } from './commands';
import { ShortcutController } from './shortcut-controller';
import { emit } from '../../ui/emit';
import { LocalizeController } from '../../ui/controllers/localize-controller';
import { panelStyles } from './counter-panel.styles';

/** Detail of `counter-command`. */
export interface CommandDetail {
  command: CounterCommand;
}

/** Current ticket and commands; dispatches `counter-command` from a button or a shortcut. */
export class CounterPanel extends LitElement {
  static override styles = [base, panelStyles];

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
    // A paused window's F1 still goes: the answer is the hint to resume first (P).
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
              ?disabled=${
                this.busy ||
                !commandApplies(spec.command, this.ticket, this.pauseReason !== undefined)
              }
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
