/** The office's windows in a row: whom each one has called, or that it is closed (paused or shut). */
import { LitElement, css, html } from 'lit';
import type { CounterState, Language } from '../../server/protocol';
import { translate } from '../../ui/i18n';
import { base } from '../../ui/theme';

/**
 * Windows a row holds with every number and ticket in full, read from across the hall: a tile is
 * about 23 vh wide in a row of six on a 16:9 screen, a ticket number like "G003" with a window's
 * "12" about 20 vh.
 */
const PER_ROW = 6;

/** One tile per window, in number order; past six windows, in rows. */
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
        display: grid;
        /* --columns: set by render() from the number of windows (up to six a row). */
        grid-template-columns: repeat(var(--columns, 1), minmax(0, 1fr));
        grid-auto-rows: 8vh;
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
      /*
       * Seven windows or more take two rows (three past twelve): a little lower each, so the strip
       * takes 14 vh rather than 8, and the numbers stay as large as a row of six allows.
       */
      ol.rows {
        grid-auto-rows: 6.4vh;
        gap: 1vh 1.4vh;
      }
      ol.rows li {
        gap: 1.2vh;
      }
      ol.rows .number {
        min-width: 4.8vh;
        height: 4.8vh;
        font-size: 3.5vh;
      }
      ol.rows .ticket {
        font-size: 4vh;
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
    // Rows as even as they can be: 7 windows are 4 + 3, 12 are 6 + 6.
    const rows = Math.max(1, Math.ceil(sorted.length / PER_ROW));
    const columns = Math.max(1, Math.ceil(sorted.length / rows));
    return html`<ol
      data-testid="windows"
      class=${rows > 1 ? 'rows' : ''}
      style=${`--columns:${columns}`}
    >
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
