/**
 * The ticket kiosk: service tiles in the chosen language → (priority) → the issued ticket → home again.
 * "I already have a case" goes through a keypad for the case number to a pickup ticket linked to it.
 * Everything it shows of the office comes from the live store (catalogue, loads, printers, settings).
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { IssueTicket, Language, OfficeInfo, Service } from '../../server/protocol';
import { isOpenAt, nextOpening, WEEKDAYS } from '../../server/protocol/opening-hours';
import { Namespace } from '../../server/protocol/events';
import {
  ApiError,
  NETWORK_ERROR,
  issueTicket,
  newIdempotencyKey,
  type IssuedTicket,
} from '../../ui/api';
import { toShownError, type ShownError } from '../../ui/errors';
import { DEFAULT_LANGUAGE, translate, type MessageKey } from '../../ui/i18n';
import { readDeviceToken } from '../../ui/device-token';
import { readPageParams } from '../../ui/page-params';
import { QueueController } from '../../ui/queue-controller';
import '../../ui/nb-language-switch';
import type { LanguageChangeDetail } from '../../ui/nb-language-switch';
import { appStyles } from './kiosk-app-styles';
import './kiosk-case-keypad';
import type { CaseSubmitDetail } from './kiosk-case-keypad';
import './kiosk-home';
import { icon } from './kiosk-icons';
import { KioskIdleController } from './kiosk-idle-controller';
import './kiosk-priority-step';
import { NO_PRIORITY, type PrioritySelectDetail } from './kiosk-priority-step';
import type { ServiceSelectDetail } from './kiosk-service-tile';
import './kiosk-ticket-view';

/** The service a ticket for an existing case is issued for. */
export const PICKUP_SERVICE = 'pickup';
/** Idle time until the office's setting has arrived. */
const DEFAULT_IDLE_SECONDS = 30;
/** A kiosk that never connected shows the "please wait" screen after this long. */
const OFFLINE_GRACE_MS = 3_000;
/** Automatic retries of one tap while the network fails; the same idempotency key makes them safe. */
const ISSUE_RETRIES = 2;

/** Where the citizen is. */
type Step =
  | { kind: 'home' }
  | { kind: 'priority'; service?: string }
  | { kind: 'case'; priority: string }
  | { kind: 'ticket'; issued: IssuedTicket };

/** One tap's intent: the request and the key that makes every retry of it one ticket. */
interface Intent {
  body: IssueTicket;
  key: string;
}

/** A request that failed; `retry` when it may be sent again as it is. */
interface Failure {
  message: MessageKey;
  error: ShownError;
  retry: boolean;
}

/** The kiosk page's root element. */
export class KioskApp extends LitElement {
  static override styles = appStyles;

  static override properties = {
    language: { state: true },
    lowReach: { state: true },
    step: { state: true },
    issuing: { state: true },
    failure: { state: true },
    caseNotFound: { state: true },
    graceOver: { state: true },
    minute: { state: true },
  };

  private readonly params = readPageParams();
  private readonly device = readDeviceToken(this.params.office);
  private readonly idleOverride = readIdleOverride();
  private readonly queue = new QueueController(
    this,
    this.params.office
      ? {
          namespace: Namespace.kiosk,
          auth: { office: this.params.office, ...(this.device ? { device: this.device } : {}) },
        }
      : undefined,
  );
  private readonly idle = new KioskIdleController(
    this,
    () =>
      (this.idleOverride ?? this.queue.state.office?.kioskIdleSeconds ?? DEFAULT_IDLE_SECONDS) *
      1000,
    () => this.reset(),
  );

  declare private language: Language;
  declare private lowReach: boolean;
  declare private step: Step;
  declare private issuing: boolean;
  declare private failure: Failure | undefined;
  declare private caseNotFound: string | undefined;
  declare private graceOver: boolean;
  /** Ticks twice a minute, so opening and closing time show without a touch. */
  declare private minute: number;
  private minuteTimer?: ReturnType<typeof setInterval>;
  private intent?: Intent;
  private everConnected = false;
  private graceTimer?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    this.language = this.params.language ?? DEFAULT_LANGUAGE;
    this.lowReach = false;
    this.step = { kind: 'home' };
    this.issuing = false;
    this.failure = undefined;
    this.caseNotFound = undefined;
    this.graceOver = false;
    this.minute = Date.now();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.graceTimer = setTimeout(() => (this.graceOver = true), OFFLINE_GRACE_MS);
    this.minuteTimer = setInterval(() => (this.minute = Date.now()), 30_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.graceTimer);
    clearInterval(this.minuteTimer);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (this.queue.state.connected) this.everConnected = true;
    if (changed.has('language')) {
      document.documentElement.lang = this.language;
      document.title = `${this.t('appName')} — ${this.t('kioskTitle')}`;
    }
  }

  protected override updated(changed: PropertyValues): void {
    const atRest =
      this.step.kind === 'home' &&
      this.language === this.defaultLanguage &&
      !this.lowReach &&
      !this.failure;
    this.idle.sync(!atRest);
    // A new screen gives the citizen the full time again.
    if (changed.has('step')) this.idle.restartIfArmed();
  }

  private get defaultLanguage(): Language {
    return this.params.language ?? DEFAULT_LANGUAGE;
  }

  /** The priority categories the kiosk asks about: none where the office lets the clerk ask. */
  private get priorities() {
    const office = this.queue.state.office;
    return office?.priorityByClerk ? [] : (office?.priorities ?? []);
  }

  private get catalog(): readonly Service[] {
    return this.queue.state.catalog;
  }

  private get printerOffline(): boolean {
    const printer = this.queue.state.printers.find((p) => p.kiosk === this.params.kiosk);
    return printer?.status === 'offline';
  }

  private get offline(): boolean {
    if (!this.params.office || this.queue.state.connected) return false;
    return this.everConnected || this.graceOver;
  }

  private readonly onLanguageChange = (event: CustomEvent<LanguageChangeDetail>): void => {
    this.language = event.detail.language;
  };

  private readonly onLowReach = (): void => {
    this.lowReach = !this.lowReach;
  };

  private readonly onServiceSelect = (event: CustomEvent<ServiceSelectDetail>): void => {
    if (this.issuing || this.step.kind !== 'home') return;
    this.failure = undefined;
    const service = event.detail.service;
    if (this.priorities.length > 0) this.step = { kind: 'priority', service };
    else this.issue({ service });
  };

  private readonly onHaveCase = (): void => {
    if (this.issuing || this.step.kind !== 'home') return;
    this.failure = undefined;
    this.caseNotFound = undefined;
    this.step =
      this.priorities.length > 0 ? { kind: 'priority' } : { kind: 'case', priority: NO_PRIORITY };
  };

  private readonly onPrioritySelect = (event: CustomEvent<PrioritySelectDetail>): void => {
    const step = this.step;
    if (this.issuing || step.kind !== 'priority') return;
    const priority = event.detail.priority;
    if (step.service === undefined) this.step = { kind: 'case', priority };
    else this.issue({ service: step.service, priority });
  };

  private readonly onCaseSubmit = (event: CustomEvent<CaseSubmitDetail>): void => {
    const step = this.step;
    if (this.issuing || step.kind !== 'case') return;
    this.caseNotFound = undefined;
    this.issue({
      service: PICKUP_SERVICE,
      caseNumber: event.detail.caseNumber,
      pickupCode: event.detail.pickupCode,
      priority: step.priority,
    });
  };

  private readonly onBack = (): void => {
    if (this.issuing) return;
    this.failure = undefined;
    this.step = { kind: 'home' };
  };

  private readonly onRetry = (): void => {
    void this.send();
  };

  private readonly onDone = (): void => {
    this.reset();
  };

  private readonly onDismiss = (): void => {
    this.failure = undefined;
  };

  /** A new intent: one idempotency key for this tap, kept by every retry of it. */
  private issue(request: Omit<IssueTicket, 'language' | 'kiosk'>): void {
    const body: IssueTicket = {
      ...request,
      language: this.language,
      ...(this.params.kiosk ? { kiosk: this.params.kiosk } : {}),
    };
    if (body.priority === NO_PRIORITY) delete body.priority;
    this.intent = { body, key: newIdempotencyKey() };
    void this.send();
  }

  private async send(): Promise<void> {
    const office = this.params.office;
    const intent = this.intent;
    if (this.issuing || !office || !intent) return;
    this.issuing = true;
    this.failure = undefined;
    try {
      const issued = await withRetries(
        () => issueTicket(office, intent.body, intent.key, this.device),
        ISSUE_RETRIES,
      );
      this.intent = undefined;
      this.step = { kind: 'ticket', issued };
    } catch (error) {
      this.onIssueFailed(intent, error);
    } finally {
      this.issuing = false;
    }
  }

  private onIssueFailed(intent: Intent, error: unknown): void {
    const code = error instanceof ApiError ? error.code : 'unknown';
    if (code === 'not_found' && intent.body.caseNumber && this.step.kind === 'case') {
      // An unknown number: no ticket, the keypad says so in the citizen's language.
      this.caseNotFound = intent.body.caseNumber;
      this.intent = undefined;
      return;
    }
    const network = code === NETWORK_ERROR || (error instanceof ApiError && error.status >= 502);
    if (!network) this.intent = undefined;
    this.failure = {
      message: network
        ? 'kioskNetworkFailed'
        : code === 'conflict'
          ? 'kioskServiceClosedNow'
          : 'issueFailed',
      error: toShownError(error),
      retry: network,
    };
    if (!network) this.step = { kind: 'home' };
  }

  /** Back to the start in the default language, controls at their usual height. */
  reset(): void {
    if (this.issuing) return;
    this.step = { kind: 'home' };
    this.language = this.defaultLanguage;
    this.lowReach = false;
    this.failure = undefined;
    this.caseNotFound = undefined;
    this.intent = undefined;
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.language, key, params);
  }

  /** Where phones reach the server (PUBLIC_URL as the server reports it), never this page's own host. */
  private publicBase(): string {
    return this.queue.state.office?.publicUrl ?? window.location.origin;
  }

  private opensText(office: OfficeInfo, now: Date): string {
    const next = nextOpening(office.openingHours, now, office.timeZone);
    if (!next) return '';
    if (next.today) return this.t('kioskOpensToday', { time: next.open });
    // The catalogue lists weekdays Sunday first.
    const index = (WEEKDAYS.indexOf(next.weekday) + 1) % 7;
    const weekday = this.t('weekdays').split(',')[index] ?? next.weekday;
    return this.t('kioskOpensOn', { weekday, time: next.open });
  }

  private serviceName(code: string): string {
    return this.catalog.find((s) => s.code === code)?.names[this.language] ?? code;
  }

  private renderFailure(failure: Failure) {
    return html`<div class="failure" role="alert" data-testid="kiosk-error">
      <div>
        ${this.t(failure.message)}
        <small>${this.t(failure.error.key)}</small>
      </div>
      ${
        failure.retry
          ? html`<button type="button" data-testid="kiosk-retry" @click=${this.onRetry}>
              ${this.t('tryAgain')}
            </button>`
          : html`<button type="button" @click=${this.onDismiss}>${this.t('dismiss')}</button>`
      }
    </div>`;
  }

  private renderStep() {
    const step = this.step;
    switch (step.kind) {
      case 'home':
        return this.renderHome();
      case 'priority':
        return html`<kiosk-priority-step
          .priorities=${this.priorities}
          serviceName=${step.service ? this.serviceName(step.service) : this.t('kioskHaveCase')}
          language=${this.language}
          @kiosk-priority-select=${this.onPrioritySelect}
          @kiosk-back=${this.onBack}
        ></kiosk-priority-step>`;
      case 'case':
        return html`<kiosk-case-keypad
          prefix=${this.casePrefix()}
          .years=${this.caseYears()}
          language=${this.language}
          .notFound=${this.caseNotFound}
          ?busy=${this.issuing}
          @kiosk-case-submit=${this.onCaseSubmit}
          @kiosk-back=${this.onBack}
        ></kiosk-case-keypad>`;
      case 'ticket': {
        const { ticket, print } = step.issued;
        const priority = this.priorities.find((p) => p.code === ticket.priority);
        return html`<kiosk-ticket-view
          .ticket=${ticket}
          serviceName=${this.serviceName(ticket.service)}
          priorityName=${priority ? priority.names[this.language] : ''}
          printStatus=${print.status}
          ?printerOffline=${this.printerOffline}
          ticketUrl=${`${this.publicBase()}/t/${encodeURIComponent(ticket.id)}`}
          language=${this.language}
          @kiosk-done=${this.onDone}
        ></kiosk-ticket-view>`;
      }
    }
  }

  private renderHome() {
    const state = this.queue.state;
    if (!state.ready) return html`<p class="notice">${this.t('loading')}</p>`;
    if (this.catalog.length === 0) return html`<p class="notice">${this.t('noServices')}</p>`;
    const office = state.office;
    const now = new Date(this.minute + state.serverOffsetMs);
    if (office && !isOpenAt(office.openingHours, now, office.timeZone)) {
      // The screen's main message: closed, and when it opens (large, not a grey line).
      return html`<div class="office-closed" role="status" data-testid="kiosk-office-closed">
        <p class="closed-title">${this.t('kioskOfficeClosed')}</p>
        <p class="closed-opens">${this.opensText(office, now)}</p>
      </div>`;
    }
    return html`<kiosk-home
      .services=${this.catalog}
      .loads=${state.services}
      language=${this.language}
      ?disabled=${this.issuing}
      @kiosk-service-select=${this.onServiceSelect}
    ></kiosk-home>`;
  }

  private casePrefix(): string {
    const office = this.queue.state.office;
    return (
      office?.casePrefix ?? (office?.code ?? this.params.office ?? '').slice(0, 3).toUpperCase()
    );
  }

  /** This year in the office's zone, and the one before (a case opened in December). */
  private caseYears(): number[] {
    const state = this.queue.state;
    const now = new Date(Date.now() + state.serverOffsetMs);
    const zone = state.office?.timeZone;
    const year = Number(
      new Intl.DateTimeFormat('en', {
        year: 'numeric',
        ...(zone ? { timeZone: zone } : {}),
      }).format(now),
    );
    return [year, year - 1];
  }

  private renderFooter() {
    const pickup = this.catalog.find((s) => s.code === PICKUP_SERVICE);
    return html`<footer>
      ${
        this.step.kind === 'home' && pickup?.open
          ? html`<button
              type="button"
              class="case"
              data-testid="have-case"
              ?disabled=${this.issuing}
              @click=${this.onHaveCase}
            >
              ${icon('folder', 52)}
              <span>${this.t('kioskHaveCase')}<small>${this.t('kioskHaveCaseHint')}</small></span>
            </button>`
          : nothing
      }
      <nb-language-switch
        language=${this.language}
        label=${this.t('languageLabel')}
        @nb-language-change=${this.onLanguageChange}
      ></nb-language-switch>
      <button
        type="button"
        class="reach"
        data-testid="low-reach"
        aria-pressed=${this.lowReach ? 'true' : 'false'}
        @click=${this.onLowReach}
      >
        ${icon('wheelchair', 44)}<span>${this.t('kioskLowReach')}</span>
      </button>
    </footer>`;
  }

  override render() {
    if (!this.params.office) {
      return html`<main><p class="notice" role="alert">${this.t('missingOffice')}</p></main>`;
    }
    const home = this.step.kind === 'home';
    const officeName = this.queue.state.office?.names[this.language];
    const ticket = this.step.kind === 'ticket';
    return html`<div
      class=${`screen ${this.lowReach ? 'low' : ''} ${home ? 'at-home' : ''} ${ticket ? 'at-ticket' : ''}`}
    >
      <header>
        <p class="brand">${this.t('appName')}${officeName ? html` · ${officeName}` : nothing}</p>
        <h1>${this.t('kioskTitle')}</h1>
        ${home ? html`<p class="hint">${this.t('kioskHint')}</p>` : nothing}
      </header>
      <div class="controls">
        ${
          this.printerOffline && this.step.kind !== 'ticket'
            ? html`<p class="printer" role="status" data-testid="printer-offline">
                ${this.t('kioskPrinterOffline')}
              </p>`
            : nothing
        }
        ${this.failure ? this.renderFailure(this.failure) : nothing}
        <main>${this.renderStep()}</main>
        ${this.renderFooter()}
      </div>
      ${
        this.issuing
          ? html`<div class="overlay" role="status" data-testid="kiosk-busy">
              <p>${this.t('issuing')}</p>
            </div>`
          : nothing
      }
      ${
        this.offline && this.step.kind !== 'ticket' && !this.issuing
          ? html`<div class="overlay calm" role="status" data-testid="kiosk-offline">
              <p>
                <strong>${this.t('kioskOfflineTitle')}</strong>
                <span>${this.t('kioskOfflineHint')}</span>
                ${
                  this.queue.state.refused === 'unauthorized'
                    ? html`<small data-testid="device-unpaired"
                        >${this.t('deviceNotPaired', { device: this.params.kiosk ?? '?' })}</small
                      >`
                    : nothing
                }
              </p>
            </div>`
          : nothing
      }
    </div>`;
  }
}

/** `?idle=5`: seconds before the kiosk returns home (tests and trials; the office setting otherwise). */
function readIdleOverride(): number | undefined {
  const value = Number(new URLSearchParams(window.location.search).get('idle'));
  return Number.isFinite(value) && value > 0 ? value : undefined;
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
