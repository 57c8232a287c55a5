/** Which waiting ticket a counter calls next: oldest first, priority ahead but fairly. */
import { NO_PRIORITY, type CallReason } from '../../protocol';

export interface Candidate {
  id: string;
  priority: string;
  issuedAt: Date;
}

export interface CallNextInput<C extends Candidate> {
  /** The oldest waiting priority ticket this counter may call, if any. */
  oldestPriority: C | undefined;
  /** The oldest waiting ordinary ticket this counter may call, if any. */
  oldestNormal: C | undefined;
  /** Priority tickets this counter has called in a row. */
  streak: number;
  /** After this many priority tickets in a row, the oldest ordinary ticket goes first. */
  fairnessN: number;
}

export interface CallNextChoice<C extends Candidate> {
  ticket: C | undefined;
  streak: number;
  /** Why this ticket: priority, the ordinary queue's fairness turn, or the oldest. */
  reason: Exclude<CallReason, 'transferred'>;
}

/**
 * Priority tickets go ahead of ordinary ones, but after `fairnessN` priority calls in a row the
 * oldest ordinary ticket is called, so nobody waits forever.
 */
export function chooseNext<C extends Candidate>(input: CallNextInput<C>): CallNextChoice<C> {
  const { oldestPriority, oldestNormal, streak, fairnessN } = input;
  if (oldestPriority && oldestNormal) {
    if (streak >= Math.max(0, fairnessN)) {
      return { ticket: oldestNormal, streak: 0, reason: 'fairness' };
    }
    return { ticket: oldestPriority, streak: streak + 1, reason: 'priority' };
  }
  if (oldestPriority) return { ticket: oldestPriority, streak: streak + 1, reason: 'priority' };
  if (oldestNormal) return { ticket: oldestNormal, streak: 0, reason: 'oldest' };
  return { ticket: undefined, streak, reason: 'oldest' };
}

/** Whether a ticket counts as a priority ticket. */
export function isPriority(priority: string): boolean {
  return priority !== NO_PRIORITY;
}

/** Orders tickets oldest first (issue time, then id), as the database's call-next query does. */
export function queueOrder<C extends Candidate>(tickets: readonly C[]): C[] {
  return [...tickets].sort(
    // Ids compare as the database compares them (binary), with no collator per comparison.
    (a, b) =>
      a.issuedAt.getTime() - b.issuedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * Which kind of ticket a window tries to lock first (`true`: priority), as `chooseNext` would
 * choose: priority ahead, ordinary after `fairnessN` priority calls in a row; the other kind after
 * it, for when every ticket of the first is taken by other windows.
 */
export function callOrder(priorityWaiting: boolean, streak: number, fairnessN: number): boolean[] {
  if (!priorityWaiting) return [false];
  return streak >= Math.max(0, fairnessN) ? [false, true] : [true, false];
}

/** Why a ticket of this priority was called, and the window's new priority streak. */
export function chosenReason(
  priority: string,
  priorityWaiting: boolean,
  streak: number,
  fairnessN: number,
): { reason: Exclude<CallReason, 'transferred'>; streak: number } {
  if (isPriority(priority)) return { reason: 'priority', streak: streak + 1 };
  const fair = priorityWaiting && streak >= Math.max(0, fairnessN);
  return { reason: fair ? 'fairness' : 'oldest', streak: 0 };
}
