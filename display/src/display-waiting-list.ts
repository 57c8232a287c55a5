/** How many people wait for each service. */
import { LitElement, css, html } from 'lit';
import type { Language, Service, ServiceLoad } from '../../server/protocol';
import { translate } from '../../ui/i18n';
import { base } from '../../ui/theme';

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
        display: flex;
        flex-direction: column;
        gap: 0.9vh;
      }
      li {
        flex: 1 1 0;
        max-height: 9vh;
        min-height: 0;
        display: grid;
        grid-template-columns: 4.8vh minmax(0, 1fr) auto;
        align-items: center;
        gap: 1.8vh;
        padding: 0 2vh;
        border-radius: 1.4vh;
        background: #13233a;
      }
      .prefix {
        width: 4.8vh;
        height: 4.8vh;
        display: grid;
        place-items: center;
        border-radius: 1vh;
        background: var(--nb-primary);
        font-size: 3vh;
        font-weight: 800;
      }
      .name {
        font-size: 2.7vh;
        font-weight: 600;
        line-height: 1.15;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .count {
        min-width: 5vh;
        text-align: end;
        font-size: 4.2vh;
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
        font-size: 2.2vh;
        font-weight: 600;
        color: #c9d6e8;
        white-space: nowrap;
      }
    `,
  ];

  static override properties = {
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

  constructor() {
    super();
    this.services = [];
    this.loads = [];
    this.language = 'tg';
  }

  override render() {
    return html`<ul data-testid="waiting-list">
      ${this.services.map((s) => {
        const waiting = this.loads.find((l) => l.code === s.code)?.waiting ?? 0;
        return html`<li class=${s.open ? '' : 'closed'}>
          <span class="prefix" aria-hidden="true">${s.prefix}</span>
          <span class="name">${s.names[this.language]}</span>
          ${
            s.open
              ? html`<span
                  class="count num ${waiting === 0 ? 'zero' : ''}"
                  data-testid=${`waiting-${s.code}`}
                  >${waiting}</span
                >`
              : html`<span class="closed-note" data-testid=${`waiting-${s.code}`}
                  >${translate(this.language, 'displayServiceClosed')}</span
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
