/**
 * The case form's model: what the clerk typed (strings), turned into the shapes the registry takes,
 * checked with the protocol's own schemas before anything is sent. The form never invents rules: the
 * fields of a type's details are read from its schema.
 */
import type { z } from 'zod';
import {
  CaseType,
  Fee,
  Person,
  detailsSchema,
  type Case,
  type PatchCase,
  type Subject,
  type SubjectRole,
} from '../../server/protocol';
import type { MessageKey } from '../../ui/i18n/staff';

/** A person as typed: every field a string, empty when not given. */
export interface PersonForm {
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  sex: string;
  idType: string;
  idNumber: string;
  address: string;
  phone: string;
}

/** The fields of {@link PersonForm} in display order. */
export const PERSON_FIELDS: readonly (keyof PersonForm)[] = [
  'lastName',
  'firstName',
  'middleName',
  'birthDate',
  'sex',
  'idType',
  'idNumber',
  'address',
  'phone',
];

/** The whole form of one case. */
export interface CaseForm {
  applicant: PersonForm;
  subjects: Partial<Record<SubjectRole, PersonForm>>;
  details: Record<string, unknown>;
  documents: Record<string, boolean>;
  fee: { paid: boolean; receipt: string };
}

/** A section of the form, saved as one PATCH field. */
export type FormSection = 'applicant' | 'subjects' | 'details' | 'documents' | 'fee';

/** An empty person. */
export function emptyPerson(): PersonForm {
  return {
    lastName: '',
    firstName: '',
    middleName: '',
    birthDate: '',
    sex: '',
    idType: '',
    idNumber: '',
    address: '',
    phone: '',
  };
}

function personForm(p: Person | null | undefined): PersonForm {
  if (!p) return emptyPerson();
  return {
    lastName: p.lastName,
    firstName: p.firstName,
    middleName: p.middleName ?? '',
    birthDate: p.birthDate ?? '',
    sex: p.sex ?? '',
    idType: p.idDocument?.type ?? '',
    idNumber: p.idDocument?.number ?? '',
    address: p.address ?? '',
    phone: p.phone ?? '',
  };
}

/** The form showing what `c` holds. */
export function formOf(c: Case): CaseForm {
  const subjects: CaseForm['subjects'] = {};
  for (const s of c.subjects) subjects[s.role] = personForm(s.person);
  return {
    applicant: personForm(c.applicant),
    subjects,
    details: structuredClone(c.details),
    documents: Object.fromEntries(c.documents.map((d) => [d.code, d.received])),
    fee: { paid: c.fee?.paid ?? false, receipt: c.fee?.receipt ?? '' },
  };
}

/** True when nothing was typed into the person. */
export function isBlank(p: PersonForm): boolean {
  return PERSON_FIELDS.every((k) => p[k].trim() === '');
}

/** What is wrong with a form section, as field → the message (in the clerk's language) of its first issue. */
export type FieldIssues = Record<string, IssueKey>;

/** The words for what can be wrong with a field of the form. */
export type IssueKey = Extract<MessageKey, `issue${string}`>;

/**
 * The words for a schema issue of `field`, in place of the schema's English: the form only sends
 * strings, so a wrong type is a missing value, and the rules are the registry's (case-person.ts).
 */
function issueKey(field: string, issue: z.core.$ZodIssue): IssueKey {
  if (issue.code === 'invalid_type') return 'issueRequired';
  if (issue.code === 'too_small') return field === 'phone' ? 'issuePhone' : 'issueRequired';
  if (field === 'phone') return 'issuePhone';
  if (issue.code === 'too_big') return 'issueTooLong';
  if (field === 'idNumber')
    return issue.message.startsWith('a passport') ? 'issuePassport' : 'issueDocument';
  if (field.endsWith('Name') && issue.code === 'invalid_format') return 'issueName';
  return 'issueCheck';
}

/** Result of reading a section: the value to send, or the fields to fix. */
export type Read<T> = { ok: true; value: T } | { ok: false; issues: FieldIssues };

function issuesOf(issues: readonly z.core.$ZodIssue[], prefix = ''): FieldIssues {
  const out: FieldIssues = {};
  for (const issue of issues) {
    let key = prefix + issue.path.map(String).join('.');
    // The form shows the identity document as two fields.
    if (key.endsWith('idDocument.number')) key = key.replace('idDocument.number', 'idNumber');
    if (key.endsWith('idDocument.type')) key = key.replace('idDocument.type', 'idType');
    out[key] ??= issueKey(key.split('.').at(-1) ?? '', issue);
  }
  return out;
}

/** The person to send, checked with the registry's schema. */
export function readPerson(p: PersonForm): Read<Person> {
  const value: Record<string, unknown> = {};
  const put = (key: string, v: string) => {
    if (v.trim() !== '') value[key] = v.trim();
  };
  put('lastName', p.lastName);
  put('firstName', p.firstName);
  put('middleName', p.middleName);
  put('birthDate', p.birthDate);
  put('sex', p.sex);
  put('address', p.address);
  put('phone', p.phone);
  if (p.idType || p.idNumber.trim()) {
    value.idDocument = { type: p.idType || 'passport', number: p.idNumber.trim() };
  }
  const parsed = Person.safeParse(value);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, issues: issuesOf(parsed.error.issues) };
}

/** The same reading, its issues' fields named under `prefix` (`applicant.`, `bride.`…). */
function prefixed<T>(read: Read<T>, prefix: string): Read<T> {
  if (read.ok) return read;
  const issues: FieldIssues = {};
  for (const [k, v] of Object.entries(read.issues)) issues[`${prefix}${k}`] = v;
  return { ok: false, issues };
}

/** Every subject typed into, or the fields to fix in any of them. */
function readSubjects(subjects: CaseForm['subjects']): Read<Subject[]> {
  const value: Subject[] = [];
  const issues: FieldIssues = {};
  let complete = true;
  for (const [role, person] of Object.entries(subjects) as [SubjectRole, PersonForm][]) {
    if (isBlank(person)) continue;
    const read = prefixed(readPerson(person), `${role}.`);
    if (read.ok) value.push({ role, person: read.value });
    else {
      complete = false;
      Object.assign(issues, read.issues);
    }
  }
  // Sending only some subjects would drop the others: all of them, or none yet.
  return complete ? { ok: true, value } : { ok: false, issues };
}

/** The details as typed, once the type's schema (every field optional) takes them. */
function readDetails(
  type: CaseType,
  details: Record<string, unknown>,
): Read<Record<string, unknown>> {
  const parsed = detailsSchema(type, { partial: true }).safeParse(details);
  return parsed.success
    ? { ok: true, value: details }
    : { ok: false, issues: issuesOf(parsed.error.issues, 'details.') };
}

/** The fee, its receipt sent only when it is paid. */
function readFee(fee: CaseForm['fee']): Read<Fee> {
  const receipt = fee.receipt.trim();
  const parsed = Fee.safeParse({ paid: fee.paid, ...(fee.paid && receipt ? { receipt } : {}) });
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, issues: issuesOf(parsed.error.issues, 'fee.') };
}

/** The PATCH body for the given sections, or the fields that keep them from being sent. */
export function buildPatch(
  type: CaseType,
  form: CaseForm,
  sections: ReadonlySet<FormSection>,
  version: number,
): { patch?: PatchCase; issues: FieldIssues } {
  const patch: PatchCase = { version };
  const issues: FieldIssues = {};
  let any = false;
  // A section read right goes into the patch; one read wrong adds its fields to fix.
  function take<T>(read: Read<T>, put: (value: T) => void): void {
    if (read.ok) {
      put(read.value);
      any = true;
    } else {
      Object.assign(issues, read.issues);
    }
  }
  if (sections.has('applicant') && !isBlank(form.applicant)) {
    take(prefixed(readPerson(form.applicant), 'applicant.'), (v) => (patch.applicant = v));
  }
  if (sections.has('subjects')) take(readSubjects(form.subjects), (v) => (patch.subjects = v));
  if (sections.has('details')) take(readDetails(type, form.details), (v) => (patch.details = v));
  if (sections.has('documents')) {
    const documents = Object.entries(form.documents).map(([code, received]) => ({
      code,
      received,
    }));
    take({ ok: true, value: documents }, (v) => (patch.documents = v));
  }
  if (sections.has('fee')) take(readFee(form.fee), (v) => (patch.fee = v));
  return { patch: any ? patch : undefined, issues };
}

/** One input of a type's details. */
export interface DetailField {
  /** Path in `details`, e.g. `['causeDocument', 'date']`. */
  path: readonly string[];
  kind: 'text' | 'date' | 'number' | 'boolean' | 'enum';
  options?: readonly string[];
}

/** A group of details inputs: top-level fields (`group` undefined) or one nested object. */
export interface DetailGroup {
  group?: string;
  fields: DetailField[];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s.def.type === 'optional' || s.def.type === 'nullable') {
    s = (s.def as unknown as { innerType: z.ZodType }).innerType;
  }
  return s;
}

function fieldOf(path: string[], schema: z.ZodType): DetailField {
  const s = unwrap(schema);
  const type = s.def.type;
  if (type === 'number') return { path, kind: 'number' };
  if (type === 'boolean') return { path, kind: 'boolean' };
  if (type === 'enum') return { path, kind: 'enum', options: (s as z.ZodEnum).options.map(String) };
  return { path, kind: (s as z.ZodString).format === 'date' ? 'date' : 'text' };
}

/** The inputs of a type's details, read from its schema. */
export function detailGroups(type: CaseType): DetailGroup[] {
  const schema = detailsSchema(type, { partial: true }) as z.ZodObject;
  const top: DetailField[] = [];
  const groups: DetailGroup[] = [];
  for (const [name, field] of Object.entries(schema.shape)) {
    const inner = unwrap(field as z.ZodType);
    if (inner.def.type === 'object') {
      const fields = Object.entries((inner as z.ZodObject).shape).map(([sub, s]) =>
        fieldOf([name, sub], s as z.ZodType),
      );
      groups.push({ group: name, fields });
    } else {
      top.push(fieldOf([name], field as z.ZodType));
    }
  }
  return [{ fields: top }, ...groups];
}

/** Reads a value at `path` of details. */
export function detailValue(details: Record<string, unknown>, path: readonly string[]): unknown {
  let v: unknown = details;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** Details with `value` at `path` (undefined removes it; an emptied group is removed too). */
export function withDetail(
  details: Record<string, unknown>,
  path: readonly string[],
  value: unknown,
): Record<string, unknown> {
  const next = structuredClone(details);
  const [head, sub] = path;
  if (head === undefined) return next;
  if (sub === undefined) {
    if (value === undefined) delete next[head];
    else next[head] = value;
    return next;
  }
  const group = { ...((next[head] as Record<string, unknown> | undefined) ?? {}) };
  if (value === undefined) delete group[sub];
  else group[sub] = value;
  if (Object.keys(group).length === 0) delete next[head];
  else next[head] = group;
  return next;
}

const LABELS: Record<string, MessageKey> = {
  placeOfBirth: 'fPlaceOfBirth',
  birthDate: 'fBirthDate',
  plurality: 'fPlurality',
  weightGrams: 'fWeightGrams',
  ceremonyDate: 'fCeremonyDate',
  brideNewLastName: 'fBrideNewLastName',
  groomNewLastName: 'fGroomNewLastName',
  courtDecision: 'fCourtDecision',
  court: 'fCourt',
  number: 'fNumber',
  date: 'fDate',
  mutualConsent: 'fMutualConsent',
  dateOfDeath: 'fDateOfDeath',
  placeOfDeath: 'fPlaceOfDeath',
  causeDocument: 'fCauseDocument',
  type: 'fType',
  basis: 'fBasis',
  newLastName: 'fNewLastName',
  newFirstName: 'fNewFirstName',
  newMiddleName: 'fNewMiddleName',
  actRecord: 'fActRecord',
  year: 'fYear',
  reason: 'fReason',
  field: 'fField',
  from: 'fFrom',
  to: 'fTo',
};

/** The catalogue key naming a details field, if there is one. */
export function detailLabelKey(name: string): MessageKey | undefined {
  return LABELS[name];
}

const OPTION_LABELS: Record<string, MessageKey> = {
  single: 'oSingle',
  twins: 'oTwins',
  triplets: 'oTriplets',
  more: 'oMore',
  joint_application: 'oJointApplication',
  court_decision: 'oCourtDecision',
  medical_death_certificate: 'oMedicalDeathCertificate',
  perinatal_death_certificate: 'oPerinatalDeathCertificate',
  other: 'oOther',
};

/** The catalogue key naming an option of a details choice (act types are named by their service). */
export function optionLabelKey(value: string): MessageKey | undefined {
  return OPTION_LABELS[value];
}

/** The case type a service opens, when it is a registry service (birth…amendment). */
export function caseTypeOfService(service: string): CaseType | undefined {
  const parsed = CaseType.safeParse(service);
  return parsed.success ? parsed.data : undefined;
}
