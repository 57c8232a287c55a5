/**
 * Registration cases (single window) on the wire: the request bodies and the case DTO (CONTRACT §4).
 * Each type shares its schema's name. The vocabulary they use has files of its own: the
 * enumerations (case-enums.ts), dates (case-dates.ts), persons (case-person.ts) and the per-type
 * details (case-details.ts).
 *
 * Checks that need "today" (a birth date must not lie in the future) come from factories taking
 * `now` and the office's time zone: `personSchema(now)`, `detailsSchema(type, {now})`,
 * `patchCaseSchema(now)`. The plain constants (`Person`, `BirthDetails`, `PatchCase`…) check the
 * shape and every rule except "not in the future".
 */
import { z } from 'zod';
import { TicketStatus } from './constants';
import { IsoDate } from './case-dates';
import { CaseHistoryAction, CaseStatus, CaseType } from './case-enums';
import { Person, Subject, personSchema, subjectSchema } from './case-person';
import { Code, Names, TicketId } from './schemas';
import { CaseNotify, CaseNotifyView } from './messages';

// ---- requests ----

/** `POST /api/cases`: open a case for the visitor holding `ticketId`. */
export const CreateCase = z.strictObject({ ticketId: TicketId, type: CaseType });
export type CreateCase = z.infer<typeof CreateCase>;

/** Payment of the state duty. */
export const Fee = z
  .strictObject({
    paid: z.boolean(),
    receipt: z
      .string()
      .trim()
      .min(1)
      .max(50)
      .regex(/^[\p{L}\p{N}№](?:[\p{L}\p{N} №/-]*[\p{L}\p{N}])?$/u, 'letters, digits, №, - and /')
      .optional(),
  })
  .refine((f) => f.paid || f.receipt === undefined, {
    path: ['receipt'],
    message: 'a receipt only for a paid fee',
  });
export type Fee = z.infer<typeof Fee>;

/** One checklist change: the document `code` was (or was not) received. */
export const DocumentReceipt = z.strictObject({ code: Code, received: z.boolean() });
export type DocumentReceipt = z.infer<typeof DocumentReceipt>;

/**
 * `PATCH /api/cases/:number` with `now`, refusing future birth dates. `applicant`, `subjects`,
 * `details` and `fee` replace what the case holds; `documents` change the named checklist entries
 * only. `details` is an object here; its fields are checked per case type by the registry.
 */
export function patchCaseSchema(now?: Date, timeZone?: string) {
  return z
    .strictObject({
      version: z.number().int().min(1),
      applicant: personSchema(now, timeZone).optional(),
      subjects: z.array(subjectSchema(now, timeZone)).max(10).optional(),
      documents: z
        .array(DocumentReceipt)
        .max(40)
        .refine((ds) => new Set(ds.map((d) => d.code)).size === ds.length, 'a document twice')
        .optional(),
      details: z.record(z.string(), z.unknown()).optional(),
      fee: Fee.optional(),
      /** The applicant's phone for messages about the case, with their consent. */
      notify: CaseNotify.optional(),
    })
    .refine(
      (p) => Object.keys(p).some((k) => k !== 'version'),
      'nothing to change: give applicant, subjects, documents, details, fee or notify',
    );
}
/** The shape of a case edit (every rule but "not in the future", which needs `now`). */
export const PatchCase = patchCaseSchema();
export type PatchCase = z.infer<typeof PatchCase>;

/**
 * `POST /api/cases/:number/transitions`. Returning, rejecting and cancelling need a `note` saying
 * why. Act record and certificate numbers are never sent: the server assigns them.
 */
export const CaseTransition = z.strictObject({
  to: CaseStatus,
  version: z.number().int().min(1),
  note: z.string().trim().max(1000).optional(),
});
export type CaseTransition = z.infer<typeof CaseTransition>;

/** `POST /api/cases/:number/identity`: the clerk has checked the kiosk visitor's identity. */
export const ConfirmIdentity = z.strictObject({ version: z.number().int().min(1) });
export type ConfirmIdentity = z.infer<typeof ConfirmIdentity>;

/** `GET /api/cases?status=&q=`: an empty parameter counts as absent, an unknown one is refused. */
export const CaseQuery = z.strictObject({
  status: z.preprocess((v) => (v === '' ? undefined : v), CaseStatus.optional()),
  q: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(100).optional(),
  ),
});
export type CaseQuery = z.infer<typeof CaseQuery>;

// ---- DTOs ----

/** A case number: the office's case prefix, the year and a sequence number, `KUL-2026-000123`. */
export const CaseNumber = z.string().regex(/^[A-Z]{2,5}-\d{4}-\d{6,}$/, 'like KUL-2026-000123');
export type CaseNumber = z.infer<typeof CaseNumber>;

/**
 * One checklist entry. `name` holds the document's name in all four languages (a `Names` object,
 * like a service's `names`; CONTRACT §4 calls the field `name`). `required` is whether submitting
 * needs it, given what the case says so far (e.g. a court decision only for a contested divorce).
 */
export const CaseDocument = z.object({
  code: Code,
  name: Names,
  required: z.boolean(),
  received: z.boolean(),
});
export type CaseDocument = z.infer<typeof CaseDocument>;

/** A visit (queue ticket) linked to the case. */
export const CaseTicket = z.object({
  id: z.string(),
  number: z.string(),
  issuedAt: z.string(),
  status: z.enum(TicketStatus),
});
export type CaseTicket = z.infer<typeof CaseTicket>;

/** One history row: creation, an edit (`changes`: the fields changed), a transition, a visit. */
export const CaseHistoryEntry = z.object({
  at: z.string(),
  user: z.string(),
  userName: z.string().optional(), // the staff member's full name, for people (an addition)
  action: CaseHistoryAction,
  from: CaseStatus.optional(),
  to: CaseStatus.optional(),
  note: z.string().optional(),
  changes: z.array(z.string()).optional(),
});
export type CaseHistoryEntry = z.infer<typeof CaseHistoryEntry>;

/** The act record a registration wrote: its number (`00042`) and date (YYYY-MM-DD). */
export const CaseActRecord = z.object({ number: z.string(), date: IsoDate });
export type CaseActRecord = z.infer<typeof CaseActRecord>;

/** The certificate form issued: series (`I-ТҶ`) and number (`2600042`). */
export const CaseCertificate = z.object({ series: z.string(), number: z.string() });
export type CaseCertificate = z.infer<typeof CaseCertificate>;

/**
 * A case as staff see it (CONTRACT §4). `applicant` and `fee` are null until entered; `details`
 * are as far as filled in (complete once submitted). Times are ISO-8601 UTC.
 */
export const Case = z.object({
  number: CaseNumber,
  /** Staff only: printed on the citizen's receipt; the kiosk links a visit only with it. */
  pickupCode: z.string().optional(),
  /** A visit the kiosk linked whose holder the clerk has yet to identify (`POST …/identity`). */
  identityCheck: z.object({ ticket: z.string() }).optional(),
  type: CaseType,
  status: CaseStatus,
  version: z.number().int().min(1),
  office: z.string(),
  createdAt: z.string(),
  applicant: Person.nullable(),
  subjects: z.array(Subject),
  documents: z.array(CaseDocument),
  details: z.record(z.string(), z.unknown()),
  fee: Fee.nullable(),
  notify: CaseNotifyView.optional(), // once the applicant consented to messages
  actRecord: CaseActRecord.optional(),
  certificate: CaseCertificate.optional(),
  tickets: z.array(CaseTicket),
  history: z.array(CaseHistoryEntry),
});
export type Case = z.infer<typeof Case>;
