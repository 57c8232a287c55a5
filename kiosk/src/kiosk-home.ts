/** The home screen's grid of service tiles, sized to fill the space it gets without scrolling. */
import { LitElement, css, html } from 'lit';
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
        display: flex;
        min-height: 0;
      }
      ul {
        flex: 1;
        min-height: 0;
        list-style: none;
        margin: 0;
        padding: 24px 40px;
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        grid-auto-rows: minmax(0, 1fr);
        gap: 18px;
      }
      @media (orientation: landscape) {
        ul {
          grid-template-columns: repeat(4, minmax(0, 1fr));
          gap: 14px;
          padding: 16px 32px;
        }
      }
      li {
        display: flex;
        min-height: 0;
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
  };

  /** The office's catalogue in its order. */
  declare services: readonly Service[];
  /** Live waiting counts and estimates. */
  declare loads: readonly ServiceLoad[];
  /** Language of the names. */
  declare language: Language;
  /** True while a ticket is being issued. */
  declare disabled: boolean;

  constructor() {
    super();
    this.services = [];
    this.loads = [];
    this.language = 'tg';
    this.disabled = false;
  }

  override render() {
    return html`<ul aria-label=${translate(this.language, 'servicesHeading')}>
      ${this.services.map(
        (service) =>
          html`<li>
            <kiosk-service-tile
              .service=${service}
              .load=${this.loads.find((l) => l.code === service.code)}
              language=${this.language}
              ?disabled=${this.disabled}
            ></kiosk-service-tile>
          </li>`,
      )}
    </ul>`;
  }
}

customElements.define('kiosk-home', KioskHome);

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-home': KioskHome;
  }
}
