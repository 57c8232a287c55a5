/**
 * The staff console: sign in, choose the window, then call and serve tickets. Owns the session, the
 * socket and every REST command; its children only render and dispatch.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { CallReason, Case, Language, Service, StaffTicket } from '../../server/protocol';
import { ErrorCode } from '../../server/protocol/constants';
import { Namespace } from '../../server/protocol/events';
import {
  ApiError,
  NETWORK_ERROR,
  callNext,
  fetchServices,
  login,
  logout,
  ticketAction,
  type TicketAction,
} from '../../ui/api';
import { ClockController } from '../../ui/clock-controller';
import { holderOf, toShownError, type ShownError } from '../../ui/errors';
import { DEFAULT_TIME_ZONE, formatClock } from '../../ui/format';
import { DEFAULT_LANGUAGE, LANGUAGES, isLanguage, translate, type MessageKey } from '../../ui/i18n';
import { readPageParams } from '../../ui/page-params';
import { QueueController } from '../../ui/queue-controller';
import { isLive } from '../../ui/queue-store';
import { base, tokens } from '../../ui/theme';
import '../../ui/nb-connection-mark';
import { commandApplies, type CounterCommand } from './commands';
import './counter-login';
import type { LoginDetail } from './counter-login';
import './counter-panel';
import type { CommandDetail } from './counter-panel';
import './counter-waiting-list';
import type { CallTicketDetail, CounterWaitingList } from './counter-waiting-list';
import './counter-case-panel/counter-case-panel';
import type { CounterCasePanel, ReceiptDetail } from './counter-case-panel/counter-case-panel';
import './counter-back-office';
import './counter-receipt';
import './counter-window-dialog';
import type { WindowAnswer, WindowQuestion } from './counter-window-dialog';
import {
  callTicket,
  leaveWindow,
  setPause,
  takeWindow,
  transferTicket,
  undoNoShow,
} from './console-api';
import './counter-window-picker';
import type { WindowSelectDetail } from './counter-window-picker';
import {
  loadCounter,
  loadLanguage,
  loadSession,
  saveCounter,
  saveLanguage,
  saveSession,
  type Session,
} from './session';
import { LocalizeController } from '../../ui/controllers/localize-controller';
import { appStyles } from './counter-app.styles';

const INFO_SHOWN_MS = 6_000;
/** How long a no-show can be undone (the server's limit, less a margin for the request). */
const UNDO_SHOWN_MS = 9_000;
const SERVICES_REFRESH_MS = 60_000;

/** A short note for the clerk that is not an error ("nobody is waiting"). */
type Info = MessageKey;

/** The console page's root element. */
export class CounterApp extends LitElement {
  static override styles = [tokens, base, appStyles];

  static override properties = {
    session: { state: true },
    counter: { state: true },
    choosing: { state: true },
    language: { state: true },
    services: { state: true },
    busy: { state: true },
    loginError: { state: true },
    error: { state: true },
    info: { state: true },
    echo: { state: true },
    question: { state: true },
    receipt: { state: true },
    undo: { state: true },
    liveCase: { state: true },
  };

  private readonly l10n = new LocalizeController(this, () => this.language);

  private readonly params = readPageParams();
  private readonly queue = new QueueController<StaffTicket>(this);
  private readonly clock = new ClockController(this, 30_000);

  declare private session: Session | undefined;
  declare private counter: string | undefined;
  declare private choosing: boolean;
  declare private language: Language;
  declare private services: Service[];
  declare private busy: boolean;
  /** The command whose request is running, and the key pressed meanwhile (run next). */
  private running?: CounterCommand;
  private queued?: CounterCommand;
  declare private loginError: string;
  declare private error: ShownError | undefined;
  declare private info: Info | undefined;
  /** The ticket of the last command's answer, shown until the socket reports it. */
  declare private echo: StaffTicket | undefined;
  /** The open dialog (transfer target, pause reason). */
  declare private question: WindowQuestion | undefined;
  /** The case whose receipt is shown for printing. */
  declare private receipt: Case | undefined;
  /** The latest case change published to staff, handed to the case views. */
  declare private liveCase: Case | undefined;
  /** The no-show that can still be taken back. */
  declare private undo: { id: string; number: string } | undefined;
  private undoTimer?: ReturnType<typeof setTimeout>;
  /** Why call-next chose the ticket now at the window. */
  private callReason?: { ticketId: string; reason: CallReason };
  private infoTimer?: ReturnType<typeof setTimeout>;
  /** The socket was lost since the last network error (its banner goes when it is back). */
  private wasOffline = false;
  /** A filled-in info text shown instead of the key (set with {@link setInfoText}). */
  private infoText = '';
  private servicesTimer?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    const office = this.params.office;
    this.session = office ? loadSession(office) : undefined;
    this.counter = office ? loadCounter(office) : undefined;
    // A remembered window is worked only once this session holds it (see `claim`).
    this.choosing = true;
    this.language = this.params.language ?? loadLanguage() ?? DEFAULT_LANGUAGE;
    this.services = [];
    this.busy = false;
    this.loginError = '';
    this.error = undefined;
    this.info = undefined;
    this.echo = undefined;
    this.question = undefined;
    this.receipt = undefined;
    this.undo = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.connectQueue();
    void this.loadServices();
    if (this.counter) void this.claim(this.counter, false);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.infoTimer);
    clearTimeout(this.servicesTimer);
    clearTimeout(this.undoTimer);
  }

  protected override willUpdate(changed: PropertyValues): void {
    const state = this.queue.state;
    this.clock.offsetMs = state.serverOffsetMs;
    if (this.echo && state.tickets.some((t) => t.id === this.echo?.id)) this.echo = undefined;
    // The socket refused the token: the session is over (logged out elsewhere, disabled, expired).
    if (this.session && state.refused === ErrorCode.unauthorized) this.endSession('sessionExpired');
    this.dropIfTakenOver();
    // A message stops showing once it is no longer true.
    if (this.error?.code === NETWORK_ERROR && state.connected && this.wasOffline) {
      this.error = undefined;
    }
    if (!state.connected && state.ready) this.wasOffline = true;
    if (state.connected) this.wasOffline = false;
    if (this.error?.key === 'windowPausedCallHint' && this.pauseReason() === undefined) {
      this.error = undefined;
    }
    if (this.info === 'nobodyWaitingHere' && this.callableWaiting() > 0) this.setInfo(undefined);
    if (changed.has('language') || changed.has('counter') || changed.has('session')) {
      document.documentElement.lang = this.language;
      document.title = `${this.l10n.t('appName')} — ${
        this.session && this.counter
          ? this.l10n.t('windowN', { n: this.counter })
          : this.l10n.t('loginTitle')
      }`;
    }
  }

  /**
   * Another clerk took this window over: the console leaves it at once and shows the window list
   * with who took it.
   */
  private dropIfTakenOver(): void {
    const state = this.queue.state;
    const user = this.session?.user;
    if (!user || this.choosing || !this.counter || !state.ready) return;
    const clerk = state.counters.find((c) => c.number === this.counter)?.clerk;
    if (!clerk || clerk.id === user.id || (user.id === undefined && clerk.name === user.name)) {
      return;
    }
    this.choosing = true;
    this.echo = undefined;
    this.question = undefined;
    this.error = {
      key: 'windowTakenOver',
      params: { n: this.counter, name: clerk.name },
      code: ErrorCode.counterTaken,
      detail: '',
    };
    this.connectQueue();
  }

  /**
   * Takes the window for this session. Held by another clerk: asks whether to take it over
   * (`takeover` answers yes). Until it holds the window, the console shows the window list.
   */
  private async claim(counter: string, takeover: boolean): Promise<void> {
    const office = this.params.office;
    const session = this.session;
    if (!office || !session || session.user.role === 'back_office') return;
    try {
      await takeWindow(office, counter, session.token, takeover);
      this.counter = counter;
      this.choosing = false;
      this.error = undefined;
      saveCounter(office, counter);
      this.connectQueue();
    } catch (error) {
      if (error instanceof ApiError && error.code === ErrorCode.unauthorized) {
        this.endSession('sessionExpired');
        return;
      }
      const holder = error instanceof ApiError ? holderOf(error.details) : undefined;
      if (error instanceof ApiError && error.code === ErrorCode.counterTaken && holder) {
        const zone = this.queue.state.office?.timeZone ?? DEFAULT_TIME_ZONE;
        const since = holder.since ? formatClock(new Date(holder.since), zone) : '—';
        this.question = {
          kind: 'confirm',
          action: `takeover:${counter}`,
          title: this.l10n.t('takeoverTitle', { n: counter }),
          text: this.l10n.t('takeoverText', { n: counter, name: holder.name, time: since }),
          confirmLabel: this.l10n.t('takeoverConfirm'),
        };
      } else {
        this.error = toShownError(error);
      }
    }
  }

  private connectQueue(): void {
    const office = this.params.office;
    if (!office || !this.session) {
      this.queue.disconnect();
      return;
    }
    const counter = this.choosing ? undefined : this.counter;
    this.queue.connect({
      namespace: Namespace.counter,
      auth: { office, token: this.session.token, ...(counter ? { counter } : {}) },
      retryRefusedMs: 0,
      onCase: (c) => (this.liveCase = c),
    });
  }

  private async loadServices(): Promise<void> {
    clearTimeout(this.servicesTimer);
    const office = this.params.office;
    if (!office) return;
    try {
      this.services = await fetchServices(office);
    } catch {
      // Names fall back to codes until the next attempt; the queue itself still works.
    }
    this.servicesTimer = setTimeout(() => void this.loadServices(), SERVICES_REFRESH_MS);
  }

  private readonly onLogin = (event: CustomEvent<LoginDetail>): void => {
    void this.signIn(event.detail);
  };

  private async signIn(credentials: LoginDetail): Promise<void> {
    const office = this.params.office;
    if (!office || this.busy) return;
    this.busy = true;
    this.loginError = '';
    try {
      const result = await login(credentials);
      this.session = { ...result, office };
      saveSession(this.session);
      this.choosing = true;
      this.connectQueue();
      if (this.counter) await this.claim(this.counter, false);
    } catch (error) {
      const shown = toShownError(error);
      // At sign-in, 401 means a wrong name or password, not an expired session.
      this.loginError = this.l10n.t(
        shown.code === ErrorCode.unauthorized ? 'loginFailed' : shown.key,
      );
    } finally {
      this.busy = false;
    }
  }

  private readonly onSignOut = (): void => {
    void this.signOut();
  };

  private async signOut(): Promise<void> {
    const token = this.session?.token;
    this.endSession();
    if (!token) return;
    try {
      await logout(token);
    } catch {
      // The local session is gone either way; an expired token cannot be logged out twice.
    }
  }

  private endSession(reason?: MessageKey): void {
    this.session = undefined;
    saveSession(undefined);
    this.echo = undefined;
    this.error = undefined;
    this.info = undefined;
    this.loginError = reason ? this.l10n.t(reason) : '';
    this.queue.disconnect();
  }

  private readonly onChangeWindow = (): void => {
    const { office } = this.params;
    const token = this.session?.token;
    if (office && token && this.counter) {
      // Best effort: a window left held frees itself when this session ends.
      leaveWindow(office, this.counter, token).catch(() => undefined);
    }
    this.choosing = true;
    this.echo = undefined;
    this.connectQueue();
  };

  private readonly onWindowSelect = (event: CustomEvent<WindowSelectDetail>): void => {
    this.error = undefined;
    void this.claim(event.detail.counter, false);
  };

  private readonly onLanguageChange = (event: Event): void => {
    const value = (event.target as HTMLSelectElement).value;
    if (!isLanguage(value)) return;
    this.language = value;
    saveLanguage(value);
  };

  private readonly onCommand = (event: CustomEvent<CommandDetail>): void => {
    void this.execute(event.detail.command);
  };

  private async execute(command: CounterCommand): Promise<void> {
    const { office } = this.params;
    const token = this.session?.token;
    const counter = this.counter;
    // An open dialog (transfer, pause) has the keyboard until it is answered.
    if (!office || !token || !counter || this.question !== undefined) return;
    if (this.busy) {
      // A key pressed while a request runs is not lost: the last one runs next, unless it repeats
      // the running command (an impatient second F1 must not call a second citizen).
      if (command !== this.running) this.queued = command;
      return;
    }
    this.busy = true;
    this.running = command;
    this.error = undefined;
    this.setInfo(undefined);
    const current = this.currentTicket();
    try {
      switch (command) {
        case 'call-next':
          await this.callNext(office, counter, token);
          break;
        case 'complete-and-next':
          // Two requests: the second runs only if the first was accepted.
          if (current) this.echo = await ticketAction(current.id, 'complete', token);
          await this.callNext(office, counter, token);
          break;
        case 'recall':
        case 'start':
        case 'complete':
          if (current)
            this.echo = await ticketAction(current.id, command satisfies TicketAction, token);
          break;
        case 'no-show':
          if (current) {
            this.echo = await ticketAction(current.id, 'no-show', token);
            this.offerUndo(current);
          }
          break;
        case 'transfer':
          if (current) {
            this.question = {
              kind: 'transfer',
              ticketNumber: current.number,
              currentService: current.service,
              counters: this.queue.state.counters.map((c) => c.number).filter((n) => n !== counter),
            };
          }
          break;
        case 'pause':
          if (this.pauseReason() === undefined) this.question = { kind: 'pause', counter };
          else await setPause(office, counter, undefined, token);
          break;
        case 'pick':
          this.renderRoot.querySelector<CounterWaitingList>('counter-waiting-list')?.focusFirst();
          break;
        case 'case':
          await this.renderRoot
            .querySelector<CounterCasePanel>('counter-case-panel')
            ?.openOrCreate();
          break;
      }
    } catch (error) {
      if (error instanceof ApiError && error.code === ErrorCode.unauthorized) {
        this.endSession('sessionExpired');
      } else {
        this.error = this.explain(command, error, current);
      }
    } finally {
      this.settle();
    }
  }

  /** What a refused command means for the clerk, and what to do about it. */
  private explain(
    command: CounterCommand,
    error: unknown,
    current: StaffTicket | undefined,
  ): ShownError {
    const shown = toShownError(error);
    const calling = command === 'call-next' || command === 'complete-and-next';
    if (calling && shown.code === ErrorCode.conflict && this.pauseReason() !== undefined) {
      return { ...shown, key: 'windowPausedCallHint' };
    }
    if (command === 'recall' && shown.code === ErrorCode.illegalTransition && current) {
      return { ...shown, key: 'recallLimit', params: { n: current.recalls + 1 } };
    }
    return shown;
  }

  /** Shows "undo" for a no-show for as long as the server takes it back. */
  private offerUndo(ticket: StaffTicket): void {
    clearTimeout(this.undoTimer);
    this.undo = { id: ticket.id, number: ticket.number };
    this.undoTimer = setTimeout(() => (this.undo = undefined), UNDO_SHOWN_MS);
  }

  private readonly onUndoNoShow = (): void => {
    const undo = this.undo;
    clearTimeout(this.undoTimer);
    this.undo = undefined;
    if (!undo) return;
    void this.request(async (_office, _counter, token) => {
      this.echo = await undoNoShow(undo.id, token);
      this.setInfoText(this.l10n.t('noShowUndone', { number: undo.number }));
    });
  };

  /** Ends a request: the console is free, and a key kept meanwhile runs now. */
  private settle(): void {
    this.busy = false;
    this.running = undefined;
    const next = this.queued;
    this.queued = undefined;
    // After a refusal the clerk reads the message first.
    if (next && !this.error && commandApplies(next, this.currentTicket())) void this.execute(next);
  }

  private async callNext(office: string, counter: string, token: string): Promise<void> {
    const { ticket, reason } = await callNext(office, counter, token);
    if (ticket) {
      this.echo = ticket;
      this.callReason = reason ? { ticketId: ticket.id, reason } : undefined;
    } else {
      this.setInfo('nobodyWaitingHere');
    }
  }

  /** Runs one window request with the console's busy flag and error banner. */
  private async request(work: (office: string, counter: string, token: string) => Promise<void>) {
    const { office } = this.params;
    const token = this.session?.token;
    const counter = this.counter;
    if (!office || !token || !counter || this.busy) return;
    this.busy = true;
    this.error = undefined;
    try {
      await work(office, counter, token);
    } catch (error) {
      if (error instanceof ApiError && error.code === ErrorCode.unauthorized) {
        this.endSession('sessionExpired');
      } else {
        this.error = toShownError(error);
      }
    } finally {
      this.settle();
    }
  }

  private readonly onCallTicket = (event: CustomEvent<CallTicketDetail>): void => {
    void this.request(async (office, counter, token) => {
      this.echo = await callTicket(office, counter, event.detail.ticketId, token);
    });
  };

  private readonly onDialogAnswer = (event: CustomEvent<WindowAnswer>): void => {
    const answer = event.detail;
    const current = this.currentTicket();
    this.question = undefined;
    if (answer.kind === 'confirm') {
      const [action, counter] = answer.action.split(':');
      if (action === 'takeover' && counter) void this.claim(counter, true);
      return;
    }
    void this.request(async (office, counter, token) => {
      if (answer.kind === 'pause') {
        await setPause(office, counter, answer.reason, token);
      } else if (current) {
        this.echo = await transferTicket(current.id, answer.target, token);
        this.setInfoText(this.l10n.t('ticketTransferred', { number: current.number }));
      }
    });
  };

  private readonly onDialogCancel = (): void => {
    this.question = undefined;
  };

  private renderDialog() {
    return html`<counter-window-dialog
      .question=${this.question}
      .services=${this.services}
      language=${this.language}
      @counter-dialog-answer=${this.onDialogAnswer}
      @counter-dialog-cancel=${this.onDialogCancel}
    ></counter-window-dialog>`;
  }

  private readonly onReceipt = (event: CustomEvent<ReceiptDetail>): void => {
    this.receipt = event.detail.case;
  };

  private readonly onReceiptClose = (): void => {
    this.receipt = undefined;
  };

  /** Waiting tickets this window may call (its services, not sent to another window). */
  private callableWaiting(): number {
    const state = this.queue.state;
    const served = state.counters.find((c) => c.number === this.counter)?.services;
    return state.tickets.filter(
      (t) =>
        t.status === 'waiting' &&
        (served === undefined || served.includes(t.service)) &&
        (t.targetCounter === undefined ||
          t.targetCounter === null ||
          t.targetCounter === this.counter),
    ).length;
  }

  /** Why this window is paused, or undefined while it is open. */
  private pauseReason(): string | undefined {
    const state = this.queue.state.counters.find((c) => c.number === this.counter);
    return state?.status === 'paused' ? (state.pauseReason ?? '') : undefined;
  }

  private setInfoText(text: string): void {
    this.infoText = text;
    this.setInfo('dismiss');
  }

  private setInfo(info: Info | undefined): void {
    clearTimeout(this.infoTimer);
    if (info !== 'dismiss') this.infoText = '';
    this.info = info;
    if (info) this.infoTimer = setTimeout(() => (this.info = undefined), INFO_SHOWN_MS);
  }

  private readonly dismissError = (): void => {
    this.error = undefined;
  };

  /** The ticket at this window: what the socket says, or the last answer until it does. */
  private currentTicket(): StaffTicket | undefined {
    const counter = this.counter;
    const mine = this.queue.state.tickets
      .filter((t) => t.counter === counter && (t.status === 'called' || t.status === 'serving'))
      .sort((a, b) => (b.calledAt ?? '').localeCompare(a.calledAt ?? ''));
    if (mine[0]) return mine[0];
    const echo = this.echo;
    return echo && echo.counter === counter && isLive(echo) && echo.status !== 'waiting'
      ? echo
      : undefined;
  }

  private serviceName(code: string): string {
    return this.services.find((s) => s.code === code)?.names[this.language] ?? code;
  }

  private renderHeader() {
    const session = this.session;
    const showWindow =
      session && session.user.role !== 'back_office' && this.counter && !this.choosing;
    return html`<header>
      <p class="brand">${this.l10n.t('appName')}</p>
      ${
        showWindow
          ? html`<span class="window" data-testid="window-label"
              >${this.l10n.t('windowN', { n: this.counter ?? '' })}</span
            >`
          : nothing
      }
      <span class="spacer"></span>
      ${
        session?.user.role === 'admin'
          ? html`<a
              href=${`/counter/admin/?office=${encodeURIComponent(this.params.office ?? '')}`}
              data-testid="admin-link"
              >${this.l10n.t('administration')}</a
            >`
          : nothing
      }
      ${
        showWindow
          ? html`<button type="button" @click=${this.onChangeWindow}>
              ${this.l10n.t('changeWindow')}
            </button>`
          : nothing
      }
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
      ${
        session
          ? html`<span class="user">${session.user.name}</span>
              <button type="button" data-testid="sign-out" @click=${this.onSignOut}>
                ${this.l10n.t('signOut')}
              </button>`
          : nothing
      }
    </header>`;
  }

  private renderBanners() {
    const error = this.error;
    return html`${
      error
        ? html`<div class="banner error" role="alert" data-testid="error">
            <div>${this.l10n.t(error.key, error.params)}</div>
            <button type="button" @click=${this.dismissError}>${this.l10n.t('dismiss')}</button>
          </div>`
        : nothing
    }
    ${
      this.undo
        ? html`<div class="banner info" role="status" data-testid="undo">
            ${this.l10n.t('noShowDone', { number: this.undo.number })}
            <button type="button" data-testid="undo-no-show" @click=${this.onUndoNoShow}>
              ${this.l10n.t('undo')}
            </button>
          </div>`
        : nothing
    }
    ${this.queue.state.printers
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
            ${this.infoText || this.l10n.t(this.info)}
          </div>`
        : nothing
    }`;
  }

  private renderBody() {
    const state = this.queue.state;
    if (!this.session) {
      return html`<counter-login
        language=${this.language}
        ?busy=${this.busy}
        .error=${this.loginError}
        @counter-login=${this.onLogin}
      ></counter-login>`;
    }
    if (this.session.user.role === 'back_office') {
      return html`<counter-back-office
        .token=${this.session.token}
        .staffRole=${this.session.user.role}
        .services=${this.services}
        .liveCase=${this.liveCase}
        language=${this.language}
      ></counter-back-office>`;
    }
    if (!this.counter || this.choosing) {
      return html`${this.renderBanners()}
        <counter-window-picker
          .counters=${state.counters}
          .services=${this.services}
          .current=${this.counter}
          .userId=${this.session.user.id}
          ?loading=${!state.ready}
          language=${this.language}
          @counter-window-select=${this.onWindowSelect}
        ></counter-window-picker>
        ${this.renderDialog()}`;
    }
    const current = this.currentTicket();
    const waiting = state.tickets
      .filter((t) => t.status === 'waiting')
      .sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
    const served = state.counters.find((c) => c.number === this.counter)?.services;
    const paused = this.pauseReason();
    const priority = current
      ? state.office?.priorities.find((p) => p.code === current.priority)?.names[this.language]
      : undefined;
    return html`${this.renderBanners()}
      <div class="workspace">
        <div class="left">
          <counter-panel
            .ticket=${current}
            .serviceName=${current ? this.serviceName(current.service) : ''}
            .priorityName=${priority ?? ''}
            .reason=${
              current && this.callReason?.ticketId === current.id
                ? this.callReason.reason
                : undefined
            }
            .pauseReason=${paused}
            .offsetMs=${state.serverOffsetMs}
            language=${this.language}
            ?busy=${this.busy || this.question !== undefined}
            @counter-command=${this.onCommand}
          ></counter-panel>
          <counter-waiting-list
            .tickets=${waiting}
            .office=${state.office}
            .counter=${this.counter}
            .services=${this.services}
            .served=${served}
            .now=${this.clock.now}
            ?canCall=${!current && paused === undefined && !this.busy}
            language=${this.language}
            @counter-call-ticket=${this.onCallTicket}
          ></counter-waiting-list>
        </div>
        <counter-case-panel
          .ticket=${current}
          .token=${this.session.token}
          .staffRole=${this.session.user.role}
          .services=${this.services}
          .liveCase=${this.liveCase}
          language=${this.language}
          @counter-receipt=${this.onReceipt}
        ></counter-case-panel>
      </div>
      ${this.renderDialog()}`;
  }

  override render() {
    if (!this.params.office) {
      return html`<main><p role="alert">${this.l10n.t('missingOffice')}</p></main>`;
    }
    if (this.receipt) {
      return html`<counter-receipt
        .case=${this.receipt}
        .services=${this.services}
        clerk=${this.session?.user.name ?? ''}
        officeName=${this.queue.state.office?.names[this.language] ?? ''}
        language=${this.language}
        @counter-receipt-close=${this.onReceiptClose}
      ></counter-receipt>`;
    }
    return html`${this.renderHeader()}
      <main>${this.renderBody()}</main>
      ${
        this.session
          ? html`<nb-connection-mark
              ?connected=${this.queue.state.connected}
              label=${this.l10n.t('connectionLost')}
            ></nb-connection-mark>`
          : nothing
      }`;
  }
}

customElements.define('counter-app', CounterApp);

declare global {
  interface HTMLElementTagNameMap {
    'counter-app': CounterApp;
  }
}
