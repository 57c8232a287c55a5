import * as caseModule from './case';
import * as caseDates from './case-dates';
import * as caseDetails from './case-details';
import * as caseEnums from './case-enums';
import * as casePerson from './case-person';
import * as constants from './constants';
import * as events from './events';
import * as schemas from './schemas';
import { Case, CaseQuery, CaseTransition, CreateCase, PatchCase, patchCaseSchema } from './case';
import { IsoDate, calendarDate } from './case-dates';
import { detailsSchema } from './case-details';
import { IdDocument, Person, personSchema } from './case-person';

/** Every name the case modules export. */
const caseExports = { ...caseEnums, ...caseDates, ...casePerson, ...caseDetails, ...caseModule };

const now = new Date('2026-11-26T07:00:00Z'); // 12:00 in Dushanbe

describe('protocol exports', () => {
  it('adds no name that constants, schemas or events already export', () => {
    const existing = new Set([
      ...Object.keys(constants),
      ...Object.keys(schemas),
      ...Object.keys(events),
      // type-only exports of events.ts, invisible at run time
      'TicketEvent',
      'CounterEvent',
      'ServerToClientEvents',
      'ClientToServerEvents',
      'QueueChange',
    ]);
    expect(Object.keys(caseExports).filter((name) => existing.has(name))).toEqual([]);
  });
});

describe('calendarDate', () => {
  it('is the date in Dushanbe by default, a day ahead of UTC late in the evening', () => {
    expect(calendarDate(new Date('2026-11-25T20:30:00Z'))).toBe('2026-11-26');
    expect(calendarDate(new Date('2026-11-25T18:59:59Z'))).toBe('2026-11-25');
  });

  it('follows the given time zone', () => {
    expect(calendarDate(new Date('2026-11-25T20:30:00Z'), 'UTC')).toBe('2026-11-25');
  });
});

describe('IsoDate', () => {
  it.each(['2026-11-26', '2024-02-29', '1850-01-01'])('accepts the real date %s', (d) => {
    expect(IsoDate.safeParse(d).success).toBe(true);
  });

  it.each(['2025-02-29', '2026-13-01', '2026-04-31', '26-11-2026', '2026-1-5', '1849-12-31', ''])(
    'refuses %j',
    (d) => {
      expect(IsoDate.safeParse(d).success).toBe(false);
    },
  );
});

describe('Person', () => {
  it.each([
    ['Ҷӯраев', 'Қодирӣ', 'Ғафурова'],
    ['Раҳимова', 'Зарина', 'Ҳакимовна'],
    ['Ибн Сино', 'Абӯалӣ', undefined],
    ["O'ktamov", 'G‘ayrat', undefined],
    ['Нуриддинзода-Шарифӣ', 'Фирӯз', undefined],
    ['Müller', 'Zoë', undefined],
  ])('keeps the name %s %s %s exactly as typed', (lastName, firstName, middleName) => {
    const input = { lastName, firstName, ...(middleName ? { middleName } : {}) };
    const parsed = Person.parse(JSON.parse(JSON.stringify(input)));
    expect(parsed).toEqual(input);
  });

  it('keeps decomposed Tajik letters (и + combining macron) as typed', () => {
    const decomposed = 'Қодири\u0304';
    expect(Person.parse({ lastName: decomposed, firstName: 'Ӯ' }).lastName).toBe(decomposed);
  });

  it('trims names and nothing else', () => {
    expect(Person.parse({ lastName: '  Ҷӯраев ', firstName: '\tҒафур' })).toEqual({
      lastName: 'Ҷӯраев',
      firstName: 'Ғафур',
    });
  });

  it.each(['', '   ', '!!!', 'Ali2', 'Ali!', '-Ali', 'Ali-', '<script>', 'a'.repeat(101)])(
    'refuses the name %j',
    (lastName) => {
      expect(Person.safeParse({ lastName, firstName: 'Али' }).success).toBe(false);
    },
  );

  it('requires the last and first name', () => {
    expect(Person.safeParse({ lastName: 'Ҷӯраев' }).success).toBe(false);
    expect(Person.safeParse({ firstName: 'Али' }).success).toBe(false);
  });

  it('refuses unknown keys such as a mistyped lastname', () => {
    expect(Person.safeParse({ lastname: 'Ҷӯраев', firstName: 'Али' }).success).toBe(false);
    expect(Person.safeParse({ lastName: 'Ҷӯраев', firstName: 'Али', x: 1 }).success).toBe(false);
  });

  it('takes every optional field', () => {
    const full = {
      lastName: 'Ғафурова',
      firstName: 'Мадина',
      middleName: 'Қодировна',
      birthDate: '1990-03-21',
      sex: 'f',
      idDocument: { type: 'passport', number: 'A01234567' },
      address: 'ш. Кӯлоб, кӯч. Рӯдакӣ 12',
      phone: '+992 93 123-45-67',
    };
    expect(Person.parse(full)).toEqual(full);
  });

  it('refuses an impossible birth date and a sex other than m or f', () => {
    expect(
      Person.safeParse({ lastName: 'Ҷӯраев', firstName: 'Али', birthDate: '1990-02-30' }).success,
    ).toBe(false);
    expect(Person.safeParse({ lastName: 'Ҷӯраев', firstName: 'Али', sex: 'x' }).success).toBe(
      false,
    );
  });

  it('refuses a birth date in the future once it knows now, in the office time zone', () => {
    const schema = personSchema(now);
    const base = { lastName: 'Ҷӯраев', firstName: 'Али' };
    expect(schema.safeParse({ ...base, birthDate: '2026-11-26' }).success).toBe(true);
    expect(schema.safeParse({ ...base, birthDate: '2026-11-27' }).success).toBe(false);
    // 20:30 UTC is already the 26th in Dushanbe: a child born there that night is not "future".
    const lateEvening = personSchema(new Date('2026-11-25T20:30:00Z'));
    expect(lateEvening.safeParse({ ...base, birthDate: '2026-11-26' }).success).toBe(true);
  });

  it.each([
    ['+992 93 123 45 67', true],
    ['992931234567', true],
    ['93-123-45-67', true],
    ['12345', false],
    ['+992 (93) 1234567', false],
    ['phone me', false],
    ['+'.padEnd(22, '1'), false],
  ])('phone %j valid: %s', (phone, ok) => {
    expect(Person.safeParse({ lastName: 'Ҷӯраев', firstName: 'Али', phone }).success).toBe(ok);
  });
});

describe('IdDocument', () => {
  it.each([
    ['passport', 'A01234567', true],
    ['passport', 'АБ 1234567', true],
    ['passport', 'ҶТ-123456', true],
    ['passport', '400123456', false],
    ['passport', 'ABCD123456', false],
    ['passport', 'A12345', false],
    ['passport', '!!!', false],
    ['birth_certificate', 'I-ТҶ № 0123456', true],
    ['birth_certificate', '!!!', false],
    ['birth_certificate', 'ТҶ', false],
    ['foreign_passport', 'FA1234567', true],
    ['other', '12/345-А', true],
    ['other', '---', false],
  ])('%s number %j valid: %s', (type, number, ok) => {
    expect(IdDocument.safeParse({ type, number }).success).toBe(ok);
  });

  it('refuses an unknown document type', () => {
    expect(IdDocument.safeParse({ type: 'driver_licence', number: 'A1234567' }).success).toBe(
      false,
    );
  });
});

describe('CreateCase', () => {
  const ticketId = '0b6f2f0e-5a43-4c1e-9a53-2f4d0c8b7a61';

  it('takes a ticket id and a registry case type', () => {
    expect(CreateCase.parse({ ticketId, type: 'name_change' })).toEqual({
      ticketId,
      type: 'name_change',
    });
  });

  it('refuses a queue-only service, a bad ticket id and unknown keys', () => {
    expect(CreateCase.safeParse({ ticketId, type: 'pickup' }).success).toBe(false);
    expect(CreateCase.safeParse({ ticketId: 'A001', type: 'birth' }).success).toBe(false);
    expect(CreateCase.safeParse({ ticketId, type: 'birth', status: 'issued' }).success).toBe(false);
  });
});

describe('PatchCase', () => {
  const applicant = { lastName: 'Ғафурова', firstName: 'Мадина' };

  it('takes each editable field with the version', () => {
    const patch = {
      version: 3,
      applicant,
      subjects: [{ role: 'mother', person: applicant }],
      documents: [{ code: 'mother_passport', received: true }],
      details: { placeOfBirth: 'Кӯлоб' },
      fee: { paid: true, receipt: '№ 004512' },
    };
    expect(PatchCase.parse(patch)).toEqual(patch);
  });

  it('refuses unknown keys, a version below 1 and a patch that changes nothing', () => {
    expect(PatchCase.safeParse({ version: 1, status: 'issued' }).success).toBe(false);
    expect(PatchCase.safeParse({ version: 0, applicant }).success).toBe(false);
    expect(PatchCase.safeParse({ version: 1.5, applicant }).success).toBe(false);
    expect(PatchCase.safeParse({ version: 1 }).success).toBe(false);
  });

  it('refuses the same document twice, an unknown role and details that are not an object', () => {
    const twice = [
      { code: 'fee_receipt', received: true },
      { code: 'fee_receipt', received: false },
    ];
    expect(PatchCase.safeParse({ version: 1, documents: twice }).success).toBe(false);
    expect(
      PatchCase.safeParse({ version: 1, subjects: [{ role: 'uncle', person: applicant }] }).success,
    ).toBe(false);
    expect(PatchCase.safeParse({ version: 1, details: 'Кӯлоб' }).success).toBe(false);
  });

  it('refuses a receipt for an unpaid fee', () => {
    expect(PatchCase.safeParse({ version: 1, fee: { paid: false, receipt: '123' } }).success).toBe(
      false,
    );
    expect(PatchCase.safeParse({ version: 1, fee: { paid: false } }).success).toBe(true);
  });

  it('refuses a subject born in the future once it knows now', () => {
    const child = { lastName: 'Ҷӯраев', firstName: 'Али', birthDate: '2026-12-01' };
    const patch = { version: 1, subjects: [{ role: 'child', person: child }] };
    expect(PatchCase.safeParse(patch).success).toBe(true);
    expect(patchCaseSchema(now).safeParse(patch).success).toBe(false);
    expect(patchCaseSchema(now).safeParse({ version: 1, applicant: child }).success).toBe(false);
  });
});

describe('CaseTransition', () => {
  it('takes a status, the version and an optional note of up to 1000 characters', () => {
    expect(CaseTransition.parse({ to: 'returned', version: 2, note: ' no stamp ' })).toEqual({
      to: 'returned',
      version: 2,
      note: 'no stamp',
    });
    expect(
      CaseTransition.safeParse({ to: 'returned', version: 2, note: 'x'.repeat(1001) }).success,
    ).toBe(false);
  });

  it('refuses an act record number from the client and unknown statuses', () => {
    expect(
      CaseTransition.safeParse({ to: 'registered', version: 2, actRecord: { number: '1' } })
        .success,
    ).toBe(false);
    expect(CaseTransition.safeParse({ to: 'archived', version: 2 }).success).toBe(false);
  });
});

describe('CaseQuery', () => {
  it('treats empty parameters as absent', () => {
    expect(CaseQuery.parse({ status: '', q: ' ' })).toEqual({});
    expect(CaseQuery.parse({ status: 'submitted', q: ' Ҷӯраев ' })).toEqual({
      status: 'submitted',
      q: 'Ҷӯраев',
    });
  });

  it('refuses an unknown status', () => {
    expect(CaseQuery.safeParse({ status: 'open' }).success).toBe(false);
  });
});

describe('detailsSchema', () => {
  it('in partial mode takes a draft with only some fields, still checking those given', () => {
    const draft = detailsSchema('birth', { now, partial: true });
    expect(draft.safeParse({ placeOfBirth: 'Кӯлоб' }).success).toBe(true);
    expect(draft.safeParse({}).success).toBe(true);
    expect(draft.safeParse({ birthDate: '2027-01-01' }).success).toBe(false);
    expect(draft.safeParse({ colour: 'blue' }).success).toBe(false);
  });
});

describe('Case', () => {
  it('describes a case as the server sends it', () => {
    const dto = {
      number: 'KUL-2026-000123',
      type: 'birth',
      status: 'registered',
      version: 4,
      office: 'kulob',
      createdAt: '2026-11-26T05:00:00.000Z',
      applicant: { lastName: 'Ғафурова', firstName: 'Мадина' },
      subjects: [{ role: 'child', person: { lastName: 'Ҷӯраев', firstName: 'Ӯмед' } }],
      documents: [
        {
          code: 'fee_receipt',
          name: { tg: 'Квитансия', ru: 'Квитанция', uz: 'Kvitansiya', en: 'Receipt' },
          required: false,
          received: false,
        },
      ],
      details: { placeOfBirth: 'Кӯлоб' },
      fee: null,
      actRecord: { number: '00042', date: '2026-11-26' },
      tickets: [{ id: 't1', number: 'A001', issuedAt: '2026-11-26T04:00:00.000Z', status: 'done' }],
      history: [
        { at: '2026-11-26T05:00:00.000Z', user: 'clerk1', action: 'created' },
        {
          at: '2026-11-26T06:00:00.000Z',
          user: 'back1',
          action: 'transition',
          from: 'submitted',
          to: 'registered',
        },
      ],
    };
    expect(Case.parse(dto)).toEqual(dto);
    expect(Case.safeParse({ ...dto, number: 'KUL-26-1' }).success).toBe(false);
  });
});
