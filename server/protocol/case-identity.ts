/**
 * The event a case registers, as the registry tells one registration from another: a birth is the
 * child (names, date of birth) of its mother (names); a death is the deceased (names, and the date
 * of birth or the identity document). These happen once: a second case for the same event must not
 * get a second act record. Marriages, divorces, name changes, certificates and amendments may
 * recur for the same people and have no such identity here.
 *
 * Names compare without case, accents' composition, surrounding or doubled spaces, or which of the
 * apostrophes was typed. `undefined`: the case does not say enough to tell (no check).
 */
import type { CaseType } from './case-enums';
import type { Person, Subject } from './case-person';

interface Registrable {
  type: CaseType;
  subjects: readonly Subject[];
  details: Record<string, unknown>;
}

function norm(text: string | undefined): string {
  return (text ?? '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[’ʼʻ‘`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

function names(p: Person): string {
  return [p.lastName, p.firstName, p.middleName].map(norm).join('|');
}

function person(c: Registrable, role: string): Person | undefined {
  return c.subjects.find((s) => s.role === role)?.person;
}

/** The event's identity (a string to compare or hash), or undefined. */
export function eventIdentity(c: Registrable): string | undefined {
  if (c.type === 'birth') {
    const child = person(c, 'child');
    const mother = person(c, 'mother');
    const born = typeof c.details.birthDate === 'string' ? c.details.birthDate : child?.birthDate;
    if (!child || !mother || !born) return undefined;
    return `birth|${names(child)}|${born}|${names(mother)}`;
  }
  if (c.type === 'death') {
    const deceased = person(c, 'deceased');
    if (!deceased) return undefined;
    const known = deceased.birthDate ?? norm(deceased.idDocument?.number).replace(/[ -]/g, '');
    if (!known) return undefined;
    return `death|${names(deceased)}|${known}`;
  }
  return undefined;
}
