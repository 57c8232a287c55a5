/**
 * Who must give what: per case type and role (or the applicant), the fields the person form asks
 * and the facts a registrar needs before the case goes to the back office.
 */
import type { CaseType, SubjectRole } from './case-enums';

/** A fact about a person that a registrar needs before the case goes to the back office. */
export type PersonFact = 'birthDate' | 'sex' | 'idDocument';
/** A field of the person form. */
export type PersonFieldName =
  | 'lastName'
  | 'firstName'
  | 'middleName'
  | 'birthDate'
  | 'sex'
  | 'idDocument'
  | 'address'
  | 'phone';

const EVERY_FIELD: readonly PersonFieldName[] = [
  'lastName',
  'firstName',
  'middleName',
  'birthDate',
  'sex',
  'idDocument',
  'address',
  'phone',
];

/** What the form asks of one person of a case, and what submitting needs of them. */
export interface PersonRule {
  asks: readonly PersonFieldName[];
  needs: readonly PersonFact[];
}

/**
 * Per case type and role (or the applicant): the fields asked and the facts required (README, "Who
 * must give what"). A newborn is asked no passport, address or phone; each fact is entered once
 * (the birth date of a birth case is the child's).
 */
const PERSON_RULES: { readonly [T in CaseType]?: Readonly<Record<string, PersonRule>> } = {
  birth: {
    applicant: { asks: EVERY_FIELD, needs: ['idDocument', 'birthDate'] },
    child: {
      asks: ['lastName', 'firstName', 'middleName', 'birthDate', 'sex'],
      needs: ['sex', 'birthDate'],
    },
    mother: { asks: EVERY_FIELD, needs: ['idDocument', 'birthDate'] },
    father: { asks: EVERY_FIELD, needs: [] },
  },
  // The deceased's passport is on the checklist: its number is what tells one death from another
  // (case-identity.ts; a death without it and a patronymic left out was registered twice).
  death: {
    deceased: { asks: EVERY_FIELD, needs: ['idDocument'] },
  },
};

/** The form's fields and the required facts of a person of a case (`applicant` or a role). */
export function personRule(type: CaseType, who: 'applicant' | SubjectRole): PersonRule {
  return PERSON_RULES[type]?.[who] ?? { asks: EVERY_FIELD, needs: [] };
}
