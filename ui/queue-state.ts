/**
 * What a page knows of an office's live queue (the {@link QueueStore}'s state), its empty value
 * before the first snapshot, and which tickets belong to it.
 */
import type {
  CounterState,
  OfficeInfo,
  PrinterState,
  Service,
  ServiceLoad,
  Ticket,
} from '../server/protocol';
// Constants only: a value from schemas.ts would pull zod into every page.
import { LiveTicketStatuses } from '../server/protocol/constants';

/** One call (or recall) as it happened, for the hall display's flash. */
export interface CallNotice<T extends Ticket = Ticket> {
  seq: number;
  ticket: T;
}

/** Everything a page renders about the live queue; replaced (never mutated) on every change. */
export interface QueueState<T extends Ticket = Ticket> {
  /** True once the first snapshot has arrived. */
  ready: boolean;
  /** Whether the socket is connected now. */
  connected: boolean;
  /** Error code of a refused connection (`unauthorized`, `not_found`, …), if the last attempt was. */
  refused?: string;
  /** Last applied event sequence number of the office. */
  seq: number;
  /** Server clock minus local clock, in ms, measured at the last snapshot. */
  serverOffsetMs: number;
  /** Today's tickets still waiting, called or being served. */
  tickets: readonly T[];
  counters: readonly CounterState[];
  /** Waiting count and estimate per service. */
  services: readonly ServiceLoad[];
  /** The office's kiosk printers (online, offline, jobs waiting). */
  printers: readonly PrinterState[];
  /** The office's settings (names, zone, priorities, ticker, kiosk idle time), once known. */
  office?: OfficeInfo;
  /** Every service with its names, open or closed, in the office's order. */
  catalog: readonly Service[];
  /**
   * Latest calls first, including tickets finished since (for the display's history); a ticket sent
   * back to the line (transfer) has no call any more and leaves the list.
   */
  recentCalls: readonly T[];
  /** The last call or recall received live (not from a snapshot). */
  lastCall?: CallNotice<T>;
}

/** The state before the first snapshot. */
export const EMPTY_QUEUE_STATE: QueueState<never> = {
  ready: false,
  connected: false,
  seq: -1,
  serverOffsetMs: 0,
  tickets: [],
  counters: [],
  services: [],
  printers: [],
  catalog: [],
  recentCalls: [],
};

/** Whether a ticket still belongs to the live queue. */
export function isLive(ticket: Ticket): boolean {
  return (LiveTicketStatuses as readonly string[]).includes(ticket.status);
}
