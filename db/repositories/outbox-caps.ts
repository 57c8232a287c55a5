/**
 * The per-number daily cap, counted again where a message is flagged `sending` (outbox-table.ts
 * `markSendingMany`): two rounds (two nodes, or a drain beside a round a commit kicked) that both
 * screened a number at 0 no longer both send up to its cap.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database';
import { sqlTime } from './values';

/**
 * A per-number daily cap a message must stay under when it is flagged `sending`: the messages of
 * its number and kind sent or under way since the office day began, fewer than `limit`.
 */
export interface AddressCap {
  to: string;
  since: Date;
  /** The templates counted with this message (as an outbox table's `countByAddress` takes them). */
  templates: { of: readonly string[]; not?: boolean };
  limit: number;
}

/** What the cap reads of an outbox table (outbox-table.ts; named here, not imported: no cycle). */
export interface CapTable {
  readonly db: Database;
  readonly table: string;
  countByAddress(
    addresses: string[],
    since: Date,
    templates: AddressCap['templates'],
    t?: Transaction,
  ): Promise<Map<string, number>>;
}

/**
 * Locks the day's messages of the numbers the capped items go to, in id order (MySQL; SQLite has
 * one writer), so that a concurrent round's flags for those numbers are either counted by this
 * transaction or wait for it.
 */
export async function lockNumbers(
  table: CapTable,
  items: ReadonlyArray<{ cap?: AddressCap }>,
  t: Transaction,
): Promise<void> {
  const caps = items.flatMap((i) => (i.cap ? [i.cap] : []));
  const { db } = table;
  if (caps.length === 0 || db.dialect !== 'mysql') return;
  const since = new Date(Math.min(...caps.map((c) => c.since.getTime())));
  await db.sequelize.query(
    `SELECT id FROM ${table.table} WHERE to_address IN (:to) AND created_at >= :since
      ORDER BY id FOR UPDATE`,
    {
      type: QueryTypes.SELECT,
      transaction: t,
      replacements: { to: [...new Set(caps.map((c) => c.to))], since: sqlTime(db.dialect, since) },
    },
  );
}

/** The items (their numbers locked) that would take their number over its cap, in order. */
export async function overCap(
  table: CapTable,
  items: ReadonlyArray<{ id: string; cap?: AddressCap }>,
  t: Transaction,
): Promise<string[]> {
  const counts = new Map<string, number>();
  const over: string[] = [];
  for (const { id, cap } of items) {
    if (!cap) continue;
    const kind = `${cap.templates.not ? 'not ' : ''}${cap.templates.of.join(',')}`;
    const key = `${cap.to}|${cap.since.getTime()}|${kind}`;
    let n = counts.get(key);
    n ??= (await table.countByAddress([cap.to], cap.since, cap.templates, t)).get(cap.to) ?? 0;
    if (n >= cap.limit) over.push(id);
    else n++;
    counts.set(key, n);
  }
  return over;
}
