/**
 * The console's banners above the window's work: the refusal to read and dismiss, the no-show that
 * can still be undone, kiosk printers that are offline, and a short note ("nobody is waiting").
 */
import { LitElement, css, html, nothing } from 'lit';
import type { Language, PrinterState } from '../../server/protocol';
import { LocalizeController, type MessageParams } from '../../ui/controllers/localize-controller';
import { emit } from '../../ui/emit';
import type { ShownError } from '../../ui/errors';
import { base } from '../../ui/theme';
import type { Info, UndoOffer } from './notice-controller';

const bannerStyles = css`
  :host {
    display: contents;
  }
  .banner {
    margin: 16px 24px 0;
    padding: 14px 18px;
    border-radius: 12px;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 16px;
    font-size: 17px;
    font-weight: 600;
  }
  .banner small {
    display: block;
    font-weight: 400;
    font-size: 14px;
    margin-top: 2px;
    color: var(--nb-ink);
  }
  .banner.error {
    background: var(--nb-danger-soft);
    color: var(--nb-danger);
    border: 2px solid var(--nb-danger);
  }
  .banner.info {
    background: var(--nb-warning-soft);
    color: #5c3d00;
    border: 2px solid #e0b04a;
  }
  .banner button {
    min-height: 40px;
    padding: 0 14px;
    border-radius: 8px;
    border: 1px solid currentColor;
    background: #fff;
    color: inherit;
    font-weight: 600;
  }
`;

/** The banners; dispatches `counter-dismiss-error` and `counter-undo-no-show`. */
export class CounterBanners extends LitElement {
  static override styles = [base, bannerStyles];

  static override properties = {
    language: {},
    error: { attribute: false },
    undo: { attribute: false },
    printers: { attribute: false },
    info: {},
    infoParams: { attribute: false },
  };

  private readonly l10n = new LocalizeController(this, () => this.language);

  /** Language of the texts. */
  declare language: Language;
  /** The refusal to show, if any. */
  declare error: ShownError | undefined;
  /** The no-show that can still be taken back. */
  declare undo: UndoOffer | undefined;
  /** The office's kiosk printers (the offline ones are shown). */
  declare printers: readonly PrinterState[];
  /** The note to show, if any. */
  declare info: Info | undefined;
  /** What {@link info} is filled in with. */
  declare infoParams: MessageParams | undefined;

  constructor() {
    super();
    this.language = 'tg';
    this.error = undefined;
    this.undo = undefined;
    this.printers = [];
    this.info = undefined;
    this.infoParams = undefined;
  }

  private readonly onDismiss = (): void => {
    emit(this, 'counter-dismiss-error');
  };

  private readonly onUndo = (): void => {
    emit(this, 'counter-undo-no-show');
  };

  private renderError() {
    const error = this.error;
    if (!error) return nothing;
    return html`<div class="banner error" role="alert" data-testid="error">
      <div>${this.l10n.t(error.key, error.params)}</div>
      <button type="button" @click=${this.onDismiss}>${this.l10n.t('dismiss')}</button>
    </div>`;
  }

  private renderUndo() {
    if (!this.undo) return nothing;
    return html`<div class="banner info" role="status" data-testid="undo">
      ${this.l10n.t('noShowDone', { number: this.undo.number })}
      <button type="button" data-testid="undo-no-show" @click=${this.onUndo}>
        ${this.l10n.t('undo')}
      </button>
    </div>`;
  }

  override render() {
    return html`${this.renderError()} ${this.renderUndo()}
    ${this.printers
      .filter((p) => p.status === 'offline')
      .map(
        (p) =>
          html`<div class="banner error" role="status" data-testid="printer-offline">
            ${this.l10n.t('printerOfflineClerk', { kiosk: p.kiosk })}
          </div>`,
      )}
    ${
      this.info
        ? html`<div class="banner info" role="status" data-testid="info">
            ${this.l10n.t(this.info, this.infoParams)}
          </div>`
        : nothing
    }`;
  }
}

customElements.define('counter-banners', CounterBanners);

declare global {
  interface HTMLElementTagNameMap {
    'counter-banners': CounterBanners;
  }
  interface HTMLElementEventMap {
    'counter-dismiss-error': CustomEvent<void>;
    'counter-undo-no-show': CustomEvent<void>;
  }
}
