/** A case's facts list as the window and the back office show it (counter/src/case-facts.ts). */
import type { Case } from '../server/protocol';
import { caseFacts } from '../counter/src/case-facts';

function birthCase(over: Partial<Case> = {}): Case {
  return {
    number: 'KUL-2026-000001',
    type: 'birth',
    status: 'submitted',
    version: 3,
    office: 'kulob',
    createdAt: '2026-12-06T05:00:00.000Z',
    applicant: { lastName: 'Раҳимова', firstName: 'Ҷамила', birthDate: '1994-03-02' },
    subjects: [
      {
        role: 'child',
        person: { lastName: 'Раҳимов', firstName: 'Фирӯз', birthDate: '2026-11-20', sex: 'm' },
      },
      { role: 'mother', person: { lastName: 'Раҳимова', firstName: 'Ҷамила' } },
    ],
    documents: [],
    details: { placeOfBirth: 'Кӯлоб', birthDate: '2026-11-20' },
    fee: null,
    tickets: [],
    history: [],
    ...over,
  };
}

const text = (c: Case) =>
  caseFacts(c, 'en')
    .map((f) => `${f.label}: ${f.value}`)
    .join('\n');

describe("a case's facts", () => {
  it("says a birth's date once, labelled as the date of birth", () => {
    const facts = caseFacts(birthCase(), 'en');
    const withDate = facts.filter((f) => f.value.includes('20.11.2026'));
    expect(withDate).toEqual([{ label: 'Date of birth', value: '20.11.2026' }]);
    expect(facts.find((f) => f.label === 'Child')?.value).toBe('Раҳимов Фирӯз, Male');
    // The applicant's own date of birth is hers, not the birth's: it stays beside her name.
    expect(text(birthCase())).toContain('Applicant: Раҳимова Ҷамила, 02.03.1994');
  });

  it("keeps a child's date beside the name while the birth has none yet", () => {
    const facts = caseFacts(birthCase({ details: { placeOfBirth: 'Кӯлоб' } }), 'en');
    expect(facts.find((f) => f.label === 'Child')?.value).toBe('Раҳимов Фирӯз, 20.11.2026, Male');
    expect(facts.filter((f) => f.value.includes('20.11.2026'))).toHaveLength(1);
  });

  it("shows both dates when the child's differs from the birth's, so the registrar sees it", () => {
    const c = birthCase({ details: { placeOfBirth: 'Кӯлоб', birthDate: '2026-11-21' } });
    expect(text(c)).toContain('Child: Раҳимов Фирӯз, 20.11.2026, Male');
    expect(text(c)).toContain('Date of birth: 21.11.2026');
  });

  it('leaves the dates of people in other case types beside their names', () => {
    const c = birthCase({
      type: 'death',
      subjects: [
        {
          role: 'deceased',
          person: { lastName: 'Каримов', firstName: 'Алӣ', birthDate: '1950-01-05' },
        },
      ],
      details: { dateOfDeath: '2026-11-30', placeOfDeath: 'Кӯлоб' },
    });
    expect(text(c)).toContain('Каримов Алӣ, 05.01.1950');
    expect(text(c)).toContain('Date of death: 30.11.2026');
  });
});
