/**
 * Workflow steps of a case: the protocol's decision for a requested transition (refusals become
 * errors) and the columns a legal step writes, including act record and certificate numbers taken
 * from the office's locked series rows.
 */
import { createHash } from 'node:crypto';
import type { Transaction } from 'sequelize';
import {
  caseTransition,
  certificateActType,
  describeBlocker,
  eventIdentities,
  formatCertificate,
  missingForSubmit,
  type CaseTransition,
  type Role,
  type TransitionEffects,
} from '../../protocol';
import type {
  CaseRecord,
  CaseWrite,
  RegistryRepository,
} from '../../../db/repositories/registry-repository';
import type { OfficeRecord } from '../../../db/records';
import { officeDay } from '../queue/office-day';
import { AppError, forbidden, validationFailed } from '../errors';

/** What a legal transition must do; throws `validation`, `forbidden` or `illegal_transition`. */
export function decideTransition(
  c: CaseRecord,
  req: CaseTransition,
  role: Role,
  now: Date,
  timeZone: string,
): TransitionEffects {
  const blockers = req.to === 'submitted' ? missingForSubmit(c, now, timeZone) : [];
  const decision = caseTransition({
    from: c.status,
    to: req.to,
    role,
    note: req.note,
    case: {
      type: c.type,
      hasActRecord: c.actRecordNumber !== null,
      hasCertificate: c.certificateNumber !== null,
      submitBlockers: blockers,
    },
  });
  if (decision.ok) return decision.effects;
  if (decision.code === 'validation') {
    throw validationFailed(decision.reason, {
      blockers: (decision.blockers ?? []).map((b) => ({ ...b, message: describeBlocker(b) })),
    });
  }
  if (decision.code === 'forbidden') throw forbidden(decision.reason);
  throw new AppError('illegal_transition', decision.reason);
}

/**
 * The columns a transition to `to` writes: the status, the numbers its effects take (in `t`: the
 * series row lock serialises registrars; the unique key is the last word on duplicates) and its
 * timestamp.
 */
export async function transitionFields(
  repo: RegistryRepository,
  office: OfficeRecord,
  c: CaseRecord,
  to: CaseTransition['to'],
  effects: TransitionEffects,
  now: Date,
  t: Transaction,
): Promise<CaseWrite> {
  const fields: CaseWrite = { status: to, updatedAt: now };
  const today = officeDay(now, office.timeZone);
  const year = Number(today.slice(0, 4));
  if (effects.assignActRecord) {
    fields.actRecordYear = year;
    fields.actRecordNumber = await repo.nextInSeries(office.code, `act:${c.type}`, year, t);
    fields.actRecordDate = today;
  }
  if (effects.assignCertificate) {
    const actType = certificateActType(c.type, c.details);
    if (!actType) throw validationFailed('the case names no act record type for its certificate');
    const seq = await repo.nextInSeries(office.code, `cert:${actType}`, year, t);
    const cert = formatCertificate(actType, year, seq);
    fields.certificateSeries = cert.series;
    fields.certificateNumber = cert.number;
  }
  if (effects.stamp) fields[effects.stamp] = now;
  return fields;
}

/**
 * One act record per event (server/protocol/case-identity.ts): a birth or death registered by
 * another case is refused at submitting and at registering (409 `conflict`, naming that case), and
 * registering records the event in the same transaction (a unique key: two registrars at once get
 * one record and one refusal); a registration rejected or cancelled no longer stands.
 */
export async function guardEvent(
  repo: RegistryRepository,
  c: CaseRecord,
  to: CaseTransition['to'],
  now: Date,
  t: Transaction,
): Promise<void> {
  if ((to === 'rejected' || to === 'cancelled') && c.actRecordNumber !== null) {
    await repo.forgetEvent(c.number, t);
    return;
  }
  if (to !== 'submitted' && to !== 'registered') return;
  const keys = eventIdentities(c).map((i) => createHash('sha256').update(i).digest('hex'));
  if (keys.length === 0) return;
  const refuse = (other: string) =>
    new AppError('conflict', `this ${c.type} is registered already, by case ${other}`, {
      reason: 'already_registered',
      case: other,
    });
  const other = await repo.registeredEvent(keys, c.number, t);
  if (other !== undefined) throw refuse(other);
  if (to !== 'registered') return;
  try {
    for (const key of keys) await repo.recordEvent(key, c.number, now, t);
  } catch (err) {
    if ((err as { name?: string }).name !== 'SequelizeUniqueConstraintError') throw err;
    throw refuse((await repo.registeredEvent(keys, c.number, t)) ?? 'another case');
  }
}
