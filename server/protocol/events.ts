/**
 * The Socket.IO event contract (CONTRACT §5), written once: {@link ServerEventPayloads} names every
 * event the server sends and its payload; the listener map of each side, the server's
 * {@link QueueChange} and the client's buffered change are derived from it. Every namespace uses the
 * same names (`case:updated` only on `/counter`; staff get richer tickets).
 */
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
} as const satisfies Record<string, keyof ServerEventPayloads | keyof ClientToServerEvents>;
export type QueueEvent = (typeof QueueEvent)[keyof typeof QueueEvent];

export interface TicketEvent<T extends Ticket = Ticket> {
  seq: number;
  ticket: T;
  /**
   * The ticket's status before this change (an addition to CONTRACT §5; absent on
   * `ticket:issued`): a page moves its waiting counts by it, also for a ticket it never listed (a
   * snapshot lists only the head of a long line, and no ended ticket an undo brings back).
   */
  was?: Ticket['status'];
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

/**
 * The changes of an office's live queue, by event name: each carries the office's `seq`, in order
 * and without gaps. `T` is `StaffTicket` on `/counter`.
 */
export interface QueueChangePayloads<T extends Ticket = Ticket> {
  'ticket:issued': TicketEvent<T>;
  'ticket:called': TicketEvent<T>;
  'ticket:updated': TicketEvent<T>;
  'counter:updated': CounterEvent;
  'printer:updated': PrinterEvent;
  'office:updated': OfficeEvent;
  'services:updated': ServicesEvent;
}

/** Every event the server sends and its payload: the queue's changes and the rest. */
export interface ServerEventPayloads<T extends Ticket = Ticket> extends QueueChangePayloads<T> {
  'queue:snapshot': QueueSnapshot;
  'queue:gap': GapEvent;
  /** Only on `/counter`. */
  'case:updated': CaseEvent;
}

/** The name of an event that carries a change of the queue (and a `seq`). */
export type QueueChangeEvent = keyof QueueChangePayloads;

/** The queue's changes that carry a ticket. */
export type TicketChangeEvent = {
  [K in QueueChangeEvent]: QueueChangePayloads[K] extends TicketEvent ? K : never;
}[QueueChangeEvent];

/** Every change event, in a list a client can subscribe with (checked complete below). */
export const QueueChangeEvents = [
  'ticket:issued',
  'ticket:called',
  'ticket:updated',
  'counter:updated',
  'printer:updated',
  'office:updated',
  'services:updated',
] as const satisfies readonly QueueChangeEvent[];
type NoneMissing<T extends never> = T;
// A change event missing from the list above fails to compile here.
type _EveryChangeListed = NoneMissing<
  Exclude<QueueChangeEvent, (typeof QueueChangeEvents)[number]>
>;

/** Events from server to client, as Socket.IO types them (derived from the payload map). */
export type ServerToClientEvents<T extends Ticket = Ticket> = {
  [K in keyof ServerEventPayloads<T>]: (e: ServerEventPayloads<T>[K]) => void;
};

export interface ClientToServerEvents {
  'queue:sync': (ack: (snapshot: QueueSnapshot) => void) => void;
}

/**
 * One change of the queue tagged with its event name, as the server publishes it (`seq` per office)
 * and as a client buffers it: `{ kind: 'ticket:called', seq, ticket }`.
 */
export type QueueChange<T extends Ticket = Ticket> = {
  [K in QueueChangeEvent]: { kind: K } & QueueChangePayloads<T>[K];
}[QueueChangeEvent];
