/**
 * The registry's enumerations on the wire: case types, the act record kinds, case statuses, the
 * roles people play in a case and what a case's history row records.
 */
import { z } from 'zod';

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
