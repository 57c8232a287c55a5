/**
 * The administration pages' root: sign-in (the counter console's session of this tab is reused), then
 * one tab per section. Owns the session; the sections get the office and token as a property.
 */
import { LitElement, html, nothing } from 'lit';
import type { Language } from '../../../server/protocol';
import { ErrorCode } from '../../../server/protocol/constants';
import { isOfficeUnknown, login, logout } from '../../../ui/api';
import { signInRefusalKey } from '../../../ui/errors';
import {
  DEFAULT_LANGUAGE,
  LANGUAGES,
  isLanguage,
  translate,
  type MessageKey,
} from '../../../ui/i18n/staff';
import { keepLanguageInAddress, officeNotice, readPageParams } from '../../../ui/page-params';
import { base, pageNoticeStyles, tokens } from '../../../ui/theme';
import { adminAppStyles } from './admin-app.styles';
import {
  loadLanguage,
  loadSession,
  saveLanguage,
  saveSession,
  type Session,
} from '../../src/session';
import type { AdminContext } from './admin-api';
import { SESSION_ENDED, formText } from './admin-tab';
import './admin-services';
import './admin-counters';
import './admin-staff';
import './admin-devices';
import './admin-settings';
import './admin-reports';
import './admin-audit';
import './admin-messages';
import './admin-bookings';
import { LocalizeController } from '../../../ui/controllers/localize-controller';
import { sayRefusalsIn } from '../../src/validity-words';

const TABS = [
  ['services', 'adminTabServices'],
  ['counters', 'adminTabCounters'],
  ['staff', 'adminTabStaff'],
  ['devices', 'adminTabDevices'],
  ['settings', 'adminTabSettings'],
  ['reports', 'adminTabReports'],
  ['audit', 'adminTabAudit'],
  ['messages', 'adminTabMessages'],
  ['bookings', 'adminBookings'],
] as const satisfies ReadonlyArray<readonly [string, MessageKey]>;
type Tab = (typeof TABS)[number][0];

/** The admin page's root element. */
export class AdminApp extends LitElement {
  static override styles = [tokens, base, adminAppStyles, pageNoticeStyles];

  static override properties = {
    session: { state: true },
    tab: { state: true },
    language: { state: true },
    loginError: { state: true },
    busy: { state: true },
    officeUnknown: { state: true },
  };

  private readonly l10n = new LocalizeController(this, () => this.language);

  private readonly params = readPageParams();
  declare private session: Session | undefined;
  declare private tab: Tab;
  declare private language: Language;
  declare private loginError: string;
  declare private busy: boolean;
  /** The server does not know the address's office (a typo): said instead of the sign-in. */
  declare private officeUnknown: boolean;

  constructor() {
    super();
    const office = this.params.office ?? 'kulob';
    const saved = loadSession(office);
    this.session = saved?.user.role === 'admin' ? saved : undefined;
    this.tab = tabFromHash() ?? 'services';
    this.language = this.params.language ?? loadLanguage() ?? DEFAULT_LANGUAGE;
    this.loginError = '';
    this.busy = false;
    this.officeUnknown = false;
    this.addEventListener(SESSION_ENDED, () => this.endSession('sessionExpired'));
  }

  /**
   * The section's context: the same object while the session's office and token stay, so that the
   * app's own re-renders (busy, language) do not look like a new context to the open section, which
   * would load its data again over what the administrator is doing.
   */
  private get context(): AdminContext | undefined {
    if (!this.session) return undefined;
    const { office, token } = this.session;
    if (this.sectionContext?.office !== office || this.sectionContext.token !== token) {
      this.sectionContext = { office, token };
    }
    return this.sectionContext;
  }
  private sectionContext: AdminContext | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void isOfficeUnknown(this.params.office).then((unknown) => (this.officeUnknown = unknown));
  }

  protected override firstUpdated(): void {
    // The sign-in form's refusals (an empty name) in the page's words.
    sayRefusalsIn(this.renderRoot, (key, params) => this.l10n.t(key, params));
  }

  protected override willUpdate(): void {
    document.documentElement.lang = this.language;
    document.title = `${this.l10n.t('appName')} — ${this.l10n.t('adminTitle')}`;
  }

  private readonly onLogin = (event: SubmitEvent): void => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    void this.signIn(formText(data, 'username'), formText(data, 'password'));
  };

  private async signIn(username: string, password: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.loginError = '';
    try {
      // The office goes along: a failed login of an unknown name is audited for its administrator.
      const result = await login({ username, password, office: this.params.office });
      if (result.user.role !== 'admin') {
        await logout(result.token).catch(() => undefined);
        this.loginError = this.l10n.t('adminNotAdmin');
        return;
      }
      const office = this.params.office ?? result.user.office ?? 'kulob';
      this.session = { ...result, office };
      saveSession(this.session);
    } catch (error) {
      // At sign-in, 401 means a wrong name or password (or a disabled account), not an ended session.
      this.loginError = this.l10n.t(signInRefusalKey(error));
    } finally {
      this.busy = false;
    }
  }

  private readonly onSignOut = (): void => {
    const token = this.session?.token;
    this.endSession();
    if (token) void logout(token).catch(() => undefined);
  };

  private endSession(reason?: MessageKey): void {
    this.session = undefined;
    saveSession(undefined);
    this.loginError = reason ? this.l10n.t(reason) : '';
  }

  private readonly onLanguage = (event: Event): void => {
    const value = (event.target as HTMLSelectElement).value;
    if (!isLanguage(value)) return;
    this.language = value;
    saveLanguage(value);
    keepLanguageInAddress(value);
  };

  private select(tab: Tab, focus = false): void {
    this.tab = tab;
    history.replaceState(null, '', `${location.pathname}${location.search}#${tab}`);
    if (focus) {
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus(),
      );
    }
  }

  /** Arrow keys, Home and End move between tabs (the WAI-ARIA tabs pattern). */
  private readonly onTabKey = (event: KeyboardEvent): void => {
    const i = TABS.findIndex(([id]) => id === this.tab);
    const last = TABS.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? (i + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (i + last) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    const target = next === undefined ? undefined : TABS[next];
    if (!target) return;
    event.preventDefault();
    this.select(target[0], true);
  };

  private renderLogin() {
    return html`<form class="login" @submit=${this.onLogin} aria-labelledby="login-h">
      <h2 id="login-h">${this.l10n.t('adminTitle')}</h2>
      <p>${this.l10n.t('adminSignInHint')}</p>
      ${this.loginError ? html`<p class="error" role="alert">${this.loginError}</p>` : nothing}
      <label
        >${this.l10n.t('adminUsername')}
        <input name="username" autocomplete="username" required autofocus
      /></label>
      <label
        >${this.l10n.t('adminPassword')}
        <input name="password" type="password" autocomplete="current-password" required
      /></label>
      <button type="submit" ?disabled=${this.busy}>${this.l10n.t('adminSignIn')}</button>
    </form>`;
  }

  private renderSection() {
    const c = this.context;
    const l = this.language;
    switch (this.tab) {
      case 'services':
        return html`<counter-admin-services .context=${c} .language=${l}></counter-admin-services>`;
      case 'counters':
        return html`<counter-admin-counters .context=${c} .language=${l}></counter-admin-counters>`;
      case 'staff':
        return html`<counter-admin-staff .context=${c} .language=${l}></counter-admin-staff>`;
      case 'devices':
        return html`<counter-admin-devices .context=${c} .language=${l}></counter-admin-devices>`;
      case 'settings':
        return html`<counter-admin-settings .context=${c} .language=${l}></counter-admin-settings>`;
      case 'reports':
        return html`<counter-admin-reports .context=${c} .language=${l}></counter-admin-reports>`;
      case 'audit':
        return html`<counter-admin-audit .context=${c} .language=${l}></counter-admin-audit>`;
      case 'messages':
        return html`<counter-admin-messages .context=${c} .language=${l}></counter-admin-messages>`;
      case 'bookings':
        return html`<counter-admin-bookings .context=${c} .language=${l}></counter-admin-bookings>`;
    }
  }

  override render() {
    if (this.officeUnknown) {
      const notice = officeNotice(this.language, this.params.office, ErrorCode.notFound);
      return html`<main>
        <p class="page-notice" role="alert" data-testid="page-notice">${notice}</p>
      </main>`;
    }
    return html`
      <header>
        <h1>${this.l10n.t('appName')} · ${this.l10n.t('adminTitle')}</h1>
        <span class="spacer"></span>
        <label
          ><span class="sr-only">${this.l10n.t('languageLabel')}</span>
          <select @change=${this.onLanguage} aria-label=${this.l10n.t('languageLabel')}>
            ${LANGUAGES.map(
              (l) =>
                html`<option value=${l} ?selected=${l === this.language}>
                  ${translate(l, 'languageName')}
                </option>`,
            )}
          </select></label
        >
        ${
          this.session
            ? html`<span>${this.session.user.name}</span>
                <button type="button" @click=${this.onSignOut}>
                  ${this.l10n.t('adminSignOut')}
                </button>`
            : nothing
        }
      </header>
      ${
        this.session
          ? html`<nav
                role="tablist"
                aria-label=${this.l10n.t('adminSections')}
                @keydown=${this.onTabKey}
              >
                ${TABS.map(
                  ([id, key]) =>
                    html`<button
                      role="tab"
                      id="tab-${id}"
                      aria-selected=${id === this.tab ? 'true' : 'false'}
                      aria-controls="panel"
                      tabindex=${id === this.tab ? 0 : -1}
                      @click=${() => this.select(id)}
                    >
                      ${this.l10n.t(key)}
                    </button>`,
                )}
              </nav>
              <main id="panel" role="tabpanel" aria-labelledby="tab-${this.tab}">
                ${this.renderSection()}
              </main>`
          : html`<main>${this.renderLogin()}</main>`
      }
    `;
  }
}

function tabFromHash(): Tab | undefined {
  const id = location.hash.slice(1);
  return TABS.find(([t]) => t === id)?.[0];
}

customElements.define('counter-admin-app', AdminApp);

declare global {
  interface HTMLElementTagNameMap {
    'counter-admin-app': AdminApp;
  }
}
