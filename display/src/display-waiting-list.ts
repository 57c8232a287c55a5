/** How many people wait for each service. */
import { LitElement, css, html } from 'lit';
import type { Language, Service, ServiceLoad } from '../../server/protocol';
import { translate } from '../../ui/i18n';
import { base } from '../../ui/theme';

/** Seconds each page of services stays on screen when they do not fit at once. */
const PAGE_SECONDS = 10;
/**
 * The lowest row, in vh, whose name stays readable from the hall: two lines of about 2 vh in one
 * column; more in two columns, where names are narrower and need more lines.
 */
const MIN_ROW_VH = { 1: 5, 2: 7.4 } as const;
/** The gap between rows, in vh (as in the styles). */
const GAP_VH = 0.7;

/** One row per service: prefix, name, waiting count (a closed one says so instead). */
export class DisplayWaitingList extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
        color: #fff;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        height: 100%;
        display: grid;
        grid-template-columns: repeat(var(--columns, 1), minmax(0, 1fr));
        grid-template-rows: repeat(var(--rows, 1), minmax(0, 1fr));
        grid-auto-flow: column;
        gap: 0.7vh 1.4vh;
      }
      li {
        /* Sizes below follow the row's height: 20 services still fit, names wrap instead of being cut. */
        container-type: size;
        max-height: 9vh;
        min-height: 0;
        display: grid;
        grid-template-columns: auto minmax(0, 1fr) auto;
        align-items: center;
        gap: 1.4vh;
        padding: 0 1.6vh;
        border-radius: 1.4vh;
        background: #13233a;
        overflow: hidden;
      }
      .prefix {
        width: min(4.8vh, 78cqh);
        height: min(4.8vh, 78cqh);
        display: grid;
        place-items: center;
        border-radius: 1vh;
        background: var(--nb-primary);
        font-size: min(3vh, 52cqh);
        font-weight: 800;
      }
      .name {
        max-height: 100cqh;
        overflow: hidden;
        font-size: min(2.7vh, 40cqh);
        font-weight: 600;
        line-height: 1.15;
        /* Whole words, or a hyphen where the language's rules allow one (the row carries lang). */
        overflow-wrap: normal;
        word-break: normal;
        hyphens: auto;
      }
      .count {
        min-width: 4vh;
        text-align: end;
        font-size: min(4.2vh, 70cqh);
        font-weight: 800;
      }
      .zero {
        color: #9fb0c7;
      }
      li.closed .prefix {
        background: #4a5568;
      }
      li.closed .name {
        color: #c9d6e8;
      }
      .closed-note {
        font-size: min(2.2vh, 36cqh);
        text-transform: uppercase;
        line-height: 1.1;
        font-weight: 600;
        color: #c9d6e8;
        text-align: end;
        hyphens: auto;
      }
    `,
  ];

  static override properties = {
    capacity: { state: true },
    page: { state: true },
    services: { attribute: false },
    loads: { attribute: false },
    language: {},
  };

  /** The office's services, in its order (the store's catalogue). */
  declare services: readonly Service[];
  /** Live waiting counts. */
  declare loads: readonly ServiceLoad[];
  /** Language of the names. */
  declare language: Language;

  /** Rows that fit at a readable height (times the columns), measured; 0 until measured. */
  declare private capacity: number;
  /** The page shown when the services need more rows than fit. */
  declare private page: number;
  private pageTimer?: ReturnType<typeof setInterval>;

  constructor() {
    super();
    this.capacity = 0;
    this.page = 0;
    this.services = [];
    this.loads = [];
    this.language = 'tg';
  }

  private readonly resizeObserver = new ResizeObserver(() => {
    this.measure();
    this.fitNames();
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver.observe(this);
    // More services than rows: the pages follow each other, every one long enough to read.
    this.pageTimer = setInterval(() => {
      const pages = this.pageCount();
      this.page = pages > 1 ? (this.page + 1) % pages : 0;
    }, PAGE_SECONDS * 1000);
    // The first fit may run before the font is there: fit again once it is.
    void document.fonts.ready.then(() => this.fitNames());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
    clearInterval(this.pageTimer);
  }

  private columns(): 1 | 2 {
    return this.services.length > 12 ? 2 : 1;
  }

  /** How many rows of at least {@link MIN_ROW_VH} fit in the element now. */
  private measure(): void {
    const height = this.getBoundingClientRect().height;
    const unit = window.innerHeight / 100;
    const min = MIN_ROW_VH[this.columns()];
    const rows = Math.max(1, Math.floor((height + GAP_VH * unit) / ((min + GAP_VH) * unit)));
    this.capacity = rows * this.columns();
  }

  private pageCount(): number {
    if (this.capacity <= 0) return 1;
    return Math.max(1, Math.ceil(this.services.length / this.capacity));
  }

  protected override updated(): void {
    this.fitNames();
  }

  /**
   * A name longer than its row can show in two lines at the row's font is set smaller until it fits
   * in full (never cut, never an ellipsis); a hall TV is read from afar, so this is the last resort.
   */
  private fitNames(): void {
    for (const name of this.renderRoot.querySelectorAll<HTMLElement>('.name')) {
      name.style.fontSize = '';
      let size = parseFloat(getComputedStyle(name).fontSize);
      while (
        size > 9 &&
        (name.scrollHeight > name.clientHeight || name.scrollWidth > name.clientWidth)
      ) {
        size *= 0.92;
        name.style.fontSize = `${size}px`;
      }
    }
  }

  override render() {
    // Up to 12 services in one column; more in two, so that each row keeps room for two lines;
    // more than the rows can take at a readable height: pages, one after the other.
    const columns = this.columns();
    const pages = this.pageCount();
    const page = this.page < pages ? this.page : 0;
    const shown =
      pages > 1
        ? this.services.slice(page * this.capacity, (page + 1) * this.capacity)
        : this.services;
    const rows =
      pages > 1 ? this.capacity / columns : Math.max(1, Math.ceil(shown.length / columns));
    return html`<ul
      data-testid="waiting-list"
      data-page=${`${page + 1}/${pages}`}
      lang=${this.language}
      style=${`--columns:${columns};--rows:${rows}`}
    >
      ${shown.map((s) => {
        const waiting = this.loads.find((l) => l.code === s.code)?.waiting ?? 0;
        return html`<li class=${s.open ? '' : 'closed'}>
          <span class="prefix" aria-hidden="true">${s.prefix}</span>
          <span class="name" lang=${this.language}>${s.names[this.language]}</span>
          ${
            s.open
              ? html`<span
                  class="count num ${waiting === 0 ? 'zero' : ''}"
                  data-testid=${`waiting-${s.code}`}
                  >${waiting}</span
                >`
              : html`<span class="closed-note" data-testid=${`waiting-${s.code}`}
                  >${translate(this.language, 'displayWindowClosed')}</span
                >`
          }
        </li>`;
      })}
    </ul>`;
  }
}

customElements.define('display-waiting-list', DisplayWaitingList);

declare global {
  interface HTMLElementTagNameMap {
    'display-waiting-list': DisplayWaitingList;
  }
}
