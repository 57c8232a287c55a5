/** The documents a service may ask for: every checklist document of the case types, once. */
import type { CaseType, Language, Names } from '../../../server/protocol';
import { CASE_TYPES } from '../../../server/protocol/case-types';

/** Every document some case type asks for, once, in the order the checklists name them. */
export const KNOWN_DOCUMENTS: ReadonlyArray<{ code: string; names: Names }> = [
  ...new Map(
    Object.values(CASE_TYPES).flatMap((spec) =>
      spec.documents.map((d) => [d.code, { code: d.code, names: d.names }] as const),
    ),
  ).values(),
];

/**
 * A document's name in `language`: as the checklist of `service` names it when the service is a case
 * type (one code may be worded per type, as `court_decision`), else as any checklist does; a code no
 * checklist knows stays a code.
 */
export function documentName(code: string, language: Language, service?: string): string {
  const own = isCaseType(service)
    ? CASE_TYPES[service].documents.find((d) => d.code === code)
    : undefined;
  return (own ?? KNOWN_DOCUMENTS.find((d) => d.code === code))?.names[language] ?? code;
}

function isCaseType(code: string | undefined): code is CaseType {
  return code !== undefined && code in CASE_TYPES;
}
