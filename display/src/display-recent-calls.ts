/** The calls before the latest one, as compact "A013 → 2" cards. */
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
        grid-template-columns: repeat(3, 1fr);
        grid-auto-rows: 1fr;
        gap: 2vh;
        height: 100%;
      }
      li {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 2vh;
        padding: 0 3.2vh;
        border-radius: 2vh;
        background: #13233a;
        border: 0.3vh solid #223a5c;
      }
      .number {
        font-size: 7.4vh;
        font-weight: 800;
      }
      .window {
        display: flex;
        align-items: baseline;
        gap: 1.2vh;
        font-size: 3vh;
        color: #c9d6e8;
        font-weight: 600;
      }
      .window b {
        font-size: 7.4vh;
        color: var(--nb-gold);
        font-weight: 800;
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
    return html`<ol data-testid="recent-calls">
      ${shown.map(
        (t) =>
          html`<li>
            <span class="number num">${t.number}</span>
            <span class="window"
              >${translate(lang, 'windowLabel')} <b class="num">${t.counter ?? ''}</b></span
            >
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
