/**
 * How a case type is described: the roles of the people in it, the documents to bring (some needed
 * only given what the case says), whether a state duty is paid and whether it writes an act record.
 * The tables themselves are in case-specs-family.ts and case-specs-personal.ts.
 */
import type { CaseType, SubjectRole } from './case-enums';
import type { Subject } from './case-person';
import type { Names } from './schemas';

/** What the checks read of a case; details may be incomplete (a draft being filled in). */
export interface CaseFacts {
  details: Readonly<Record<string, unknown>>;
  subjects: readonly Pick<Subject, 'role'>[];
}

export interface RoleSpec {
  role: SubjectRole;
  names: Names;
  /** Submitting needs a person in this role. */
  required: boolean;
}

export interface DocumentSpec {
  code: string;
  names: Names;
  /** Whether a new case needs it (nothing known yet about the case). */
  required: boolean;
  /** When present, decides `required` from what the case says (an alternative of two papers). */
  requiredWhen?: (facts: CaseFacts) => boolean;
}

export interface CaseTypeSpec {
  type: CaseType;
  roles: readonly RoleSpec[];
  documents: readonly DocumentSpec[];
  /** A state duty is paid (and its receipt brought) before submission. */
  feeRequired: boolean;
  /** Registering the case writes a new act record (and takes its number). */
  createsActRecord: boolean;
}
