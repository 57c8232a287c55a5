/** Number series (ticket numbers, case numbers, act records, certificates): one locked row each. */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database';

/** The tables that hold series, each with its key columns and `last`. */
export type SeriesTable = 'number_series' | 'registry_series';

/**
 * Takes the next number of the series `key` (column → value); its row stays locked until the
 * transaction ends, so two transactions never take one number. A series' first number creates its
 * row; when another transaction created it at the same moment (MySQL: duplicate key), the row is
 * incremented instead.
 */
export async function nextInSeries(
  db: Database,
  table: SeriesTable,
  key: Readonly<Record<string, string | number>>,
  t: Transaction,
): Promise<number> {
  const columns = Object.keys(key);
  const where = columns.map((c) => `${c} = :${c}`).join(' AND ');
  const options = { transaction: t, replacements: { ...key } };
  for (let attempt = 0; attempt < 3; attempt++) {
    // One round trip: the UPDATE answers with the new value (MySQL: LAST_INSERT_ID(expr);
    // SQLite: RETURNING).
    if (db.dialect === 'mysql') {
      const [header] = await db.sequelize.query(
        `UPDATE ${table} SET last = LAST_INSERT_ID(last + 1) WHERE ${where}`,
        options,
      );
      const { affectedRows, insertId } = header as { affectedRows?: number; insertId?: number };
      if (affectedRows) return Number(insertId);
    } else {
      const rows = await db.sequelize.query<{ last: number }>(
        `UPDATE ${table} SET last = last + 1 WHERE ${where} RETURNING last`,
        { ...options, type: QueryTypes.SELECT },
      );
      if (rows[0]) return Number(rows[0].last);
    }
    try {
      await db.sequelize.query(
        `INSERT INTO ${table} (${columns.join(', ')}, last) VALUES (${columns.map((c) => `:${c}`).join(', ')}, 1)`,
        options,
      );
      return 1;
    } catch (err) {
      const unique = (err as { name?: string }).name === 'SequelizeUniqueConstraintError';
      if (!unique || db.dialect !== 'mysql') throw err;
    }
  }
  throw new Error(`could not take the next number of ${table} ${JSON.stringify(key)}`);
}
