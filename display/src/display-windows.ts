/** The office's windows in a row: whom each one has called, or that it is closed (paused or shut). */
import { LitElement, css, html } from 'lit';
import type { CounterState, Language } from '../../server/protocol';
import { translate } from '../../ui/i18n';
import { base } from '../../ui/theme';

/** One tile per window, in number order. */
export class DisplayWindows extends LitElement {
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
        height: 100%;
        display: grid;
        grid-auto-flow: column;
        grid-auto-columns: minmax(0, 1fr);
        gap: 1.4vh;
      }
      li {
        display: flex;
        align-items: center;
        justify-content: center;
        gap: 1.6vh;
        min-width: 0;
        border-radius: 1.6vh;
        background: #13233a;
        border: 0.3vh solid #223a5c;
      }
      .number {
        display: flex;
        align-items: center;
        justify-content: center;
        min-width: 5.6vh;
        height: 5.6vh;
        padding: 0 1vh;
        border-radius: 1vh;
        background: var(--nb-gold);
        color: #101820;
        font-size: 4vh;
        font-weight: 800;
        white-space: nowrap;
      }
      .ticket {
        font-size: 4.4vh;
        font-weight: 800;
        white-space: nowrap;
      }
      li.closed {
        background: #2a2f38;
        border-color: #3d4450;
      }
      li.closed .number {
        background: #5a6372;
        color: #fff;
      }
      .state {
        font-size: 2.6vh;
        font-weight: 700;
        color: #e2e8f0;
        text-transform: uppercase;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
    `,
  ];

  static override properties = {
    counters: { attribute: false },
    language: {},
  };

  /** The office's windows as the live queue reports them. */
  declare counters: readonly CounterState[];
  /** Language of the labels. */
  declare language: Language;

  constructor() {
    super();
    this.counters = [];
    this.language = 'tg';
  }

  override render() {
    const lang = this.language;
    const sorted = [...this.counters].sort((a, b) =>
      a.number.localeCompare(b.number, 'en', { numeric: true }),
    );
    return html`<ol data-testid="windows">
      ${sorted.map((c) => {
        // A paused window is closed for the hall: nobody should walk up to it.
        const closed = c.status !== 'open';
        const ticket =
          c.ticket && ['called', 'serving'].includes(c.ticket.status) ? c.ticket : undefined;
        return html`<li class=${closed ? 'closed' : ''} data-testid=${`window-${c.number}`}>
          <span class="sr-only">${translate(lang, 'windowLabel')}</span>
          <span class="number num">${c.number}</span>
          ${
            closed
              ? html`<span class="state">${translate(lang, 'displayWindowClosed')}</span>`
              : ticket
                ? html`<span class="ticket num">${ticket.number}</span>`
                : html`<span class="state" aria-hidden="true">—</span
                    ><span class="sr-only">${translate(lang, 'displayWindowFree')}</span>`
          }
        </li>`;
      })}
    </ol>`;
  }
}

customElements.define('display-windows', DisplayWindows);

declare global {
  interface HTMLElementTagNameMap {
    'display-windows': DisplayWindows;
  }
}
