/**
 * The per-type details of a case (the place of birth, the court decision of a divorce, the act
 * record an amendment corrects…): one schema per case type, with the rules across fields that
 * complete details must keep. `detailsSchema(type, {now})` also refuses dates in the future; drafts
 * (`partial`) are checked field by field.
 */
import { z } from 'zod';
import { ActType, type CaseType } from './case-enums';
import { IsoDate, calendarDate, dateUpTo, yearUpTo } from './case-dates';
import { PersonName } from './case-person';

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

/** A reference to an act record: its kind, its number and a year not after `today`'s. */
function actRecordShape(today: string | undefined) {
  return z.strictObject({
    type: ActType,
    number: z
      .string()
      .trim()
      .regex(/^[\p{L}\p{N}][\p{L}\p{N}/-]{0,19}$/u, 'letters, digits, / and -, up to 20'),
    year: yearUpTo(today),
  });
}

/** Every type's details, with the dates that must be past checked against `today` when given. */
function detailShapes(today: string | undefined) {
  const past = dateUpTo(today);
  const courtDecision = z.strictObject({ court: ShortText, number: DocumentNumber, date: past });
  const actRecord = actRecordShape(today);
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
