/**
 * The window's commands, from a button, a shortcut or the waiting list: one request at a time, a
 * key pressed meanwhile kept for afterwards, the last answer shown until the socket reports it,
 * the questions some commands ask first (transfer target, pause reason) and what a refusal means
 * for the clerk.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallReason, StaffTicket } from '../../server/protocol';
import { ErrorCode } from '../../server/protocol/constants';
import { ApiError, callNext, fetchTicket, ticketAction, type TicketAction } from '../../ui/api';
import type { LocalizeController } from '../../ui/controllers/localize-controller';
import { isUnauthorized } from '../../ui/controllers/request-controller';
import { toShownError, type ShownError } from '../../ui/errors';
import type { QueueController } from '../../ui/queue-controller';
import { commandApplies, type CounterCommand } from './commands';
import { callTicket, setPause, transferTicket, undoNoShow } from './console-api';
import type { WindowAnswer, WindowQuestion } from './counter-window-dialog';
import type { NoticeController } from './notice-controller';
import type { SessionController, WindowWork } from './session-controller';
import { transferTargets } from './transfer-targets';
import { pauseReasonAt, stillAtWindow, ticketAtWindow } from './window-view';
import { loadCallReason, saveCallReason, type CallReasonOf } from './session';

/** A window request: office, window and staff token are known when it runs. */
type WindowRequest = (office: string, counter: string, token: string) => Promise<void>;

/** What the command controller works with. */
export interface CommandDeps {
  office: string | undefined;
  queue: QueueController<StaffTicket>;
  staff: SessionController;
  notices: NoticeController;
  l10n: LocalizeController;
  /** Moves the focus to the waiting list (the "pick" command). */
  pick: () => void;
  /** Opens the current ticket's case, or a new one (the "case" command). */
  openCase: () => Promise<void>;
  /** The case beside the ticket, when it holds typing the server has not taken (sent first). */
  unsavedCase: () => Promise<string | undefined>;
}

/** Completing with a case's typing not saved asks first: the confirmed command's action. */
export const COMPLETE_UNSAVED = 'complete-unsaved';

/** Runs the window's commands and holds what they leave on screen. */
export class CommandController implements ReactiveController, WindowWork {
  /** True while a request runs. */
  busy = false;
  /** The open dialog (transfer target, pause reason, takeover). */
  question: WindowQuestion | undefined;
  /** The command whose request is running, and the key pressed meanwhile (run next). */
  private running?: CounterCommand;
  private queued?: CounterCommand;
  /** Why call-next chose the ticket now at the window (kept across a reload of the tab). */
  private callReason: CallReasonOf | undefined = loadCallReason();
  private answered: StaffTicket | undefined;
  private readonly host: ReactiveControllerHost;
  private readonly deps: CommandDeps;

  constructor(host: ReactiveControllerHost, deps: CommandDeps) {
    this.host = host;
    this.deps = deps;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The ticket of the last command's answer, shown until the socket reports it. */
  get echo(): StaffTicket | undefined {
    return this.answered;
  }
  set echo(ticket: StaffTicket | undefined) {
    this.answered = ticket;
    this.host.requestUpdate();
  }

  /** The ticket at this window: what the socket says, or the last answer until it does. */
  current(): StaffTicket | undefined {
    return ticketAtWindow(this.deps.queue.state, this.deps.staff.counter, this.echo);
  }

  /** Why call-next chose `ticket`, when it did. */
  reasonFor(ticket: StaffTicket | undefined): CallReason | undefined {
    return ticket && this.callReason?.ticketId === ticket.id ? this.callReason.reason : undefined;
  }

  /** Drops the last answer once the socket reports its ticket; called before each render. */
  review(): void {
    const echo = this.echo;
    if (echo && this.deps.queue.state.tickets.some((t) => t.id === echo.id)) this.echo = undefined;
  }

  /** Forgets the last answer and, with `closeDialog`, the open question (the window was left). */
  forget(closeDialog: boolean): void {
    this.echo = undefined;
    if (closeDialog) this.question = undefined;
    this.host.requestUpdate();
  }

  /** Opens a question (transfer, pause, takeover), or closes it with undefined. */
  ask(question: WindowQuestion | undefined): void {
    this.question = question;
    this.host.requestUpdate();
  }

  /**
   * Runs `command`, or keeps it for afterwards while another request runs. Completing while the
   * case holds typing the server has not taken asks first (`confirmed`: it was asked).
   */
  async execute(command: CounterCommand, confirmed = false): Promise<void> {
    const { office } = this.deps;
    const token = this.deps.staff.session?.token;
    const counter = this.deps.staff.counter;
    // An open dialog (transfer, pause) has the keyboard until it is answered.
    if (!office || !token || !counter || this.question !== undefined) return;
    if (this.busy) {
      // A key pressed while a request runs is not lost: the last one runs next, unless it repeats
      // the running command (an impatient second F1 must not call a second citizen).
      if (command !== this.running) this.queued = command;
      return;
    }
    this.begin(command);
    this.deps.notices.setInfo(undefined);
    const current = this.current();
    try {
      const completing = command === 'complete' || command === 'complete-and-next';
      const unsaved = completing && current && !confirmed && (await this.deps.unsavedCase());
      if (unsaved) return this.ask(this.unsavedQuestion(command, unsaved));
      await this.perform(command, current, office, counter, token);
    } catch (error) {
      this.refused(error, (e) => this.explain(command, e, current));
    } finally {
      this.settle();
    }
  }

  private unsavedQuestion(command: CounterCommand, caseNumber: string): WindowQuestion {
    const { l10n } = this.deps;
    return {
      kind: 'confirm',
      action: `${COMPLETE_UNSAVED}:${command}`,
      title: l10n.t('unsavedCaseTitle', { number: caseNumber }),
      text: l10n.t('unsavedCaseText'),
      confirmLabel: l10n.t('completeAnyway'),
    };
  }

  /** Calls a ticket the clerk chose in the waiting list. */
  callTicket(ticketId: string): void {
    void this.request(async (office, counter, token) => {
      this.echo = await callTicket(office, counter, ticketId, token);
    });
  }

  /** Takes back the no-show still offered for undoing. */
  undoNoShow(): void {
    const undo = this.deps.notices.takeUndo();
    if (!undo) return;
    void this.request(async (_office, _counter, token) => {
      this.echo = await undoNoShow(undo.id, token);
      this.deps.notices.setInfo('noShowUndone', { number: undo.number });
    });
  }

  /** Carries out the answer to a transfer or pause question. */
  answer(answer: Exclude<WindowAnswer, { kind: 'confirm' }>): void {
    const current = this.current();
    this.ask(undefined);
    void this.request(async (office, counter, token) => {
      if (answer.kind === 'pause') {
        await setPause(office, counter, answer.reason, token);
      } else if (current) {
        this.echo = await transferTicket(current.id, answer.target, token);
        this.deps.notices.setInfo('ticketTransferred', { number: current.number });
      }
    });
  }

  private async perform(
    command: CounterCommand,
    current: StaffTicket | undefined,
    office: string,
    counter: string,
    token: string,
  ): Promise<void> {
    switch (command) {
      case 'call-next':
        return this.callNext(office, counter, token);
      case 'complete-and-next':
        // Two requests: the second runs only if the first was accepted (or found done already).
        if (current) await this.complete(current, token);
        return this.callNext(office, counter, token);
      case 'complete':
        if (current) await this.complete(current, token);
        return;
      case 'recall':
      case 'start':
        if (current)
          this.echo = await ticketAction(current.id, command satisfies TicketAction, token);
        return;
      case 'no-show':
        if (current) {
          this.echo = await ticketAction(current.id, 'no-show', token);
          this.deps.notices.offerUndo(current);
        }
        return;
      case 'transfer':
        if (current) this.ask(this.transferQuestion(current, counter));
        return;
      case 'pause':
        if (pauseReasonAt(this.deps.queue.state, counter) !== undefined) {
          await setPause(office, counter, undefined, token);
        } else if (current) {
          // The hall sends nobody to a paused window: the citizen called to it is seen to first.
          this.deps.notices.error = stillAtWindow(current.number);
        } else {
          this.ask({ kind: 'pause', counter });
        }
        return;
      case 'pick':
        return this.deps.pick();
      case 'case':
        return this.deps.openCase();
    }
  }

  /**
   * Completes the ticket at the window. Refused because it is done already (the request sent
   * again after its answer was lost, or the clerk's other tab was quicker), it is what the clerk
   * asked for: no error, and "complete and call next" goes on to call.
   */
  private async complete(current: StaffTicket, token: string): Promise<void> {
    try {
      this.echo = await ticketAction(current.id, 'complete', token);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === ErrorCode.illegalTransition)) throw error;
      const now = await fetchTicket(current.id).catch(() => undefined);
      if (now?.status !== 'done') throw error;
    }
  }

  private transferQuestion(current: StaffTicket, counter: string): WindowQuestion {
    return {
      kind: 'transfer',
      ticketNumber: current.number,
      currentService: current.service,
      counters: transferTargets(this.deps.queue.state.counters, counter),
    };
  }

  private async callNext(office: string, counter: string, token: string): Promise<void> {
    const { ticket, reason } = await callNext(office, counter, token);
    if (ticket) {
      this.echo = ticket;
      this.callReason = reason ? { ticketId: ticket.id, reason } : undefined;
      saveCallReason(this.callReason);
    } else {
      this.deps.notices.setInfo('nobodyWaitingHere');
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
    const paused = pauseReasonAt(this.deps.queue.state, this.deps.staff.counter) !== undefined;
    if (calling && shown.code === ErrorCode.conflict && paused) {
      return { ...shown, key: 'windowPausedCallHint' };
    }
    if (command === 'pause' && shown.code === ErrorCode.counterBusy) {
      return stillAtWindow(current?.number ?? numberIn(error) ?? '—');
    }
    if (command === 'recall' && shown.code === ErrorCode.illegalTransition && current) {
      return { ...shown, key: 'recallLimit', params: { n: current.recalls + 1 } };
    }
    return shown;
  }

  /** Runs one window request with the console's busy flag and error banner. */
  private async request(work: WindowRequest): Promise<void> {
    const { office } = this.deps;
    const token = this.deps.staff.session?.token;
    const counter = this.deps.staff.counter;
    if (!office || !token || !counter || this.busy) return;
    this.begin();
    try {
      await work(office, counter, token);
    } catch (error) {
      this.refused(error, toShownError);
    } finally {
      this.settle();
    }
  }

  /** Starts a request (of `command`, when it runs one): the console is busy, the banner cleared. */
  private begin(command?: CounterCommand): void {
    this.busy = true;
    this.running = command;
    this.deps.notices.error = undefined;
    this.host.requestUpdate();
  }

  private refused(error: unknown, explain: (error: unknown) => ShownError): void {
    if (isUnauthorized(error)) this.deps.staff.end('sessionExpired');
    else this.deps.notices.error = explain(error);
  }

  /** Ends a request: the console is free, and a key kept meanwhile runs now. */
  private settle(): void {
    this.busy = false;
    this.running = undefined;
    const next = this.queued;
    this.queued = undefined;
    this.host.requestUpdate();
    // After a refusal the clerk reads the message first.
    if (next && !this.deps.notices.error && commandApplies(next, this.current())) {
      void this.execute(next);
    }
  }
}

/** The ticket number a `counter_busy` refusal names, when it names one. */
function numberIn(error: unknown): string | undefined {
  const details = error instanceof ApiError ? error.details : undefined;
  const number = (details as { number?: unknown } | undefined)?.number;
  return typeof number === 'string' ? number : undefined;
}
