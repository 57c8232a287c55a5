/** The console's commands, their keyboard shortcuts and when each one applies. */
import type { Ticket } from '../../server/protocol';
import type { MessageKey } from '../../ui/i18n';

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

/** Whether `command` makes sense with `ticket` at the window (the server has the last word). */
export function commandApplies(command: CounterCommand, ticket: Ticket | undefined): boolean {
  const status = ticket?.status;
  switch (command) {
    case 'call-next':
    case 'complete-and-next':
    case 'pause':
    case 'pick':
    case 'case':
      return true;
    case 'transfer':
      return status === 'called' || status === 'serving';
    case 'recall':
    case 'start':
    case 'no-show':
      return status === 'called';
    case 'complete':
      return status === 'called' || status === 'serving';
  }
}
