/**
 * The console's header bar: the app's name, the window worked at, the administration link, the
 * window change, the language and who is signed in.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { Language, Role } from '../../server/protocol';
import { LocalizeController } from '../../ui/controllers/localize-controller';
import { emit } from '../../ui/emit';
import { LANGUAGES, isLanguage, translate } from '../../ui/i18n/staff';
import { base } from '../../ui/theme';

/** Detail of `counter-language`. */
export interface LanguageDetail {
  language: Language;
}

const headerStyles = css`
  :host {
    display: contents;
  }
  header {
    display: flex;
    align-items: center;
    gap: 16px;
    padding: 0 24px;
    min-height: 64px;
    background: var(--nb-primary);
    color: var(--nb-primary-ink);
  }
  .brand {
    margin: 0;
    font-size: 20px;
    font-weight: 800;
    letter-spacing: 0.12em;
    text-transform: uppercase;
  }
  .window {
    padding: 6px 14px;
    border-radius: 999px;
    background: rgb(255 255 255 / 16%);
    font-weight: 700;
    font-size: 17px;
  }
  .spacer {
    flex: 1;
  }
  .user {
    font-weight: 600;
  }
  header button,
  header select {
    min-height: 40px;
    padding: 0 14px;
    border-radius: 8px;
    border: 1px solid rgb(255 255 255 / 60%);
    background: transparent;
    color: #fff;
    font-size: 15px;
    font-weight: 600;
  }
  header select option {
    color: var(--nb-ink);
  }
  header button:hover {
    background: rgb(255 255 255 / 12%);
  }
  header a {
    color: #fff;
    font-weight: 600;
  }
  @media print {
    header {
      display: none;
    }
  }
`;

/**
 * The header bar; dispatches `counter-change-window`, `counter-sign-out` and `counter-language`.
 */
export class CounterHeader extends LitElement {
  static override styles = [base, headerStyles];

  static override properties = {
    language: {},
    office: {},
    user: { attribute: false },
    window: {},
  };

  private readonly l10n = new LocalizeController(this, () => this.language);

  /** Language of the texts. */
  declare language: Language;
  /** The office (for the administration link). */
  declare office: string;
  /** Who is signed in (undefined: nobody). */
  declare user: { name: string; role: Role } | undefined;
  /** The window worked at, shown with the "change window" button (undefined: none). */
  declare window: string | undefined;

  constructor() {
    super();
    this.language = 'tg';
    this.office = '';
    this.user = undefined;
    this.window = undefined;
  }

  private readonly onChangeWindow = (): void => {
    emit(this, 'counter-change-window');
  };

  private readonly onSignOut = (): void => {
    emit(this, 'counter-sign-out');
  };

  private readonly onLanguageChange = (event: Event): void => {
    const value = (event.target as HTMLSelectElement).value;
    if (isLanguage(value)) emit(this, 'counter-language', { language: value });
  };

  private renderWindow() {
    if (this.window === undefined) return nothing;
    return html`<span class="window" data-testid="window-label"
      >${this.l10n.t('windowN', { n: this.window })}</span
    >`;
  }

  private renderLinks() {
    const admin =
      this.user?.role === 'admin'
        ? html`<a
            href=${`/counter/admin/?office=${encodeURIComponent(this.office)}`}
            data-testid="admin-link"
            >${this.l10n.t('administration')}</a
          >`
        : nothing;
    const change =
      this.window !== undefined
        ? html`<button type="button" @click=${this.onChangeWindow}>
            ${this.l10n.t('changeWindow')}
          </button>`
        : nothing;
    return html`${admin} ${change}`;
  }

  private renderUser() {
    if (!this.user) return nothing;
    return html`<span class="user">${this.user.name}</span>
      <button type="button" data-testid="sign-out" @click=${this.onSignOut}>
        ${this.l10n.t('signOut')}
      </button>`;
  }

  override render() {
    return html`<header>
      <p class="brand">${this.l10n.t('appName')}</p>
      ${this.renderWindow()}
      <span class="spacer"></span>
      ${this.renderLinks()}
      <label>
        <span class="sr-only">${this.l10n.t('languageLabel')}</span>
        <select @change=${this.onLanguageChange}>
          ${LANGUAGES.map(
            (l) =>
              html`<option value=${l} lang=${l} ?selected=${l === this.language}>
                ${translate(l, 'languageName')}
              </option>`,
          )}
        </select>
      </label>
      ${this.renderUser()}
    </header>`;
  }
}

customElements.define('counter-header', CounterHeader);

declare global {
  interface HTMLElementTagNameMap {
    'counter-header': CounterHeader;
  }
  interface HTMLElementEventMap {
    'counter-change-window': CustomEvent<void>;
    'counter-sign-out': CustomEvent<void>;
    'counter-language': CustomEvent<LanguageDetail>;
  }
}
