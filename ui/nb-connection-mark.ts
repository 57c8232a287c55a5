/** A discreet mark in a corner that appears when the live connection has been down for a moment. */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { base } from './theme';

const GRACE_MS = 2_500;

/** Shows `label` while `connected` is false (after a short grace period, so reconnects stay quiet). */
export class NbConnectionMark extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        position: fixed;
        right: 16px;
        bottom: 16px;
        z-index: 10;
        pointer-events: none;
      }
      .mark {
        display: inline-flex;
        align-items: center;
        gap: 10px;
        padding: 8px 14px;
        border-radius: 999px;
        background: #fff;
        color: var(--nb-danger, #a4001d);
        border: 2px solid currentColor;
        font-size: 16px;
        font-weight: 600;
        box-shadow: 0 2px 10px rgb(0 0 0 / 15%);
      }
      .dot {
        width: 12px;
        height: 12px;
        border-radius: 50%;
        background: currentColor;
        animation: blink 1.2s ease-in-out infinite;
      }
      @keyframes blink {
        50% {
          opacity: 0.25;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .dot {
          animation: none;
        }
      }
    `,
  ];

  static override properties = {
    connected: { type: Boolean },
    label: {},
    shown: { state: true },
  };

  declare private shown: boolean;
  /** Whether the live connection is up. */
  declare connected: boolean;
  /** The words of the mark, in the page's language. */
  declare label: string;
  private timer?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    this.connected = false;
    this.label = '';
    this.shown = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('connected')) return;
    clearTimeout(this.timer);
    if (this.connected) {
      this.shown = false;
    } else {
      this.timer = setTimeout(() => {
        this.shown = true;
      }, GRACE_MS);
    }
  }

  override render() {
    return html`<div role="status" data-testid="connection-mark">
      ${
        this.shown
          ? html`<span class="mark"
              ><span class="dot" aria-hidden="true"></span>${this.label}</span
            >`
          : nothing
      }
    </div>`;
  }
}

customElements.define('nb-connection-mark', NbConnectionMark);

declare global {
  interface HTMLElementTagNameMap {
    'nb-connection-mark': NbConnectionMark;
  }
}
