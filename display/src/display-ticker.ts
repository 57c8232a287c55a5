/** The office's ticker line at the foot of the screen; a line too long for it scrolls slowly. */
import { LitElement, css, html, type PropertyValues } from 'lit';
import { base } from '../../ui/theme';

const PIXELS_PER_SECOND = 90;

/** One line of text set by the office (`office.ticker`). */
export class DisplayTicker extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
        overflow: hidden;
        background: var(--nb-gold);
        color: #101820;
      }
      .track {
        display: flex;
        align-items: center;
        height: 100%;
        padding: 0 4vh;
        white-space: nowrap;
      }
      .label {
        flex: none;
        margin-inline-end: 2.4vh;
        padding: 0.4vh 1.4vh;
        border-radius: 0.8vh;
        background: #101820;
        color: var(--nb-gold);
        font-size: 2.4vh;
        font-weight: 800;
        text-transform: uppercase;
        letter-spacing: 0.06em;
      }
      .window {
        flex: 1;
        min-width: 0;
        overflow: hidden;
      }
      .text {
        display: inline-block;
        font-size: 3.4vh;
        font-weight: 700;
      }
      :host([scrolling]) .text {
        padding-inline-start: 100%;
        animation: scroll var(--duration, 20s) linear infinite;
      }
      @keyframes scroll {
        to {
          transform: translateX(-100%);
        }
      }
      @media (prefers-reduced-motion: reduce) {
        :host([scrolling]) .text {
          animation: none;
          padding-inline-start: 0;
        }
        .window {
          text-overflow: ellipsis;
        }
      }
    `,
  ];

  static override properties = {
    text: {},
    label: {},
    scrolling: { type: Boolean, reflect: true },
  };

  /** The ticker line. */
  declare text: string;
  /** What the line is ("Announcement"), in the page's language. */
  declare label: string;
  /** Set while the line is wider than the screen and scrolls. */
  declare scrolling: boolean;

  constructor() {
    super();
    this.text = '';
    this.label = '';
    this.scrolling = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('text')) return;
    const window = this.renderRoot.querySelector<HTMLElement>('.window');
    const content = this.renderRoot.querySelector<HTMLElement>('.content');
    if (!window || !content) return;
    const width = content.offsetWidth;
    this.scrolling = width > window.clientWidth;
    this.style.setProperty('--duration', `${Math.max(8, (width * 2) / PIXELS_PER_SECOND)}s`);
  }

  override render() {
    return html`<div class="track" role="marquee" aria-label=${this.label}>
      <span class="label" aria-hidden="true">${this.label}</span>
      <span class="window"
        ><span class="text"
          ><span class="content" data-testid="ticker">${this.text}</span></span
        ></span
      >
    </div>`;
  }
}

customElements.define('display-ticker', DisplayTicker);

declare global {
  interface HTMLElementTagNameMap {
    'display-ticker': DisplayTicker;
  }
}
