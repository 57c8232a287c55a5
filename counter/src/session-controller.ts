/**
 * Who works at this console and at which window: sign-in and sign-out, taking a window (and taking
 * it over from another clerk when the clerk says so), leaving it, and the socket that follows both.
 * A session the server no longer takes ends here, whichever request or socket found out.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Case, StaffTicket } from '../../server/protocol';
import { ErrorCode } from '../../server/protocol/constants';
import { Namespace } from '../../server/protocol/events';
import { ApiError, login, logout } from '../../ui/api';
import type { LocalizeController } from '../../ui/controllers/localize-controller';
import { isUnauthorized } from '../../ui/controllers/request-controller';
import { holderOf, signInRefusalKey, toShownError } from '../../ui/errors';
import { DEFAULT_TIME_ZONE, formatClock } from '../../ui/format';
import type { MessageKey } from '../../ui/i18n/staff';
import type { QueueController } from '../../ui/queue-controller';
import { leaveWindow, takeWindow } from './console-api';
import type { LoginDetail } from './counter-login';
import type { WindowQuestion } from './counter-window-dialog';
import type { NoticeController } from './notice-controller';
import { loadCounter, loadSession, saveCounter, saveSession, type Session } from './session';
import { stillAtWindow } from './window-view';

/** What the window's work does when the session moves (the shell's command controller). */
export interface WindowWork {
  /** Forgets the last command's answer and, with `closeDialog`, the open question. */
  forget(closeDialog: boolean): void;
  /** Puts a question to the clerk. */
  ask(question: WindowQuestion): void;
  /** The ticket called to or served at this window, if any. */
  current(): StaffTicket | undefined;
}

/** What the session controller works with. */
export interface SessionDeps {
  office: string | undefined;
  queue: QueueController<StaffTicket>;
  l10n: LocalizeController;
  notices: NoticeController;
  work: () => WindowWork;
  /** A case change published to staff arrived on the socket. */
  onCase: (c: Case) => void;
}

/** The staff session, the window it holds and the console's socket. */
export class SessionController implements ReactiveController {
  /** The signed-in staff member, if any. */
  session: Session | undefined;
  /** The window this workstation serves (remembered across sessions). */
  counter: string | undefined;
  /** True while the window list is shown: a remembered window is worked only once it is held. */
  choosing = true;
  /** True while signing in. */
  signingIn = false;
  /** Why the last sign-in failed or the last session ended ('' for none). */
  loginError = '';
  private readonly host: ReactiveControllerHost;
  private readonly deps: SessionDeps;

  constructor(host: ReactiveControllerHost, deps: SessionDeps) {
    this.host = host;
    this.deps = deps;
    const office = deps.office;
    this.session = office ? loadSession(office) : undefined;
    this.counter = office ? loadCounter(office) : undefined;
    host.addController(this);
  }

  hostConnected(): void {
    this.connectQueue();
    if (this.counter) void this.claim(this.counter, false);
  }

  /** True when the window's own view (panel, list, case) is shown. */
  get working(): boolean {
    return this.session !== undefined && this.counter !== undefined && !this.choosing;
  }

  /** Ends a session the socket refused, and leaves a window another clerk took over. */
  review(): void {
    const state = this.deps.queue.state;
    // The socket refused the token: the session is over (logged out elsewhere, disabled, expired).
    if (this.session && state.refused === ErrorCode.unauthorized) this.end('sessionExpired');
    this.dropIfTakenOver();
  }

  /** Signs in and takes the remembered window. */
  async signIn(credentials: LoginDetail): Promise<void> {
    const office = this.deps.office;
    if (!office || this.signingIn) return;
    this.signingIn = true;
    this.loginError = '';
    this.host.requestUpdate();
    try {
      // The office goes along: a failed login of an unknown name is audited for its administrator.
      const result = await login({ ...credentials, office });
      this.session = { ...result, office };
      saveSession(this.session);
      this.choosing = true;
      this.connectQueue();
      if (this.counter) await this.claim(this.counter, false);
    } catch (error) {
      // At sign-in, 401 means a wrong name or password (or a disabled account), not an ended session.
      this.loginError = this.deps.l10n.t(signInRefusalKey(error));
    } finally {
      this.signingIn = false;
      this.host.requestUpdate();
    }
  }

  /** Ends the session here and on the server. */
  async signOut(): Promise<void> {
    if (this.refuseWhileServing()) return;
    const token = this.session?.token;
    this.end();
    if (!token) return;
    try {
      await logout(token);
    } catch {
      // The local session is gone either way; an expired token cannot be logged out twice.
    }
  }

  /** Ends the session in this console, saying why when `reason` is given. */
  end(reason?: MessageKey): void {
    this.session = undefined;
    saveSession(undefined);
    this.deps.work().forget(false);
    this.deps.notices.clear();
    this.loginError = reason ? this.deps.l10n.t(reason) : '';
    this.deps.queue.disconnect();
    this.host.requestUpdate();
  }

  /**
   * Whether a citizen is still called to or served at this window: the clerk is told to complete,
   * mark a no-show or transfer the ticket first, so that nobody is left at an empty window.
   */
  private refuseWhileServing(): boolean {
    const current = this.counter && !this.choosing ? this.deps.work().current() : undefined;
    if (current) this.deps.notices.error = stillAtWindow(current.number);
    return current !== undefined;
  }

  /** Takes the window the clerk chose in the list. */
  select(counter: string): void {
    this.deps.notices.error = undefined;
    void this.claim(counter, false);
  }

  /** Leaves the window for the window list. */
  changeWindow(): void {
    if (this.refuseWhileServing()) return;
    const office = this.deps.office;
    const token = this.session?.token;
    if (office && token && this.counter) {
      // Best effort: a window left held frees itself when this session ends.
      leaveWindow(office, this.counter, token).catch(() => undefined);
    }
    this.choosing = true;
    this.deps.work().forget(false);
    this.connectQueue();
    this.host.requestUpdate();
  }

  /**
   * Takes the window for this session. Held by another clerk: asks whether to take it over
   * (`takeover` answers yes). Until it holds the window, the console shows the window list.
   */
  async claim(counter: string, takeover: boolean): Promise<void> {
    const office = this.deps.office;
    const session = this.session;
    if (!office || !session || session.user.role === 'back_office') return;
    try {
      await takeWindow(office, counter, session.token, takeover);
      this.counter = counter;
      this.choosing = false;
      this.deps.notices.error = undefined;
      saveCounter(office, counter);
      this.connectQueue();
      this.host.requestUpdate();
    } catch (error) {
      if (isUnauthorized(error)) return this.end('sessionExpired');
      const holder = error instanceof ApiError ? holderOf(error.details) : undefined;
      if (error instanceof ApiError && error.code === ErrorCode.counterTaken && holder) {
        this.askTakeover(counter, holder);
      } else {
        this.deps.notices.error = toShownError(error);
      }
    }
  }

  private askTakeover(counter: string, holder: { name: string; since?: string }): void {
    const { l10n, queue } = this.deps;
    const zone = queue.state.office?.timeZone ?? DEFAULT_TIME_ZONE;
    const since = holder.since ? formatClock(new Date(holder.since), zone) : '—';
    this.deps.work().ask({
      kind: 'confirm',
      action: `takeover:${counter}`,
      title: l10n.t('takeoverTitle', { n: counter }),
      text: l10n.t('takeoverText', { n: counter, name: holder.name, time: since }),
      confirmLabel: l10n.t('takeoverConfirm'),
    });
  }

  /**
   * Another clerk took this window over: the console leaves it at once and shows the window list
   * with who took it.
   */
  private dropIfTakenOver(): void {
    const state = this.deps.queue.state;
    const user = this.session?.user;
    if (!user || this.choosing || !this.counter || !state.ready) return;
    const clerk = state.counters.find((c) => c.number === this.counter)?.clerk;
    if (!clerk || clerk.id === user.id || (user.id === undefined && clerk.name === user.name)) {
      return;
    }
    this.choosing = true;
    this.deps.work().forget(true);
    this.deps.notices.error = {
      key: 'windowTakenOver',
      params: { n: this.counter, name: clerk.name },
      code: ErrorCode.counterTaken,
      detail: '',
    };
    this.connectQueue();
  }

  private connectQueue(): void {
    const office = this.deps.office;
    const queue = this.deps.queue;
    if (!office || !this.session) {
      queue.disconnect();
      return;
    }
    const counter = this.choosing ? undefined : this.counter;
    queue.connect({
      namespace: Namespace.counter,
      auth: { office, token: this.session.token, ...(counter ? { counter } : {}) },
      retryRefusedMs: 0,
      onCase: this.deps.onCase,
    });
  }
}
