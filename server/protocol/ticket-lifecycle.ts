/**
 * The ticket lifecycle as data shared by the server and the console: which action is legal in which
 * status, and which statuses hold a window. The server applies the actions to its records
 * (server/src/queue/lifecycle.ts); the console greys out the buttons the same table forbids.
 * Imports nothing but the constants (no zod): every front end may use it.
 *
 *   waiting → called → serving → done
 *   called → no_show · waiting → cancelled · waiting|called → expired
 *   waiting|called|serving → waiting (transfer, keeping its place)
 */
import { TicketStatus } from './constants';

export const TicketAction = {
  call: 'call',
  recall: 'recall',
  start: 'start',
  noShow: 'no-show',
  complete: 'complete',
  transfer: 'transfer',
  cancel: 'cancel',
  expire: 'expire',
} as const;
export type TicketAction = (typeof TicketAction)[keyof typeof TicketAction];

const allowedFrom: { readonly [A in TicketAction]: readonly TicketStatus[] } = {
  call: ['waiting'],
  recall: ['called'],
  start: ['called'],
  'no-show': ['called'],
  // Completing a called ticket implies it was served from the call on (one key for the clerk).
  complete: ['called', 'serving'],
  transfer: ['waiting', 'called', 'serving'],
  cancel: ['waiting'],
  expire: ['waiting', 'called'],
};

/** Statuses from which `action` is legal. */
export function statusesAllowing(action: TicketAction): readonly TicketStatus[] {
  return allowedFrom[action];
}

/** Whether `action` is legal for a ticket in `status` (a ticket DTO's or a record's). */
export function ticketActionAllowed(action: TicketAction, status: string): boolean {
  return allowedFrom[action].some((s) => s === status);
}

/** True for the statuses that hold a counter (a counter with one is busy). */
export function holdsCounter(status: string): boolean {
  return status === TicketStatus.called || status === TicketStatus.serving;
}
