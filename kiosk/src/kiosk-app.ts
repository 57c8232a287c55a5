/** The ticket kiosk: service tiles in the chosen language, then the issued ticket, then home again. */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { Language, Service } from '../../server/protocol';
import { Namespace } from '../../server/protocol/events';
import {
  ApiError,
  NETWORK_ERROR,
  fetchServices,
  issueTicket,
  newIdempotencyKey,
  type IssuedTicket,
} from '../../ui/api';
import { toShownError, type ShownError } from '../../ui/errors';
import { DEFAULT_LANGUAGE, translate, type MessageKey } from '../../ui/i18n';
import { IdleController } from '../../ui/idle-controller';
import { readPageParams } from '../../ui/page-params';
import { QueueController } from '../../ui/queue-controller';
import { base, tokens } from '../../ui/theme';
import '../../ui/nb-connection-mark';
import '../../ui/nb-language-switch';
import type { LanguageChangeDetail } from '../../ui/nb-language-switch';
import './kiosk-service-tile';
import type { ServiceSelectDetail } from './kiosk-service-tile';
import './kiosk-ticket-view';

/** Back to the start after this long without a touch. */
const IDLE_MS = 20_000;
/** The service list is re-read this often (an admin may add or close one). */
const SERVICES_REFRESH_MS = 60_000;
const SERVICES_RETRY_MS = 10_000;
const ERROR_SHOWN_MS = 10_000;
/** Retries of one tap when the network fails; the same idempotency key makes them safe. */
const ISSUE_RETRIES = 2;

/** The kiosk page's root element. */
export class KioskApp extends LitElement {
  static override styles = [
    tokens,
    base,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 100vh;
        background: var(--nb-bg);
        user-select: none;
        -webkit-user-select: none;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 20px 32px;
        padding: 24px 40px;
        background: var(--nb-primary);
        color: var(--nb-primary-ink);
      }
      .brand {
        margin: 0 0 6px;
        font-size: 20px;
        font-weight: 700;
        letter-spacing: 0.16em;
        text-transform: uppercase;
        opacity: 0.9;
      }
      h1 {
        margin: 0;
        font-size: 42px;
        line-height: 1.1;
      }
      .hint {
        margin: 8px 0 0;
        font-size: 24px;
        opacity: 0.92;
      }
      @media (max-height: 900px) {
        header {
          flex-wrap: nowrap;
          padding: 16px 40px;
        }
        .brand,
        .hint {
          display: none;
        }
        h1 {
          font-size: 34px;
        }
        nb-language-switch {
          --nb-switch-min-width: 0;
          --nb-switch-font-size: 20px;
          --nb-switch-padding: 0 18px;
          flex: none;
        }
        .tiles {
          padding: 20px 40px 24px;
          gap: 14px;
        }
      }
      main {
        flex: 1;
        display: flex;
        flex-direction: column;
      }
      .tiles {
        flex: 1;
        list-style: none;
        margin: 0;
        padding: 28px 40px 40px;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(360px, 100%), 1fr));
        grid-auto-rows: minmax(120px, 1fr);
        gap: 20px;
      }
      .tiles li {
        display: flex;
      }
      .tiles kiosk-service-tile {
        flex: 1;
      }
      .notice {
        margin: 48px 40px;
        font-size: 30px;
        text-align: center;
        color: var(--nb-muted);
      }
      .error {
        margin: 24px 40px 0;
        padding: 20px 26px;
        border-radius: var(--nb-radius);
        background: var(--nb-danger-soft);
        color: var(--nb-danger);
        border: 2px solid var(--nb-danger);
        font-size: 26px;
        font-weight: 700;
        display: flex;
        gap: 20px;
        align-items: center;
        justify-content: space-between;
      }
      .error small {
        display: block;
        font-size: 18px;
        font-weight: 500;
        color: var(--nb-ink);
        margin-top: 4px;
      }
      .error button {
        min-height: 64px;
        min-width: 140px;
        border-radius: 999px;
        border: 2px solid var(--nb-danger);
        background: #fff;
        color: var(--nb-danger);
        font-size: 22px;
        font-weight: 700;
      }
      .busy {
        position: fixed;
        inset: 0;
        display: grid;
        place-items: center;
        background: rgb(15 27 45 / 55%);
        z-index: 5;
      }
      .busy p {
        margin: 0;
        padding: 36px 56px;
        border-radius: 24px;
        background: #fff;
        font-size: 34px;
        font-weight: 700;
      }
      nb-language-switch {
        --nb-switch-active-ink: var(--nb-primary);
      }
    `,
  ];

  static override properties = {
    language: { state: true },
    services: { state: true },
    servicesError: { state: true },
    issuing: { state: true },
    issued: { state: true },
    error: { state: true },
  };

  private readonly params = readPageParams();
  private readonly queue = new QueueController(
    this,
    this.params.office
      ? { namespace: Namespace.kiosk, auth: { office: this.params.office } }
      : undefined,
  );
  private readonly idle = new IdleController(this, IDLE_MS, () => this.reset());

  declare private language: Language;
  declare private services: Service[] | undefined;
  declare private servicesError: ShownError | undefined;
  declare private issuing: boolean;
  declare private issued: IssuedTicket | undefined;
  declare private error: ShownError | undefined;
  private refreshTimer?: ReturnType<typeof setTimeout>;
  private errorTimer?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    this.language = this.params.language ?? DEFAULT_LANGUAGE;
    this.services = undefined;
    this.servicesError = undefined;
    this.issuing = false;
    this.issued = undefined;
    this.error = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadServices();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.refreshTimer);
    clearTimeout(this.errorTimer);
  }

  protected override willUpdate(changed: PropertyValues): void {
    // A service the socket reports but the list lacks was just added: read the list again.
    const loads = this.queue.state.services;
    if (this.services && loads.some((l) => !this.services?.some((s) => s.code === l.code))) {
      clearTimeout(this.refreshTimer);
      this.refreshTimer = setTimeout(() => void this.loadServices(), 0);
    }
    if (changed.has('language')) {
      document.documentElement.lang = this.language;
      document.title = `${translate(this.language, 'appName')} — ${translate(this.language, 'kioskTitle')}`;
    }
  }

  private async loadServices(): Promise<void> {
    clearTimeout(this.refreshTimer);
    const office = this.params.office;
    if (!office) return;
    let delay = SERVICES_REFRESH_MS;
    try {
      this.services = await fetchServices(office);
      this.servicesError = undefined;
    } catch (error) {
      this.servicesError = toShownError(error);
      delay = SERVICES_RETRY_MS;
    }
    this.refreshTimer = setTimeout(() => void this.loadServices(), delay);
  }

  private readonly onLanguageChange = (event: CustomEvent<LanguageChangeDetail>): void => {
    this.language = event.detail.language;
    // A citizen who switched language and walked away leaves the next one a Tajik kiosk.
    if (this.language !== DEFAULT_LANGUAGE) this.idle.arm();
  };

  private readonly onServiceSelect = (event: CustomEvent<ServiceSelectDetail>): void => {
    void this.issue(event.detail.service);
  };

  private async issue(service: string): Promise<void> {
    const office = this.params.office;
    if (this.issuing || !office) return;
    this.issuing = true;
    this.dismissError();
    // One key per tap: a retry after a lost answer returns the ticket already issued.
    const key = newIdempotencyKey();
    const body = {
      service,
      language: this.language,
      ...(this.params.kiosk ? { kiosk: this.params.kiosk } : {}),
    };
    try {
      this.issued = await withRetries(() => issueTicket(office, body, key), ISSUE_RETRIES);
      this.idle.arm();
    } catch (error) {
      this.showError(toShownError(error));
    } finally {
      this.issuing = false;
    }
  }

  private readonly onDone = (): void => {
    this.reset();
  };

  private showError(error: ShownError): void {
    this.error = error;
    clearTimeout(this.errorTimer);
    this.errorTimer = setTimeout(() => this.dismissError(), ERROR_SHOWN_MS);
  }

  private readonly dismissError = (): void => {
    clearTimeout(this.errorTimer);
    this.error = undefined;
  };

  /** Back to the start in the default language. */
  reset(): void {
    this.idle.disarm();
    this.issued = undefined;
    this.language = this.params.language ?? DEFAULT_LANGUAGE;
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.language, key, params);
  }

  private renderError(error: ShownError, title: MessageKey) {
    return html`<div class="error" role="alert" data-testid="kiosk-error">
      <div>
        ${this.t(title)}
        <small>${this.t(error.key)}</small>
      </div>
      <button type="button" @click=${this.dismissError}>${this.t('dismiss')}</button>
    </div>`;
  }

  private renderTiles() {
    if (!this.services) {
      return this.servicesError
        ? html`<p class="notice" role="alert">${this.t(this.servicesError.key)}</p>`
        : html`<p class="notice">${this.t('loading')}</p>`;
    }
    if (this.services.length === 0) return html`<p class="notice">${this.t('noServices')}</p>`;
    const loads = this.queue.state.ready ? this.queue.state.services : [];
    return html`<ul class="tiles" aria-label=${this.t('servicesHeading')}>
      ${this.services.map(
        (service) =>
          html`<li>
            <kiosk-service-tile
              .service=${service}
              .load=${loads.find((l) => l.code === service.code)}
              language=${this.language}
              ?disabled=${this.issuing}
              @kiosk-service-select=${this.onServiceSelect}
            ></kiosk-service-tile>
          </li>`,
      )}
    </ul>`;
  }

  private renderHome() {
    return html`<header>
        <div>
          <p class="brand">${this.t('appName')}</p>
          <h1>${this.t('kioskTitle')}</h1>
          <p class="hint">${this.t('kioskHint')}</p>
        </div>
        <nb-language-switch
          language=${this.language}
          label=${this.t('languageLabel')}
          @nb-language-change=${this.onLanguageChange}
        ></nb-language-switch>
      </header>
      <main>
        ${this.error ? this.renderError(this.error, 'issueFailed') : nothing} ${this.renderTiles()}
      </main>
      ${
        this.issuing
          ? html`<div class="busy" role="status"><p>${this.t('issuing')}</p></div>`
          : nothing
      }`;
  }

  override render() {
    if (!this.params.office) {
      return html`<main><p class="notice" role="alert">${this.t('missingOffice')}</p></main>`;
    }
    const issued = this.issued;
    const service = issued && this.services?.find((s) => s.code === issued.ticket.service);
    return html`${
        issued
          ? html`<main>
              <kiosk-ticket-view
                .ticket=${issued.ticket}
                .serviceName=${service ? service.names[this.language] : issued.ticket.service}
                .printStatus=${issued.print.status}
                language=${this.language}
                @kiosk-done=${this.onDone}
              ></kiosk-ticket-view>
            </main>`
          : this.renderHome()
      }
      <nb-connection-mark
        ?connected=${this.queue.state.connected}
        label=${this.t('connectionLost')}
      ></nb-connection-mark>`;
  }
}

/** Runs `command`, repeating it up to `retries` times while the network fails. */
async function withRetries<T>(command: () => Promise<T>, retries: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await command();
    } catch (error) {
      const network = error instanceof ApiError && error.code === NETWORK_ERROR;
      if (!network || attempt >= retries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 600 * (attempt + 1)));
    }
  }
}

customElements.define('kiosk-app', KioskApp);

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-app': KioskApp;
  }
}
