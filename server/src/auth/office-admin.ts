/**
 * What every administrator's command shares: the check that the administrator runs this office, the
 * audit row it writes in its transaction, and the 409 that names a taken field.
 */
import type { Transaction } from 'sequelize';
import type { AuditRepository } from '../../../db/repositories/audit-repository';
import { AppError, forbidden } from '../errors';
import type { StaffPrincipal } from './actor';

/** 403 unless `admin` administers `officeCode` (an administrator without an office runs them all). */
export function assertAdministers(admin: StaffPrincipal, officeCode: string): void {
  if (admin.officeCode !== null && admin.officeCode !== officeCode) {
    throw forbidden(`you administer office ${admin.officeCode}`);
  }
}

/** 409 `conflict` naming the field that is taken. */
export function conflict(message: string, field: string): AppError {
  return new AppError('conflict', message, { field });
}

/** One audit row of an administrator's change. */
export interface AdminAuditRow {
  officeCode: string | null;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** What the row is about in searchable words (a ticket's number). */
  subject?: string;
}

/** Writes `row` as `admin`'s, at `now`, inside `t`. */
export async function auditAdmin(
  audit: AuditRepository,
  t: Transaction,
  admin: StaffPrincipal,
  at: Date,
  row: AdminAuditRow,
): Promise<void> {
  await audit.append({ ...row, at, actor: admin.username, userId: admin.id }, t);
}

/** The fields of `a` that differ from `b` (for audit rows). */
export function diffOf<T extends object>(a: T, b: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(a) as Array<keyof T>) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) out[key] = a[key];
  }
  return out;
}
