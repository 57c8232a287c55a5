/**
 * The staff console: sign in, choose the window, then call and serve tickets. The shell owns the
 * socket and the office's services; its controllers own the session (session-controller.ts), the
 * window's commands (command-controller.ts) and the banners (notice-controller.ts); its children
 * only render and dispatch.
 */
import { LitElement, html, nothing } from 'lit';
import type { Case, Language, Service, StaffTicket } from '../../server/protocol';
import { ErrorCode } from '../../server/protocol/constants';
import { ApiError, fetchServices } from '../../ui/api';
import { ClockController } from '../../ui/clock-controller';
import { LocalizeController } from '../../ui/controllers/localize-controller';
import { DEFAULT_LANGUAGE } from '../../ui/i18n/staff';
import { keepLanguageInAddress, officeNotice, readPageParams } from '../../ui/page-params';
import { QueueController } from '../../ui/queue-controller';
import { base, pageNoticeStyles, tokens } from '../../ui/theme';
import '../../ui/nb-connection-mark';
import { COMPLETE_UNSAVED, CommandController } from './command-controller';
import { CounterCommand } from './commands';
import { appStyles } from './counter-app.styles';
import './counter-back-office';
import './counter-banners';
import './counter-case-panel/counter-case-panel';
import type { CounterCasePanel, ReceiptDetail } from './counter-case-panel/counter-case-panel';
import './counter-header';
import type { LanguageDetail } from './counter-header';
import './counter-login';
import type { LoginDetail } from './counter-login';
import './counter-panel';
import type { CommandDetail } from './counter-panel';
import './counter-receipt';
import './counter-waiting-list';
import type { CallTicketDetail, CounterWaitingList } from './counter-waiting-list';
import './counter-window-dialog';
import type { WindowAnswer } from './counter-window-dialog';
import './counter-window-picker';
import type { WindowSelectDetail } from './counter-window-picker';
import { NoticeController } from './notice-controller';
import { loadLanguage, saveLanguage } from './session';
import { SessionController } from './session-controller';
import { callableWaiting, pauseReasonAt, servedAt, waitingLine } from './window-view';
import { transferTargets } from './transfer-targets';

const SERVICES_REFRESH_MS = 60_000;

/** The console page's root element. */
export class CounterApp extends LitElement {
  static override styles = [tokens, base, appStyles, pageNoticeStyles];

  static override properties = {
    language: { state: true },
    services: { state: true },
    receipt: { state: true },
    liveCase: { state: true },
    officeUnknown: { state: true },
  };

  private readonly l10n = new LocalizeController(this, () => this.language);
  private readonly params = readPageParams();
  private readonly queue = new QueueController<StaffTicket>(this);
  private readonly clock = new ClockController(this, 30_000);
  private readonly notices = new NoticeController(this);
  private readonly staff: SessionController = new SessionController(this, {
    office: this.params.office,
    queue: this.queue,
    l10n: this.l10n,
    notices: this.notices,
    work: () => this.commands,
    onCase: (c) => (this.liveCase = c),
  });
  private readonly commands: CommandController = new CommandController(this, {
    office: this.params.office,
    queue: this.queue,
    staff: this.staff,
    notices: this.notices,
    l10n: this.l10n,
    pick: () =>
      this.renderRoot.querySelector<CounterWaitingList>('counter-waiting-list')?.focusFirst(),
    openCase: async () =>
      this.renderRoot.querySelector<CounterCasePanel>('counter-case-panel')?.openOrCreate(),
    unsavedCase: async () =>
      this.renderRoot.querySelector<CounterCasePanel>('counter-case-panel')?.unsavedCase(),
  });

  declare private language: Language;
  declare private services: Service[];
  /** The case whose receipt is shown for printing. */
  declare private receipt: Case | undefined;
  /** The latest case change published to staff, handed to the case views. */
  declare private liveCase: Case | undefined;
  /** The server does not know the address's office. */
  declare private officeUnknown: boolean;
  private servicesTimer?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    this.language = this.params.language ?? loadLanguage() ?? DEFAULT_LANGUAGE;
    this.services = [];
    this.receipt = undefined;
    this.officeUnknown = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadServices();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.servicesTimer);
  }

  protected override willUpdate(): void {
    const state = this.queue.state;
    const counter = this.staff.counter;
    this.clock.offsetMs = state.serverOffsetMs;
    this.commands.review();
    this.staff.review();
    this.notices.review({
      connected: state.connected,
      ready: state.ready,
      paused: () => pauseReasonAt(state, counter) !== undefined,
      callable: () => callableWaiting(state, counter),
    });
    const title = `${this.l10n.t('appName')} — ${
      this.staff.session && counter
        ? this.l10n.t('windowN', { n: counter })
        : this.l10n.t('loginTitle')
    }`;
    // Set only when it changed, as a reactive property would (the session lives in a controller).
    if (document.documentElement.lang !== this.language) {
      document.documentElement.lang = this.language;
    }
    if (document.title !== title) document.title = title;
  }

  /** The services as the live store has them (a rename shows at once), else as read at start. */
  private get catalog(): readonly Service[] {
    return this.queue.state.catalog.length > 0 ? this.queue.state.catalog : this.services;
  }

  private async loadServices(): Promise<void> {
    clearTimeout(this.servicesTimer);
    const office = this.params.office;
    if (!office) return;
    try {
      this.services = await fetchServices(office);
    } catch (error) {
      // An office the server does not know (a typo in the address): said before anyone signs in.
      if (error instanceof ApiError && error.code === ErrorCode.notFound) {
        this.officeUnknown = true;
        return;
      }
      // Names fall back to codes until the next attempt; the queue itself still works.
    }
    this.servicesTimer = setTimeout(() => void this.loadServices(), SERVICES_REFRESH_MS);
  }

  private readonly onLogin = (event: CustomEvent<LoginDetail>): void => {
    void this.staff.signIn(event.detail);
  };

  private readonly onSignOut = (): void => {
    void this.staff.signOut();
  };

  private readonly onChangeWindow = (): void => {
    this.staff.changeWindow();
  };

  private readonly onWindowSelect = (event: CustomEvent<WindowSelectDetail>): void => {
    this.staff.select(event.detail.counter);
  };

  private readonly onLanguage = (event: CustomEvent<LanguageDetail>): void => {
    this.language = event.detail.language;
    saveLanguage(this.language);
    keepLanguageInAddress(this.language);
  };

  private readonly onCommand = (event: CustomEvent<CommandDetail>): void => {
    void this.commands.execute(event.detail.command);
  };

  private readonly onCallTicket = (event: CustomEvent<CallTicketDetail>): void => {
    this.commands.callTicket(event.detail.ticketId);
  };

  private readonly onUndoNoShow = (): void => this.commands.undoNoShow();

  private readonly onDismissError = (): void => {
    this.notices.error = undefined;
  };

  private readonly onDialogAnswer = (event: CustomEvent<WindowAnswer>): void => {
    const answer = event.detail;
    if (answer.kind !== 'confirm') return this.commands.answer(answer);
    this.commands.ask(undefined);
    const [action, what] = answer.action.split(':');
    if (action === 'takeover' && what) void this.staff.claim(what, true);
    const confirmed = Object.values(CounterCommand).find((command) => command === what);
    if (action === COMPLETE_UNSAVED && confirmed) void this.commands.execute(confirmed, true);
  };

  private readonly onDialogCancel = (): void => {
    this.commands.ask(undefined);
  };

  private readonly onReceipt = (event: CustomEvent<ReceiptDetail>): void => {
    this.receipt = event.detail.case;
  };

  private readonly onReceiptClose = (): void => {
    this.receipt = undefined;
  };

  private renderHeader() {
    const { session, counter, choosing } = this.staff;
    const user = session?.user;
    const worked = user && user.role !== 'back_office' && counter && !choosing;
    return html`<counter-header
      language=${this.language}
      office=${this.params.office ?? ''}
      .user=${user}
      .window=${worked ? counter : undefined}
      @counter-change-window=${this.onChangeWindow}
      @counter-sign-out=${this.onSignOut}
      @counter-language=${this.onLanguage}
    ></counter-header>`;
  }

  private renderBanners() {
    const notices = this.notices;
    return html`<counter-banners
      language=${this.language}
      .error=${notices.error}
      .undo=${notices.undo}
      .printers=${this.queue.state.printers}
      .info=${notices.info}
      .infoParams=${notices.infoParams}
      @counter-dismiss-error=${this.onDismissError}
      @counter-undo-no-show=${this.onUndoNoShow}
    ></counter-banners>`;
  }

  private renderDialog() {
    const question = this.commands.question;
    return html`<counter-window-dialog
      .question=${question}
      .targets=${
        question?.kind === 'transfer'
          ? transferTargets(this.queue.state.counters, this.staff.counter)
          : undefined
      }
      .services=${this.catalog}
      language=${this.language}
      @counter-dialog-answer=${this.onDialogAnswer}
      @counter-dialog-cancel=${this.onDialogCancel}
    ></counter-window-dialog>`;
  }

  private renderPicker() {
    const state = this.queue.state;
    return html`${this.renderBanners()}
      <counter-window-picker
        .counters=${state.counters}
        .services=${this.catalog}
        .current=${this.staff.counter}
        .userId=${this.staff.session?.user.id}
        ?loading=${!state.ready}
        language=${this.language}
        @counter-window-select=${this.onWindowSelect}
      ></counter-window-picker>
      ${this.renderDialog()}`;
  }

  private renderPanel(current: StaffTicket | undefined) {
    const state = this.queue.state;
    const priority = current
      ? state.office?.priorities.find((p) => p.code === current.priority)?.names[this.language]
      : undefined;
    const service = current
      ? (this.catalog.find((s) => s.code === current.service)?.names[this.language] ??
        current.service)
      : '';
    return html`<counter-panel
      .ticket=${current}
      .serviceName=${service}
      .priorityName=${priority ?? ''}
      .reason=${this.commands.reasonFor(current)}
      .pauseReason=${pauseReasonAt(state, this.staff.counter)}
      .offsetMs=${state.serverOffsetMs}
      language=${this.language}
      ?busy=${this.commands.busy || this.commands.question !== undefined}
      @counter-command=${this.onCommand}
    ></counter-panel>`;
  }

  private renderWindow() {
    const state = this.queue.state;
    const counter = this.staff.counter;
    const current = this.commands.current();
    const paused = pauseReasonAt(state, counter);
    return html`${this.renderBanners()}
      <div class="workspace">
        <div class="left">
          ${this.renderPanel(current)}
          <counter-waiting-list
            .tickets=${waitingLine(state)}
            .load=${state.services}
            .office=${state.office}
            .counter=${counter}
            .services=${this.catalog}
            .served=${servedAt(state, counter)}
            .now=${this.clock.now}
            ?canCall=${!current && paused === undefined && !this.commands.busy}
            language=${this.language}
            @counter-call-ticket=${this.onCallTicket}
          ></counter-waiting-list>
        </div>
        <counter-case-panel
          .ticket=${current}
          .token=${this.staff.session?.token}
          .staffRole=${this.staff.session?.user.role}
          .services=${this.catalog}
          .liveCase=${this.liveCase}
          language=${this.language}
          @counter-receipt=${this.onReceipt}
        ></counter-case-panel>
      </div>
      ${this.renderDialog()}`;
  }

  private renderBody() {
    const session = this.staff.session;
    if (!session) {
      return html`<counter-login
        language=${this.language}
        ?busy=${this.staff.signingIn}
        .error=${this.staff.loginError}
        @counter-login=${this.onLogin}
      ></counter-login>`;
    }
    if (session.user.role === 'back_office') {
      return html`<counter-back-office
        .token=${session.token}
        .staffRole=${session.user.role}
        .services=${this.catalog}
        .liveCase=${this.liveCase}
        .timeZone=${this.queue.state.office?.timeZone}
        language=${this.language}
      ></counter-back-office>`;
    }
    return this.staff.working ? this.renderWindow() : this.renderPicker();
  }

  override render() {
    // No office in the address, or one the server does not know (a typo): say so, as the kiosk does.
    const notice = officeNotice(
      this.language,
      this.params.office,
      this.officeUnknown ? ErrorCode.notFound : this.queue.state.refused,
    );
    if (notice)
      return html`<main>
        <p class="page-notice" role="alert" data-testid="page-notice">${notice}</p>
      </main>`;
    if (this.receipt) {
      return html`<counter-receipt
        .case=${this.receipt}
        .services=${this.catalog}
        clerk=${this.staff.session?.user.name ?? ''}
        .token=${this.staff.session?.token}
        officeName=${this.queue.state.office?.names[this.language] ?? ''}
        .timeZone=${this.queue.state.office?.timeZone}
        language=${this.language}
        @counter-receipt-close=${this.onReceiptClose}
      ></counter-receipt>`;
    }
    return html`${this.renderHeader()}
      <main>${this.renderBody()}</main>
      ${
        this.staff.session
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
