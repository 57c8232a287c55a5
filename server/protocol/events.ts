/** Socket.IO event maps, one per namespace. */
import type { Case } from './case';
import type {
  CounterState,
  OfficeInfo,
  PrinterState,
  QueueSnapshot,
  Service,
  Ticket,
} from './schemas';

export const Namespace = { display: '/display', kiosk: '/kiosk', counter: '/counter' } as const;
export type Namespace = (typeof Namespace)[keyof typeof Namespace];

export const QueueEvent = {
  snapshot: 'queue:snapshot',
  sync: 'queue:sync',
  gap: 'queue:gap',
  ticketIssued: 'ticket:issued',
  ticketCalled: 'ticket:called',
  ticketUpdated: 'ticket:updated',
  counterUpdated: 'counter:updated',
  printerUpdated: 'printer:updated',
  officeUpdated: 'office:updated',
  servicesUpdated: 'services:updated',
  /** Staff only (`/counter`): a case of the office changed (CONTRACT §6). */
  caseUpdated: 'case:updated',
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
/** The office's settings changed (an administrator saved them). */
export interface OfficeEvent {
  seq: number;
  office: OfficeInfo;
}
/** The office's services changed: added, renamed, reordered, opened or closed. The full list. */
export interface ServicesEvent {
  seq: number;
  services: Service[];
}

/**
 * An event of the office will not arrive in order (an addition to CONTRACT §5): the client asks
 * for a snapshot (`queue:sync`), once.
 */
export interface GapEvent {
  seq: number;
}

/** A case of the office was created, edited or moved along its workflow (staff only). */
export interface CaseEvent {
  /** Cases have no place in the queue's seq: this is always absent (the contract allows it). */
  seq?: number;
  case: Case;
}

/** Events from server to client; the same names on every namespace (staff get richer tickets). */
export interface ServerToClientEvents<T extends Ticket = Ticket> {
  'queue:snapshot': (snapshot: QueueSnapshot) => void;
  'queue:gap': (e: GapEvent) => void;
  'ticket:issued': (e: TicketEvent<T>) => void;
  'ticket:called': (e: TicketEvent<T>) => void;
  'ticket:updated': (e: TicketEvent<T>) => void;
  'counter:updated': (e: CounterEvent) => void;
  'printer:updated': (e: PrinterEvent) => void;
  'office:updated': (e: OfficeEvent) => void;
  'services:updated': (e: ServicesEvent) => void;
  /** Only on `/counter`. */
  'case:updated': (e: CaseEvent) => void;
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
  | { kind: 'printer:updated'; seq: number; printer: PrinterState }
  | { kind: 'office:updated'; seq: number; office: OfficeInfo }
  | { kind: 'services:updated'; seq: number; services: Service[] };
