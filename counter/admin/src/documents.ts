/** The documents a service may ask for: every checklist document of the case types, once. */
import type { Language, Names } from '../../../server/protocol';
import { CASE_TYPES } from '../../../server/protocol/case-types';

/** Every document some case type asks for, once, in the order the checklists name them. */
export const KNOWN_DOCUMENTS: ReadonlyArray<{ code: string; names: Names }> = [
  ...new Map(
    Object.values(CASE_TYPES).flatMap((spec) =>
      spec.documents.map((d) => [d.code, { code: d.code, names: d.names }] as const),
    ),
  ).values(),
];

/** A document's name in `language`; a code no checklist knows stays a code. */
export function documentName(code: string, language: Language): string {
  return KNOWN_DOCUMENTS.find((d) => d.code === code)?.names[language] ?? code;
}
