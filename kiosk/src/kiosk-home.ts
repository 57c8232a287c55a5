/**
 * The home screen's grid of service tiles, filling the space it gets. Tiles never overlap: when the
 * names need more room than the screen has (many services, long names), the list scrolls and a large
 * "more services below" button under it says so and scrolls on a tap.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { Language, Service, ServiceLoad } from '../../server/protocol';
import { translate } from '../../ui/i18n';
import { base } from '../../ui/theme';
import './kiosk-service-tile';

/** Tiles of every service of the office, open or closed; taps bubble as `kiosk-service-select`. */
export class KioskHome extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        position: relative;
        display: flex;
        flex-direction: column;
        min-height: 0;
      }
      ul {
        flex: 1;
        min-height: 0;
        overflow-y: auto;
        overscroll-behavior: contain;
        list-style: none;
        margin: 0;
        padding: 24px 40px;
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        grid-auto-rows: minmax(min-content, 1fr);
        gap: 18px;
      }
      /* Below the list, not over it: no tile is ever hidden behind it. */
      .more-button {
        flex: none;
        align-self: center;
        margin: 4px 0 14px;
        display: flex;
        align-items: center;
        gap: 12px;
        min-height: 64px;
        padding: 10px 28px;
        border: 0;
        border-radius: 32px;
        background: var(--nb-primary);
        color: var(--nb-primary-ink);
        box-shadow: var(--nb-shadow);
        font-size: 24px;
        font-weight: 700;
        touch-action: manipulation;
      }
      @media (orientation: landscape) {
        ul {
          grid-template-columns: repeat(3, minmax(0, 1fr));
          gap: 14px;
          padding: 16px 32px;
        }
      }
      /* Four columns where a tile still holds the longest words (1920 wide); three below. */
      @media (orientation: landscape) and (min-width: 1600px) {
        ul {
          grid-template-columns: repeat(4, minmax(0, 1fr));
        }
      }
      li {
        display: flex;
      }
      kiosk-service-tile {
        flex: 1;
        min-width: 0;
      }
    `,
  ];

  static override properties = {
    services: { attribute: false },
    loads: { attribute: false },
    language: {},
    disabled: { type: Boolean },
    more: { state: true },
  };

  /** The office's catalogue in its order. */
  declare services: readonly Service[];
  /** Live waiting counts and estimates. */
  declare loads: readonly ServiceLoad[];
  /** Language of the names. */
  declare language: Language;
  /** True while a ticket is being issued. */
  declare disabled: boolean;

  /** True while the last tile lies below the visible part of the list. */
  declare private more: boolean;

  constructor() {
    super();
    this.more = false;
    this.services = [];
    this.loads = [];
    this.language = 'tg';
    this.disabled = false;
  }

  private readonly resizeObserver = new ResizeObserver(() => this.checkMore());

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
  }

  protected override updated(): void {
    // The list's own size and every tile's (a language switch re-wraps the names) decide it.
    for (const el of this.renderRoot.querySelectorAll('ul, li')) this.resizeObserver.observe(el);
    this.checkMore();
  }

  /**
   * Whether the last tile is below what the list would show without the button: the button takes
   * its room from the list, so once the rest would fit in that room it goes (rather than stay
   * because of the room it takes itself).
   */
  private checkMore(): void {
    const list = this.renderRoot.querySelector('ul');
    const last = list?.lastElementChild;
    if (!list || !last) return;
    this.more = last.getBoundingClientRect().bottom > this.getBoundingClientRect().bottom + 1;
  }

  private readonly scrollDown = (): void => {
    const list = this.renderRoot.querySelector('ul');
    list?.scrollBy({ top: list.clientHeight * 0.8, behavior: 'smooth' });
  };

  override render() {
    // Open services first, in the office's order; the closed ones (not tappable) after them.
    const services = [
      ...this.services.filter((s) => s.open),
      ...this.services.filter((s) => !s.open),
    ];
    const dense = services.length > 12;
    return html`<ul
        aria-label=${translate(this.language, 'servicesHeading')}
        @scroll=${() => this.checkMore()}
      >
        ${services.map(
          (service) =>
            html`<li>
              <kiosk-service-tile
                .service=${service}
                .load=${this.loads.find((l) => l.code === service.code)}
                language=${this.language}
                ?disabled=${this.disabled}
                ?dense=${dense}
              ></kiosk-service-tile>
            </li>`,
        )}
      </ul>
      ${
        this.more
          ? html`<button
              type="button"
              class="more-button"
              data-testid="more-services"
              @click=${this.scrollDown}
            >
              <span aria-hidden="true">▼</span>${translate(this.language, 'kioskMoreServices')}
            </button>`
          : nothing
      }`;
  }
}

customElements.define('kiosk-home', KioskHome);

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-home': KioskHome;
  }
}
