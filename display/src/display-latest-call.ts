/**
 * The latest call, as large as the screen allows: "A014 → 3", and below it the same call in words in
 * two languages (for whoever cannot hear the announcement). Flashes when `flashKey` changes; while it
 * flashes the card carries `data-flashing`.
 */
import { LitElement, css, html, type PropertyValues } from 'lit';
import type { Language, Ticket } from '../../server/protocol';
import { translate } from '../../ui/i18n';
import { base } from '../../ui/theme';

const FLASH_MS = 900;
const FLASH_TIMES = 5;
const FLASH_TOTAL_MS = FLASH_MS * FLASH_TIMES;
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
        grid-template-rows: minmax(0, 1fr) auto;
        align-items: center;
        column-gap: 2vh;
        padding: 2.4vh 4vh 2vh;
        border-radius: 3vh;
        background: #13233a;
        border: 0.5vh solid #29476e;
      }
      .cell {
        /* The number's size follows the cell's width too: "A014" never runs into the arrow. */
        container-type: inline-size;
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
        font-size: min(18vh, 36cqw);
        line-height: 1;
        font-weight: 800;
        white-space: nowrap;
      }
      .window .value {
        color: var(--nb-gold);
      }
      svg {
        width: 11vh;
        height: 11vh;
        margin-top: 5vh;
        color: var(--nb-gold);
      }
      .words {
        grid-column: 1 / -1;
        margin: 1vh 0 0;
        padding-top: 1.4vh;
        border-top: 0.3vh solid #29476e;
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 0.4vh;
        font-size: 3vh;
        font-weight: 600;
        line-height: 1.25;
        text-align: center;
      }
      .words span + span {
        color: #d5dee9;
      }
      .empty {
        grid-column: 1 / -1;
        grid-row: 1 / -1;
        text-align: center;
        font-size: 6vh;
        color: #c9d6e8;
      }
    `,
  ];

  static override properties = {
    flashing: { state: true },
    ticket: { attribute: false },
    anyCalls: { type: Boolean },
    flashKey: { type: Number },
    language: {},
    secondLanguage: {},
  };

  declare private flashing: boolean;

  /** The call the hall reads now; none when no call is still true. */
  declare ticket: Ticket | undefined;
  /** Whether any call happened today (nothing current then says "wait", not "no calls yet"). */
  declare anyCalls: boolean;
  /** Changes with every live call or recall; each change flashes the card. */
  declare flashKey: number;
  /** Language of the labels. */
  declare language: Language;
  /** The other language the call is written in (Russian next to Tajik). */
  declare secondLanguage: Language | undefined;
  private flashTimer?: ReturnType<typeof setTimeout>;
  private animatePending = false;

  constructor() {
    super();
    this.ticket = undefined;
    this.anyCalls = false;
    this.flashKey = 0;
    this.language = 'tg';
    this.secondLanguage = undefined;
    this.flashing = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.flashTimer);
  }

  protected override willUpdate(changed: PropertyValues): void {
    // The first value is the page's starting point, not a call.
    if (changed.has('flashKey') && changed.get('flashKey') !== undefined && this.flashKey > 0) {
      this.flashing = true;
      this.animatePending = true;
      clearTimeout(this.flashTimer);
      this.flashTimer = setTimeout(() => {
        this.flashing = false;
      }, FLASH_TOTAL_MS);
    }
  }

  protected override updated(): void {
    if (!this.animatePending) return;
    this.animatePending = false;
    this.animateCard();
  }

  private animateCard(): void {
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
      const key = this.anyCalls ? 'displayNoCurrentCall' : 'noCallsYet';
      return html`<div class="card" data-testid="latest-call">
        <p class="empty" data-testid="latest-empty">${translate(lang, key)}</p>
      </div>`;
    }
    const window = ticket.counter ?? '';
    const languages =
      this.secondLanguage && this.secondLanguage !== lang ? [lang, this.secondLanguage] : [lang];
    return html`<div
      class="card"
      data-testid="latest-call"
      data-flash=${this.flashKey}
      ?data-flashing=${this.flashing}
    >
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
        <span class="value num" data-testid="latest-counter">${window}</span>
      </div>
      <p class="words" data-testid="latest-words">
        ${languages.map(
          (l) =>
            html`<span lang=${l}
              >${translate(l, 'goToWindow', { ticket: ticket.number, window })}</span
            >`,
        )}
      </p>
    </div>`;
  }
}

customElements.define('display-latest-call', DisplayLatestCall);

declare global {
  interface HTMLElementTagNameMap {
    'display-latest-call': DisplayLatestCall;
  }
}
