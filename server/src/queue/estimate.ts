/** Waiting estimates: people ahead and minutes, from recent service times. */
import { NO_PRIORITY } from '../../protocol';

/** Used while a service has no finished tickets today. */
export const DEFAULT_SERVICE_SECONDS = 300;

export interface WaitingTicket {
  id: string;
  service: string;
  priority: string;
  issuedAt: Date;
}

/**
 * How many waiting tickets of the same service will be called before `ticket`, ignoring fairness:
 * for an ordinary ticket every older ticket and every priority ticket; for a priority ticket the
 * older priority tickets. Ties in issue time go by id, as the database orders them.
 */
export function peopleAhead(ticket: WaitingTicket, waiting: readonly WaitingTicket[]): number {
  const mine = ticket.priority !== NO_PRIORITY;
  let ahead = 0;
  for (const other of waiting) {
    if (other.id === ticket.id || other.service !== ticket.service) continue;
    const diff = other.issuedAt.getTime() - ticket.issuedAt.getTime();
    const older = diff < 0 || (diff === 0 && other.id < ticket.id);
    const otherPriority = other.priority !== NO_PRIORITY;
    if (older && (otherPriority || !mine)) ahead++;
    else if (!mine && otherPriority) ahead++;
  }
  return ahead;
}

/** Mean of recent service durations in seconds, or the default when there are none. */
export function averageServiceSeconds(durations: readonly number[]): number {
  const valid = durations.filter((d) => Number.isFinite(d) && d > 0);
  if (valid.length === 0) return DEFAULT_SERVICE_SECONDS;
  return valid.reduce((a, b) => a + b, 0) / valid.length;
}

/** Minutes until a ticket with `ahead` people in front is called, spread over `counters` windows. */
export function estimateWaitMinutes(
  ahead: number,
  avgServiceSeconds: number,
  counters: number,
): number {
  if (ahead <= 0) return 0;
  const parallel = Math.max(1, counters);
  return Math.ceil((ahead * avgServiceSeconds) / parallel / 60);
}
