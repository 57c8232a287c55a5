/** How many people wait for each service. */
import { LitElement, css, html, type PropertyValues } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Language, Service, ServiceLoad } from '../../server/protocol';
import { translate } from '../../ui/i18n';
import { base } from '../../ui/theme';
import { paginate, type ServicePage } from './service-pages';

/** Seconds each page of services stays on screen when they do not fit at once. */
const PAGE_SECONDS = 10;
/**
 * The smallest a name is ever set, in vh: on a 50-inch TV (1 vh ≈ 6.2 mm, whatever the resolution)
 * about 15 mm, capitals ≈ 11 mm — read from 5 m. Rows are made tall enough for the longest real
 * names at this size (fewer rows a page, more pages), rather than a smaller font.
 */
export const MIN_NAME_VH = 2.4;
/** Line height of a name (as in the styles). */
const LINE = 1.1;
/**
 * The lowest row, in vh: two lines of the smallest name in one column; three in two columns, where
 * names are narrower (the longest real names take three).
 */
const MIN_ROW_VH = { 1: 2 * MIN_NAME_VH * LINE + 0.4, 2: 3 * MIN_NAME_VH * LINE + 0.4 } as const;
/** The gap between rows, in vh (as in the styles). */
const GAP_VH = 0.7;
/** The gap between the two columns, in vh (as in the styles). */
const COLUMN_GAP_VH = 1.4;

/** One row per service: prefix, name, waiting count (a closed one says so instead). */
export class DisplayWaitingList extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        position: relative;
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
        /* Each row at least as tall as its own names need (measured), the rest shared. */
        grid-template-rows: var(--row-tracks, repeat(var(--rows, 1), minmax(0, 1fr)));
        grid-auto-flow: column;
        gap: 0.7vh 1.4vh;
      }
      li {
        /* Sizes below follow the row's height: 20 services still fit, names wrap instead of being cut. */
        container-type: size;
        /* Not taller than this, unless its row's names need more at the smallest size. */
        max-height: max(11.5vh, var(--row-max, 0px));
        min-height: 0;
        display: grid;
        grid-template-columns: auto minmax(0, 1fr) auto;
        align-items: center;
        gap: 1.1vh;
        padding: 0 1.2vh;
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
        /* Room for the glyphs above and below the lines, so that a full row still shows them whole. */
        padding-block: 0.1em;
        overflow: hidden;
        font-size: 2.8vh;
        font-weight: 600;
        line-height: 1.1;
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
      /* Off-screen copies of every row at the smallest name size: how tall the tallest must be. */
      .probe {
        display: block;
        position: absolute;
        top: 0;
        left: 0;
        height: 0;
        overflow: hidden;
        visibility: hidden;
        pointer-events: none;
      }
      .probe li {
        max-height: none;
        height: auto;
        container-type: inline-size;
        padding-block: 0.2vh;
      }
      .probe .name {
        max-height: none;
        overflow-wrap: break-word;
        font-size: ${MIN_NAME_VH}vh;
      }
      .closed-note {
        /* Short and to the side, so that the closed service's name keeps its room and size. */
        max-width: 10vh;
        font-size: 1.8vh;
        line-height: 1.1;
        font-weight: 600;
        color: #c9d6e8;
        text-align: end;
        hyphens: auto;
      }
    `,
  ];

  static override properties = {
    pages: { state: true },
    page: { state: true },
    columnWidth: { state: true },
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

  /** The services' pages, each with its rows' heights (measured); none until measured. */
  declare private pages: ServicePage[];
  /** The page shown when the services need more rows than fit. */
  declare private page: number;
  /** The width of one column, in px, for the off-screen rows (0 until measured). */
  declare private columnWidth: number;
  /** The page last announced to the app ("1/2" next to the heading). */
  private announcedPage = '';
  private pageTimer?: ReturnType<typeof setInterval>;

  constructor() {
    super();
    this.pages = [];
    this.page = 0;
    this.columnWidth = 0;
    this.services = [];
    this.loads = [];
    this.language = 'tg';
  }

  private readonly resizeObserver = new ResizeObserver(() => this.measure());

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver.observe(this);
    // More services than rows: the pages follow each other, every one long enough to read.
    this.pageTimer = setInterval(() => {
      const pages = this.pageCount();
      this.page = pages > 1 ? (this.page + 1) % pages : 0;
    }, PAGE_SECONDS * 1000);
    // The first fit may run before the font is there: fit again once it is.
    void document.fonts.ready.then(() => this.measure());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
    clearInterval(this.pageTimer);
  }

  private columns(): 1 | 2 {
    return this.services.length > 12 ? 2 : 1;
  }

  /**
   * Which services each page shows: every row as tall as the names in it need at the smallest name
   * size (the off-screen copies say how tall) and never lower than {@link MIN_ROW_VH}, as many rows
   * a page as fit; one long name makes its own row taller, not every row (and so more pages).
   */
  private measure(): void {
    const box = this.getBoundingClientRect();
    const unit = window.innerHeight / 100;
    const columns = this.columns();
    const columnWidth = (box.width - (columns - 1) * COLUMN_GAP_VH * unit) / columns;
    if (Math.abs(columnWidth - this.columnWidth) >= 1) {
      // The copies are laid out at this width first; updated() measures again.
      this.columnWidth = columnWidth;
      return;
    }
    const least = MIN_ROW_VH[columns] * unit;
    const need = [...this.renderRoot.querySelectorAll<HTMLElement>('.probe li')].map((li) =>
      Math.max(least, Math.ceil(li.getBoundingClientRect().height)),
    );
    const pages = paginate(need, columns, box.height, GAP_VH * unit);
    if (JSON.stringify(pages) !== JSON.stringify(this.pages)) this.pages = pages;
  }

  private pageCount(): number {
    return Math.max(1, this.pages.length);
  }

  protected override updated(changed: PropertyValues): void {
    // Other names, another language or another width: the copies changed, so measure them again.
    if (changed.has('services') || changed.has('language') || changed.has('columnWidth')) {
      this.measure();
    }
    this.fitNames();
    const pages = this.pageCount();
    const page = this.page < pages ? this.page + 1 : 1;
    const shown = `${page}/${pages}`;
    if (shown === this.announcedPage) return;
    this.announcedPage = shown;
    this.dispatchEvent(
      new CustomEvent<WaitingPageDetail>('display-waiting-page', {
        detail: { page, pages },
        bubbles: true,
        composed: true,
      }),
    );
  }

  /**
   * A name longer than its row can show at the row's font is set smaller until it fits in full
   * (never cut, never an ellipsis), but never below {@link MIN_NAME_VH}: the rows are sized so that
   * the longest real names fit at that size.
   */
  private fitNames(): void {
    const floor = (window.innerHeight * MIN_NAME_VH) / 100;
    const overflows = (name: HTMLElement) =>
      name.scrollHeight > name.clientHeight || name.scrollWidth > name.clientWidth;
    for (const name of this.renderRoot.querySelectorAll<HTMLElement>('ul.shown .name')) {
      name.style.fontSize = '';
      name.style.overflowWrap = '';
      let size = parseFloat(getComputedStyle(name).fontSize);
      while (size > floor && overflows(name)) {
        size = Math.max(floor, size * 0.95);
        name.style.fontSize = `${size}px`;
      }
      // A word wider than the row even at the smallest size (no hyphenation rules for Tajik in the
      // browser): break it rather than cut it, as the off-screen copies measured.
      if (name.scrollWidth > name.clientWidth) name.style.overflowWrap = 'break-word';
    }
  }

  override render() {
    // Up to 12 services in one column; more in two, so that each row keeps room for two lines;
    // more than the rows can take at a readable height: pages, one after the other.
    const columns = this.columns();
    const pages = this.pageCount();
    const page = this.page < pages ? this.page : 0;
    // Until measured: every service, rows alike.
    const laid = this.pages[page];
    const shown = laid ? this.services.slice(laid.start, laid.start + laid.count) : this.services;
    const rows = laid?.rows ?? [];
    const tracks = rows.map((h) => `minmax(${h}px,1fr)`).join(' ');
    const style = `--columns:${columns};--rows:${Math.max(1, Math.ceil(shown.length / columns))}`;
    return html`<ul
        class="shown"
        data-testid="waiting-list"
        data-page=${`${page + 1}/${pages}`}
        lang=${this.language}
        style=${tracks ? `${style};--row-tracks:${tracks}` : style}
      >
        ${shown.map((s, i) => this.row(s, true, rows[i % Math.max(1, rows.length)]))}
      </ul>
      <ul
        class="probe"
        aria-hidden="true"
        lang=${this.language}
        style=${`width:${this.columnWidth}px`}
      >
        ${this.services.map((s) => this.row(s, false))}
      </ul>`;
  }

  /** One service's row (as tall as its row's names need); the off-screen copy has no test id. */
  private row(s: Service, shown: boolean, height?: number) {
    const waiting = this.loads.find((l) => l.code === s.code)?.waiting ?? 0;
    const testId = shown ? `waiting-${s.code}` : undefined;
    return html`<li
      class=${s.open ? '' : 'closed'}
      style=${ifDefined(height === undefined ? undefined : `--row-max:${height}px`)}
    >
      <span class="prefix" aria-hidden="true">${s.prefix}</span>
      <span class="name" lang=${this.language}>${s.names[this.language]}</span>
      ${
        s.open
          ? html`<span
              class="count num ${waiting === 0 ? 'zero' : ''}"
              data-testid=${ifDefined(testId)}
              >${waiting}</span
            >`
          : html`<span class="closed-note" data-testid=${ifDefined(testId)}
              >${translate(this.language, 'displayWindowClosed')}</span
            >`
      }
    </li>`;
  }
}

customElements.define('display-waiting-list', DisplayWaitingList);

/** Which page of services the list shows (pages > 1 when they take turns). */
export interface WaitingPageDetail {
  page: number;
  pages: number;
}

declare global {
  interface HTMLElementTagNameMap {
    'display-waiting-list': DisplayWaitingList;
  }
  interface HTMLElementEventMap {
    'display-waiting-page': CustomEvent<WaitingPageDetail>;
  }
}
