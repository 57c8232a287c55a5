/**
 * What a case says, as labelled lines (people, details, fee): the facts list of the window, the back
 * office and the receipt is drawn from these. No DOM here, so the lines are unit-tested as they are.
 */
import { caseTypeSpec, type Case, type Language, type Person } from '../../server/protocol';
import { formatIsoDay } from '../../ui/format';
import { translate, type MessageKey } from '../../ui/i18n/staff';
import { detailLabelKey, optionLabelKey } from './case-form';

/** One line of the facts list: its label and what it says. */
export interface CaseFact {
  label: string;
  value: string;
}

const ID_TYPES: Record<string, MessageKey> = {
  passport: 'idPassport',
  birth_certificate: 'idBirthCertificate',
  foreign_passport: 'idForeignPassport',
  other: 'idOther',
};

/**
 * Everything the registry records of a person, for whoever registers from it (the back office, the
 * window): name, date of birth, sex, identity document with its kind, address and phone.
 */
export function personFacts(p: Person | null | undefined, language: Language): string {
  if (!p) return '—';
  const t = (key: MessageKey) => translate(language, key);
  const id = p.idDocument;
  const idType = id ? ID_TYPES[id.type] : undefined;
  return [
    [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' '),
    p.birthDate ? formatIsoDay(p.birthDate) : undefined,
    p.sex ? t(p.sex === 'm' ? 'sexM' : 'sexF') : undefined,
    id ? `${idType ? t(idType) : id.type} ${id.number}` : undefined,
    p.address ? `${t('pAddress')}: ${p.address}` : undefined,
    p.phone ? `${t('pPhone')}: ${p.phone}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

function detailFacts(
  details: Record<string, unknown>,
  language: Language,
  prefix = '',
): CaseFact[] {
  const out: CaseFact[] = [];
  for (const [name, value] of Object.entries(details)) {
    const key = detailLabelKey(name);
    const label = prefix + (key ? translate(language, key) : name);
    if (typeof value === 'object' && value !== null) {
      out.push(...detailFacts(value as Record<string, unknown>, language, `${label} · `));
    } else if (value !== undefined) {
      const option = typeof value === 'string' ? optionLabelKey(value) : undefined;
      const text = option
        ? translate(language, option)
        : typeof value === 'string'
          ? // A day (`2026-12-01`) the office's way, as every other date of the case.
            formatIsoDay(value)
          : JSON.stringify(value);
      out.push({ label, value: text });
    }
  }
  return out;
}

/**
 * A subject as the facts list shows them. A birth's date is the child's (the form takes it once, in
 * the child's row, and keeps the details' copy equal): it is said once, on its own labelled line
 * "Date of birth" among the birth's details, not again unlabelled beside the child's name. A child's
 * date that differs from the birth's (written through the API) stays, so the registrar sees both.
 */
function subjectPerson(c: Case, role: string, person: Person): Person {
  if (c.type !== 'birth' || role !== 'child' || person.birthDate === undefined) return person;
  if (person.birthDate !== c.details.birthDate) return person;
  return { ...person, birthDate: undefined };
}

/** The applicant, each subject under their role's name, then the type's details and the fee. */
export function caseFacts(c: Case, language: Language): CaseFact[] {
  const t = (key: MessageKey) => translate(language, key);
  const roles = caseTypeSpec(c.type).roles;
  return [
    { label: t('applicant'), value: personFacts(c.applicant, language) },
    ...c.subjects.map((s) => ({
      label: roles.find((r) => r.role === s.role)?.names[language] ?? s.role,
      value: personFacts(subjectPerson(c, s.role, s.person), language),
    })),
    ...detailFacts(c.details, language),
    ...(c.fee
      ? [{ label: t('fee'), value: `${c.fee.paid ? t('feePaid') : '—'} ${c.fee.receipt ?? ''}` }]
      : []),
  ];
}
