/** One service as a large touch tile: prefix, name, live waiting count; greyed when closed. */
import { LitElement, css, html, nothing } from 'lit';
import type { Language, Service, ServiceLoad } from '../../server/protocol';
import { closedReasonFor } from '../../server/protocol/closed-reason';
import { translate } from '../../ui/i18n';
import { base } from '../../ui/theme';

/** The smallest a service name is set when a long word does not fit its tile, in px. */
const MIN_NAME_PX = 18;

/** Detail of `kiosk-service-select`. */
export interface ServiceSelectDetail {
  service: string;
}

/** A tappable service; dispatches `kiosk-service-select` unless closed or disabled. */
export class KioskServiceTile extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      button {
        width: 100%;
        height: 100%;
        min-height: 120px;
        /* Rows grow to their content (the list scrolls instead); nothing may spill over a neighbour. */
        overflow: hidden;
        display: flex;
        align-items: center;
        gap: 24px;
        text-align: start;
        padding: 20px 26px;
        border: 2px solid var(--nb-border);
        border-radius: var(--nb-radius);
        background: var(--nb-surface);
        box-shadow: var(--nb-shadow);
        transition:
          transform 80ms ease,
          background-color 80ms ease;
        touch-action: manipulation;
      }
      .text {
        display: flex;
        flex-direction: column;
        gap: 12px;
        min-width: 0;
      }
      button:active:not(:disabled) {
        transform: scale(0.985);
        background: var(--nb-primary-soft);
        border-color: var(--nb-primary);
      }
      .prefix {
        flex: none;
        width: 80px;
        height: 80px;
        display: grid;
        place-items: center;
        border-radius: 18px;
        background: var(--nb-primary);
        color: var(--nb-primary-ink);
        font-size: 48px;
        font-weight: 800;
      }
      .name {
        font-size: 28px;
        line-height: 1.2;
        font-weight: 700;
        /* Whole words, or a hyphen where the language allows one (the name carries lang); a word
           wider than the tile is set smaller until it fits (fitName), never cut. */
        overflow-wrap: normal;
        word-break: normal;
        hyphens: auto;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 18px;
        font-size: 21px;
        color: var(--nb-muted);
        font-weight: 600;
      }
      .waiting {
        color: var(--nb-primary-strong);
      }
      button.off {
        background: #e4e7ec;
        border-color: #c3c9d2;
        box-shadow: none;
      }
      button.off .prefix {
        background: #8a94a3;
      }
      button.off .name {
        color: #3f4957;
      }
      @container (min-height: 1250px) {
        button {
          gap: 30px;
          padding: 24px 30px;
        }
        .prefix {
          width: 104px;
          height: 104px;
          font-size: 60px;
          border-radius: 22px;
        }
        .name {
          font-size: 31px;
        }
        .meta {
          font-size: 24px;
        }
      }
      @container (max-height: 760px) {
        button {
          gap: 18px;
          padding: 12px 18px;
        }
        .text {
          gap: 6px;
        }
        .prefix {
          width: 64px;
          height: 64px;
          font-size: 38px;
        }
        .name {
          font-size: 24px;
        }
        .meta {
          font-size: 19px;
        }
      }
      /* Many services (more than 12): smaller tiles, still large targets, so that more fit at once. */
      :host([dense]) button {
        min-height: 104px;
        gap: 16px;
        padding: 12px 16px;
      }
      :host([dense]) .text {
        gap: 6px;
      }
      :host([dense]) .prefix {
        width: 60px;
        height: 60px;
        font-size: 36px;
        border-radius: 14px;
      }
      :host([dense]) .name {
        font-size: 24px;
      }
      :host([dense]) .meta {
        font-size: 19px;
      }
      .closed {
        display: inline-block;
        max-width: 100%;
        padding: 2px 12px;
        border-radius: 12px;
        white-space: normal;
        hyphens: auto;
        background: #3f4957;
        color: #fff;
      }
    `,
  ];

  static override properties = {
    service: { attribute: false },
    load: { attribute: false },
    language: {},
    disabled: { type: Boolean },
    dense: { type: Boolean, reflect: true },
  };

  /** The service shown. */
  declare service: Service;
  /** Its live waiting count and estimate, once the socket has reported them. */
  declare load: ServiceLoad | undefined;
  /** Language of the texts. */
  declare language: Language;
  /** True while another ticket is being issued. */
  declare disabled: boolean;
  /** Smaller type and padding, for an office with many services. */
  declare dense: boolean;

  constructor() {
    super();
    this.load = undefined;
    this.language = 'tg';
    this.disabled = false;
    this.dense = false;
  }

  /** The tile's width decides whether its longest word fits. */
  private readonly resizeObserver = new ResizeObserver(() => this.fitName());

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
  }

  protected override updated(): void {
    this.fitName();
  }

  /**
   * Names wrap between words only (the browser has no Tajik hyphenation rules, and a word cut in
   * two misleads): a word wider than the tile sets the name smaller until it fits, down to
   * {@link MIN_NAME_PX}; only a word wider still is broken, never cut.
   */
  private fitName(): void {
    const name = this.renderRoot.querySelector<HTMLElement>('.name');
    if (!name) return;
    name.style.fontSize = '';
    name.style.overflowWrap = '';
    const wide = () => name.scrollWidth > name.clientWidth + 1;
    for (let size = parseFloat(getComputedStyle(name).fontSize); wide() && size > MIN_NAME_PX;) {
      size = Math.max(MIN_NAME_PX, size - 1);
      name.style.fontSize = `${size}px`;
    }
    if (wide()) name.style.overflowWrap = 'break-word';
  }

  private readonly onClick = (): void => {
    if (!this.service.open || this.disabled) return;
    this.dispatchEvent(
      new CustomEvent<ServiceSelectDetail>('kiosk-service-select', {
        detail: { service: this.service.code },
        bubbles: true,
        composed: true,
      }),
    );
  };

  private renderMeta() {
    const lang = this.language;
    if (!this.service.open) {
      const reason = closedReasonFor(this.service, lang);
      return html`<span class="closed" data-testid="closed-reason"
        >${reason ? translate(lang, 'kioskClosedBecause', { reason }) : translate(lang, 'serviceClosed')}</span
      >`;
    }
    if (!this.load) return nothing;
    return html`<span class="waiting num" data-testid="waiting-count"
        >${translate(lang, 'waitingCount', { n: this.load.waiting })}</span
      >${
        this.load.waiting > 0 && this.load.estimatedWaitMinutes > 0
          ? html`<span class="num"
              >${translate(lang, 'aboutMinutes', { n: this.load.estimatedWaitMinutes })}</span
            >`
          : nothing
      }`;
  }

  override render() {
    const closed = !this.service.open;
    return html`<button
      type="button"
      class=${closed ? 'off' : ''}
      data-testid=${`service-${this.service.code}`}
      ?disabled=${closed || this.disabled}
      @click=${this.onClick}
    >
      <span class="prefix" aria-hidden="true">${this.service.prefix}</span>
      <span class="text">
        <span class="name" lang=${this.language}>${this.service.names[this.language]}</span>
        <span class="meta">${this.renderMeta()}</span>
      </span>
    </button>`;
  }
}

customElements.define('kiosk-service-tile', KioskServiceTile);

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-service-tile': KioskServiceTile;
  }
  interface HTMLElementEventMap {
    'kiosk-service-select': CustomEvent<ServiceSelectDetail>;
  }
}
