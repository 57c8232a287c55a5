/** How cases are found by text: the normalised search column written with each case, and terms. */
import type { Person, Subject } from '../../protocol';

/** Lower case, ё → е, single spaces: how names and numbers are searched. */
export function normalise(text: string): string {
  return text.toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** What a case is found by: its number, every person's names and document numbers. */
export function searchText(
  number: string,
  applicant: Person | null,
  subjects: readonly Subject[],
): string {
  const people = [applicant, ...subjects.map((s) => s.person)].filter((p): p is Person => !!p);
  const parts = [number];
  for (const p of people) {
    parts.push([p.lastName, p.firstName, p.middleName ?? ''].join(' '));
    parts.push([p.firstName, p.lastName].join(' '));
    if (p.idDocument) parts.push(p.idDocument.number.replace(/\s+/g, ''));
  }
  return normalise(parts.join(' | '));
}
