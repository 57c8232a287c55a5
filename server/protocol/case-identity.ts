/**
 * The event a case registers, as the registry tells one registration from another. These happen
 * once: a second case for the same event must not get a second act record. Marriages, divorces,
 * name changes, certificates and amendments may recur for the same people and have no such
 * identity here.
 *
 * An event has several identities, and two cases are of one event when any of them is the same:
 * - a birth: the child's names and date of birth with the mother's names; and the mother's identity
 *   document with the child's date of birth and first name (twins differ in first name);
 * - a death: the deceased's names with the date of birth; and the deceased's identity document.
 *
 * Names are folded ({@link foldName}) so that one person written two ways is one person: letter case,
 * composition, spaces and hyphens (a double name written "Муҳаммад-Алӣ", "Муҳаммад Алӣ" or joined)
 * and apostrophes, the Tajik letters as Russian spelling and the old fonts write them (Ҳ/Х/Њ,
 * Ҷ/Дж/Ч/Љ, Қ/К/Ќ, Ғ/Г/Ѓ, Ӯ/У/Ў, Ӣ/И/Ї, Ё/Е, hard and soft signs left out), and Latin letters that
 * look like Cyrillic ones (a keyboard left in the other layout). Document numbers are folded the same way
 * ({@link foldDocument}). A case that does not say enough for an identity has none (no check).
 */
import type { CaseType } from './case-enums';
import type { Person, Subject } from './case-person';

interface Registrable {
  type: CaseType;
  subjects: readonly Subject[];
  details: Record<string, unknown>;
}

/** Latin letters (lower case) that look like Cyrillic ones, and the Cyrillic letter. */
const LATIN_LOOKALIKES: Record<string, string> = {
  a: 'а',
  b: 'в',
  c: 'с',
  e: 'е',
  h: 'н',
  k: 'к',
  m: 'м',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
};

/**
 * Tajik letters as Russian spelling of Tajik names writes them, and as the old Tajik fonts typed
 * them (Ѓ, Ї, Ќ, Ў, Њ, Љ for Ғ, Ӣ, Қ, Ӯ, Ҳ, Ҷ).
 */
const TAJIK_AS_RUSSIAN: Record<string, string> = {
  ѓ: 'г',
  ї: 'и',
  ќ: 'к',
  ў: 'у',
  њ: 'х',
  љ: 'ч',
  ҳ: 'х',
  ҷ: 'ч',
  қ: 'к',
  ғ: 'г',
  ӯ: 'у',
  ӣ: 'и',
  ё: 'е',
  ъ: '',
  ь: '',
};

/** A name as the registry compares it (see the file's comment); '' for none. */
export function foldName(text: string | undefined): string {
  return (text ?? '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/['’ʼʻ‘`]/g, '')
    .replace(/[a-z]/g, (ch) => LATIN_LOOKALIKES[ch] ?? ch)
    .replace(/дж/g, 'ч')
    .replace(/[ҳҷқғӯӣёъьѓїќўњљ]/g, (ch) => TAJIK_AS_RUSSIAN[ch] ?? ch)
    .replace(/[\s\-‐‑–—]+/g, '');
}

/** Cyrillic capitals that look like Latin ones: a document number typed in either layout. */
const CYRILLIC_LOOKALIKES: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Х: 'X',
};

/** An identity document's number as the registry compares it; '' for none. */
export function foldDocument(number: string | undefined): string {
  return (number ?? '')
    .normalize('NFC')
    .toUpperCase()
    .replace(/[\s\-./]/g, '')
    .replace(/[АВЕКМНОРСТУХ]/g, (ch) => CYRILLIC_LOOKALIKES[ch] ?? ch);
}

function names(p: Person): string {
  return [p.lastName, p.firstName, p.middleName].map(foldName).join('|');
}

function person(c: Registrable, role: string): Person | undefined {
  return c.subjects.find((s) => s.role === role)?.person;
}

/** The event's identities (strings to compare or hash); none when the case does not say enough. */
export function eventIdentities(c: Registrable): string[] {
  const out: string[] = [];
  if (c.type === 'birth') {
    const child = person(c, 'child');
    const mother = person(c, 'mother');
    const born = typeof c.details.birthDate === 'string' ? c.details.birthDate : child?.birthDate;
    if (!child || !born) return out;
    if (mother) out.push(`birth|${names(child)}|${born}|${names(mother)}`);
    const document = foldDocument(mother?.idDocument?.number);
    const firstName = foldName(child.firstName);
    if (document && firstName) out.push(`birth-mother|${document}|${born}|${firstName}`);
  }
  if (c.type === 'death') {
    const deceased = person(c, 'deceased');
    if (!deceased) return out;
    if (deceased.birthDate) out.push(`death|${names(deceased)}|${deceased.birthDate}`);
    const document = foldDocument(deceased.idDocument?.number);
    if (document) out.push(`death-document|${document}`);
  }
  return out;
}
