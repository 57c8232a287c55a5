/**
 * Pieces the case type tables share: the role names, the documents several types ask for, and how
 * a rule reads what a case says (its details, who is in it) while it is still a draft.
 */
import type { SubjectRole } from './case-enums';
import type { CaseFacts, DocumentSpec } from './case-type-spec';
import type { Names } from './schemas';

/** The name of each role in the four languages. */
export const roleNames = {
  child: { tg: 'Кӯдак', ru: 'Ребёнок', uz: 'Bola', en: 'Child' },
  mother: { tg: 'Модар', ru: 'Мать', uz: 'Ona', en: 'Mother' },
  father: { tg: 'Падар', ru: 'Отец', uz: 'Ota', en: 'Father' },
  bride: { tg: 'Арӯс', ru: 'Невеста', uz: 'Kelin', en: 'Bride' },
  groom: { tg: 'Домод', ru: 'Жених', uz: 'Kuyov', en: 'Groom' },
  spouse1: {
    tg: 'Ҳамсари якум',
    ru: 'Первый супруг',
    uz: 'Birinchi turmush oʻrtogʻi',
    en: 'First spouse',
  },
  spouse2: {
    tg: 'Ҳамсари дуюм',
    ru: 'Второй супруг',
    uz: 'Ikkinchi turmush oʻrtogʻi',
    en: 'Second spouse',
  },
  deceased: { tg: 'Фавтида', ru: 'Умерший', uz: 'Marhum', en: 'Deceased' },
  person: { tg: 'Шахс', ru: 'Лицо', uz: 'Shaxs', en: 'Person' },
} satisfies Record<SubjectRole, Names>;

/** The applicant's passport (deaths, changes of name, repeat certificates, amendments). */
export const applicantPassport: Names = {
  tg: 'Шиносномаи аризадиҳанда',
  ru: 'Паспорт заявителя',
  uz: 'Arizachining pasporti',
  en: "Applicant's passport",
};
/** The receipt of the state duty, for every type that pays one. */
export const feeReceipt: Names = {
  tg: 'Квитансияи пардохти боҷи давлатӣ',
  ru: 'Квитанция об уплате государственной пошлины',
  uz: 'Davlat boji toʻlanganligi haqida kvitansiya',
  en: 'State duty payment receipt',
};
/** The marriage certificate (a birth to married parents, a divorce). */
export const marriageCertificate: Names = {
  tg: 'Шаҳодатномаи ақди никоҳ',
  ru: 'Свидетельство о заключении брака',
  uz: 'Nikoh guvohnomasi',
  en: 'Marriage certificate',
};

/** A field of (possibly incomplete, unparsed) details, read without trusting its type. */
export function detail(facts: CaseFacts, ...path: string[]): unknown {
  let value: unknown = facts.details;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Whether the case has a person in role `r`. */
export function hasSubject(facts: CaseFacts, r: SubjectRole): boolean {
  return facts.subjects.some((s) => s.role === r);
}

/** Whether a document is needed, given what the case says so far. */
export function documentRequired(spec: DocumentSpec, facts: CaseFacts): boolean {
  return spec.requiredWhen ? spec.requiredWhen(facts) : spec.required;
}
