/**
 * The checks on a case built from its type's requirements: details (against `now`), subjects,
 * checklist changes, and everything that still blocks submission. Pure functions, no I/O.
 */
import { type z } from 'zod';
import type { CaseDocument, DocumentReceipt, Fee } from './case';
import { detailsSchema, type DetailsOf } from './case-details';
import type { CaseType, SubjectRole } from './case-enums';
import type { Person, Subject } from './case-person';
import { personRule, type PersonFact } from './case-person-rules';
import { documentRequired, hasSubject } from './case-spec-parts';
import type { CaseFacts } from './case-type-spec';
import { CASE_TYPES } from './case-types';

/** Validation result: the parsed value, or zod issues (paths relative to what was checked). */
export type Checked<T> = { ok: true; value: T } | { ok: false; issues: z.core.$ZodIssue[] };

export interface ValidateDetailsOptions {
  /** The office's time zone, for "today" (default Asia/Dushanbe). */
  timeZone?: string;
  /** A draft: each given field is checked, nothing is required yet. */
  partial?: boolean;
}

/** Checks the details of a case of `type`; dates that must be past are checked against `now`. */
export function validateDetails<T extends CaseType>(
  type: T,
  details: unknown,
  now: Date,
  options?: ValidateDetailsOptions & { partial?: false },
): Checked<DetailsOf<T>>;
export function validateDetails<T extends CaseType>(
  type: T,
  details: unknown,
  now: Date,
  options: ValidateDetailsOptions & { partial: true },
): Checked<Partial<DetailsOf<T>>>;
export function validateDetails(
  type: CaseType,
  details: unknown,
  now: Date,
  options: ValidateDetailsOptions = {},
): Checked<unknown> {
  const result = detailsSchema(type, { now, ...options }).safeParse(details);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: result.error.issues };
}

/**
 * Checks that each subject's role belongs to `type` and no role is taken twice. Missing required
 * roles are not an error here (a draft fills them in over time): see `missingForSubmit`.
 */
export function validateSubjects<S extends Pick<Subject, 'role'>>(
  type: CaseType,
  subjects: readonly S[],
): Checked<S[]> {
  const allowed = new Set(CASE_TYPES[type].roles.map((r) => r.role));
  const seen = new Set<SubjectRole>();
  const issues: z.core.$ZodIssue[] = [];
  subjects.forEach((s, i) => {
    if (!allowed.has(s.role)) {
      const roles = [...allowed].join(', ');
      issues.push({
        code: 'custom',
        path: [i, 'role'],
        message: `a ${type} case has no role ${s.role} (roles: ${roles})`,
      });
    } else if (seen.has(s.role)) {
      issues.push({ code: 'custom', path: [i, 'role'], message: `role ${s.role} given twice` });
    }
    seen.add(s.role);
  });
  return issues.length === 0 ? { ok: true, value: [...subjects] } : { ok: false, issues };
}

/**
 * Applies checklist changes (`PATCH … documents`) to `docs`. A code that is not on the case's
 * checklist is an issue (path: its index in `changes`); nothing is applied then.
 */
export function applyDocumentReceipts(
  docs: readonly CaseDocument[],
  changes: readonly DocumentReceipt[],
): Checked<CaseDocument[]> {
  const received = new Map(changes.map((c) => [c.code, c.received]));
  const known = new Set(docs.map((d) => d.code));
  const issues: z.core.$ZodIssue[] = [];
  changes.forEach((c, i) => {
    if (!known.has(c.code)) {
      issues.push({
        code: 'custom',
        path: [i, 'code'],
        message: `${c.code} is not on this case's checklist`,
      });
    }
  });
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: docs.map((d) => ({ ...d, received: received.get(d.code) ?? d.received })),
  };
}

/** One thing that keeps a case from being submitted. */
export type SubmitBlocker =
  | { kind: 'applicant' }
  | { kind: 'subject'; role: SubjectRole }
  | { kind: 'document'; code: string }
  | { kind: 'fee' }
  | { kind: 'details'; path: string; message: string }
  | { kind: 'person'; who: 'applicant' | SubjectRole; fact: PersonFact };

function missingFacts(
  type: CaseType,
  who: 'applicant' | SubjectRole,
  person: Person,
): SubmitBlocker[] {
  return personRule(type, who)
    .needs.filter((fact) => person[fact] === undefined || person[fact] === null)
    .map((fact) => ({ kind: 'person', who, fact }));
}

/** What `missingForSubmit` reads of a case. */
export interface SubmittableCase {
  type: CaseType;
  applicant: Person | null | undefined;
  subjects: readonly (Pick<Subject, 'role'> & { person?: Person })[];
  documents: readonly Pick<CaseDocument, 'code' | 'received'>[];
  details: Readonly<Record<string, unknown>> | null | undefined;
  fee: Pick<Fee, 'paid'> | null | undefined;
}

/**
 * Everything that blocks submitting `c`, empty when it may be submitted: no applicant, a required
 * role without a person, a required document (given the details) not received, an unpaid fee where
 * the type has one, details incomplete or invalid (dates checked against `now`).
 */
export function missingForSubmit(
  c: SubmittableCase,
  now: Date,
  timeZone?: string,
): SubmitBlocker[] {
  const spec = CASE_TYPES[c.type];
  const facts: CaseFacts = { details: c.details ?? {}, subjects: c.subjects };
  const blockers: SubmitBlocker[] = [];
  if (!c.applicant) blockers.push({ kind: 'applicant' });
  else blockers.push(...missingFacts(c.type, 'applicant', c.applicant));
  for (const r of spec.roles) {
    if (r.required && !hasSubject(facts, r.role)) blockers.push({ kind: 'subject', role: r.role });
    const person = c.subjects.find((s) => s.role === r.role)?.person;
    if (person) blockers.push(...missingFacts(c.type, r.role, person));
  }
  const received = new Set(c.documents.filter((d) => d.received).map((d) => d.code));
  for (const d of spec.documents) {
    if (documentRequired(d, facts) && !received.has(d.code)) {
      blockers.push({ kind: 'document', code: d.code });
    }
  }
  if (spec.feeRequired && !c.fee?.paid) blockers.push({ kind: 'fee' });
  const details = validateDetails(c.type, facts.details, now, { timeZone });
  if (!details.ok) {
    for (const issue of details.issues) {
      blockers.push({
        kind: 'details',
        path: issue.path.map(String).join('.'),
        message: issue.message,
      });
    }
  }
  return blockers;
}
