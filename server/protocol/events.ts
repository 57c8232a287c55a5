/** Socket.IO event maps, one per namespace. */
import type { CounterState, PrinterState, QueueSnapshot, Ticket } from './schemas';

export const Namespace = { display: '/display', kiosk: '/kiosk', counter: '/counter' } as const;
export type Namespace = (typeof Namespace)[keyof typeof Namespace];

export const QueueEvent = {
  snapshot: 'queue:snapshot',
  sync: 'queue:sync',
  ticketIssued: 'ticket:issued',
  ticketCalled: 'ticket:called',
  ticketUpdated: 'ticket:updated',
  counterUpdated: 'counter:updated',
  printerUpdated: 'printer:updated',
} as const;
export type QueueEvent = (typeof QueueEvent)[keyof typeof QueueEvent];

export interface TicketEvent<T extends Ticket = Ticket> {
  seq: number;
  ticket: T;
}
export interface CounterEvent {
  seq: number;
  counter: CounterState;
}
export interface PrinterEvent {
  seq: number;
  printer: PrinterState;
}

/** Events from server to client; the same names on every namespace (staff get richer tickets). */
export interface ServerToClientEvents<T extends Ticket = Ticket> {
  'queue:snapshot': (snapshot: QueueSnapshot) => void;
  'ticket:issued': (e: TicketEvent<T>) => void;
  'ticket:called': (e: TicketEvent<T>) => void;
  'ticket:updated': (e: TicketEvent<T>) => void;
  'counter:updated': (e: CounterEvent) => void;
  'printer:updated': (e: PrinterEvent) => void;
}

export interface ClientToServerEvents {
  'queue:sync': (ack: (snapshot: QueueSnapshot) => void) => void;
}

/** One committed change as the server publishes it; `seq` is per office. */
export type QueueChange =
  | { kind: 'ticket:issued'; seq: number; ticket: Ticket }
  | { kind: 'ticket:called'; seq: number; ticket: Ticket }
  | { kind: 'ticket:updated'; seq: number; ticket: Ticket }
  | { kind: 'counter:updated'; seq: number; counter: CounterState }
  | { kind: 'printer:updated'; seq: number; printer: PrinterState };
