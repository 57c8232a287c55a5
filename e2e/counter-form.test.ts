/** The console's case form model: what it sends, what it holds back, which inputs a type has. */
import {
  buildPatch,
  detailGroups,
  emptyPerson,
  withDetail,
  type CaseForm,
} from '../counter/src/case-form';
import { translate } from '../ui/i18n/staff';

function form(over: Partial<CaseForm> = {}): CaseForm {
  return {
    applicant: emptyPerson(),
    subjects: {},
    details: {},
    documents: { medical_birth_notice: true },
    fee: { paid: false, receipt: '' },
    ...over,
  };
}

describe('the case form model', () => {
  it('sends a valid applicant and the documents with the version it saw', () => {
    const f = form({
      applicant: { ...emptyPerson(), lastName: ' Раҳимова ', firstName: 'Ҷамила' },
    });
    const { patch, issues } = buildPatch('birth', f, new Set(['applicant', 'documents']), 4);
    expect(issues).toEqual({});
    expect(patch).toEqual({
      version: 4,
      applicant: { lastName: 'Раҳимова', firstName: 'Ҷамила' },
      documents: [{ code: 'medical_birth_notice', received: true }],
    });
  });

  it('holds back a person with a bad passport number and names the field', () => {
    const applicant = {
      ...emptyPerson(),
      lastName: 'Раҳимова',
      firstName: 'Ҷамила',
      idType: 'passport',
      idNumber: '12',
    };
    const { patch, issues } = buildPatch('birth', form({ applicant }), new Set(['applicant']), 1);
    expect(patch).toBeUndefined();
    expect(Object.keys(issues)).toEqual(['applicant.idNumber']);
  });

  it("says what is wrong in the clerk's language, never in the schema's English", () => {
    const applicant = {
      ...emptyPerson(),
      firstName: 'Ali',
      middleName: 'Ali2',
      phone: 'abc',
      idType: 'passport',
      idNumber: "'; DROP TABLE cases;--",
    };
    const { issues } = buildPatch('birth', form({ applicant }), new Set(['applicant']), 1);
    expect(issues).toEqual({
      'applicant.lastName': 'issueRequired',
      'applicant.middleName': 'issueName',
      'applicant.phone': 'issuePhone',
      'applicant.idNumber': 'issuePassport',
    });
    for (const language of ['tg', 'ru', 'uz', 'en'] as const) {
      for (const key of Object.values(issues)) {
        expect(translate(language, key)).not.toMatch(
          /expected|Invalid|Too small|passport number is/,
        );
      }
    }
    expect(translate('ru', issues['applicant.lastName']!)).toBe('Заполните это поле.');
    const other = buildPatch(
      'birth',
      form({ applicant: { ...applicant, idType: 'birth_certificate', idNumber: 'АБВ' } }),
      new Set(['applicant']),
      1,
    );
    expect(other.issues['applicant.idNumber']).toBe('issueDocument');
  });

  it('sends every subject or none, so a half-typed one never drops the others', () => {
    const child = { ...emptyPerson(), lastName: 'Раҳимов', firstName: 'Фирӯз' };
    const mother = { ...emptyPerson(), lastName: 'Раҳимова' };
    const half = buildPatch(
      'birth',
      form({ subjects: { child, mother } }),
      new Set(['subjects']),
      1,
    );
    expect(half.patch).toBeUndefined();
    expect(Object.keys(half.issues)).toEqual(['mother.firstName']);
    const whole = buildPatch(
      'birth',
      form({ subjects: { child, mother: { ...mother, firstName: 'Ҷамила' } } }),
      new Set(['subjects']),
      1,
    );
    expect(whole.patch?.subjects?.map((s) => s.role)).toEqual(['child', 'mother']);
  });

  it('checks details with the type schema, field by field for a draft', () => {
    const ok = buildPatch(
      'birth',
      form({ details: { placeOfBirth: 'Кӯлоб' } }),
      new Set(['details']),
      1,
    );
    expect(ok.patch?.details).toEqual({ placeOfBirth: 'Кӯлоб' });
    const bad = buildPatch(
      'birth',
      form({ details: { birthDate: '2026-02-30' } }),
      new Set(['details']),
      1,
    );
    expect(bad.patch).toBeUndefined();
    expect(Object.keys(bad.issues)).toEqual(['details.birthDate']);
  });

  it('reads the inputs of a type from its schema', () => {
    const [top] = detailGroups('birth');
    expect(top?.fields.map((f) => [f.path.join('.'), f.kind])).toEqual([
      ['placeOfBirth', 'text'],
      ['birthDate', 'date'],
      ['plurality', 'enum'],
      ['weightGrams', 'number'],
    ]);
    const death = detailGroups('death');
    expect(death.find((g) => g.group === 'causeDocument')?.fields.map((f) => f.kind)).toEqual([
      'enum',
      'text',
      'date',
    ]);
  });

  it('removes an emptied group from the details', () => {
    const one = withDetail({}, ['courtDecision', 'court'], 'Суди ш. Кӯлоб');
    expect(one).toEqual({ courtDecision: { court: 'Суди ш. Кӯлоб' } });
    expect(withDetail(one, ['courtDecision', 'court'], undefined)).toEqual({});
  });
});
