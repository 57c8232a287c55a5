/**
 * Which window this workstation is: one large button per counter of the office, each saying who
 * works there now (choosing a held window asks before taking it over).
 */
import { LitElement, css, html, nothing } from 'lit';
import type { CounterState, Language, Service } from '../../server/protocol';
import { base } from '../../ui/theme';
import { emit } from '../../ui/emit';
import { LocalizeController } from '../../ui/controllers/localize-controller';

/** Detail of `counter-window-select`. */
export interface WindowSelectDetail {
  counter: string;
}

/** Counter buttons; dispatches `counter-window-select`. */
export class CounterWindowPicker extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
        padding: 40px 32px;
      }
      section {
        max-width: 900px;
        margin: 0 auto;
      }
      h1 {
        margin: 0 0 24px;
        font-size: 28px;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
        gap: 16px;
      }
      li {
        display: flex;
      }
      button {
        width: 100%;
        min-height: 120px;
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
        gap: 6px;
        border: 2px solid var(--nb-border);
        border-radius: 16px;
        background: var(--nb-surface);
        box-shadow: var(--nb-shadow);
        font-size: 18px;
        font-weight: 600;
      }
      button b {
        font-size: 48px;
        line-height: 1;
      }
      .prefixes {
        display: flex;
        flex-wrap: wrap;
        justify-content: center;
        gap: 4px;
        font-size: 13px;
      }
      .prefixes span {
        min-width: 22px;
        padding: 1px 5px;
        border-radius: 5px;
        background: var(--nb-primary-soft);
        color: var(--nb-primary-strong);
      }
      .clerk {
        font-size: 14px;
        font-weight: 600;
        color: var(--nb-muted);
      }
      .clerk.held {
        color: var(--nb-danger);
      }
      button[aria-current='true'] {
        border-color: var(--nb-primary);
        background: var(--nb-primary-soft);
      }
      p {
        font-size: 18px;
        color: var(--nb-muted);
      }
    `,
  ];

  static override properties = {
    counters: { attribute: false },
    services: { attribute: false },
    current: {},
    userId: { attribute: false },
    language: {},
    loading: { type: Boolean },
  };

  private readonly l10n = new LocalizeController(this, () => this.language);

  /** The office's counters. */
  declare counters: readonly CounterState[];
  /** The office's services, to show which ones each window calls. */
  declare services: readonly Service[];
  /** The window remembered for this workstation, if any. */
  declare current: string | undefined;
  /** The signed-in user (a window held by them is not "in use" for them). */
  declare userId: number | undefined;
  /** Language of the texts. */
  declare language: Language;
  /** True until the first snapshot tells which counters exist. */
  declare loading: boolean;

  constructor() {
    super();
    this.counters = [];
    this.services = [];
    this.current = undefined;
    this.userId = undefined;
    this.language = 'tg';
    this.loading = true;
  }

  private select(counter: string): void {
    emit(this, 'counter-window-select', { counter });
  }

  private renderList() {
    if (this.loading) return html`<p>${this.l10n.t('loading')}</p>`;
    if (this.counters.length === 0) return html`<p>${this.l10n.t('noWindows')}</p>`;
    const sorted = [...this.counters].sort((a, b) =>
      a.number.localeCompare(b.number, undefined, { numeric: true }),
    );
    return html`<ul>
      ${sorted.map(
        (c) =>
          html`<li>
            <button
              type="button"
              data-testid=${`window-${c.number}`}
              aria-current=${c.number === this.current ? 'true' : 'false'}
              @click=${() => this.select(c.number)}
            >
              <span>${this.l10n.t('windowLabel')}</span>
              <b>${c.number}</b>
              ${this.renderPrefixes(c)} ${this.renderClerk(c)}
            </button>
          </li>`,
      )}
    </ul>`;
  }

  /**
   * Who is at the window: nobody, this clerk (back after a reload or a lost browser), or another;
   * and a citizen still called or served there, whom the window's next clerk sees to first.
   */
  private renderClerk(counter: CounterState) {
    const clerk = counter.clerk;
    const mine = clerk?.id === this.userId;
    const who = !clerk
      ? this.l10n.t('windowFree')
      : mine
        ? this.l10n.t('windowYours')
        : this.l10n.t('windowHeldBy', { name: clerk.name });
    const ticket = counter.ticket;
    const citizen =
      ticket && (ticket.status === 'called' || ticket.status === 'serving')
        ? ` · ${this.l10n.t('windowHoldsTicket', { number: ticket.number })}`
        : '';
    return html`<span
      class=${clerk && !mine ? 'clerk held' : 'clerk'}
      data-testid=${`window-${counter.number}-clerk`}
      >${who}${citizen}</span
    >`;
  }

  private renderPrefixes(counter: CounterState) {
    const prefixes = (counter.services ?? [])
      .map((code) => this.services.find((s) => s.code === code)?.prefix)
      .filter((p): p is string => p !== undefined)
      .sort();
    if (prefixes.length === 0) return nothing;
    return html`<span class="prefixes" aria-hidden="true"
      >${prefixes.map((p) => html`<span>${p}</span>`)}</span
    >`;
  }

  override render() {
    return html`<section aria-labelledby="pick-title">
      <h1 id="pick-title">${this.l10n.t('chooseWindow')}</h1>
      ${this.renderList()}
    </section>`;
  }
}

customElements.define('counter-window-picker', CounterWindowPicker);

declare global {
  interface HTMLElementTagNameMap {
    'counter-window-picker': CounterWindowPicker;
  }
  interface HTMLElementEventMap {
    'counter-window-select': CustomEvent<WindowSelectDetail>;
  }
}
