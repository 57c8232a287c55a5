/** Wire constants shared by the server and the three front ends. Imports nothing. */

export const Languages = ['tg', 'ru', 'uz', 'en'] as const;

export const TicketStatus = {
  waiting: 'waiting',
  called: 'called',
  serving: 'serving',
  done: 'done',
  noShow: 'no_show',
  cancelled: 'cancelled',
  expired: 'expired',
} as const;
export type TicketStatus = (typeof TicketStatus)[keyof typeof TicketStatus];
export const TicketStatuses = Object.values(TicketStatus) as TicketStatus[];
/** Statuses in which a ticket is still part of today's live queue. */
export const LiveTicketStatuses: readonly TicketStatus[] = ['waiting', 'called', 'serving'];

export const Role = { clerk: 'clerk', backOffice: 'back_office', admin: 'admin' } as const;
export type Role = (typeof Role)[keyof typeof Role];
export const Roles = Object.values(Role) as Role[];

export const CounterStatus = { open: 'open', paused: 'paused', closed: 'closed' } as const;
export type CounterStatus = (typeof CounterStatus)[keyof typeof CounterStatus];

/**
 * Why call-next chose its ticket (the `reason` of its answer, an addition): a ticket sent to this
 * window, a priority ticket, the ordinary queue's turn after N priority calls, or simply the oldest.
 */
export const CallReasons = ['transferred', 'priority', 'fairness', 'oldest'] as const;
export type CallReason = (typeof CallReasons)[number];

/** The priority code of an ordinary ticket; other codes come from the office's priority list. */
export const NO_PRIORITY = 'none';

export const ErrorCode = {
  validationFailed: 'validation_failed',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'not_found',
  illegalTransition: 'illegal_transition',
  staleVersion: 'stale_version',
  counterBusy: 'counter_busy',
  /** The window is held by another staff member's session (CONTRACT §6). */
  counterTaken: 'counter_taken',
  conflict: 'conflict',
  /** Every place of a booking slot is taken (CONTRACT §6). */
  slotFull: 'slot_full',
  payloadTooLarge: 'payload_too_large',
  rateLimited: 'rate_limited',
  unavailable: 'unavailable',
  overloaded: 'overloaded',
  internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** HTTP status of each error code (CONTRACT §3). */
export const ErrorStatus: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  illegal_transition: 409,
  stale_version: 409,
  counter_busy: 409,
  counter_taken: 409,
  conflict: 409,
  slot_full: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  overloaded: 503,
  internal: 500,
};

/** Header that makes ticket issue idempotent. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Header with a paired kiosk's device token (offices that require paired devices). */
export const DEVICE_TOKEN_HEADER = 'X-Device-Token';
/**
 * Header with a ticket's holder key (the `#…` of the ticket page's link): needed to change or stop
 * the messages of a ticket that someone already follows.
 */
export const TICKET_KEY_HEADER = 'X-Ticket-Key';
/** Kinds of devices an office registers. */
export const DeviceKinds = ['kiosk', 'display'] as const;
export type DeviceKind = (typeof DeviceKinds)[number];
/** Name of the staff session cookie. */
export const SESSION_COOKIE = 'navbat_session';

/** How many of the day's calls a snapshot carries. */
export const RECENT_CALLS_IN_SNAPSHOT = 10;

/**
 * The service a ticket for an existing case is issued for: the kiosk's "I already have a case"
 * asks for it, and the "ready" message names a window that serves it (unless the office chose one).
 */
export const PICKUP_SERVICE = 'pickup';
