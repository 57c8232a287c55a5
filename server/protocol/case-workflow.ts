/**
 * The case workflow as pure rules shared by the server and the console: which transition each role
 * may make, what a transition sets off, who may edit, and how registry numbers are written.
 *
 *   draft → submitted → registered → ready → issued
 *   submitted → returned → submitted
 *   any open status → rejected | cancelled (with a note saying why)
 *
 * CONTRACT §4 lets the back office reject from any open status, registered and ready included; the
 * console asks before it does (a rejection is not undone).
 */
import { type Role } from './constants';
import type { CaseCertificate } from './case';
import {
  CaseStatuses,
  OpenCaseStatuses,
  type ActType,
  type CaseStatus,
  type CaseType,
} from './case-enums';
import type { SubmitBlocker } from './case-checks';
import { createsActRecord } from './case-types';

interface Edge {
  /** Roles that may take this transition. */
  roles: readonly Role[];
  /** The transition needs a note saying why (returning, rejecting, cancelling). */
  noteRequired: boolean;
}

type Graph = { readonly [F in CaseStatus]: { readonly [T in CaseStatus]?: Edge } };

function buildGraph(): Graph {
  const graph: { [F in CaseStatus]: { [T in CaseStatus]?: Edge } } = {
    draft: { submitted: { roles: ['clerk'], noteRequired: false } },
    submitted: {
      registered: { roles: ['back_office'], noteRequired: false },
      returned: { roles: ['back_office'], noteRequired: true },
    },
    returned: { submitted: { roles: ['clerk'], noteRequired: false } },
    registered: { ready: { roles: ['back_office'], noteRequired: false } },
    ready: { issued: { roles: ['clerk'], noteRequired: false } },
    issued: {},
    rejected: {},
    cancelled: {},
  };
  for (const from of OpenCaseStatuses) {
    graph[from].rejected = { roles: ['back_office'], noteRequired: true };
    // A clerk may drop their own draft; once submitted only an admin cancels.
    const cancellers: Role[] = from === 'draft' ? ['clerk', 'admin'] : ['admin'];
    graph[from].cancelled = { roles: cancellers, noteRequired: true };
  }
  return graph;
}

const GRAPH = buildGraph();

/** True while a case is being worked on (not issued, rejected or cancelled). */
export function isOpen(status: CaseStatus): boolean {
  return OpenCaseStatuses.includes(status);
}

/** True when `from → to` is a transition of the workflow for some role. */
export function isTransition(from: CaseStatus, to: CaseStatus): boolean {
  return GRAPH[from][to] !== undefined;
}

/** The statuses `role` may move a case in `status` to, in workflow order (the console's buttons). */
export function allowedTransitions(status: CaseStatus, role: Role): CaseStatus[] {
  return CaseStatuses.filter((to) => GRAPH[status][to]?.roles.includes(role) ?? false);
}

/** True when `from → to` needs a note saying why. */
export function transitionNeedsNote(from: CaseStatus, to: CaseStatus): boolean {
  return GRAPH[from][to]?.noteRequired ?? false;
}

/** Whether `role` may edit (PATCH) a case in `status`: clerks, in draft or returned only. */
export function canEdit(status: CaseStatus, role: Role): boolean {
  return role === 'clerk' && (status === 'draft' || status === 'returned');
}

/** Whether `role` may open cases: clerks, at their window. */
export function canCreateCase(role: Role): boolean {
  return role === 'clerk';
}

/** What the service must do along with a legal transition. */
export interface TransitionEffects {
  /** Take the next act record number of the type (registering a type that writes a record). */
  assignActRecord: boolean;
  /** Take the next certificate form number (marking ready, when the case has none yet). */
  assignCertificate: boolean;
  /** The case's timestamp to set to now, if any. */
  stamp: 'submittedAt' | 'registeredAt' | 'issuedAt' | null;
}

export interface CaseTransitionInput {
  from: CaseStatus;
  to: CaseStatus;
  role: Role;
  /** The reason given; returning, rejecting and cancelling need a non-blank one. */
  note?: string;
  case: {
    type: CaseType;
    hasActRecord: boolean;
    hasCertificate: boolean;
    /** `missingForSubmit(case, now)`: submitting is refused while it is not empty. */
    submitBlockers: readonly SubmitBlocker[];
  };
}

export type CaseTransitionResult =
  | { ok: true; effects: TransitionEffects }
  | { ok: false; code: 'illegal_transition' | 'forbidden'; reason: string }
  | { ok: false; code: 'validation'; reason: string; blockers?: SubmitBlocker[] };

const STAMPS: { readonly [T in CaseStatus]?: TransitionEffects['stamp'] } = {
  submitted: 'submittedAt',
  registered: 'registeredAt',
  issued: 'issuedAt',
};

/**
 * Decides a transition. Checked in this order: the workflow has the edge (else
 * `illegal_transition`), the role may take it (`forbidden`), a note is given where one is needed
 * and nothing blocks a submission (`validation`, with the blockers).
 */
export function caseTransition(input: CaseTransitionInput): CaseTransitionResult {
  const { from, to, role } = input;
  const edge = GRAPH[from][to];
  if (!edge) {
    const allowed = CaseStatuses.filter((s) => isTransition(from, s));
    return {
      ok: false,
      code: 'illegal_transition',
      reason:
        allowed.length === 0
          ? `a ${from} case is closed and cannot change status`
          : `a ${from} case can go to ${allowed.join(', ')}, not ${to}`,
    };
  }
  if (!edge.roles.includes(role)) {
    return {
      ok: false,
      code: 'forbidden',
      reason: `${from} → ${to} is for ${edge.roles.join(' or ')}, not ${role}`,
    };
  }
  if (edge.noteRequired && !input.note?.trim()) {
    return { ok: false, code: 'validation', reason: `${from} → ${to} needs a note saying why` };
  }
  if (to === 'submitted' && input.case.submitBlockers.length > 0) {
    return {
      ok: false,
      code: 'validation',
      reason: `the case is not complete: ${input.case.submitBlockers.map(describeBlocker).join('; ')}`,
      blockers: [...input.case.submitBlockers],
    };
  }
  return {
    ok: true,
    effects: {
      assignActRecord:
        to === 'registered' && createsActRecord(input.case.type) && !input.case.hasActRecord,
      assignCertificate: to === 'ready' && !input.case.hasCertificate,
      stamp: STAMPS[to] ?? null,
    },
  };
}

/** A blocker in words (English; the console renders its own from the kind). */
export function describeBlocker(b: SubmitBlocker): string {
  switch (b.kind) {
    case 'applicant':
      return 'no applicant';
    case 'subject':
      return `no ${b.role}`;
    case 'document':
      return `${b.code} not received`;
    case 'fee':
      return 'state duty not paid';
    case 'details':
      return `details${b.path ? `.${b.path}` : ''}: ${b.message}`;
    case 'person':
      return `${b.who}: no ${b.fact}`;
  }
}

// ---- numbers ----

function checkSeq(seq: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(seq) || seq < 1 || seq > max) {
    throw new RangeError(`sequence number ${seq} is not an integer from 1 to ${max}`);
  }
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`year ${year} does not have four digits`);
  }
}

/** A case number: `formatCaseNumber('KUL', 2026, 123)` → `KUL-2026-000123` (at least 6 digits). */
export function formatCaseNumber(officePrefix: string, year: number, seq: number): string {
  if (!/^[A-Z]{2,5}$/.test(officePrefix)) {
    throw new RangeError(`office prefix ${officePrefix} is not 2-5 capital Latin letters`);
  }
  checkYear(year);
  checkSeq(seq);
  return `${officePrefix}-${year}-${String(seq).padStart(6, '0')}`;
}

/** An act record number, per office, type and year: `formatActRecordNumber(42)` → `00042`. */
export function formatActRecordNumber(seq: number): string {
  checkSeq(seq);
  return String(seq).padStart(5, '0');
}

/**
 * Certificate form series per kind of act record: a Roman numeral for the kind and ТҶ
 * (Тоҷикистон), as on the post-Soviet forms. Repeat certificates and amendments use the series of
 * the record they concern (`certificateActType`).
 */
export const CERTIFICATE_SERIES: { readonly [T in ActType]: string } = {
  birth: 'I-ТҶ',
  marriage: 'II-ТҶ',
  divorce: 'III-ТҶ',
  death: 'IV-ТҶ',
  paternity: 'V-ТҶ',
  name_change: 'VI-ТҶ',
};

/** Numbers per series and year stay below this: the number is the year's two digits and five. */
export const MAX_CERTIFICATES_PER_YEAR = 99_999;

/**
 * A certificate's series and 7-digit number: the year's last two digits and the year's sequence
 * number in five, so numbers of a series never repeat across years.
 * `formatCertificate('birth', 2026, 42)` → `{series: 'I-ТҶ', number: '2600042'}`.
 */
export function formatCertificate(type: ActType, year: number, seq: number): CaseCertificate {
  checkYear(year);
  checkSeq(seq, MAX_CERTIFICATES_PER_YEAR);
  return {
    series: CERTIFICATE_SERIES[type],
    number: `${String(year % 100).padStart(2, '0')}${String(seq).padStart(5, '0')}`,
  };
}
