/**
 * Edits of a case's contents (applicant, subjects, details, documents, fee): who may edit in which
 * status, and the columns an edit writes, each part checked against the case type's rules.
 */
import {
  applyDocumentReceipts,
  canEdit,
  validateDetails,
  validateSubjects,
  withRequirements,
  type Fee,
  type PatchCase,
  type Role,
} from '../../protocol';
import type { CaseRecord, CaseWrite } from '../../../db/repositories/registry-repository';
import { AppError, forbidden, validationIssues } from '../errors';
import { searchText } from './case-search-text';

/**
 * Refuses an edit the role may not make in the case's status. The applicant's phone and consent
 * (`notify`) may be taken at any step; everything else only while the case is being filled.
 */
export function checkEditable(patch: PatchCase, c: CaseRecord, role: Role): void {
  const onlyNotify = Object.keys(patch).every((k) => k === 'version' || k === 'notify');
  if (!onlyNotify && !canEdit(c.status, role)) {
    if (role !== 'clerk') throw forbidden('only the front office edits cases');
    throw new AppError('illegal_transition', `a ${c.status} case cannot be edited`);
  }
}

/**
 * The columns an edit writes and the names of the parts it changed (consent is not a column: the
 * caller records it). The checklist's requirements and the search text follow the new contents.
 */
export function editFields(
  c: CaseRecord,
  patch: PatchCase,
  now: Date,
  timeZone: string,
): { fields: CaseWrite; changed: string[] } {
  const fields: CaseWrite = {};
  const changed: string[] = [];
  let { applicant, subjects, details, documents } = c;
  if (patch.applicant !== undefined) {
    applicant = patch.applicant;
    fields.applicant = applicant;
    changed.push('applicant');
  }
  if (patch.subjects !== undefined) {
    const checked = validateSubjects(c.type, patch.subjects);
    if (!checked.ok) throw zodFailure(checked.issues, 'subjects');
    subjects = checked.value;
    fields.subjects = subjects;
    changed.push('subjects');
  }
  if (patch.details !== undefined) {
    const checked = validateDetails(c.type, patch.details, now, { partial: true, timeZone });
    if (!checked.ok) throw zodFailure(checked.issues, 'details');
    details = checked.value;
    fields.details = details;
    changed.push('details');
  }
  if (patch.documents !== undefined) {
    const checked = applyDocumentReceipts(documents, patch.documents);
    if (!checked.ok) throw zodFailure(checked.issues, 'documents');
    documents = checked.value;
    changed.push('documents');
  }
  if (patch.fee !== undefined) {
    fields.fee = patch.fee satisfies Fee;
    changed.push('fee');
  }
  fields.documents = withRequirements(c.type, documents, { details, subjects });
  fields.searchText = searchText(c.number, applicant, subjects);
  fields.updatedAt = now;
  return { fields, changed };
}

/** Schema issues as one `validation` error naming each field (under `prefix`, when given). */
export function zodFailure(
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
  prefix?: string,
): AppError {
  return validationIssues(
    issues.map((i) => ({
      field: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)',
      message: i.message,
    })),
  );
}
