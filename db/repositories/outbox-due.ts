/**
 * The outbox's due messages: queued, their time come, held by no node and not being sent, oldest
 * first. The worker's claim reads them twice: once plainly (most polls find none), then locked.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database';
import { sqlTime } from './values';

/** Up to `limit` due messages' ids; inside `t` on MySQL they are locked (SKIP LOCKED). */
export function dueMessages(
  db: Database,
  table: string,
  now: Date,
  limit: number,
  t?: Transaction,
): Promise<Array<{ id: string }>> {
  const lock = t && db.dialect === 'mysql' ? 'FOR UPDATE SKIP LOCKED' : '';
  return db.sequelize.query<{ id: string }>(
    `SELECT id FROM ${table}
      WHERE status = 'queued' AND next_attempt_at <= :now
        AND (claimed_until IS NULL OR claimed_until < :now) AND sending = 0
      ORDER BY next_attempt_at, created_at LIMIT ${Math.max(1, Math.floor(limit))} ${lock}`,
    { type: QueryTypes.SELECT, transaction: t, replacements: { now: sqlTime(db.dialect, now) } },
  );
}
