/** The calls before the latest one, as compact "A013 → 2" cards, three to a row. */
import { LitElement, css, html } from 'lit';
import type { Language, Ticket } from '../../server/protocol';
import { translate } from '../../ui/i18n';
import { base } from '../../ui/theme';

/** Previous calls, newest first. */
export class DisplayRecentCalls extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
        color: #fff;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(3, minmax(0, 1fr));
        grid-auto-rows: minmax(0, 1fr);
        gap: 2vh;
        height: 100%;
      }
      li {
        /* The call's size follows the card's width: a narrow column never cuts "A013 → 12". */
        container-type: inline-size;
        display: flex;
        align-items: center;
        justify-content: center;
        gap: min(2vh, 4cqw);
        min-width: 0;
        overflow: hidden;
        padding: 0 1.2vh;
        border-radius: 2vh;
        background: #13233a;
        border: 0.3vh solid #223a5c;
      }
      .number,
      .window {
        /* --chars: the longest call's letters, "A013" + "2" = 5 or more (set by render()). */
        font-size: min(6.6vh, calc(95cqw / var(--chars, 5)));
        font-weight: 800;
        white-space: nowrap;
      }
      .window {
        color: var(--nb-gold);
      }
      svg {
        flex: none;
        width: min(4.6vh, 13cqw);
        height: min(4.6vh, 13cqw);
        color: var(--nb-gold);
      }
      .empty {
        visibility: hidden;
      }
    `,
  ];

  static override properties = {
    tickets: { attribute: false },
    slots: { type: Number },
    language: {},
  };

  /** Previous calls, newest first. */
  declare tickets: readonly Ticket[];
  /** How many places the grid keeps (empty ones stay blank so nothing moves). */
  declare slots: number;
  /** Language of the labels. */
  declare language: Language;

  constructor() {
    super();
    this.tickets = [];
    this.slots = 6;
    this.language = 'tg';
  }

  override render() {
    const lang = this.language;
    const shown = this.tickets.slice(0, this.slots);
    const blanks = Array.from({ length: this.slots - shown.length });
    // "A013 → 12" is a letter longer than "A013 → 2": every card's call a little smaller, alike.
    const chars = Math.max(5, ...shown.map((t) => t.number.length + (t.counter ?? '').length));
    return html`<ol data-testid="recent-calls" style=${`--chars:${chars}`}>
      ${shown.map(
        (t) =>
          html`<li>
            <span class="sr-only"
              >${translate(lang, 'goToWindow', { ticket: t.number, window: t.counter ?? '' })}</span
            >
            <span class="number num" aria-hidden="true">${t.number}</span>
            <svg
              viewBox="0 0 24 24"
              aria-hidden="true"
              fill="none"
              stroke="currentColor"
              stroke-width="3"
              stroke-linecap="round"
              stroke-linejoin="round"
            >
              <path d="M4 12h15M13 5l7 7-7 7" />
            </svg>
            <span class="window num" aria-hidden="true">${t.counter ?? ''}</span>
          </li>`,
      )}
      ${blanks.map(() => html`<li class="empty" aria-hidden="true"></li>`)}
    </ol>`;
  }
}

customElements.define('display-recent-calls', DisplayRecentCalls);

declare global {
  interface HTMLElementTagNameMap {
    'display-recent-calls': DisplayRecentCalls;
  }
}
