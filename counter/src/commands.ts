/**
 * The console's commands, their keyboard shortcuts and when each one applies (the ticket lifecycle
 * of the protocol decides, as on the server).
 */
import type { Ticket } from '../../server/protocol';
import {
  holdsCounter,
  ticketActionAllowed,
  type TicketAction,
} from '../../server/protocol/ticket-lifecycle';
import type { MessageKey } from '../../ui/i18n/staff';

export const CounterCommand = {
  callNext: 'call-next',
  recall: 'recall',
  start: 'start',
  complete: 'complete',
  noShow: 'no-show',
  completeAndNext: 'complete-and-next',
  transfer: 'transfer',
  pause: 'pause',
  pick: 'pick',
  openCase: 'case',
} as const;
export type CounterCommand = (typeof CounterCommand)[keyof typeof CounterCommand];

/** How a command looks on its button and which physical keys trigger it. */
export interface CommandSpec {
  command: CounterCommand;
  label: MessageKey;
  /** `KeyboardEvent.code` values: physical keys, the same in Latin and Cyrillic layouts. */
  codes: readonly string[];
  /** The keys as printed on the button. */
  keys: readonly string[];
  /** Value of `aria-keyshortcuts`. */
  aria: string;
}

/** Every command in the order of the buttons. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    command: 'call-next',
    label: 'callNext',
    codes: ['F1', 'KeyN'],
    keys: ['F1', 'N'],
    aria: 'F1 N',
  },
  {
    command: 'complete-and-next',
    label: 'completeAndNext',
    codes: ['Enter', 'NumpadEnter'],
    keys: ['Enter'],
    aria: 'Enter',
  },
  { command: 'recall', label: 'recall', codes: ['KeyR'], keys: ['R'], aria: 'R' },
  { command: 'start', label: 'start', codes: ['KeyS'], keys: ['S'], aria: 'S' },
  { command: 'complete', label: 'complete', codes: ['KeyC'], keys: ['C'], aria: 'C' },
  { command: 'no-show', label: 'noShow', codes: ['KeyX'], keys: ['X'], aria: 'X' },
  { command: 'transfer', label: 'transfer', codes: ['KeyT'], keys: ['T'], aria: 'T' },
  { command: 'pick', label: 'pickTicket', codes: ['KeyL'], keys: ['L'], aria: 'L' },
  { command: 'case', label: 'caseHeading', codes: ['F2'], keys: ['F2'], aria: 'F2' },
  { command: 'pause', label: 'pause', codes: ['KeyP'], keys: ['P'], aria: 'P' },
];

/** The lifecycle action behind each command that acts on the window's ticket. */
const ACTION_OF: { readonly [C in CounterCommand]?: TicketAction } = {
  recall: 'recall',
  start: 'start',
  complete: 'complete',
  'no-show': 'no-show',
  transfer: 'transfer',
};

/** The commands that call a ticket to the window. */
const CALLING: ReadonlySet<CounterCommand> = new Set(['call-next', 'complete-and-next', 'pick']);

/**
 * Whether `command` makes sense with `ticket` at the window (the server has the last word): the
 * others always do; a ticket action needs a ticket the window holds, in a status that allows it.
 */
export function commandApplies(
  command: CounterCommand,
  ticket: Ticket | undefined,
  paused = false,
): boolean {
  // A paused window calls nobody: its buttons are off (its F1 gets the hint to resume first).
  if (paused && CALLING.has(command)) return false;
  const action = ACTION_OF[command];
  if (action === undefined) return true;
  return (
    ticket !== undefined &&
    holdsCounter(ticket.status) &&
    ticketActionAllowed(action, ticket.status)
  );
}
