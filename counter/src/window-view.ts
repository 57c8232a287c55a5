/**
 * What the console reads of the office's queue for its own window: the ticket at the window, the
 * waiting line, how many of them this window may call, and why it is paused. Pure functions of the
 * queue state, so the shell, its controllers and its banners read the same facts.
 */
import type { StaffTicket } from '../../server/protocol';
import { ErrorCode } from '../../server/protocol/constants';
import type { ShownError } from '../../ui/errors';
import { isLive, type QueueState } from '../../ui/queue-store';

/** The queue as the console's socket holds it. */
export type ConsoleQueue = QueueState<StaffTicket>;

/**
 * The ticket at `counter`: what the socket says, or `echo` (the last command's answer) until it
 * does.
 */
export function ticketAtWindow(
  state: ConsoleQueue,
  counter: string | undefined,
  echo: StaffTicket | undefined,
): StaffTicket | undefined {
  const mine = state.tickets
    .filter((t) => t.counter === counter && (t.status === 'called' || t.status === 'serving'))
    .sort((a, b) => (b.calledAt ?? '').localeCompare(a.calledAt ?? ''));
  if (mine[0]) return mine[0];
  return echo && echo.counter === counter && isLive(echo) && echo.status !== 'waiting'
    ? echo
    : undefined;
}

/** The office's waiting tickets, longest waiting first. */
export function waitingLine(state: ConsoleQueue): StaffTicket[] {
  return state.tickets
    .filter((t) => t.status === 'waiting')
    .sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
}

/** The services `counter` serves (undefined: not known, every service). */
export function servedAt(state: ConsoleQueue, counter: string | undefined): string[] | undefined {
  return state.counters.find((c) => c.number === counter)?.services;
}

/** Waiting tickets `counter` may call (its services, not sent to another window). */
export function callableWaiting(state: ConsoleQueue, counter: string | undefined): number {
  const served = servedAt(state, counter);
  return state.tickets.filter(
    (t) =>
      t.status === 'waiting' &&
      (served === undefined || served.includes(t.service)) &&
      (t.targetCounter === undefined || t.targetCounter === null || t.targetCounter === counter),
  ).length;
}

/** Why `counter` is paused, or undefined while it is open. */
export function pauseReasonAt(
  state: ConsoleQueue,
  counter: string | undefined,
): string | undefined {
  const window = state.counters.find((c) => c.number === counter);
  return window?.status === 'paused' ? (window.pauseReason ?? '') : undefined;
}

/** "A003 is still at your window": what pausing or leaving the window waits for. */
export function stillAtWindow(number: string): ShownError {
  return {
    key: 'ticketStillAtWindow',
    code: ErrorCode.counterBusy,
    detail: '',
    params: { number },
  };
}
