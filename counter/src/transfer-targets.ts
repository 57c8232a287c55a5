/**
 * The windows a ticket can be transferred to, as the transfer dialog offers them: who is there,
 * whether the window calls anybody, the staffed open ones first. A citizen sent to a window nobody
 * holds (or a paused or closed one) waits there unseen, so the dialog asks before sending them.
 */
import type { CounterState } from '../../server/protocol';
import type { MessageKey } from '../../ui/i18n/staff';

/** A window a ticket can be sent to. */
export interface TransferTarget {
  number: string;
  status: CounterState['status'];
  /** Who works at the window now; undefined: nobody holds it. */
  clerk: string | undefined;
}

/** Why sending a citizen to a window needs a second word, or undefined: someone calls there. */
export type TargetWarning = 'empty' | 'paused' | 'closed';

/**
 * The windows other than `own`: staffed open ones first, then staffed paused ones, then those nobody
 * holds, then closed ones; by number within each.
 */
export function transferTargets(
  counters: readonly CounterState[],
  own: string | undefined,
): TransferTarget[] {
  return counters
    .filter((c) => c.number !== own)
    .map((c) => ({ number: c.number, status: c.status, clerk: c.clerk?.name }))
    .sort(
      (a, b) => rank(a) - rank(b) || a.number.localeCompare(b.number, undefined, { numeric: true }),
    );
}

/** What is wrong with sending a citizen to `target`: closed, nobody there, or paused. */
export function targetWarning(target: TransferTarget): TargetWarning | undefined {
  if (target.status === 'closed') return 'closed';
  if (target.clerk === undefined) return 'empty';
  return target.status === 'paused' ? 'paused' : undefined;
}

/** The option's words for `target`: the window and who is there, or why nobody will call. */
export function targetLabelKey(target: TransferTarget): MessageKey {
  switch (targetWarning(target)) {
    case 'closed':
      return 'transferTargetClosed';
    case 'paused':
      return 'transferTargetPaused';
    case 'empty':
      return 'transferTargetEmpty';
    case undefined:
      return 'transferTargetStaffed';
  }
}

/** The warning shown before a citizen is sent to a window where nobody will call them. */
export function warningKey(warning: TargetWarning): MessageKey {
  switch (warning) {
    case 'closed':
      return 'transferWarnClosed';
    case 'paused':
      return 'transferWarnPaused';
    case 'empty':
      return 'transferWarnEmpty';
  }
}

const RANK: Readonly<Record<TargetWarning | 'none', number>> = {
  none: 0,
  paused: 1,
  empty: 2,
  closed: 3,
};

function rank(target: TransferTarget): number {
  return RANK[targetWarning(target) ?? 'none'];
}
