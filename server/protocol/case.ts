/**
 * Registration cases (single window) on the wire: case types and statuses, persons, the per-type
 * details, the request bodies and the case DTO (CONTRACT §4). Each type shares its schema's name.
 *
 * Checks that need "today" (a birth date must not lie in the future) come from factories taking
 * `now` and the office's time zone: `personSchema(now)`, `detailsSchema(type, {now})`,
 * `patchCaseSchema(now)`. The plain constants (`Person`, `BirthDetails`, `PatchCase`…) check the
 * shape and every rule except "not in the future".
 */
import { z } from 'zod';
import { TicketStatus } from './constants';
import { Code, Names, TicketId } from './schemas';
import { CaseNotify, CaseNotifyView } from './messages';

// ---- enumerations ----

/** A case's type: the code of the registry service it belongs to. */
export const CaseType = z.enum([
  'birth',
  'marriage',
  'divorce',
  'death',
  'paternity',
  'name_change',
  'certificate',
  'amendment',
]);
export type CaseType = z.infer<typeof CaseType>;
export const CaseTypes: readonly CaseType[] = CaseType.options;

/**
 * Kinds of civil-status act records this office writes: the case types that create one.
 * `certificate` and `amendment` cases refer to an existing record of one of these kinds.
 */
export const ActType = z.enum([
  'birth',
  'marriage',
  'divorce',
  'death',
  'paternity',
  'name_change',
]);
export type ActType = z.infer<typeof ActType>;
export const ActTypes: readonly ActType[] = ActType.options;

/** Status of a case; `CaseStatus.enum.submitted` etc. are the constants. */
export const CaseStatus = z.enum([
  'draft',
  'submitted',
  'returned',
  'registered',
  'ready',
  'issued',
  'rejected',
  'cancelled',
]);
export type CaseStatus = z.infer<typeof CaseStatus>;
export const CaseStatuses: readonly CaseStatus[] = CaseStatus.options;
/** Statuses in which a case is still being worked on (it may still be rejected or cancelled). */
export const OpenCaseStatuses: readonly CaseStatus[] = [
  'draft',
  'submitted',
  'returned',
  'registered',
  'ready',
];

/** The part a person plays in a case; which roles a type has is in the registry's case types. */
export const SubjectRole = z.enum([
  'child',
  'mother',
  'father',
  'bride',
  'groom',
  'spouse1',
  'spouse2',
  'deceased',
  'person',
]);
export type SubjectRole = z.infer<typeof SubjectRole>;

/** What a case's history row records. */
export const CaseHistoryAction = z.enum([
  'created',
  'edited',
  'transition',
  'ticket_linked',
  'identity_confirmed',
]);
export type CaseHistoryAction = z.infer<typeof CaseHistoryAction>;

// ---- dates ----

/** Tajikistan has one time zone (UTC+5, no daylight saving time). */
export const REGISTRY_TIME_ZONE = 'Asia/Dushanbe';
/** No civil-status date before this is accepted (a guard against typos like 0196). */
const EARLIEST_DATE = '1850-01-01';

/** The calendar date (YYYY-MM-DD) at `now` in `timeZone`: what "today" means for "not in the future". */
export function calendarDate(now: Date, timeZone: string = REGISTRY_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: 'year' | 'month' | 'day') => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A calendar date `YYYY-MM-DD` that exists (no 2025-02-29), from 1850 on. */
export const IsoDate = z.iso
  .date('a date as YYYY-MM-DD')
  .refine((d) => d >= EARLIEST_DATE, `no date before ${EARLIEST_DATE}`);
export type IsoDate = z.infer<typeof IsoDate>;

/** `IsoDate`, and not after `today` when it is given. */
function dateUpTo(today: string | undefined) {
  return today === undefined
    ? IsoDate
    : IsoDate.refine((d) => d <= today, `must not be in the future (today is ${today})`);
}

function yearUpTo(today: string | undefined) {
  const year = z
    .number()
    .int()
    .min(Number(EARLIEST_DATE.slice(0, 4)));
  return today === undefined
    ? year
    : year.max(Number(today.slice(0, 4)), 'must not be in the future');
}

// ---- persons ----

/**
 * A person's name part: letters of any script (Tajik ғ ӣ қ ӯ ҳ ҷ included, with combining marks),
 * spaces, hyphens and apostrophes; 1-100 characters. Trimmed, otherwise kept exactly as typed.
 */
export const PersonName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(
    /^[\p{L}\p{M}](?:[\p{L}\p{M} '’ʼʻ‘`-]*[\p{L}\p{M}'’ʼʻ‘`])?$/u,
    'letters, spaces, hyphens and apostrophes only',
  );
export type PersonName = z.infer<typeof PersonName>;

export const IdDocumentType = z.enum([
  'passport',
  'birth_certificate',
  'foreign_passport',
  'other',
]);
export type IdDocumentType = z.infer<typeof IdDocumentType>;

const LETTER = 'A-Za-zА-Яа-яЁёҒғӢӣҚқӮӯҲҳҶҷ';
/** Tajik passports: 1-3 letters (Latin or Cyrillic) and 6-9 digits, a space or dash allowed between. */
const PASSPORT_NUMBER = new RegExp(`^[${LETTER}]{1,3}[ -]?\\d{6,9}$`);
/** Other papers (birth certificates `I-ТҶ № 0123456`, foreign passports): letters, digits, separators. */
const OTHER_DOCUMENT_NUMBER = /^(?=.*\p{N})[\p{L}\p{N}№](?:[\p{L}\p{N} №/.-]*[\p{L}\p{N}])?$/u;

/** An identity document; the number's format depends on the type (see the regexes above). */
export const IdDocument = z
  .strictObject({ type: IdDocumentType, number: z.string().trim().min(1).max(40) })
  .superRefine((doc, ctx) => {
    const ok =
      doc.type === 'passport'
        ? PASSPORT_NUMBER.test(doc.number)
        : OTHER_DOCUMENT_NUMBER.test(doc.number);
    if (!ok) {
      ctx.addIssue({
        code: 'custom',
        path: ['number'],
        message:
          doc.type === 'passport'
            ? 'a passport number is 1-3 letters and 6-9 digits'
            : 'letters, digits, spaces and - / . № only, with at least one digit',
      });
    }
  });
export type IdDocument = z.infer<typeof IdDocument>;

/** A phone number: optional +, digits, spaces and dashes, 7-20 characters. */
export const Phone = z
  .string()
  .trim()
  .min(7)
  .max(20)
  .regex(/^\+?\d(?:[\d -]*\d)?$/, 'digits, spaces and dashes, optionally starting with +');
export type Phone = z.infer<typeof Phone>;

/**
 * A person as the registry records them; with `now`, a birth date in the future is refused.
 * Strict: unknown keys are an error (a typo like `lastname` must not vanish silently).
 */
export function personSchema(now?: Date, timeZone?: string) {
  const today = now === undefined ? undefined : calendarDate(now, timeZone);
  return z.strictObject({
    lastName: PersonName,
    firstName: PersonName,
    middleName: PersonName.optional(),
    birthDate: dateUpTo(today).optional(),
    sex: z.enum(['m', 'f']).optional(),
    idDocument: IdDocument.optional(),
    address: z.string().trim().min(1).max(300).optional(),
    phone: Phone.optional(),
  });
}
/** The shape of a person (every rule but "birth date not in the future", which needs `now`). */
export const Person = personSchema();
export type Person = z.infer<typeof Person>;

function subjectSchema(now?: Date, timeZone?: string) {
  return z.strictObject({ role: SubjectRole, person: personSchema(now, timeZone) });
}
/** A person in one of the case type's roles (the child of a birth, the bride of a marriage…). */
export const Subject = subjectSchema();
export type Subject = z.infer<typeof Subject>;

// ---- type-specific details ----

/** How many children were born at once. */
export const Plurality = z.enum(['single', 'twins', 'triplets', 'more']);
export type Plurality = z.infer<typeof Plurality>;

/** What confirms a death: a medical certificate (perinatal for a newborn) or a court decision. */
export const DeathCauseDocumentType = z.enum([
  'medical_death_certificate',
  'perinatal_death_certificate',
  'court_decision',
  'other',
]);
export type DeathCauseDocumentType = z.infer<typeof DeathCauseDocumentType>;

const ShortText = z.string().trim().min(1).max(200);
const DocumentNumber = z.string().trim().min(1).max(50);

function detailShapes(today: string | undefined) {
  const past = dateUpTo(today);
  const courtDecision = z.strictObject({ court: ShortText, number: DocumentNumber, date: past });
  const actRecord = z.strictObject({
    type: ActType,
    number: z
      .string()
      .trim()
      .regex(/^[\p{L}\p{N}][\p{L}\p{N}/-]{0,19}$/u, 'letters, digits, / and -, up to 20'),
    year: yearUpTo(today),
  });
  return {
    courtDecision,
    actRecord,
    birth: z.strictObject({
      placeOfBirth: ShortText,
      birthDate: past,
      plurality: Plurality.optional(),
      weightGrams: z.number().int().min(200).max(9000).optional(),
    }),
    marriage: z.strictObject({
      // The ceremony is usually booked weeks ahead: a future date is expected here.
      ceremonyDate: IsoDate.optional(),
      brideNewLastName: PersonName.optional(),
      groomNewLastName: PersonName.optional(),
    }),
    divorce: z.strictObject({
      courtDecision: courtDecision.optional(),
      mutualConsent: z.boolean(),
    }),
    death: z.strictObject({
      dateOfDeath: past,
      placeOfDeath: ShortText,
      causeDocument: z.strictObject({
        type: DeathCauseDocumentType,
        number: DocumentNumber,
        date: past,
      }),
    }),
    paternity: z.strictObject({
      basis: z.enum(['joint_application', 'court_decision']),
      courtDecision: courtDecision.optional(),
    }),
    name_change: z.strictObject({
      newLastName: PersonName.optional(),
      newFirstName: PersonName.optional(),
      newMiddleName: PersonName.optional(),
    }),
    certificate: z.strictObject({
      actRecord,
      reason: z.string().trim().min(1).max(500).optional(),
    }),
    amendment: z.strictObject({
      actRecord,
      field: z.string().trim().min(1).max(100),
      // The record may have had the field empty (a missing entry is being filled in).
      from: z.string().trim().max(500),
      to: z.string().trim().min(1).max(500),
      reason: z.string().trim().min(1).max(1000),
    }),
  };
}
type DetailShapes = ReturnType<typeof detailShapes>;

/** Rules across fields of complete details; drafts are checked field by field only. */
const crossFieldRules: {
  [T in CaseType]?: (value: z.infer<DetailShapes[T]>, ctx: z.RefinementCtx) => void;
} = {
  divorce(v, ctx) {
    if (!v.mutualConsent && !v.courtDecision) {
      ctx.addIssue({
        code: 'custom',
        path: ['courtDecision'],
        message: 'a divorce without mutual consent is registered on a court decision',
      });
    }
  },
  death(v, ctx) {
    if (v.causeDocument.date < v.dateOfDeath) {
      ctx.addIssue({
        code: 'custom',
        path: ['causeDocument', 'date'],
        message: 'the document cannot predate the death',
      });
    }
  },
  paternity(v, ctx) {
    if (v.basis === 'court_decision' && !v.courtDecision) {
      ctx.addIssue({
        code: 'custom',
        path: ['courtDecision'],
        message: 'name the court decision',
      });
    }
  },
  name_change(v, ctx) {
    if (!v.newLastName && !v.newFirstName && !v.newMiddleName) {
      ctx.addIssue({ code: 'custom', path: [], message: 'give at least one new name' });
    }
  },
  amendment(v, ctx) {
    if (v.from === v.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'the new value equals the old one' });
    }
  },
};

function completeDetails<T extends CaseType>(shapes: DetailShapes, type: T): DetailShapes[T] {
  const rule = crossFieldRules[type] as
    ((value: unknown, ctx: z.RefinementCtx) => void) | undefined;
  const shape: z.ZodType = shapes[type];
  return (rule ? shape.superRefine(rule) : shape) as DetailShapes[T];
}

const plainShapes = detailShapes(undefined);

/** A court decision a case rests on. */
export const CourtDecision = plainShapes.courtDecision;
export type CourtDecision = z.infer<typeof CourtDecision>;
/** A reference to an existing act record (repeat certificates, amendments). */
export const ActRecordRef = plainShapes.actRecord;
export type ActRecordRef = z.infer<typeof ActRecordRef>;

export const BirthDetails = completeDetails(plainShapes, 'birth');
export type BirthDetails = z.infer<typeof BirthDetails>;
export const MarriageDetails = completeDetails(plainShapes, 'marriage');
export type MarriageDetails = z.infer<typeof MarriageDetails>;
export const DivorceDetails = completeDetails(plainShapes, 'divorce');
export type DivorceDetails = z.infer<typeof DivorceDetails>;
export const DeathDetails = completeDetails(plainShapes, 'death');
export type DeathDetails = z.infer<typeof DeathDetails>;
export const PaternityDetails = completeDetails(plainShapes, 'paternity');
export type PaternityDetails = z.infer<typeof PaternityDetails>;
export const NameChangeDetails = completeDetails(plainShapes, 'name_change');
export type NameChangeDetails = z.infer<typeof NameChangeDetails>;
export const CertificateDetails = completeDetails(plainShapes, 'certificate');
export type CertificateDetails = z.infer<typeof CertificateDetails>;
export const AmendmentDetails = completeDetails(plainShapes, 'amendment');
export type AmendmentDetails = z.infer<typeof AmendmentDetails>;

/** The complete details of each case type. */
export interface DetailsByType {
  birth: BirthDetails;
  marriage: MarriageDetails;
  divorce: DivorceDetails;
  death: DeathDetails;
  paternity: PaternityDetails;
  name_change: NameChangeDetails;
  certificate: CertificateDetails;
  amendment: AmendmentDetails;
}
export type DetailsOf<T extends CaseType> = DetailsByType[T];

export interface DetailsSchemaOptions {
  /** With `now`, dates that must lie in the past (birth, death, decisions) are checked against it. */
  now?: Date;
  /** The office's time zone, for "today" (default Asia/Dushanbe). */
  timeZone?: string;
  /**
   * A draft's details: every field optional, each given field checked, no rules across fields.
   * Without it the details must be complete (what submitting needs).
   */
  partial?: boolean;
}

/** The details schema of `type`: complete (submission) or partial (a draft being filled in). */
export function detailsSchema(type: CaseType, options: DetailsSchemaOptions = {}): z.ZodType {
  const today = options.now === undefined ? undefined : calendarDate(options.now, options.timeZone);
  const shapes = detailShapes(today);
  return options.partial ? shapes[type].partial() : completeDetails(shapes, type);
}

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

/** `GET /api/cases?status=&q=`: an empty parameter counts as absent. */
export const CaseQuery = z.object({
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
