/** The latest call, as large as the screen allows: "A014 → 3". Flashes when `flashKey` changes. */
import { LitElement, css, html, type PropertyValues } from 'lit';
import type { Language, Ticket } from '../../server/protocol';
import { translate } from '../../ui/i18n';
import { base } from '../../ui/theme';

const FLASH_MS = 900;
const FLASH_TIMES = 5;
const GLOW_OFF = '0 0 0 0 rgb(242 193 78 / 0%), 0 0 0 0 rgb(242 193 78 / 0%)';
const GLOW_ON = '0 0 0 1.2vh rgb(242 193 78 / 100%), 0 0 8vh 2vh rgb(242 193 78 / 60%)';

/** The ticket called last and its window. */
export class DisplayLatestCall extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
        color: #fff;
      }
      .card {
        height: 100%;
        display: grid;
        grid-template-columns: minmax(0, 1.7fr) auto minmax(0, 1fr);
        align-items: center;
        gap: 2vh;
        padding: 3vh 4vh;
        border-radius: 3vh;
        background: #13233a;
        border: 0.5vh solid #29476e;
      }
      .cell {
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 1vh;
        min-width: 0;
      }
      .label {
        font-size: 3.6vh;
        font-weight: 600;
        color: #c9d6e8;
        text-transform: uppercase;
        letter-spacing: 0.08em;
      }
      .value {
        font-size: 20vh;
        line-height: 1;
        font-weight: 800;
        white-space: nowrap;
      }
      .window .value {
        color: var(--nb-gold);
      }
      svg {
        width: 12vh;
        height: 12vh;
        margin-top: 5vh;
        color: var(--nb-gold);
      }
      .empty {
        grid-column: 1 / -1;
        text-align: center;
        font-size: 6vh;
        color: #c9d6e8;
      }
    `,
  ];

  static override properties = {
    ticket: { attribute: false },
    flashKey: { type: Number },
    language: {},
  };

  /** The latest called ticket, if any call happened today. */
  declare ticket: Ticket | undefined;
  /** Changes with every live call or recall; each change flashes the card. */
  declare flashKey: number;
  /** Language of the labels. */
  declare language: Language;

  constructor() {
    super();
    this.ticket = undefined;
    this.flashKey = 0;
    this.language = 'tg';
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('flashKey') && changed.get('flashKey') !== undefined && this.flashKey > 0) {
      this.flash();
    }
  }

  private flash(): void {
    const card = this.renderRoot.querySelector('.card');
    if (!card) return;
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    card.getAnimations().forEach((a) => a.cancel());
    // A gold glow that pulses around the card: readable from the far end of the hall.
    const rest = { backgroundColor: '#13233a', borderColor: '#29476e', boxShadow: GLOW_OFF };
    const lit = { backgroundColor: '#1d3b63', borderColor: '#f2c14e', boxShadow: GLOW_ON };
    card.animate([rest, lit, rest], {
      duration: FLASH_MS,
      iterations: reduced ? 1 : FLASH_TIMES,
      easing: 'ease-in-out',
    });
  }

  override render() {
    const lang = this.language;
    const ticket = this.ticket;
    if (!ticket) {
      return html`<div class="card"><p class="empty">${translate(lang, 'noCallsYet')}</p></div>`;
    }
    return html`<div class="card" data-testid="latest-call" data-flash=${this.flashKey}>
      <p class="sr-only">
        ${translate(lang, 'goToWindow', { ticket: ticket.number, window: ticket.counter ?? '' })}
      </p>
      <div class="cell" aria-hidden="true">
        <span class="label">${translate(lang, 'ticketLabel')}</span>
        <span class="value num" data-testid="latest-number">${ticket.number}</span>
      </div>
      <svg
        viewBox="0 0 24 24"
        aria-hidden="true"
        fill="none"
        stroke="currentColor"
        stroke-width="2.6"
        stroke-linecap="round"
        stroke-linejoin="round"
      >
        <path d="M4 12h15M13 5l7 7-7 7" />
      </svg>
      <div class="cell window" aria-hidden="true">
        <span class="label">${translate(lang, 'windowLabel')}</span>
        <span class="value num" data-testid="latest-counter">${ticket.counter ?? ''}</span>
      </div>
    </div>`;
  }
}

customElements.define('display-latest-call', DisplayLatestCall);

declare global {
  interface HTMLElementTagNameMap {
    'display-latest-call': DisplayLatestCall;
  }
}
