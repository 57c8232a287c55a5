/** Zod schemas for every inbound payload and every DTO; each type shares its schema's name. */
import { z } from 'zod';
import { Languages, Roles, TicketStatuses, CounterStatus } from './constants';
import { hasVisibleText } from './visible-text';

export { hasVisibleText } from './visible-text';

export const Language = z.enum(Languages);
export type Language = z.infer<typeof Language>;

/** A name people read (a service, a priority, a clerk): trimmed, with at least one visible sign. */
export const VisibleName = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(hasVisibleText, 'has nothing a reader can see (only spaces or invisible characters)');

/** A name in each of the office's four languages. */
export const Names = z.strictObject({
  tg: VisibleName(200),
  ru: VisibleName(200),
  uz: VisibleName(200),
  en: VisibleName(200),
});
export type Names = z.infer<typeof Names>;

export const Code = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter');
export const Prefix = z.string().regex(/^[A-Z]$/, 'one capital Latin letter');
export const CounterNumber = z.string().regex(/^[A-Za-z0-9]{1,8}$/, '1-8 letters or digits');
export const OfficeCode = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/);
export const TicketId = z.uuid();

// ---- requests ----

/** A phone number in E.164: `+`, country code, 8-15 digits in all, nothing else. */
export const E164 = z
  .string()
  .regex(/^\+[1-9]\d{7,14}$/, 'an international number in E.164 form, e.g. +992901234567');
export type E164 = z.infer<typeof E164>;

export const IssueTicket = z.strictObject({
  service: Code,
  priority: z.string().min(1).max(40).optional(),
  language: Language.optional(),
  caseNumber: z.string().min(1).max(40).optional(),
  /** With `caseNumber`: the code on the citizen's receipt; the ticket links only when both match. */
  pickupCode: z.string().min(1).max(12).optional(),
  /**
   * With `caseNumber`: the ticket is for the case's next step: its own service (the case's type)
   * while the case is with the front office (draft, or returned for more documents), else the
   * `service` asked (the kiosk asks for pickup).
   */
  forCase: z.boolean().optional(),
  kiosk: z.string().min(1).max(40).optional(),
  /** The citizen's phone for messages about this ticket (they asked for it at the kiosk). */
  phone: E164.optional(),
});
export type IssueTicket = z.infer<typeof IssueTicket>;

export const IdempotencyKey = z
  .string()
  .min(1)
  .max(100)
  // `*`, not `+`: an empty key is refused once, by `min(1)`, not twice.
  .regex(/^[\x21-\x7e]*$/, 'printable ASCII');

export const Login = z.strictObject({
  // " clerk1 " (a space typed or pasted around the name) is clerk1.
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
  /**
   * The office whose login page this is: a failed login of a username of no office is audited
   * there. Taken from the page's address as it is: one the server does not know is ignored.
   */
  office: z.string().max(100).optional(),
});
export type Login = z.infer<typeof Login>;

export const Transfer = z.union([
  z.strictObject({ service: Code, note: z.string().max(500).optional() }),
  z.strictObject({ counter: CounterNumber, note: z.string().max(500).optional() }),
]);
export type Transfer = z.infer<typeof Transfer>;

/** `POST …/counters/:counter/call`: call this waiting ticket (an addition to CONTRACT §4). */
export const CallTicket = z.strictObject({ ticketId: TicketId });
export type CallTicket = z.infer<typeof CallTicket>;

/** `POST …/counters/:counter/pause`: why the window stops calling (an addition). */
export const PauseCounter = z.strictObject({ reason: z.string().trim().min(1).max(200) });
export type PauseCounter = z.infer<typeof PauseCounter>;

/** `POST …/counters/:counter/session`: take the window; `takeover` from another clerk (CONTRACT §6). */
export const TakeCounter = z.strictObject({ takeover: z.boolean().optional() });
export type TakeCounter = z.infer<typeof TakeCounter>;

/** A socket's handshake; an unknown key is refused (`validation_failed`), never dropped. */
export const SocketAuth = z.strictObject({
  office: z.string().min(1).max(40),
  token: z.string().min(1).max(200).optional(),
  counter: CounterNumber.optional(),
  /** A paired kiosk's or display's device token (offices that require paired devices). */
  device: z.string().min(1).max(200).optional(),
  /** `/kiosk` only: the ticket a citizen's phone follows (its page `/t/:id`), in lieu of a device. */
  ticket: z.string().max(100).optional(),
  /**
   * The last seq the page applied, when it reconnects: its first snapshot is at least that new (a
   * page moving from a node ahead to one still holding changes got an older one, and stepped back).
   */
  since: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export type SocketAuth = z.infer<typeof SocketAuth>;

// ---- DTOs ----

export const Ticket = z.object({
  id: z.string(),
  number: z.string(),
  office: z.string(),
  service: z.string(),
  priority: z.string(),
  status: z.enum(TicketStatuses as [string, ...string[]]),
  issuedAt: z.string(),
  calledAt: z.string().optional(),
  counter: z.string().optional(),
  recalls: z.number().int(),
  peopleAhead: z.number().int().optional(),
  /**
   * A waiting ticket's open windows that serve its service with a clerk at them now (an addition):
   * 0 means nobody serves the line yet, so no wait is told (see wait-wording.ts).
   */
  servingWindows: z.number().int().optional(),
  estimatedWaitMinutes: z.number().int().optional(),
  language: Language.optional(),
  /**
   * A booking checked in on time (an addition, CONTRACT §6): its code and slot start (ISO UTC). In
   * staff views and the check-in's answer; events to displays and kiosks leave it out.
   */
  appointment: z.object({ code: z.string(), start: z.string() }).optional(),
  /** Taken from the phone (remote join, an addition): called like any other ticket. */
  remote: z.literal(true).optional(),
  /**
   * The window a transfer sent this waiting ticket to (an addition): its holder's page says where
   * they will be called.
   */
  targetCounter: z.string().optional(),
});
export type Ticket = z.infer<typeof Ticket>;

/** What staff see of a ticket: the public fields plus the linked case. */
export const StaffTicket = Ticket.extend({
  caseNumber: z.string().nullable().optional(),
  /** The transferring clerk's note for the next window (an addition). */
  transferNote: z.string().optional(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
});
export type StaffTicket = z.infer<typeof StaffTicket>;

export const Service = z.object({
  code: z.string(),
  prefix: z.string(),
  names: Names,
  open: z.boolean(),
  /** Why it is closed (Tajik first, or the only text written). */
  closedReason: z.string().optional(),
  /** The same reason per language, as the administrator wrote it (an addition). */
  closedReasons: z.partialRecord(Language, z.string()).optional(),
  /** Open, but no window calls it now: not offered (an addition; `open` is false then). */
  unserved: z.boolean().optional(),
});
export type Service = z.infer<typeof Service>;

/** A priority category the office offers at the kiosk (`none` is implicit). */
export const PriorityCategory = z.object({ code: z.string(), names: Names });
export type PriorityCategory = z.infer<typeof PriorityCategory>;

/**
 * What every page may know of an office (an addition to CONTRACT §4: `GET /api/offices/:office`):
 * its names, zone, languages, priority categories, the display's ticker and the kiosk's idle time.
 */
export const OfficeInfo = z.object({
  code: z.string(),
  names: Names,
  timeZone: z.string(),
  languages: z.array(z.string()),
  priorities: z.array(PriorityCategory),
  /** The display's ticker line; `null`: none. */
  ticker: z.string().nullable(),
  /** Opening hours per weekday on the office clock (`HH:MM`); absent or `null`: always open. */
  openingHours: z
    .partialRecord(
      z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
      z.object({ open: z.string(), close: z.string() }),
    )
    .nullable()
    .optional(),
  /** Seconds without a touch before the kiosk returns home in the default language. */
  kioskIdleSeconds: z.number().int(),
  /** First part of the office's case numbers (`KUL` in `KUL-2026-000123`), for the kiosk's keypad. */
  casePrefix: z.string().optional(),
  /** The kiosk does not ask about priority; the clerk does (an addition). */
  priorityByClerk: z.boolean().optional(),
  /** Where phones reach the office's server (an addition): PUBLIC_URL, else the listening address. */
  publicUrl: z.string().optional(),
  /** False when `publicUrl` is only the listening address (PUBLIC_URL unset): phones may not reach it. */
  publicUrlConfigured: z.boolean().optional(),
  serverTime: z.string(),
});
export type OfficeInfo = z.infer<typeof OfficeInfo>;

export const CounterState = z.object({
  number: z.string(),
  status: z.enum([CounterStatus.open, CounterStatus.paused, CounterStatus.closed]),
  services: z.array(z.string()).optional(),
  /** Why a paused window is paused (an addition to CONTRACT §5). */
  pauseReason: z.string().optional(),
  ticket: Ticket.optional(),
  /** Who works at this window now (`null`: nobody holds it; CONTRACT §6 window sessions). */
  clerk: z.object({ id: z.number().int(), name: z.string() }).nullable().optional(),
});
export type CounterState = z.infer<typeof CounterState>;

export const ServiceLoad = z.object({
  code: z.string(),
  waiting: z.number().int(),
  estimatedWaitMinutes: z.number().int(),
});
export type ServiceLoad = z.infer<typeof ServiceLoad>;

/** A kiosk's ticket printer as kiosks and staff see it. */
export const PrinterState = z.object({
  kiosk: z.string(),
  status: z.enum(['online', 'offline', 'unknown']),
  /** Tickets still waiting for this printer. */
  pending: z.number().int(),
});
export type PrinterState = z.infer<typeof PrinterState>;

export const QueueSnapshot = z.object({
  seq: z.number().int(),
  serverTime: z.string(),
  tickets: z.array(Ticket),
  counters: z.array(CounterState),
  services: z.array(ServiceLoad),
  /** The office's kiosk printers (an addition to CONTRACT §5). */
  printers: z.array(PrinterState).optional(),
  /** The office's settings (an addition to CONTRACT §5; live through `office:updated`). */
  office: OfficeInfo.optional(),
  /** Every service with names, open or closed (an addition; live through `services:updated`). */
  catalog: z.array(Service).optional(),
  /**
   * The office day's latest calls, newest first, at most {@link RECENT_CALLS_IN_SNAPSHOT}, public
   * fields only, whatever their status now (an addition): a display that reloads shows what the others do.
   * Public snapshots leave out the calls still held at a window: those are in `tickets`.
   */
  recentCalls: z.array(Ticket).optional(),
  /**
   * Whether `tickets` holds every waiting ticket of the day (`all`) or the head of each service's
   * line (`head`); the counts in `services` are always whole (an addition to CONTRACT §5).
   */
  waitingListed: z.enum(['all', 'head']).optional(),
});
export type QueueSnapshot = z.infer<typeof QueueSnapshot>;

export const StaffUser = z.object({
  /** The user's id, as window sessions name their clerk (`clerk.id`; an addition). */
  id: z.number().int().optional(),
  username: z.string(),
  role: z.enum(Roles as [string, ...string[]]),
  name: z.string(),
  office: z.string().optional(),
});
export type StaffUser = z.infer<typeof StaffUser>;

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
