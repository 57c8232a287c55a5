/**
 * The pure rules of the live queue a page shows: which calls still stand, "now calling", the order
 * of previous calls, and how waiting counts move with each ticket event (ui/queue-store.ts applies
 * them).
 */
import type { CounterState, ServiceLoad, Ticket } from '../server/protocol';
import { RECENT_CALLS_IN_SNAPSHOT } from '../server/protocol/constants';
import { QueueEvent } from '../server/protocol/events';

/** How many calls the store remembers for "previous calls" (as many as a snapshot carries). */
const RECENT_CALLS_LIMIT = RECENT_CALLS_IN_SNAPSHOT;

/** Whether a listed call still stands for one (a transfer sends the ticket back to the line). */
export function isCall(ticket: Ticket): boolean {
  return ticket.status !== 'waiting';
}

/**
 * Whether a call is still true: its ticket is called or being served, at a window that is open (a
 * paused or closed window is never where the hall is sent).
 */
export function isCurrentCall(ticket: Ticket, counters: readonly CounterState[]): boolean {
  if (ticket.status !== 'called' && ticket.status !== 'serving') return false;
  if (ticket.counter === undefined) return false;
  const window = counters.find((c) => c.number === ticket.counter);
  return window === undefined || window.status === 'open';
}

/**
 * "Now calling": the latest call that is still true, or nothing — never a ticket served, transferred,
 * marked no-show or expired since, never at a paused window.
 */
export function nowCalling<T extends Ticket>(state: {
  recentCalls: readonly T[];
  counters: readonly CounterState[];
}): T | undefined {
  return newestFirst(state.recentCalls).find((t) => isCurrentCall(t, state.counters));
}

/** Calls sorted by the server's call time, newest first. */
export function newestFirst<T extends Ticket>(calls: readonly T[]): T[] {
  return [...calls].sort((a, b) => (b.calledAt ?? '').localeCompare(a.calledAt ?? ''));
}

/** `first` before `rest`, one entry per ticket, at most {@link RECENT_CALLS_LIMIT}. */
export function mergeCalls<T extends Ticket>(first: readonly T[], rest: readonly T[]): T[] {
  const seen = new Set<string>();
  const merged: T[] = [];
  const sortedRest = [...rest].sort((a, b) => (b.calledAt ?? '').localeCompare(a.calledAt ?? ''));
  for (const ticket of [...first, ...sortedRest]) {
    if (seen.has(ticket.id)) continue;
    seen.add(ticket.id);
    merged.push(ticket);
  }
  return merged.slice(0, RECENT_CALLS_LIMIT);
}

/**
 * Waiting counts move with each event, by the status the event says the ticket had (`was`). From
 * a server that does not say, a ticket the page does not know was waiting in its service (a
 * snapshot carries only the head of each line), unless it is new. The estimate is the
 * snapshot's, refreshed by the estimate an issued ticket carries, and zero once nobody waits.
 */
export function recountServices<T extends Ticket>(
  services: readonly ServiceLoad[],
  before: T | undefined,
  changed: T,
  event: QueueEvent,
  wasStatus?: Ticket['status'],
): ServiceLoad[] {
  const was: Pick<Ticket, 'status' | 'service'> | undefined =
    event === QueueEvent.ticketIssued ? before : (before ?? changed);
  const wasWaiting =
    was !== undefined &&
    (event !== QueueEvent.ticketIssued && wasStatus !== undefined
      ? wasStatus === 'waiting'
      : before === undefined || was.status === 'waiting');
  const delta = new Map<string, number>();
  if (wasWaiting) delta.set(was.service, -1);
  if (changed.status === 'waiting')
    delta.set(changed.service, (delta.get(changed.service) ?? 0) + 1);
  const loads = services.some((s) => s.code === changed.service)
    ? [...services]
    : [...services, { code: changed.service, waiting: 0, estimatedWaitMinutes: 0 }];
  return loads.map((load) => {
    const count = Math.max(0, load.waiting + (delta.get(load.code) ?? 0));
    let estimate = load.estimatedWaitMinutes;
    if (event === QueueEvent.ticketIssued) {
      // The new ticket's own estimate is the service's for the next one to come.
      if (load.code === changed.service && changed.estimatedWaitMinutes !== undefined) {
        estimate = changed.estimatedWaitMinutes;
      }
    } else if (load.waiting > 0 && count !== load.waiting) {
      // A call or a transfer: the wait of someone arriving now, behind everyone waiting, moves
      // with the count until a snapshot brings the server's (which knows the last service times).
      estimate = Math.round((load.estimatedWaitMinutes * count) / load.waiting);
    }
    return { code: load.code, waiting: count, estimatedWaitMinutes: count === 0 ? 0 : estimate };
  });
}
