/**
 * Every case type's requirements (the tables in case-specs-family.ts and case-specs-personal.ts, in
 * the order of `CaseTypes`), what they say of a type, and the document checklist built from them.
 * Pure data and functions: no I/O. Imports only the protocol, so the console shares it unchanged.
 */
import type { CaseDocument } from './case';
import { ActType, type CaseType } from './case-enums';
import { detail, documentRequired } from './case-spec-parts';
import { birthCase, divorceCase, marriageCase, paternityCase } from './case-specs-family';
import { amendmentCase, certificateCase, deathCase, nameChangeCase } from './case-specs-personal';
import type { CaseFacts, CaseTypeSpec, RoleSpec } from './case-type-spec';

/** Every case type's requirements, in the order of `CaseTypes`. */
export const CASE_TYPES: { readonly [T in CaseType]: CaseTypeSpec & { type: T } } = {
  birth: birthCase,
  marriage: marriageCase,
  divorce: divorceCase,
  death: deathCase,
  paternity: paternityCase,
  name_change: nameChangeCase,
  certificate: certificateCase,
  amendment: amendmentCase,
};

/** The requirements of `type`. */
export function caseTypeSpec<T extends CaseType>(type: T): CaseTypeSpec & { type: T } {
  return CASE_TYPES[type];
}

/** True when registering a case of `type` writes a new act record; repeat certificates and amendments refer to an existing one. */
export function createsActRecord(type: CaseType): boolean {
  return CASE_TYPES[type].createsActRecord;
}

/** True when a case of `type` pays a state duty before submission. */
export function feeRequired(type: CaseType): boolean {
  return CASE_TYPES[type].feeRequired;
}

/** The roles a case of `type` has, in display order. */
export function rolesOf(type: CaseType): readonly RoleSpec[] {
  return CASE_TYPES[type].roles;
}

/**
 * The kind of act record a case's certificate is of (its series): the type itself for the types
 * that write a record, the referenced record's type for repeat certificates and amendments;
 * undefined while the details do not name it yet.
 */
export function certificateActType(
  type: CaseType,
  details: Readonly<Record<string, unknown>>,
): ActType | undefined {
  const own = ActType.safeParse(type);
  if (own.success) return own.data;
  const referenced = ActType.safeParse(detail({ details, subjects: [] }, 'actRecord', 'type'));
  return referenced.success ? referenced.data : undefined;
}

/** A new case's document checklist: every document of the type, none received yet. */
export function newChecklist(type: CaseType): CaseDocument[] {
  return CASE_TYPES[type].documents.map((d) => ({
    code: d.code,
    name: { ...d.names },
    required: d.required,
    received: false,
  }));
}

/**
 * The checklist with `required` brought up to date with what the case now says (a contested
 * divorce needs the court decision instead of the joint application). Documents the type does not
 * know are kept as they are.
 */
export function withRequirements(
  type: CaseType,
  docs: readonly CaseDocument[],
  facts: CaseFacts,
): CaseDocument[] {
  const specs = new Map(CASE_TYPES[type].documents.map((d) => [d.code, d]));
  return docs.map((d) => {
    const spec = specs.get(d.code);
    return spec ? { ...d, required: documentRequired(spec, facts) } : { ...d };
  });
}

/** True when every required document of the checklist has been received. */
export function checklistComplete(docs: readonly Pick<CaseDocument, 'required' | 'received'>[]) {
  return docs.every((d) => !d.required || d.received);
}
