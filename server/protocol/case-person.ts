/**
 * Persons in a registration case: names, identity documents and phones as the registry records
 * them, and a person in one of the case type's roles. With `now`, a birth date in the future is
 * refused (`personSchema(now)`); the plain constants check everything else.
 */
import { z } from 'zod';
import { SubjectRole } from './case-enums';
import { calendarDate, dateUpTo } from './case-dates';

/**
 * A person's name part: letters of any script (Tajik ғ ӣ қ ӯ ҳ ҷ included, with combining marks),
 * spaces, hyphens and apostrophes; 1-100 characters. Trimmed, otherwise kept exactly as typed.
 */
export const PersonName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(
    /^[\p{L}\p{M}](?:[\p{L}\p{M} '’ʼʻ‘`-]*[\p{L}\p{M}'’ʼʻ‘`])?$/u,
    'letters, spaces, hyphens and apostrophes only',
  );
export type PersonName = z.infer<typeof PersonName>;

export const IdDocumentType = z.enum([
  'passport',
  'birth_certificate',
  'foreign_passport',
  'other',
]);
export type IdDocumentType = z.infer<typeof IdDocumentType>;

const LETTER = 'A-Za-zА-Яа-яЁёҒғӢӣҚқӮӯҲҳҶҷ';
/** Tajik passports: 1-3 letters (Latin or Cyrillic) and 6-9 digits, a space or dash allowed between. */
const PASSPORT_NUMBER = new RegExp(`^[${LETTER}]{1,3}[ -]?\\d{6,9}$`);
/** Other papers (birth certificates `I-ТҶ № 0123456`, foreign passports): letters, digits, separators. */
const OTHER_DOCUMENT_NUMBER = /^(?=.*\p{N})[\p{L}\p{N}№](?:[\p{L}\p{N} №/.-]*[\p{L}\p{N}])?$/u;

/** An identity document; the number's format depends on the type (see the regexes above). */
export const IdDocument = z
  .strictObject({ type: IdDocumentType, number: z.string().trim().min(1).max(40) })
  .superRefine((doc, ctx) => {
    const ok =
      doc.type === 'passport'
        ? PASSPORT_NUMBER.test(doc.number)
        : OTHER_DOCUMENT_NUMBER.test(doc.number);
    if (!ok) {
      ctx.addIssue({
        code: 'custom',
        path: ['number'],
        message:
          doc.type === 'passport'
            ? 'a passport number is 1-3 letters and 6-9 digits'
            : 'letters, digits, spaces and - / . № only, with at least one digit',
      });
    }
  });
export type IdDocument = z.infer<typeof IdDocument>;

/** A phone number: optional +, digits, spaces and dashes, 7-20 characters. */
export const Phone = z
  .string()
  .trim()
  .min(7)
  .max(20)
  .regex(/^\+?\d(?:[\d -]*\d)?$/, 'digits, spaces and dashes, optionally starting with +');
export type Phone = z.infer<typeof Phone>;

/**
 * A person as the registry records them; with `now`, a birth date in the future is refused.
 * Strict: unknown keys are an error (a typo like `lastname` must not vanish silently).
 */
export function personSchema(now?: Date, timeZone?: string) {
  const today = now === undefined ? undefined : calendarDate(now, timeZone);
  return z.strictObject({
    lastName: PersonName,
    firstName: PersonName,
    middleName: PersonName.optional(),
    birthDate: dateUpTo(today).optional(),
    sex: z.enum(['m', 'f']).optional(),
    idDocument: IdDocument.optional(),
    address: z.string().trim().min(1).max(300).optional(),
    phone: Phone.optional(),
  });
}
/** The shape of a person (every rule but "birth date not in the future", which needs `now`). */
export const Person = personSchema();
export type Person = z.infer<typeof Person>;

/** A subject (a person in a role) with `now`, refusing a birth date in the future. */
export function subjectSchema(now?: Date, timeZone?: string) {
  return z.strictObject({ role: SubjectRole, person: personSchema(now, timeZone) });
}
/** A person in one of the case type's roles (the child of a birth, the bride of a marriage…). */
export const Subject = subjectSchema();
export type Subject = z.infer<typeof Subject>;
