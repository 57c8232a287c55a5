/**
 * The ticket lifecycle applied to a ticket's record: what each legal action sets (times, window,
 * recalls). Which action is legal in which status is the protocol's table (ticket-lifecycle.ts).
 */
import { ticketActionAllowed, type TicketAction, type TicketStatus } from '../../protocol';

/** The part of a ticket the lifecycle reads and writes. */
export interface TicketLifecycleState {
  status: TicketStatus;
  calledAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  counterNumber: string | null;
  targetCounter: string | null;
  recalls: number;
}

export type LifecycleResult =
  { ok: true; next: TicketLifecycleState } | { ok: false; reason: string };

/** Parameters some actions need. */
export interface ActionInput {
  now: Date;
  counter?: string;
  targetCounter?: string | null;
  maxRecalls?: number;
}

/** Applies `action` to `state`, or says why it is illegal. Never mutates `state`. */
export function applyTicketAction(
  state: TicketLifecycleState,
  action: TicketAction,
  input: ActionInput,
): LifecycleResult {
  if (!ticketActionAllowed(action, state.status)) {
    return { ok: false, reason: `cannot ${action} a ticket that is ${state.status}` };
  }
  return transitions[action](state, input);
}

/** What each action sets, once the status allows it (or why it still cannot be done). */
const transitions: {
  readonly [A in TicketAction]: (
    state: TicketLifecycleState,
    input: ActionInput,
  ) => LifecycleResult;
} = {
  call: (state, { now, counter }) => {
    if (!counter) return { ok: false, reason: 'a call needs a counter' };
    return {
      ok: true,
      next: {
        ...state,
        status: 'called',
        calledAt: now,
        counterNumber: counter,
        targetCounter: null,
        recalls: 0,
      },
    };
  },
  recall: (state, { now, maxRecalls }) => {
    if (maxRecalls !== undefined && state.recalls >= maxRecalls) {
      return { ok: false, reason: `recalled ${state.recalls} times already; mark it a no-show` };
    }
    return { ok: true, next: { ...state, calledAt: now, recalls: state.recalls + 1 } };
  },
  start: (state, { now }) => ({ ok: true, next: { ...state, status: 'serving', startedAt: now } }),
  'no-show': (state, { now }) => ({
    ok: true,
    next: { ...state, status: 'no_show', finishedAt: now },
  }),
  complete: (state, { now }) => ({
    ok: true,
    next: {
      ...state,
      status: 'done',
      startedAt: state.startedAt ?? state.calledAt ?? now,
      finishedAt: now,
    },
  }),
  // Waiting again with the same number and issue time: it keeps its place in the line.
  transfer: (state, { targetCounter }) => ({
    ok: true,
    next: {
      ...state,
      status: 'waiting',
      calledAt: null,
      startedAt: null,
      counterNumber: null,
      targetCounter: targetCounter ?? null,
      recalls: 0,
    },
  }),
  cancel: (state, { now }) => ({
    ok: true,
    next: { ...state, status: 'cancelled', finishedAt: now },
  }),
  expire: (state, { now }) => ({
    ok: true,
    next: { ...state, status: 'expired', finishedAt: now },
  }),
};
