/**
 * What each case type needs: the people in it, the documents to bring, whether a state duty is
 * paid, whether it writes an act record; and the checks built on that (details, subjects,
 * "what still blocks submission"). Pure data and functions: no I/O, the clock comes in as `now`.
 * Imports only the protocol, so the console could share it unchanged.
 */
import { type z } from 'zod';
import {
  ActType,
  detailsSchema,
  type CaseType,
  type CaseDocument,
  type DetailsOf,
  type DocumentReceipt,
  type Fee,
  type Person,
  type Subject,
  type SubjectRole,
} from './case';
import type { Names } from './schemas';

/** What the checks read of a case; details may be incomplete (a draft being filled in). */
export interface CaseFacts {
  details: Readonly<Record<string, unknown>>;
  subjects: readonly Pick<Subject, 'role'>[];
}

export interface RoleSpec {
  role: SubjectRole;
  names: Names;
  /** Submitting needs a person in this role. */
  required: boolean;
}

export interface DocumentSpec {
  code: string;
  names: Names;
  /** Whether a new case needs it (nothing known yet about the case). */
  required: boolean;
  /** When present, decides `required` from what the case says (an alternative of two papers). */
  requiredWhen?: (facts: CaseFacts) => boolean;
}

export interface CaseTypeSpec {
  type: CaseType;
  roles: readonly RoleSpec[];
  documents: readonly DocumentSpec[];
  /** A state duty is paid (and its receipt brought) before submission. */
  feeRequired: boolean;
  /** Registering the case writes a new act record (and takes its number). */
  createsActRecord: boolean;
}

const role = {
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

const applicantPassport: Names = {
  tg: 'Шиносномаи аризадиҳанда',
  ru: 'Паспорт заявителя',
  uz: 'Arizachining pasporti',
  en: "Applicant's passport",
};
const feeReceipt: Names = {
  tg: 'Квитансияи пардохти боҷи давлатӣ',
  ru: 'Квитанция об уплате государственной пошлины',
  uz: 'Davlat boji toʻlanganligi haqida kvitansiya',
  en: 'State duty payment receipt',
};
const marriageCertificate: Names = {
  tg: 'Шаҳодатномаи ақди никоҳ',
  ru: 'Свидетельство о заключении брака',
  uz: 'Nikoh guvohnomasi',
  en: 'Marriage certificate',
};

/** A field of (possibly incomplete, unparsed) details, read without trusting its type. */
function detail(facts: CaseFacts, ...path: string[]): unknown {
  let value: unknown = facts.details;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
const hasSubject = (facts: CaseFacts, r: SubjectRole) => facts.subjects.some((s) => s.role === r);

/** A fact about a person that a registrar needs before the case goes to the back office. */
export type PersonFact = 'birthDate' | 'sex' | 'idDocument';
/** A field of the person form. */
export type PersonFieldName =
  | 'lastName'
  | 'firstName'
  | 'middleName'
  | 'birthDate'
  | 'sex'
  | 'idDocument'
  | 'address'
  | 'phone';

const EVERY_FIELD: readonly PersonFieldName[] = [
  'lastName',
  'firstName',
  'middleName',
  'birthDate',
  'sex',
  'idDocument',
  'address',
  'phone',
];

/** What the form asks of one person of a case, and what submitting needs of them. */
export interface PersonRule {
  asks: readonly PersonFieldName[];
  needs: readonly PersonFact[];
}

/**
 * Per case type and role (or the applicant): the fields asked and the facts required (README, "Who
 * must give what"). A newborn is asked no passport, address or phone; each fact is entered once
 * (the birth date of a birth case is the child's).
 */
const PERSON_RULES: { readonly [T in CaseType]?: Readonly<Record<string, PersonRule>> } = {
  birth: {
    applicant: { asks: EVERY_FIELD, needs: ['idDocument', 'birthDate'] },
    child: {
      asks: ['lastName', 'firstName', 'middleName', 'birthDate', 'sex'],
      needs: ['sex', 'birthDate'],
    },
    mother: { asks: EVERY_FIELD, needs: ['idDocument', 'birthDate'] },
    father: { asks: EVERY_FIELD, needs: [] },
  },
};

/** The form's fields and the required facts of a person of a case (`applicant` or a role). */
export function personRule(type: CaseType, who: 'applicant' | SubjectRole): PersonRule {
  return PERSON_RULES[type]?.[who] ?? { asks: EVERY_FIELD, needs: [] };
}

/** Every case type's requirements, in the order of `CaseTypes`. */
export const CASE_TYPES: { readonly [T in CaseType]: CaseTypeSpec & { type: T } } = {
  birth: {
    type: 'birth',
    roles: [
      { role: 'child', names: role.child, required: true },
      { role: 'mother', names: role.mother, required: true },
      // Left out when paternity is not established; the act record then has no father.
      { role: 'father', names: role.father, required: false },
    ],
    documents: [
      {
        code: 'medical_birth_notice',
        names: {
          tg: 'Шаҳодатномаи тиббӣ дар бораи таваллуд',
          ru: 'Медицинское свидетельство о рождении',
          uz: 'Tugʻilish haqida tibbiy guvohnoma',
          en: 'Medical birth certificate',
        },
        required: true,
      },
      {
        code: 'mother_passport',
        names: {
          tg: 'Шиносномаи модар',
          ru: 'Паспорт матери',
          uz: 'Onaning pasporti',
          en: "Mother's passport",
        },
        required: true,
      },
      {
        code: 'father_passport',
        names: {
          tg: 'Шиносномаи падар',
          ru: 'Паспорт отца',
          uz: 'Otaning pasporti',
          en: "Father's passport",
        },
        required: false,
        requiredWhen: (c) => hasSubject(c, 'father'),
      },
      // Only when the parents are married to each other.
      { code: 'marriage_certificate', names: marriageCertificate, required: false },
    ],
    feeRequired: false,
    createsActRecord: true,
  },
  marriage: {
    type: 'marriage',
    roles: [
      { role: 'bride', names: role.bride, required: true },
      { role: 'groom', names: role.groom, required: true },
    ],
    documents: [
      {
        code: 'marriage_application',
        names: {
          tg: 'Аризаи муштарак дар бораи бақайдгирии ақди никоҳ',
          ru: 'Совместное заявление о регистрации брака',
          uz: 'Nikohni qayd etish toʻgʻrisida qoʻshma ariza',
          en: 'Joint application for marriage registration',
        },
        required: true,
      },
      {
        code: 'bride_passport',
        names: {
          tg: 'Шиносномаи арӯс',
          ru: 'Паспорт невесты',
          uz: 'Kelinning pasporti',
          en: "Bride's passport",
        },
        required: true,
      },
      {
        code: 'groom_passport',
        names: {
          tg: 'Шиносномаи домод',
          ru: 'Паспорт жениха',
          uz: 'Kuyovning pasporti',
          en: "Groom's passport",
        },
        required: true,
      },
      {
        code: 'medical_certificate',
        names: {
          tg: 'Маълумотномаи тиббӣ дар бораи муоинаи тиббӣ',
          ru: 'Справка о медицинском обследовании',
          uz: 'Tibbiy koʻrik haqida maʼlumotnoma',
          en: 'Medical examination certificate',
        },
        required: true,
      },
      { code: 'fee_receipt', names: feeReceipt, required: true },
    ],
    feeRequired: true,
    createsActRecord: true,
  },
  divorce: {
    type: 'divorce',
    roles: [
      { role: 'spouse1', names: role.spouse1, required: true },
      { role: 'spouse2', names: role.spouse2, required: true },
    ],
    documents: [
      // By mutual consent both spouses apply together; otherwise a court decision is the basis.
      {
        code: 'divorce_application',
        names: {
          tg: 'Аризаи муштарак дар бораи бекор кардани ақди никоҳ',
          ru: 'Совместное заявление о расторжении брака',
          uz: 'Nikohni bekor qilish toʻgʻrisida qoʻshma ariza',
          en: 'Joint application for divorce',
        },
        required: true,
        requiredWhen: (c) => detail(c, 'mutualConsent') !== false,
      },
      {
        code: 'court_decision',
        names: {
          tg: 'Қарори суд дар бораи бекор кардани ақди никоҳ',
          ru: 'Решение суда о расторжении брака',
          uz: 'Nikohni bekor qilish toʻgʻrisida sud qarori',
          en: 'Court decision on divorce',
        },
        required: false,
        requiredWhen: (c) => detail(c, 'mutualConsent') === false,
      },
      {
        code: 'spouse1_passport',
        names: {
          tg: 'Шиносномаи ҳамсари якум',
          ru: 'Паспорт первого супруга',
          uz: 'Birinchi turmush oʻrtogʻining pasporti',
          en: "First spouse's passport",
        },
        required: true,
      },
      {
        // On a court decision either spouse may come alone.
        code: 'spouse2_passport',
        names: {
          tg: 'Шиносномаи ҳамсари дуюм',
          ru: 'Паспорт второго супруга',
          uz: 'Ikkinchi turmush oʻrtogʻining pasporti',
          en: "Second spouse's passport",
        },
        required: true,
        requiredWhen: (c) => detail(c, 'mutualConsent') !== false,
      },
      { code: 'marriage_certificate', names: marriageCertificate, required: true },
      { code: 'fee_receipt', names: feeReceipt, required: true },
    ],
    feeRequired: true,
    createsActRecord: true,
  },
  death: {
    type: 'death',
    roles: [{ role: 'deceased', names: role.deceased, required: true }],
    documents: [
      {
        code: 'medical_death_certificate',
        names: {
          tg: 'Шаҳодатномаи тиббӣ дар бораи фавт',
          ru: 'Медицинское свидетельство о смерти',
          uz: 'Oʻlim haqida tibbiy guvohnoma',
          en: 'Medical death certificate',
        },
        required: true,
        requiredWhen: (c) => detail(c, 'causeDocument', 'type') !== 'court_decision',
      },
      {
        // A person declared dead by a court has no medical certificate.
        code: 'court_decision',
        names: {
          tg: 'Қарори суд дар бораи фавтида эътироф кардан',
          ru: 'Решение суда об объявлении умершим',
          uz: 'Vafot etgan deb eʼlon qilish toʻgʻrisida sud qarori',
          en: 'Court decision declaring the person dead',
        },
        required: false,
        requiredWhen: (c) => detail(c, 'causeDocument', 'type') === 'court_decision',
      },
      {
        code: 'deceased_passport',
        names: {
          tg: 'Шиносномаи фавтида',
          ru: 'Паспорт умершего',
          uz: 'Marhumning pasporti',
          en: "Deceased's passport",
        },
        required: true,
      },
      { code: 'applicant_passport', names: applicantPassport, required: true },
    ],
    feeRequired: false,
    createsActRecord: true,
  },
  paternity: {
    type: 'paternity',
    roles: [
      { role: 'child', names: role.child, required: true },
      { role: 'mother', names: role.mother, required: true },
      { role: 'father', names: role.father, required: true },
    ],
    documents: [
      {
        code: 'joint_application',
        names: {
          tg: 'Аризаи муштараки падару модар',
          ru: 'Совместное заявление родителей',
          uz: 'Ota-onaning qoʻshma arizasi',
          en: "Parents' joint application",
        },
        required: true,
        requiredWhen: (c) => detail(c, 'basis') !== 'court_decision',
      },
      {
        code: 'court_decision',
        names: {
          tg: 'Қарори суд дар бораи муқаррар намудани падарӣ',
          ru: 'Решение суда об установлении отцовства',
          uz: 'Otalikni belgilash toʻgʻrisida sud qarori',
          en: 'Court decision establishing paternity',
        },
        required: false,
        requiredWhen: (c) => detail(c, 'basis') === 'court_decision',
      },
      {
        code: 'father_passport',
        names: {
          tg: 'Шиносномаи падар',
          ru: 'Паспорт отца',
          uz: 'Otaning pasporti',
          en: "Father's passport",
        },
        required: true,
      },
      {
        code: 'mother_passport',
        names: {
          tg: 'Шиносномаи модар',
          ru: 'Паспорт матери',
          uz: 'Onaning pasporti',
          en: "Mother's passport",
        },
        required: true,
      },
      {
        code: 'birth_certificate',
        names: {
          tg: 'Шаҳодатномаи таваллуди кӯдак',
          ru: 'Свидетельство о рождении ребёнка',
          uz: 'Bolaning tugʻilganlik haqidagi guvohnomasi',
          en: "Child's birth certificate",
        },
        required: true,
      },
    ],
    feeRequired: false,
    createsActRecord: true,
  },
  name_change: {
    type: 'name_change',
    roles: [{ role: 'person', names: role.person, required: true }],
    documents: [
      {
        code: 'name_change_application',
        names: {
          tg: 'Ариза дар бораи иваз кардани ном',
          ru: 'Заявление о перемене имени',
          uz: 'Ismni oʻzgartirish toʻgʻrisida ariza',
          en: 'Application for a change of name',
        },
        required: true,
      },
      { code: 'applicant_passport', names: applicantPassport, required: true },
      {
        code: 'birth_certificate',
        names: {
          tg: 'Шаҳодатномаи таваллуд',
          ru: 'Свидетельство о рождении',
          uz: 'Tugʻilganlik haqidagi guvohnoma',
          en: 'Birth certificate',
        },
        required: true,
      },
      { code: 'fee_receipt', names: feeReceipt, required: true },
    ],
    feeRequired: true,
    createsActRecord: true,
  },
  certificate: {
    type: 'certificate',
    // The person whose act record the repeat certificate is of.
    roles: [{ role: 'person', names: role.person, required: true }],
    documents: [
      {
        code: 'application',
        names: {
          tg: 'Ариза барои гирифтани шаҳодатномаи такрорӣ',
          ru: 'Заявление о выдаче повторного свидетельства',
          uz: 'Takroriy guvohnoma olish uchun ariza',
          en: 'Application for a repeat certificate',
        },
        required: true,
      },
      { code: 'applicant_passport', names: applicantPassport, required: true },
      { code: 'fee_receipt', names: feeReceipt, required: true },
    ],
    feeRequired: true,
    createsActRecord: false,
  },
  amendment: {
    type: 'amendment',
    roles: [{ role: 'person', names: role.person, required: true }],
    documents: [
      {
        code: 'amendment_application',
        names: {
          tg: 'Ариза дар бораи ислоҳи сабти санади ҳолати шаҳрвандӣ',
          ru: 'Заявление о внесении исправления в запись акта гражданского состояния',
          uz: 'Fuqarolik holati dalolatnomasi yozuviga tuzatish kiritish toʻgʻrisida ariza',
          en: 'Application to correct an act record',
        },
        required: true,
      },
      { code: 'applicant_passport', names: applicantPassport, required: true },
      {
        code: 'supporting_document',
        names: {
          tg: 'Ҳуҷҷати тасдиқкунанда',
          ru: 'Подтверждающий документ',
          uz: 'Tasdiqlovchi hujjat',
          en: 'Supporting document',
        },
        required: true,
      },
      { code: 'fee_receipt', names: feeReceipt, required: true },
    ],
    feeRequired: true,
    createsActRecord: false,
  },
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

function isRequired(spec: DocumentSpec, facts: CaseFacts): boolean {
  return spec.requiredWhen ? spec.requiredWhen(facts) : spec.required;
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
    return spec ? { ...d, required: isRequired(spec, facts) } : { ...d };
  });
}

/** True when every required document of the checklist has been received. */
export function checklistComplete(docs: readonly Pick<CaseDocument, 'required' | 'received'>[]) {
  return docs.every((d) => !d.required || d.received);
}

/** Validation result: the parsed value, or zod issues (paths relative to what was checked). */
export type Checked<T> = { ok: true; value: T } | { ok: false; issues: z.core.$ZodIssue[] };

export interface ValidateDetailsOptions {
  /** The office's time zone, for "today" (default Asia/Dushanbe). */
  timeZone?: string;
  /** A draft: each given field is checked, nothing is required yet. */
  partial?: boolean;
}

/** Checks the details of a case of `type`; dates that must be past are checked against `now`. */
export function validateDetails<T extends CaseType>(
  type: T,
  details: unknown,
  now: Date,
  options?: ValidateDetailsOptions & { partial?: false },
): Checked<DetailsOf<T>>;
export function validateDetails<T extends CaseType>(
  type: T,
  details: unknown,
  now: Date,
  options: ValidateDetailsOptions & { partial: true },
): Checked<Partial<DetailsOf<T>>>;
export function validateDetails(
  type: CaseType,
  details: unknown,
  now: Date,
  options: ValidateDetailsOptions = {},
): Checked<unknown> {
  const result = detailsSchema(type, { now, ...options }).safeParse(details);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: result.error.issues };
}

/**
 * Checks that each subject's role belongs to `type` and no role is taken twice. Missing required
 * roles are not an error here (a draft fills them in over time): see `missingForSubmit`.
 */
export function validateSubjects<S extends Pick<Subject, 'role'>>(
  type: CaseType,
  subjects: readonly S[],
): Checked<S[]> {
  const allowed = new Set(CASE_TYPES[type].roles.map((r) => r.role));
  const seen = new Set<SubjectRole>();
  const issues: z.core.$ZodIssue[] = [];
  subjects.forEach((s, i) => {
    if (!allowed.has(s.role)) {
      const roles = [...allowed].join(', ');
      issues.push({
        code: 'custom',
        path: [i, 'role'],
        message: `a ${type} case has no role ${s.role} (roles: ${roles})`,
      });
    } else if (seen.has(s.role)) {
      issues.push({ code: 'custom', path: [i, 'role'], message: `role ${s.role} given twice` });
    }
    seen.add(s.role);
  });
  return issues.length === 0 ? { ok: true, value: [...subjects] } : { ok: false, issues };
}

/**
 * Applies checklist changes (`PATCH … documents`) to `docs`. A code that is not on the case's
 * checklist is an issue (path: its index in `changes`); nothing is applied then.
 */
export function applyDocumentReceipts(
  docs: readonly CaseDocument[],
  changes: readonly DocumentReceipt[],
): Checked<CaseDocument[]> {
  const received = new Map(changes.map((c) => [c.code, c.received]));
  const known = new Set(docs.map((d) => d.code));
  const issues: z.core.$ZodIssue[] = [];
  changes.forEach((c, i) => {
    if (!known.has(c.code)) {
      issues.push({
        code: 'custom',
        path: [i, 'code'],
        message: `${c.code} is not on this case's checklist`,
      });
    }
  });
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: docs.map((d) => ({ ...d, received: received.get(d.code) ?? d.received })),
  };
}

/** One thing that keeps a case from being submitted. */
export type SubmitBlocker =
  | { kind: 'applicant' }
  | { kind: 'subject'; role: SubjectRole }
  | { kind: 'document'; code: string }
  | { kind: 'fee' }
  | { kind: 'details'; path: string; message: string }
  | { kind: 'person'; who: 'applicant' | SubjectRole; fact: PersonFact };

function missingFacts(
  type: CaseType,
  who: 'applicant' | SubjectRole,
  person: Person,
): SubmitBlocker[] {
  return personRule(type, who)
    .needs.filter((fact) => person[fact] === undefined || person[fact] === null)
    .map((fact) => ({ kind: 'person', who, fact }));
}

/** What `missingForSubmit` reads of a case. */
export interface SubmittableCase {
  type: CaseType;
  applicant: Person | null | undefined;
  subjects: readonly (Pick<Subject, 'role'> & { person?: Person })[];
  documents: readonly Pick<CaseDocument, 'code' | 'received'>[];
  details: Readonly<Record<string, unknown>> | null | undefined;
  fee: Pick<Fee, 'paid'> | null | undefined;
}

/**
 * Everything that blocks submitting `c`, empty when it may be submitted: no applicant, a required
 * role without a person, a required document (given the details) not received, an unpaid fee where
 * the type has one, details incomplete or invalid (dates checked against `now`).
 */
export function missingForSubmit(
  c: SubmittableCase,
  now: Date,
  timeZone?: string,
): SubmitBlocker[] {
  const spec = CASE_TYPES[c.type];
  const facts: CaseFacts = { details: c.details ?? {}, subjects: c.subjects };
  const blockers: SubmitBlocker[] = [];
  if (!c.applicant) blockers.push({ kind: 'applicant' });
  else blockers.push(...missingFacts(c.type, 'applicant', c.applicant));
  for (const r of spec.roles) {
    if (r.required && !hasSubject(facts, r.role)) blockers.push({ kind: 'subject', role: r.role });
    const person = c.subjects.find((s) => s.role === r.role)?.person;
    if (person) blockers.push(...missingFacts(c.type, r.role, person));
  }
  const received = new Set(c.documents.filter((d) => d.received).map((d) => d.code));
  for (const d of spec.documents) {
    if (isRequired(d, facts) && !received.has(d.code)) {
      blockers.push({ kind: 'document', code: d.code });
    }
  }
  if (spec.feeRequired && !c.fee?.paid) blockers.push({ kind: 'fee' });
  const details = validateDetails(c.type, facts.details, now, { timeZone });
  if (!details.ok) {
    for (const issue of details.issues) {
      blockers.push({
        kind: 'details',
        path: issue.path.map(String).join('.'),
        message: issue.message,
      });
    }
  }
  return blockers;
}
