/** Administration and reports (CONTRACT §4 "Admin"): request schemas and the DTOs the admin pages read. */
import { z } from 'zod';
import { DeviceKinds, Roles } from './constants';
import { Code, Language, Names, Prefix, VisibleName, hasVisibleText } from './schemas';

/** A calendar day in the office's zone, `YYYY-MM-DD`. */
export const OfficeDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a calendar date')
  // An office's working day: the day after 9999-12-31 is no date a clock can show.
  .refine((s) => s >= '2000-01-01' && s <= '2999-12-31', 'a date from 2000 to 2999');

const DocumentCode = z.string().trim().min(1).max(60);
const ShortText = z.string().trim().max(500);

// ---- services ----

export const CreateService = z.strictObject({
  code: Code,
  prefix: Prefix,
  names: Names,
  documents: z.array(DocumentCode).max(40).optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
  targetWaitMinutes: z.number().int().min(1).max(600).optional(),
});
export type CreateService = z.infer<typeof CreateService>;

export const UpdateService = z
  .strictObject({
    /** The names to change (the languages left out keep theirs: two administrators at once). */
    names: Names.partial()
      .refine((n) => Object.keys(n).length > 0, 'name at least one language')
      .optional(),
    documents: z.array(DocumentCode).max(40).optional(),
    sortOrder: z.number().int().min(0).max(10_000).optional(),
    open: z.boolean().optional(),
    /** Shown on the kiosk while the service is closed. */
    closedReason: ShortText.nullable().optional(),
    /** The reason per language (the kiosk shows the reader's; stored instead of `closedReason`). */
    closedReasons: z.partialRecord(Language, ShortText).optional(),
    /** The SLA: a citizen should be called within this many minutes. */
    targetWaitMinutes: z.number().int().min(1).max(600).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdateService = z.infer<typeof UpdateService>;

/** A service as the admin page sees it: the public fields plus documents, order and target. */
export interface AdminService {
  code: string;
  prefix: string;
  names: Names;
  open: boolean;
  closedReason: string | null;
  documents: string[];
  sortOrder: number;
  targetWaitMinutes: number;
}

// ---- counters ----

export const PutCounter = z.strictObject({
  services: z.array(Code).max(100),
  name: z
    .string()
    .trim()
    .max(100)
    .refine((name) => name === '' || hasVisibleText(name), 'has nothing a reader can see')
    .nullable()
    .optional(),
});
export type PutCounter = z.infer<typeof PutCounter>;

export interface AdminCounter {
  number: string;
  name: string | null;
  status: string;
  services: string[];
}

// ---- staff ----

export const Username = z
  .string()
  .regex(/^[A-Za-z0-9._-]{2,100}$/, '2-100 letters, digits, dot, dash or underscore');
export const Password = z.string().min(8, 'at least 8 characters').max(200);
export const RoleName = z.enum(Roles as [string, ...string[]]);

export const CreateUser = z.strictObject({
  username: Username,
  password: Password,
  role: RoleName,
  name: VisibleName(200),
  /** The office the user works for (default: the administrator's). */
  office: z.string().min(1).max(40).optional(),
});
export type CreateUser = z.infer<typeof CreateUser>;

export const UpdateUser = z
  .strictObject({
    role: RoleName.optional(),
    name: VisibleName(200).optional(),
    password: Password.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdateUser = z.infer<typeof UpdateUser>;

export interface AdminUser {
  username: string;
  role: string;
  name: string;
  office: string | null;
  disabled: boolean;
  /**
   * Failed logins for this username reached the limit: logins from addresses it has not used are
   * refused until the window ends or an administrator clears it (in the staff list).
   */
  loginLocked?: boolean;
  /** When the hold ends by itself (ISO time), while `loginLocked`. */
  loginLockedUntil?: string;
}

// ---- devices ----

/** A device code: `K1`, `D2`, `hall-tv` (letters, digits, `-`, `_`). */
export const DeviceCode = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '1-40 letters, digits, - or _');

export const CreateDevice = z.strictObject({
  code: DeviceCode,
  kind: z.enum(DeviceKinds),
  name: z.string().trim().max(100).nullable().optional(),
  /** A kiosk's printer address; `null` or absent: no printer. */
  printerUrl: z.string().trim().min(1).max(500).nullable().optional(),
});
export type CreateDevice = z.infer<typeof CreateDevice>;

export const UpdateDevice = z
  .strictObject({
    /** The kiosk's printer address (`virtual`, `tcp://host:9100#58mm`, …); `null`: no printer. */
    printerUrl: z.string().trim().min(1).max(500).nullable().optional(),
    name: z.string().trim().max(100).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdateDevice = z.infer<typeof UpdateDevice>;

export interface AdminDevice {
  code: string;
  kind: string;
  name: string | null;
  printerUrl: string | null;
  printerStatus: string | null;
  /** Whether the device holds a pairing token (it may connect where the office requires pairing). */
  paired: boolean;
}

/** The answer to pairing: the token is shown once and stored only as a hash. */
export interface DevicePairing {
  device: AdminDevice;
  token: string;
}

// ---- office settings ----

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM');
/** Opening hours per weekday; a day left out is closed. `null` (no hours): always open. */
const DayHours = z
  .strictObject({ open: Clock, close: Clock })
  .refine((h) => h.open < h.close, 'open must be before close')
  .optional();
// A strict object, not a record: an unknown key (`__proto__` included) is refused, never dropped.
export const OpeningHours = z.strictObject({
  mon: DayHours,
  tue: DayHours,
  wed: DayHours,
  thu: DayHours,
  fri: DayHours,
  sat: DayHours,
  sun: DayHours,
});
export type OpeningHours = z.infer<typeof OpeningHours>;

export const PriorityInput = z.strictObject({ code: Code, names: Names });

export const OfficeSettings = z
  .strictObject({
    priorities: z
      .array(PriorityInput)
      .max(20)
      .refine((l) => new Set(l.map((p) => p.code)).size === l.length, 'codes must be unique')
      .refine((l) => l.every((p) => p.code !== 'none'), '"none" is the ordinary ticket')
      .optional(),
    /** After this many priority calls in a row a window calls one ordinary ticket. */
    fairnessN: z.number().int().min(1).max(50).optional(),
    ticker: z.string().trim().max(1000).nullable().optional(),
    languages: z
      .array(Language)
      .min(1)
      .refine((l) => new Set(l).size === l.length, 'languages must be unique')
      .optional(),
    openingHours: OpeningHours.nullable().optional(),
    kioskIdleSeconds: z.number().int().min(5).max(3600).optional(),
    maxRecalls: z.number().int().min(0).max(20).optional(),
    /** Kiosks and displays must be paired (carry a device token) to connect and to issue tickets. */
    requireDevices: z.boolean().optional(),
    /** The kiosk skips the priority question: "priority is asked by the clerk". */
    priorityByClerk: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type OfficeSettings = z.infer<typeof OfficeSettings>;

/** Everything the settings page edits. */
export interface AdminOfficeSettings {
  code: string;
  timeZone: string;
  priorities: Array<{ code: string; names: Names }>;
  fairnessN: number;
  ticker: string | null;
  languages: string[];
  openingHours: OpeningHours | null;
  kioskIdleSeconds: number;
  maxRecalls: number;
  requireDevices: boolean;
  priorityByClerk: boolean;
}

// ---- reports ----

export const ReportQuery = z
  .strictObject({
    from: OfficeDate.optional(),
    to: OfficeDate.optional(),
    format: z.enum(['json', 'csv']).optional(),
    /** The CSV's header and service names in this language (default: English). */
    lang: Language.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from is after to', path: ['to'] });
export type ReportQuery = z.infer<typeof ReportQuery>;

/** Average and percentiles of a set of durations in seconds (0 when the set is empty). */
export interface SecondsStats {
  avg: number;
  p50: number;
  p90: number;
}

export interface ReportByService {
  service: string;
  issued: number;
  served: number;
  noShow: number;
  waitSeconds: SecondsStats;
  serviceSeconds: SecondsStats;
}

export interface ReportSla {
  service: string;
  targetMinutes: number;
  /** Tickets whose outcome is known (called, or expired without a call). */
  measured: number;
  /** Of those, called within the target. */
  withinTarget: number;
  /** withinTarget / measured (0–1); null when nothing was measured. */
  share: number | null;
}

/** One service on one office day: the CSV's row. */
export interface ReportServiceDay extends ReportByService {
  day: string;
  /** Tickets whose wait is known, of them called within the target, and the share (0–1 or null). */
  measured: number;
  withinTarget: number;
  share: number | null;
}

export interface CaseStageStats extends SecondsStats {
  count: number;
}

/** Citizen messages of one office day and channel (both outboxes: queue and registry). */
export interface ReportMessageDay {
  day: string;
  /** `sms` or `telegram`. */
  channel: string;
  /** Handed to a gateway (delivered ones included). */
  sent: number;
  /** Of those, confirmed delivered by the gateway. */
  delivered: number;
  /** Given up on (refused, or out of retries). */
  failed: number;
  /** SMS parts the gateway took (a long text is several; the cost of the day). */
  parts: number;
}

/** The bookings of one office day (by the day of their slot). */
export interface ReportBookingDay {
  day: string;
  /** Confirmed bookings (checked in, missed, still to come, or cancelled later). */
  booked: number;
  checkedIn: number;
  /** Missed: the citizen did not come. */
  noShow: number;
  cancelled: number;
  /** Checked in after the slot began. */
  late: number;
  /** Arrival minus slot start, in seconds, of the check-ins (negative: early). */
  lateSeconds: SecondsStats;
}

export interface ReportSummary {
  office: string;
  from: string;
  to: string;
  timeZone: string;
  issued: number;
  served: number;
  noShow: number;
  /** Never called: the office day closed while they waited (an addition). */
  expired: number;
  waitSeconds: SecondsStats;
  serviceSeconds: SecondsStats;
  byService: ReportByService[];
  /** Per office day and service (days and services without tickets left out), day by day. */
  byServiceDay: ReportServiceDay[];
  byCounter: Array<{ counter: string; served: number; serviceSeconds: SecondsStats }>;
  byHour: Array<{ hour: number; issued: number; served: number }>;
  sla: ReportSla[];
  cases: {
    byTypeStatus: Array<{ type: string; status: string; count: number }>;
    submittedToRegistered: CaseStageStats;
    registeredToIssued: CaseStageStats;
  };
  /** Citizen messages per office day and channel (days without messages left out). */
  messages: ReportMessageDay[];
  /** Bookings per office day of their slot (days without bookings left out). */
  bookings: ReportBookingDay[];
}

// ---- audit ----

export const AuditQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  action: z.string().trim().max(60).optional(),
  user: z.string().trim().max(100).optional(),
  from: OfficeDate.optional(),
  to: OfficeDate.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export interface AuditEntry {
  /** The row's id; entries read from a case's own history (found by its number) are negative. */
  id: number;
  at: string;
  /**
   * Username of whoever acted; `kiosk` or `kiosk:K1` and `system` for the machines, `citizen` for a
   * citizen's own phone (a remote join).
   */
  actor: string;
  /** The staff member's full name, when the actor is a staff user. */
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string;
  /**
   * What the entry is about in words: a ticket's number (`A002`), a case's number, or both
   * (`KUL-2026-000001 · A002`) for a case opened from a ticket or a visit it added.
   */
  subject: string | null;
  /** The case a ticket entry's ticket is linked to, when it is. */
  caseNumber: string | null;
  before: unknown;
  after: unknown;
}
