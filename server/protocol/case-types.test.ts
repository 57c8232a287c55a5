import type { CaseDocument } from './case';
import { CaseTypes, type CaseType, type SubjectRole } from './case-enums';
import {
  applyDocumentReceipts,
  missingForSubmit,
  validateDetails,
  validateSubjects,
  type SubmittableCase,
} from './case-checks';
import { personRule } from './case-person-rules';
import {
  CASE_TYPES,
  certificateActType,
  checklistComplete,
  createsActRecord,
  feeRequired,
  newChecklist,
  rolesOf,
  withRequirements,
} from './case-types';

const now = new Date('2026-11-26T07:00:00Z'); // 12:00 in Dushanbe
const person = { lastName: 'Ҷӯраев', firstName: 'Ғафур' };
const noFacts = { details: {}, subjects: [] };

describe('case type catalogue', () => {
  it('covers every case type, each under its own key', () => {
    expect(Object.keys(CASE_TYPES).sort()).toEqual([...CaseTypes].sort());
    for (const type of CaseTypes) expect(CASE_TYPES[type].type).toBe(type);
  });

  it.each<[CaseType, string[], string[]]>([
    ['birth', ['child', 'mother', 'father'], ['child', 'mother']],
    ['marriage', ['bride', 'groom'], ['bride', 'groom']],
    ['divorce', ['spouse1', 'spouse2'], ['spouse1', 'spouse2']],
    ['death', ['deceased'], ['deceased']],
    ['paternity', ['child', 'mother', 'father'], ['child', 'mother', 'father']],
    ['name_change', ['person'], ['person']],
    ['certificate', ['person'], ['person']],
    ['amendment', ['person'], ['person']],
  ])('%s has roles %j, of which %j are required', (type, roles, required) => {
    expect(rolesOf(type).map((r) => r.role)).toEqual(roles);
    expect(
      rolesOf(type)
        .filter((r) => r.required)
        .map((r) => r.role),
    ).toEqual(required);
  });

  it.each<[CaseType, string[]]>([
    ['birth', ['medical_birth_notice', 'mother_passport']],
    [
      'marriage',
      [
        'marriage_application',
        'bride_passport',
        'groom_passport',
        'medical_certificate',
        'fee_receipt',
      ],
    ],
    [
      'divorce',
      [
        'divorce_application',
        'spouse1_passport',
        'spouse2_passport',
        'marriage_certificate',
        'fee_receipt',
      ],
    ],
    ['death', ['medical_death_certificate', 'deceased_passport', 'applicant_passport']],
    ['paternity', ['joint_application', 'father_passport', 'mother_passport', 'birth_certificate']],
    [
      'name_change',
      ['name_change_application', 'applicant_passport', 'birth_certificate', 'fee_receipt'],
    ],
    ['certificate', ['application', 'applicant_passport', 'fee_receipt']],
    [
      'amendment',
      ['amendment_application', 'applicant_passport', 'supporting_document', 'fee_receipt'],
    ],
  ])('a new %s case requires %j', (type, codes) => {
    expect(
      newChecklist(type)
        .filter((d) => d.required)
        .map((d) => d.code),
    ).toEqual(codes);
  });

  it('charges a state duty exactly where the checklist asks for its receipt', () => {
    for (const type of CaseTypes) {
      const asksReceipt = CASE_TYPES[type].documents.some((d) => d.code === 'fee_receipt');
      expect([type, feeRequired(type)]).toEqual([type, asksReceipt]);
    }
    expect(CaseTypes.filter(feeRequired)).toEqual([
      'marriage',
      'divorce',
      'name_change',
      'certificate',
      'amendment',
    ]);
  });

  it('writes an act record for every type but repeat certificates and amendments', () => {
    expect(CaseTypes.filter(createsActRecord)).toEqual([
      'birth',
      'marriage',
      'divorce',
      'death',
      'paternity',
      'name_change',
    ]);
  });

  it('states each conditional requirement as it holds for a new, empty case', () => {
    for (const type of CaseTypes) {
      for (const d of CASE_TYPES[type].documents) {
        if (d.requiredWhen)
          expect([type, d.code, d.requiredWhen(noFacts)]).toEqual([type, d.code, d.required]);
      }
    }
  });

  it('lists no document twice within a type', () => {
    for (const type of CaseTypes) {
      const codes = CASE_TYPES[type].documents.map((d) => d.code);
      expect(new Set(codes).size).toBe(codes.length);
    }
  });

  it('names every document and role in Tajik and Russian Cyrillic and Uzbek and English Latin', () => {
    const all = CaseTypes.flatMap((t) => [...CASE_TYPES[t].documents, ...CASE_TYPES[t].roles]);
    for (const { names } of all) {
      expect(names.tg).toMatch(/^[А-Яа-яЁёҒғӢӣҚқӮӯҲҳҶҷ ,.-]+$/);
      expect(names.ru).toMatch(/^[А-Яа-яЁё ,.-]+$/);
      // Uzbek Latin spells oʻ and gʻ with U+02BB and the tutuq belgisi with U+02BC, not an apostrophe.
      expect(names.uz).toMatch(/^[A-Za-z\u02bb\u02bc ,.-]+$/);
      expect(names.en).toMatch(/^[A-Za-z' ,.-]+$/);
    }
  });

  it('uses the letters only Tajik has in its Tajik names, e.g. шиноснома and шаҳодатнома', () => {
    const tg = CaseTypes.flatMap((t) => CASE_TYPES[t].documents.map((d) => d.names.tg));
    expect(tg.filter((n) => /[ғӣқӯҳҷ]/i.test(n)).length).toBeGreaterThan(tg.length / 2);
    expect(CASE_TYPES.birth.documents[0]!.names.tg).toBe('Шаҳодатномаи тиббӣ дар бораи таваллуд');
    expect(CASE_TYPES.marriage.documents.find((d) => d.code === 'fee_receipt')!.names.tg).toBe(
      'Квитансияи пардохти боҷи давлатӣ',
    );
  });
});

describe('newChecklist', () => {
  it('starts with every document of the type, none received', () => {
    const list = newChecklist('death');
    expect(list.map((d) => d.code)).toEqual([
      'medical_death_certificate',
      'court_decision',
      'deceased_passport',
      'applicant_passport',
    ]);
    expect(list.every((d) => !d.received)).toBe(true);
    expect(list[0]!.name).toEqual({
      tg: 'Шаҳодатномаи тиббӣ дар бораи фавт',
      ru: 'Медицинское свидетельство о смерти',
      uz: 'Oʻlim haqida tibbiy guvohnoma',
      en: 'Medical death certificate',
    });
  });

  it('hands out copies, so editing one case leaves the catalogue alone', () => {
    const list = newChecklist('birth');
    list[0]!.name.tg = 'changed';
    expect(newChecklist('birth')[0]!.name.tg).not.toBe('changed');
  });
});

describe('checklistComplete', () => {
  const receiveAll = (docs: CaseDocument[]) => docs.map((d) => ({ ...d, received: true }));

  it('is false for a new checklist with required documents and true once all are received', () => {
    for (const type of CaseTypes) {
      expect(checklistComplete(newChecklist(type))).toBe(false);
      expect(checklistComplete(receiveAll(newChecklist(type)))).toBe(true);
    }
  });

  it('does not wait for optional documents', () => {
    const docs = newChecklist('birth').map((d) => ({ ...d, received: d.required }));
    expect(checklistComplete(docs)).toBe(true);
  });

  it('is true for an empty checklist', () => {
    expect(checklistComplete([])).toBe(true);
  });
});

describe('withRequirements', () => {
  const required = (type: CaseType, details: Record<string, unknown>, roles: string[] = []) =>
    withRequirements(type, newChecklist(type), {
      details,
      subjects: roles.map((role) => ({ role: role as 'father' })),
    })
      .filter((d) => d.required)
      .map((d) => d.code);

  it('asks a contested divorce for the court decision instead of the joint application', () => {
    expect(required('divorce', { mutualConsent: false })).toEqual([
      'court_decision',
      'spouse1_passport',
      'marriage_certificate',
      'fee_receipt',
    ]);
    expect(required('divorce', { mutualConsent: true })).toContain('divorce_application');
  });

  it('asks paternity by court for the decision instead of the joint application', () => {
    const codes = required('paternity', { basis: 'court_decision' });
    expect(codes).toContain('court_decision');
    expect(codes).not.toContain('joint_application');
  });

  it('asks for the court decision instead of a medical certificate for a person declared dead', () => {
    const codes = required('death', { causeDocument: { type: 'court_decision' } });
    expect(codes).toEqual(['court_decision', 'deceased_passport', 'applicant_passport']);
  });

  it("asks for the father's passport once a father is named on a birth", () => {
    expect(required('birth', {})).not.toContain('father_passport');
    expect(required('birth', {}, ['father'])).toContain('father_passport');
  });

  it('keeps what was received and documents the type does not know', () => {
    const docs = [
      { ...newChecklist('divorce')[0]!, received: true },
      { code: 'legacy', name: newChecklist('divorce')[0]!.name, required: true, received: false },
    ];
    const result = withRequirements('divorce', docs, {
      details: { mutualConsent: false },
      subjects: [],
    });
    expect(result).toEqual([{ ...docs[0], required: false }, docs[1]]);
  });
});

describe('applyDocumentReceipts', () => {
  it('marks the named documents and leaves the others', () => {
    const result = applyDocumentReceipts(newChecklist('certificate'), [
      { code: 'fee_receipt', received: true },
    ]);
    expect(result.ok && result.value.map((d) => [d.code, d.received])).toEqual([
      ['application', false],
      ['applicant_passport', false],
      ['fee_receipt', true],
    ]);
  });

  it('refuses a code that is not on the checklist and changes nothing then', () => {
    const result = applyDocumentReceipts(newChecklist('certificate'), [
      { code: 'fee_receipt', received: true },
      { code: 'bride_passport', received: true },
    ]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.path)).toEqual([[1, 'code']]);
  });
});

describe('validateSubjects', () => {
  it('accepts roles of the type in any number up to one each', () => {
    const subjects = [
      { role: 'mother' as const, person },
      { role: 'child' as const, person },
    ];
    expect(validateSubjects('birth', subjects)).toEqual({ ok: true, value: subjects });
    expect(validateSubjects('birth', [])).toEqual({ ok: true, value: [] });
  });

  it('refuses a role the type does not have', () => {
    const result = validateSubjects('birth', [{ role: 'bride', person }]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues[0]).toMatchObject({ path: [0, 'role'] });
  });

  it('refuses the same role twice', () => {
    const result = validateSubjects('marriage', [
      { role: 'bride', person },
      { role: 'groom', person },
      { role: 'bride', person },
    ]);
    expect(!result.ok && result.issues.map((i) => i.path)).toEqual([[2, 'role']]);
  });
});

describe('validateDetails', () => {
  const good: Record<CaseType, Record<string, unknown>> = {
    birth: {
      placeOfBirth: 'ш. Кӯлоб',
      birthDate: '2026-11-20',
      plurality: 'twins',
      weightGrams: 3200,
    },
    marriage: { ceremonyDate: '2026-12-20', brideNewLastName: 'Ҷӯраева' },
    divorce: { mutualConsent: true },
    death: {
      dateOfDeath: '2026-11-24',
      placeOfDeath: 'ш. Кӯлоб',
      causeDocument: { type: 'medical_death_certificate', number: '0456', date: '2026-11-24' },
    },
    paternity: { basis: 'joint_application' },
    name_change: { newLastName: 'Қодирӣ' },
    certificate: { actRecord: { type: 'birth', number: '00042', year: 1998 } },
    amendment: {
      actRecord: { type: 'marriage', number: '117', year: 2015 },
      field: 'bride.lastName',
      from: 'Гафурова',
      to: 'Ғафурова',
      reason: 'Хатои имлоӣ',
    },
  };

  it.each(CaseTypes)('accepts complete %s details', (type) => {
    expect(validateDetails(type, good[type], now)).toEqual({ ok: true, value: good[type] });
  });

  it.each<[CaseType, string, Record<string, unknown>]>([
    ['birth', 'no place of birth', { birthDate: '2026-11-20' }],
    ['birth', 'an impossible date', { placeOfBirth: 'Кӯлоб', birthDate: '2026-02-30' }],
    ['birth', 'a date written the Russian way', { placeOfBirth: 'Кӯлоб', birthDate: '20.11.2026' }],
    [
      'birth',
      'an unknown plurality',
      { placeOfBirth: 'Кӯлоб', birthDate: '2026-11-20', plurality: 'two' },
    ],
    [
      'birth',
      'a weight in kilograms',
      { placeOfBirth: 'Кӯлоб', birthDate: '2026-11-20', weightGrams: 3.2 },
    ],
    [
      'birth',
      'an unknown field',
      { placeOfBirth: 'Кӯлоб', birthDate: '2026-11-20', hospital: 'x' },
    ],
    ['marriage', 'a new last name with digits', { brideNewLastName: 'Ҷӯраева2' }],
    ['divorce', 'no word on consent', {}],
    ['divorce', 'no consent and no court decision', { mutualConsent: false }],
    [
      'divorce',
      'a court decision without a number',
      { mutualConsent: false, courtDecision: { court: 'Суди шаҳри Кӯлоб', date: '2026-10-01' } },
    ],
    [
      'death',
      'a certificate dated before the death',
      {
        dateOfDeath: '2026-11-24',
        placeOfDeath: 'Кӯлоб',
        causeDocument: { type: 'medical_death_certificate', number: '1', date: '2026-11-23' },
      },
    ],
    ['death', 'no cause document', { dateOfDeath: '2026-11-24', placeOfDeath: 'Кӯлоб' }],
    ['paternity', 'a court basis without the decision', { basis: 'court_decision' }],
    ['paternity', 'an unknown basis', { basis: 'dna_test' }],
    ['name_change', 'no new name at all', {}],
    [
      'certificate',
      'a reference to a kind of record the office does not write',
      { actRecord: { type: 'certificate', number: '1', year: 2000 } },
    ],
    ['certificate', 'no record reference', { reason: 'lost' }],
    [
      'amendment',
      'a correction that changes nothing',
      {
        actRecord: { type: 'birth', number: '1', year: 2000 },
        field: 'lastName',
        from: 'Али',
        to: 'Али',
        reason: 'x',
      },
    ],
    [
      'amendment',
      'no reason',
      {
        actRecord: { type: 'birth', number: '1', year: 2000 },
        field: 'lastName',
        from: 'a',
        to: 'b',
      },
    ],
  ])('refuses %s details with %s', (type, _what, details) => {
    expect(validateDetails(type, details, now).ok).toBe(false);
  });

  it.each<[CaseType, Record<string, unknown>, string]>([
    ['birth', { placeOfBirth: 'Кӯлоб', birthDate: '2026-11-27' }, 'birthDate'],
    [
      'death',
      {
        dateOfDeath: '2026-12-01',
        placeOfDeath: 'Кӯлоб',
        causeDocument: { type: 'other', number: '1', date: '2026-12-01' },
      },
      'dateOfDeath',
    ],
    [
      'divorce',
      {
        mutualConsent: false,
        courtDecision: { court: 'Суди ноҳияи Восеъ', number: '2-117/26', date: '2026-12-01' },
      },
      'courtDecision.date',
    ],
    [
      'paternity',
      { basis: 'court_decision', courtDecision: { court: 'Суд', number: '1', date: '2027-01-01' } },
      'courtDecision.date',
    ],
    ['certificate', { actRecord: { type: 'birth', number: '1', year: 2027 } }, 'actRecord.year'],
  ])('refuses a %s date after today (%j)', (type, details, path) => {
    const result = validateDetails(type, details, now);
    expect(!result.ok && result.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('takes a marriage ceremony booked for a later day', () => {
    expect(validateDetails('marriage', { ceremonyDate: '2027-01-15' }, now).ok).toBe(true);
  });

  it("counts today in the office's time zone", () => {
    const late = new Date('2026-11-25T20:30:00Z'); // already the 26th in Dushanbe
    const details = { placeOfBirth: 'Кӯлоб', birthDate: '2026-11-26' };
    expect(validateDetails('birth', details, late).ok).toBe(true);
    expect(validateDetails('birth', details, late, { timeZone: 'UTC' }).ok).toBe(false);
  });

  it('lets a draft hold some fields but still refuses a wrong or future one', () => {
    expect(validateDetails('death', { placeOfDeath: 'Кӯлоб' }, now, { partial: true }).ok).toBe(
      true,
    );
    expect(validateDetails('divorce', { mutualConsent: false }, now, { partial: true }).ok).toBe(
      true,
    );
    expect(validateDetails('name_change', {}, now, { partial: true }).ok).toBe(true);
    expect(validateDetails('death', { dateOfDeath: '2026-12-01' }, now, { partial: true }).ok).toBe(
      false,
    );
    expect(validateDetails('birth', { weightGrams: -1 }, now, { partial: true }).ok).toBe(false);
    expect(validateDetails('birth', { color: 'x' }, now, { partial: true }).ok).toBe(false);
  });

  it('refuses details that are not an object', () => {
    expect(validateDetails('birth', null, now).ok).toBe(false);
    expect(validateDetails('birth', 'Кӯлоб', now, { partial: true }).ok).toBe(false);
  });
});

describe('certificateActType', () => {
  it('is the type itself for the types that write a record', () => {
    expect(certificateActType('marriage', {})).toBe('marriage');
  });

  it('is the referenced record for repeat certificates and amendments, once named', () => {
    expect(certificateActType('certificate', { actRecord: { type: 'death' } })).toBe('death');
    expect(certificateActType('amendment', { actRecord: { type: 'birth' } })).toBe('birth');
    expect(certificateActType('certificate', {})).toBeUndefined();
    expect(certificateActType('certificate', { actRecord: { type: 'amendment' } })).toBeUndefined();
  });
});

describe('missingForSubmit', () => {
  const subject = (role: SubjectRole) => ({ role, person });
  const receive = (docs: CaseDocument[], codes: string[]) =>
    docs.map((d) => ({ ...d, received: codes.includes(d.code) }));

  function readyDivorce(): SubmittableCase {
    return {
      type: 'divorce',
      applicant: person,
      subjects: [subject('spouse1'), subject('spouse2')],
      documents: receive(newChecklist('divorce'), [
        'divorce_application',
        'spouse1_passport',
        'spouse2_passport',
        'marriage_certificate',
        'fee_receipt',
      ]),
      details: { mutualConsent: true },
      fee: { paid: true },
    };
  }

  it('is empty for a complete case', () => {
    expect(missingForSubmit(readyDivorce(), now)).toEqual([]);
  });

  it('lists everything a new case lacks', () => {
    const fresh: SubmittableCase = {
      type: 'marriage',
      applicant: null,
      subjects: [],
      documents: newChecklist('marriage'),
      details: {},
      fee: null,
    };
    expect(missingForSubmit(fresh, now)).toEqual([
      { kind: 'applicant' },
      { kind: 'subject', role: 'bride' },
      { kind: 'subject', role: 'groom' },
      { kind: 'document', code: 'marriage_application' },
      { kind: 'document', code: 'bride_passport' },
      { kind: 'document', code: 'groom_passport' },
      { kind: 'document', code: 'medical_certificate' },
      { kind: 'document', code: 'fee_receipt' },
      { kind: 'fee' },
    ]);
  });

  it('names an unpaid fee only where the type has one', () => {
    expect(missingForSubmit({ ...readyDivorce(), fee: { paid: false } }, now)).toEqual([
      { kind: 'fee' },
    ]);
    const deceased = { ...person, idDocument: { type: 'passport' as const, number: 'A7654321' } };
    const death: SubmittableCase = {
      type: 'death',
      applicant: person,
      subjects: [{ role: 'deceased', person: deceased }],
      documents: receive(newChecklist('death'), [
        'medical_death_certificate',
        'deceased_passport',
        'applicant_passport',
      ]),
      details: {
        dateOfDeath: '2026-11-24',
        placeOfDeath: 'Кӯлоб',
        causeDocument: { type: 'medical_death_certificate', number: '0456', date: '2026-11-24' },
      },
      fee: null,
    };
    expect(missingForSubmit(death, now)).toEqual([]);
    // The deceased's document number (what tells one death from another) is needed.
    const unnamed = { ...death, subjects: [subject('deceased')] };
    expect(missingForSubmit(unnamed, now)).toEqual([
      { kind: 'person', who: 'deceased', fact: 'idDocument' },
    ]);
  });

  const adult = {
    ...person,
    birthDate: '1994-02-03',
    idDocument: { type: 'passport' as const, number: 'A1234567' },
  };
  const newborn = { ...person, birthDate: '2026-11-20', sex: 'm' as const };

  it('asks of a birth what a registrar needs: identity and birth date, the child’s sex and birth date', () => {
    const bare: SubmittableCase = {
      type: 'birth',
      applicant: person,
      subjects: [
        { role: 'child', person },
        { role: 'mother', person },
      ],
      documents: receive(newChecklist('birth'), ['medical_birth_notice', 'mother_passport']),
      details: { placeOfBirth: 'Кӯлоб', birthDate: '2026-11-20' },
      fee: null,
    };
    expect(missingForSubmit(bare, now)).toEqual([
      { kind: 'person', who: 'applicant', fact: 'idDocument' },
      { kind: 'person', who: 'applicant', fact: 'birthDate' },
      { kind: 'person', who: 'child', fact: 'sex' },
      { kind: 'person', who: 'child', fact: 'birthDate' },
      { kind: 'person', who: 'mother', fact: 'idDocument' },
      { kind: 'person', who: 'mother', fact: 'birthDate' },
    ]);
    // A newborn is asked no passport, address or phone.
    expect(personRule('birth', 'child').asks).not.toContain('idDocument');
    expect(personRule('birth', 'child').asks).not.toContain('phone');
    expect(personRule('birth', 'child').asks).not.toContain('address');
    expect(personRule('marriage', 'bride').asks).toContain('idDocument');
  });

  it('does not wait for an optional role or document', () => {
    const birth: SubmittableCase = {
      type: 'birth',
      applicant: adult,
      subjects: [
        { role: 'child', person: newborn },
        { role: 'mother', person: adult },
      ],
      documents: receive(newChecklist('birth'), ['medical_birth_notice', 'mother_passport']),
      details: { placeOfBirth: 'Кӯлоб', birthDate: '2026-11-20' },
      fee: null,
    };
    expect(missingForSubmit(birth, now)).toEqual([]);
    const withFather = {
      ...birth,
      subjects: [...birth.subjects, subject('father')],
    };
    expect(missingForSubmit(withFather, now)).toEqual([
      { kind: 'document', code: 'father_passport' },
    ]);
  });

  it('follows the details: a contested divorce waits for the court decision', () => {
    const contested = {
      ...readyDivorce(),
      details: {
        mutualConsent: false,
        courtDecision: { court: 'Суди шаҳри Кӯлоб', number: '2-117/26', date: '2026-10-01' },
      },
    };
    expect(missingForSubmit(contested, now)).toEqual([
      { kind: 'document', code: 'court_decision' },
    ]);
  });

  it('names incomplete or invalid details by path', () => {
    const blockers = missingForSubmit({ ...readyDivorce(), details: {} }, now);
    expect(blockers).toEqual([
      { kind: 'details', path: 'mutualConsent', message: expect.any(String) },
    ]);
    const future = missingForSubmit(
      {
        ...readyDivorce(),
        details: {
          mutualConsent: false,
          courtDecision: { court: 'Суд', number: '1', date: '2026-12-24' },
        },
        documents: receive(newChecklist('divorce'), [
          'court_decision',
          'spouse1_passport',
          'marriage_certificate',
          'fee_receipt',
        ]),
      },
      now,
    );
    expect(future).toEqual([
      { kind: 'details', path: 'courtDecision.date', message: expect.stringContaining('future') },
    ]);
  });

  it('treats missing details as empty', () => {
    expect(missingForSubmit({ ...readyDivorce(), details: null }, now)).toEqual([
      { kind: 'details', path: 'mutualConsent', message: expect.any(String) },
    ]);
  });
});
