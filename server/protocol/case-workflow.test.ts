import { Roles, type Role } from './constants';
import { ActTypes, CaseStatuses, CaseTypes, type CaseStatus } from './case-enums';
import {
  CERTIFICATE_SERIES,
  allowedTransitions,
  canCreateCase,
  canEdit,
  caseTransition,
  describeBlocker,
  formatActRecordNumber,
  formatCaseNumber,
  formatCertificate,
  isOpen,
  isTransition,
  transitionNeedsNote,
  type CaseTransitionInput,
} from './case-workflow';

/** The workflow as written in the brief, independent of the implementation's graph. */
const LEGAL: Record<string, readonly Role[]> = {
  'draft→submitted': ['clerk'],
  'draft→rejected': ['back_office'],
  'draft→cancelled': ['clerk', 'admin'],
  'submitted→registered': ['back_office'],
  'submitted→returned': ['back_office'],
  'submitted→rejected': ['back_office'],
  'submitted→cancelled': ['admin'],
  'returned→submitted': ['clerk'],
  'returned→rejected': ['back_office'],
  'returned→cancelled': ['admin'],
  'registered→ready': ['back_office'],
  'registered→rejected': ['back_office'],
  'registered→cancelled': ['admin'],
  'ready→issued': ['clerk'],
  'ready→rejected': ['back_office'],
  'ready→cancelled': ['admin'],
};
const NEEDS_NOTE: readonly CaseStatus[] = ['returned', 'rejected', 'cancelled'];

function input(
  from: CaseStatus,
  to: CaseStatus,
  role: Role,
  extra: Partial<CaseTransitionInput> = {},
) {
  return {
    from,
    to,
    role,
    note: 'Шаҳодатнома мӯҳр надорад',
    case: {
      type: 'birth' as const,
      hasActRecord: false,
      hasCertificate: false,
      submitBlockers: [],
    },
    ...extra,
  };
}

const table = CaseStatuses.flatMap((from) =>
  CaseStatuses.flatMap((to) => Roles.map((role) => [from, to, role] as const)),
);

describe('caseTransition, every status × status × role', () => {
  it('covers 8 × 8 × 3 combinations', () => {
    expect(table).toHaveLength(192);
  });

  it.each(table)('%s → %s by %s', (from, to, role) => {
    const roles = LEGAL[`${from}→${to}`];
    const result = caseTransition(input(from, to, role));
    if (!roles) expect(result).toMatchObject({ ok: false, code: 'illegal_transition' });
    else if (!roles.includes(role)) expect(result).toMatchObject({ ok: false, code: 'forbidden' });
    else expect(result).toMatchObject({ ok: true });
  });
});

describe('caseTransition rules', () => {
  it.each(Object.keys(LEGAL).filter((k) => NEEDS_NOTE.some((s) => k.endsWith(`→${s}`))))(
    '%s needs a note saying why',
    (edge) => {
      const [from, to] = edge.split('→') as [CaseStatus, CaseStatus];
      const role = LEGAL[edge]![0]!;
      for (const note of [undefined, '', '   ']) {
        expect(caseTransition(input(from, to, role, { note }))).toMatchObject({
          ok: false,
          code: 'validation',
        });
      }
      expect(caseTransition(input(from, to, role, { note: 'Дубликат' })).ok).toBe(true);
    },
  );

  it.each(Object.keys(LEGAL).filter((k) => !NEEDS_NOTE.some((s) => k.endsWith(`→${s}`))))(
    '%s goes without a note',
    (edge) => {
      const [from, to] = edge.split('→') as [CaseStatus, CaseStatus];
      expect(caseTransition(input(from, to, LEGAL[edge]![0]!, { note: undefined })).ok).toBe(true);
      expect(transitionNeedsNote(from, to)).toBe(false);
    },
  );

  it('reports a wrong role before a missing note', () => {
    const result = caseTransition(input('submitted', 'returned', 'clerk', { note: undefined }));
    expect(result).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('never leaves a closed case', () => {
    for (const from of ['issued', 'rejected', 'cancelled'] as const) {
      for (const to of CaseStatuses) {
        for (const role of Roles) {
          const result = caseTransition(input(from, to, role));
          expect(result).toMatchObject({ ok: false, code: 'illegal_transition' });
          expect(!result.ok && result.reason).toContain('closed');
        }
      }
    }
  });

  it('refuses to submit while something is missing, and says what', () => {
    const blockers = [
      { kind: 'fee' as const },
      { kind: 'subject' as const, role: 'mother' as const },
    ];
    for (const from of ['draft', 'returned'] as const) {
      const result = caseTransition(
        input(from, 'submitted', 'clerk', {
          case: {
            type: 'birth',
            hasActRecord: false,
            hasCertificate: false,
            submitBlockers: blockers,
          },
        }),
      );
      expect(result).toEqual({
        ok: false,
        code: 'validation',
        reason: 'the case is not complete: state duty not paid; no mother',
        blockers,
      });
    }
  });

  it('lets blockers stop a submission only, not a cancellation', () => {
    const result = caseTransition(
      input('draft', 'cancelled', 'clerk', {
        case: {
          type: 'birth',
          hasActRecord: false,
          hasCertificate: false,
          submitBlockers: [{ kind: 'fee' }],
        },
      }),
    );
    expect(result.ok).toBe(true);
  });
});

describe('caseTransition effects', () => {
  it.each(CaseTypes)(
    'registering a %s case assigns an act record only if the type writes one',
    (type) => {
      const result = caseTransition(
        input('submitted', 'registered', 'back_office', {
          case: { type, hasActRecord: false, hasCertificate: false, submitBlockers: [] },
        }),
      );
      const writes = type !== 'certificate' && type !== 'amendment';
      expect(result).toEqual({
        ok: true,
        effects: { assignActRecord: writes, assignCertificate: false, stamp: 'registeredAt' },
      });
    },
  );

  it('never assigns a second act record or certificate', () => {
    const has = {
      type: 'birth' as const,
      hasActRecord: true,
      hasCertificate: true,
      submitBlockers: [],
    };
    expect(
      caseTransition(input('submitted', 'registered', 'back_office', { case: has })),
    ).toMatchObject({
      effects: { assignActRecord: false },
    });
    expect(
      caseTransition(input('registered', 'ready', 'back_office', { case: has })),
    ).toMatchObject({
      effects: { assignCertificate: false },
    });
  });

  it.each(CaseTypes)('marking a %s case ready assigns its certificate', (type) => {
    const result = caseTransition(
      input('registered', 'ready', 'back_office', {
        case: { type, hasActRecord: true, hasCertificate: false, submitBlockers: [] },
      }),
    );
    expect(result).toEqual({
      ok: true,
      effects: { assignActRecord: false, assignCertificate: true, stamp: null },
    });
  });

  it.each<[CaseStatus, CaseStatus, Role, string | null]>([
    ['draft', 'submitted', 'clerk', 'submittedAt'],
    ['returned', 'submitted', 'clerk', 'submittedAt'],
    ['ready', 'issued', 'clerk', 'issuedAt'],
    ['submitted', 'returned', 'back_office', null],
    ['returned', 'rejected', 'back_office', null],
    ['registered', 'cancelled', 'admin', null],
  ])('%s → %s stamps %s', (from, to, role, stamp) => {
    expect(caseTransition(input(from, to, role))).toEqual({
      ok: true,
      effects: { assignActRecord: false, assignCertificate: false, stamp },
    });
  });
});

describe('allowedTransitions', () => {
  it.each(CaseStatuses.flatMap((s) => Roles.map((r) => [s, r] as const)))(
    'offers in %s to %s exactly the legal moves',
    (status, role) => {
      const expected = CaseStatuses.filter((to) => LEGAL[`${status}→${to}`]?.includes(role));
      expect(allowedTransitions(status, role)).toEqual(expected);
    },
  );

  it('offers the clerk submit or cancel on a draft, in workflow order', () => {
    expect(allowedTransitions('draft', 'clerk')).toEqual(['submitted', 'cancelled']);
    expect(allowedTransitions('submitted', 'back_office')).toEqual([
      'returned',
      'registered',
      'rejected',
    ]);
  });

  it('agrees with isTransition', () => {
    for (const from of CaseStatuses) {
      for (const to of CaseStatuses) {
        const anyRole = Roles.some((r) => allowedTransitions(from, r).includes(to));
        expect([from, to, isTransition(from, to)]).toEqual([from, to, anyRole]);
      }
    }
  });
});

describe('isOpen', () => {
  it.each(CaseStatuses)('%s', (status) => {
    expect(isOpen(status)).toBe(!['issued', 'rejected', 'cancelled'].includes(status));
  });
});

describe('canEdit', () => {
  it.each(CaseStatuses.flatMap((s) => Roles.map((r) => [s, r] as const)))(
    'a case in %s is editable by %s only if a clerk holds a draft or returned case',
    (status, role) => {
      expect(canEdit(status, role)).toBe(
        role === 'clerk' && (status === 'draft' || status === 'returned'),
      );
    },
  );
});

describe('canCreateCase', () => {
  it('lets clerks open cases, nobody else', () => {
    expect(Roles.filter(canCreateCase)).toEqual(['clerk']);
  });
});

describe('describeBlocker', () => {
  it('says each kind of blocker in words', () => {
    expect(describeBlocker({ kind: 'applicant' })).toBe('no applicant');
    expect(describeBlocker({ kind: 'document', code: 'fee_receipt' })).toBe(
      'fee_receipt not received',
    );
    expect(describeBlocker({ kind: 'details', path: 'birthDate', message: 'required' })).toBe(
      'details.birthDate: required',
    );
    expect(
      describeBlocker({ kind: 'details', path: '', message: 'give at least one new name' }),
    ).toBe('details: give at least one new name');
  });
});

describe('formatCaseNumber', () => {
  it('writes the office prefix, the year and six digits', () => {
    expect(formatCaseNumber('KUL', 2026, 123)).toBe('KUL-2026-000123');
    expect(formatCaseNumber('KUL', 2026, 1)).toBe('KUL-2026-000001');
    expect(formatCaseNumber('DSH', 2027, 999_999)).toBe('DSH-2027-999999');
  });

  it('grows past six digits rather than wrapping', () => {
    expect(formatCaseNumber('KUL', 2026, 1_000_000)).toBe('KUL-2026-1000000');
  });

  it.each<[string, number, number]>([
    ['kul', 2026, 1],
    ['K', 2026, 1],
    ['КУЛ', 2026, 1],
    ['KUL', 26, 1],
    ['KUL', 2026, 0],
    ['KUL', 2026, 1.5],
    ['KUL', 2026, -3],
  ])('refuses %j, %j, %j', (prefix, year, seq) => {
    expect(() => formatCaseNumber(prefix, year, seq)).toThrow(RangeError);
  });
});

describe('formatActRecordNumber', () => {
  it('pads to five digits', () => {
    expect(formatActRecordNumber(42)).toBe('00042');
    expect(formatActRecordNumber(99_999)).toBe('99999');
    expect(formatActRecordNumber(123_456)).toBe('123456');
  });

  it('refuses a sequence below 1', () => {
    expect(() => formatActRecordNumber(0)).toThrow(RangeError);
  });
});

describe('formatCertificate', () => {
  it('writes the series of the kind of record and the year with five digits', () => {
    expect(formatCertificate('birth', 2026, 42)).toEqual({ series: 'I-ТҶ', number: '2600042' });
    expect(formatCertificate('marriage', 2030, 99_999)).toEqual({
      series: 'II-ТҶ',
      number: '3099999',
    });
    expect(formatCertificate('death', 2105, 7)).toEqual({ series: 'IV-ТҶ', number: '0500007' });
  });

  it('gives each kind of record its own series', () => {
    const series = ActTypes.map((t) => CERTIFICATE_SERIES[t]);
    expect(new Set(series).size).toBe(ActTypes.length);
    for (const s of series) expect(s).toMatch(/^[IVX]+-ТҶ$/);
  });

  it('refuses a sequence that would not fit seven digits', () => {
    expect(() => formatCertificate('birth', 2026, 100_000)).toThrow(RangeError);
    expect(() => formatCertificate('birth', 2026, 0)).toThrow(RangeError);
  });
});
