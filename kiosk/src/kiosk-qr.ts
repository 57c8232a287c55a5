/** A QR code drawn as one SVG path (crisp on any screen, no canvas, no image request). */
import { LitElement, css, html, svg, type PropertyValues } from 'lit';
import QRCode from 'qrcode';

/** Shows `value` as a QR code of `size` pixels with a quiet zone. */
export class KioskQr extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
      line-height: 0;
    }
    svg {
      display: block;
      background: #fff;
      border-radius: 12px;
    }
  `;

  static override properties = {
    value: {},
    size: { type: Number },
    label: {},
  };

  /** The text encoded (the ticket page's address). */
  declare value: string;
  /** Width and height in CSS pixels. */
  declare size: number;
  /** Accessible description of the code. */
  declare label: string;

  private path = '';
  private modules = 0;

  constructor() {
    super();
    this.value = '';
    this.size = 220;
    this.label = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('value')) return;
    if (!this.value) {
      this.path = '';
      this.modules = 0;
      return;
    }
    const matrix = QRCode.create(this.value, { errorCorrectionLevel: 'M' }).modules;
    this.modules = matrix.size;
    let path = '';
    for (let row = 0; row < matrix.size; row++) {
      for (let col = 0; col < matrix.size; col++) {
        if (matrix.get(row, col)) path += `M${col} ${row}h1v1h-1z`;
      }
    }
    this.path = path;
  }

  override render() {
    if (!this.modules) return html``;
    const quiet = 4;
    const box = this.modules + quiet * 2;
    return html`<svg
      width=${this.size}
      height=${this.size}
      viewBox=${`${-quiet} ${-quiet} ${box} ${box}`}
      role="img"
      aria-label=${this.label}
      shape-rendering="crispEdges"
    >
      ${svg`<path d=${this.path} fill="#000" />`}
    </svg>`;
  }
}

customElements.define('kiosk-qr', KioskQr);

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-qr': KioskQr;
  }
}
