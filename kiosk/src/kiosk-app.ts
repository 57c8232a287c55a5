/**
 * The ticket kiosk: service tiles in the chosen language → (priority) → the issued ticket → home again.
 * "I already have a case" goes through a keypad for the case number to a ticket linked to it;
 * "I have a booking" through a keypad for the booking code to a ticket due at the booked time.
 * Everything it shows of the office comes from the live store (catalogue, loads, printers, settings).
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { IssueTicket, Language } from '../../server/protocol';
import type { CheckInBooking } from '../../server/protocol/bookings';
import { Namespace } from '../../server/protocol/events';
import { translate } from '../../ui/i18n';
import { readDeviceToken } from '../../ui/device-token';
import { readPageParams } from '../../ui/page-params';
import { QueueController } from '../../ui/queue-controller';
import {
  offeredLanguages,
  startLanguage,
  type LanguageChangeDetail,
} from '../../ui/nb-language-switch';
import { appStyles } from './kiosk-app-styles';
import * as views from './kiosk-app-views';
import type { BookingProblem, BookingSubmitDetail } from './kiosk-booking-keypad';
import type { CaseSubmitDetail } from './kiosk-case-keypad';
import { stepView, type InnerStep, type StepInput } from './kiosk-app-steps';
import { KioskAddressCheck } from './kiosk-address-check';
import { KioskIdleController } from './kiosk-idle-controller';
import { KioskIssueController } from './kiosk-issue-controller';
import { failureOf, type Failure } from './kiosk-failure';
import { PICKUP_SERVICE, readIdleOverride, refusalOf, type Intent } from './kiosk-issuing';
import { NO_PRIORITY, type PrioritySelectDetail } from './kiosk-priority-step';
import type { ServiceSelectDetail } from './kiosk-service-tile';

/** Idle time until the office's setting has arrived. */
const DEFAULT_IDLE_SECONDS = 30;
/** A kiosk that never connected shows the "please wait" screen after this long. */
const OFFLINE_GRACE_MS = 3_000;

/** Where the citizen is. */
type Step = { kind: 'home' } | InnerStep;

/** The kiosk page's root element. */
export class KioskApp extends LitElement {
  static override styles = appStyles;

  static override properties = {
    language: { state: true },
    lowReach: { state: true },
    step: { state: true },
    failure: { state: true },
    caseNotFound: { state: true },
    bookingProblem: { state: true },
    graceOver: { state: true },
    minute: { state: true },
  };

  private readonly params = readPageParams();
  private readonly device = readDeviceToken(this.params.office);
  private readonly idleOverride = readIdleOverride();
  private readonly addressCheck = new KioskAddressCheck(this, this.params);
  private readonly queue = new QueueController(
    this,
    this.params.office
      ? {
          namespace: Namespace.kiosk,
          auth: { office: this.params.office, ...(this.device ? { device: this.device } : {}) },
          refreshMs: 30_000, // the tiles' waits as the server has them (it knows service times)
        }
      : undefined,
  );
  private readonly issuer = new KioskIssueController(
    this,
    { office: this.params.office, device: this.device },
    {
      issued: (issued) => (this.step = { kind: 'ticket', issued }),
      refused: (intent, error) => this.onIssueFailed(intent, error),
    },
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
  declare private failure: Failure | undefined;
  declare private caseNotFound: string | undefined;
  declare private bookingProblem: BookingProblem | undefined;
  declare private graceOver: boolean;
  /** Ticks twice a minute, so opening and closing time show without a touch. */
  declare private minute: number;
  private minuteTimer?: ReturnType<typeof setInterval>;
  private everConnected = false;
  private graceTimer?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    this.language = this.defaultLanguage;
    this.lowReach = false;
    this.step = { kind: 'home' };
    // failure, caseNotFound and bookingProblem start undefined.
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
    // The office's settings arrived or changed: a language it no longer offers gives way.
    if (!this.languages.includes(this.language)) this.language = this.defaultLanguage;
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

  /** The office's languages (its settings; all four until they arrive). */
  private get languages(): Language[] {
    return offeredLanguages(this.queue.state.office?.languages);
  }

  private get defaultLanguage(): Language {
    return startLanguage(this.languages, this.params.language);
  }

  /** The priority categories the kiosk asks about: none where the office lets the clerk ask. */
  private get priorities() {
    const office = this.queue.state.office;
    return office?.priorityByClerk ? [] : (office?.priorities ?? []);
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
    if (this.issuer.issuing || this.step.kind !== 'home') return;
    this.failure = undefined;
    const service = event.detail.service;
    if (this.priorities.length > 0) this.step = { kind: 'priority', service };
    else this.issue({ service });
  };

  private readonly onHaveCase = (): void => {
    if (this.issuer.issuing || this.step.kind !== 'home') return;
    this.failure = undefined;
    this.caseNotFound = undefined;
    this.step =
      this.priorities.length > 0 ? { kind: 'priority' } : { kind: 'case', priority: NO_PRIORITY };
  };

  private readonly onHaveBooking = (): void => {
    if (this.issuer.issuing || this.step.kind !== 'home') return;
    this.failure = undefined;
    this.bookingProblem = undefined;
    this.step = { kind: 'booking' };
  };

  private readonly onBookingSubmit = (event: CustomEvent<BookingSubmitDetail>): void => {
    if (this.issuer.issuing || this.step.kind !== 'booking') return;
    this.bookingProblem = undefined;
    this.issue({ booking: event.detail.code });
  };

  private readonly onPrioritySelect = (event: CustomEvent<PrioritySelectDetail>): void => {
    const step = this.step;
    if (this.issuer.issuing || step.kind !== 'priority') return;
    const priority = event.detail.priority;
    if (step.service === undefined) this.step = { kind: 'case', priority };
    else this.issue({ service: step.service, priority });
  };

  private readonly onCaseSubmit = (event: CustomEvent<CaseSubmitDetail>): void => {
    const step = this.step;
    if (this.issuer.issuing || step.kind !== 'case') return;
    this.caseNotFound = undefined;
    this.issue({
      service: PICKUP_SERVICE,
      caseNumber: event.detail.caseNumber,
      pickupCode: event.detail.pickupCode,
      forCase: true,
      priority: step.priority,
    });
  };

  private readonly onBack = (): void => {
    if (this.issuer.issuing) return;
    this.failure = undefined;
    this.step = { kind: 'home' };
  };

  private readonly onRetry = (): void => {
    this.failure = undefined;
    this.issuer.retry();
  };

  private readonly onDone = (): void => this.reset();

  private readonly onDismiss = (): void => {
    this.failure = undefined;
  };

  /** A new intent: language and kiosk added, no `priority` for the regular queue. */
  private issue(
    request: Omit<IssueTicket, 'language' | 'kiosk'> | Omit<CheckInBooking, 'language' | 'kiosk'>,
  ): void {
    const body: IssueTicket | CheckInBooking = {
      ...request,
      language: this.language,
      ...(this.params.kiosk ? { kiosk: this.params.kiosk } : {}),
    };
    if (body.priority === NO_PRIORITY) delete body.priority;
    this.failure = undefined;
    this.issuer.start(body);
  }

  /** Whether to keep the intent for "try again": only after a network failure. */
  private onIssueFailed(intent: Intent, error: unknown): boolean {
    const refusal = refusalOf(intent, error, this.queue.state.office?.timeZone);
    if (refusal.kind === 'case' && this.step.kind === 'case') {
      this.caseNotFound = refusal.caseNumber;
      return false;
    }
    if (refusal.kind === 'booking' && this.step.kind === 'booking') {
      this.bookingProblem = refusal.problem;
      return false;
    }
    const failure = refusal.kind === 'failure' ? refusal.failure : failureOf(error);
    this.failure = failure;
    if (!failure.retry) this.step = { kind: 'home' };
    return failure.retry;
  }

  /** Back to the start in the default language, controls at their usual height. */
  reset(): void {
    if (this.issuer.issuing) return;
    this.step = { kind: 'home' };
    this.language = this.defaultLanguage;
    this.lowReach = false;
    this.failure = undefined;
    this.caseNotFound = undefined;
    this.bookingProblem = undefined;
    this.issuer.forget();
  }

  private readonly t: views.Translate = (key, params) => translate(this.language, key, params);

  private serviceName(code: string): string {
    return this.queue.state.catalog.find((s) => s.code === code)?.names[this.language] ?? code;
  }

  private renderStep() {
    const step = this.step;
    if (step.kind === 'home') return this.renderHome();
    const state = this.queue.state;
    const office = state.office;
    const input: StepInput = {
      t: this.t,
      language: this.language,
      priorities: this.priorities,
      busy: this.issuer.issuing,
      caseNotFound: this.caseNotFound,
      bookingProblem: this.bookingProblem,
      printerOffline: this.printerOffline,
      timeZone: office?.timeZone,
      casePrefix:
        office?.casePrefix ?? (office?.code ?? this.params.office ?? '').slice(0, 3).toUpperCase(),
      caseYears: views.caseYears(new Date(Date.now() + state.serverOffsetMs), office?.timeZone),
      serviceName: (code) => this.serviceName(code),
      // Where phones reach the server (PUBLIC_URL as the server reports it), never this page's host.
      ticketUrl: (id, key) =>
        `${office?.publicUrl ?? window.location.origin}/t/${encodeURIComponent(id)}#${key}`,
    };
    return stepView(step, input, {
      prioritySelect: this.onPrioritySelect,
      caseSubmit: this.onCaseSubmit,
      bookingSubmit: this.onBookingSubmit,
      back: this.onBack,
      done: this.onDone,
    });
  }

  private renderHome() {
    const state = this.queue.state;
    const input = {
      ready: state.ready,
      catalog: this.queue.state.catalog,
      loads: state.services,
      office: state.office,
      now: new Date(this.minute + state.serverOffsetMs),
      language: this.language,
      disabled: this.issuer.issuing,
    };
    return views.homeView(this.t, input, this.onServiceSelect);
  }

  private renderFooter() {
    const pickup = this.queue.state.catalog.find((s) => s.code === PICKUP_SERVICE);
    const home = this.step.kind === 'home';
    return views.footerView(
      this.t,
      {
        language: this.language,
        languages: this.languages,
        lowReach: this.lowReach,
        haveCase: home && pickup?.open === true,
        haveBooking: home && this.queue.state.catalog.length > 0,
        disabled: this.issuer.issuing,
      },
      {
        haveCase: this.onHaveCase,
        haveBooking: this.onHaveBooking,
        language: this.onLanguageChange,
        lowReach: this.onLowReach,
      },
    );
  }

  override render() {
    const notice = this.addressCheck.notice(this.language, this.queue.state.refused);
    if (notice) return views.noticeView(this.t, notice);
    const home = this.step.kind === 'home';
    const officeName = this.queue.state.office?.names[this.language];
    const ticket = this.step.kind === 'ticket';
    return html`<div
      class=${`screen ${this.lowReach ? 'low' : ''} ${home ? 'at-home' : ''} ${ticket ? 'at-ticket' : ''}`}
    >
      ${views.headerView(this.t, officeName, home)}
      <div class="controls">
        ${this.printerOffline && !ticket ? views.printerOfflineView(this.t) : nothing}
        ${
          this.failure
            ? views.failureView(this.t, this.failure, {
                retry: this.onRetry,
                dismiss: this.onDismiss,
              })
            : nothing
        }
        <main>${this.renderStep()}</main>
        ${this.renderFooter()}
      </div>
      ${this.issuer.issuing ? views.busyOverlay(this.t) : nothing}
      ${
        this.offline && this.step.kind !== 'ticket' && !this.issuer.issuing
          ? views.offlineOverlay(
              this.t,
              this.queue.state.refused === 'unauthorized' ? (this.params.kiosk ?? '?') : undefined,
            )
          : nothing
      }
    </div>`;
  }
}

customElements.define('kiosk-app', KioskApp);

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-app': KioskApp;
  }
}
