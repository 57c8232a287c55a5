/** Number series (ticket numbers, case numbers, act records, certificates): one locked row each. */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database';
import { TICKET_SEQ_VARIABLE } from '../sql-binding';

/** The tables that hold series, each with its key columns (the primary key) and `last`. */
export type SeriesTable = 'number_series' | 'registry_series';

/**
 * Takes the next number of the series `key` (column → value) in one statement: the row is created
 * at 1 or incremented, and stays locked until the transaction ends, so two transactions never take
 * one number. (An increment followed by a plain read is not enough under READ COMMITTED: a
 * transaction whose increment found no row yet could read the number another one had just taken.)
 */
export async function nextInSeries(
  db: Database,
  table: SeriesTable,
  key: Readonly<Record<string, string | number>>,
  t: Transaction,
): Promise<number> {
  const columns = Object.keys(key);
  const names = columns.join(', ');
  const values = columns.map((c) => `:${c}`).join(', ');
  const options = { transaction: t, replacements: { ...key } };
  if (db.dialect === 'mysql') {
    // LAST_INSERT_ID(expr) hands the row's new value back on this connection (the OK packet's insert id).
    // The command's own statement: it carries what the command holds (START, a count), straight to
    // the driver (held-writes.ts).
    const ok = await db.held.send<{ insertId: number }>(
      t,
      `INSERT INTO ${table} (${names}, last) VALUES (${values}, LAST_INSERT_ID(1))
       ON DUPLICATE KEY UPDATE last = LAST_INSERT_ID(last + 1)`,
      { ...key },
    );
    return Number(ok.insertId);
  }
  // SQLite (3.35+) hands the row back from the upsert itself; one writer at a time. (The leading
  // comment keeps Sequelize from taking the statement for a plain INSERT, whose rows it drops.)
  const rows = await db.sequelize.query<{ last: number }>(
    `/* upsert returning */ INSERT INTO ${table} (${names}, last) VALUES (${values}, 1)
     ON CONFLICT (${names}) DO UPDATE SET last = last + 1 RETURNING last`,
    { ...options, type: QueryTypes.SELECT },
  );
  const row = rows[0];
  if (!row) throw new Error(`could not take the next number of ${table} ${JSON.stringify(key)}`);
  return Number(row.last);
}

/**
 * Takes the next ticket number of an office's series (`number_series`) in the transaction's next
 * round trip (MySQL): held, the new value kept in {@link TICKET_SEQ_VARIABLE} on the connection
 * for the statements held after it (a string with `TICKET_SEQ_TOKEN` is bound as that number,
 * sql-binding.ts), and answered in `seq` once the round trip is. Nothing waits for the number
 * before COMMIT: the command's ticket, audit row and seq travel with it.
 */
export async function holdTicketSeq(
  db: Database,
  key: { office_code: string; day: string; prefix: string },
  t: Transaction,
): Promise<{ seq: Promise<number> }> {
  const v = TICKET_SEQ_VARIABLE;
  const held = await db.held.later(
    t,
    `INSERT INTO number_series (office_code, day, prefix, last)
       VALUES (:office_code, :day, :prefix, LAST_INSERT_ID(${v} := 1))
     ON DUPLICATE KEY UPDATE last = LAST_INSERT_ID(${v} := last + 1)`,
    { ...key },
  );
  const seq = held.sent.then((ok) => Number((ok as { insertId: number }).insertId));
  // Read when the ticket is rendered; a command that fails before that leaves it unread.
  seq.catch(() => undefined);
  return { seq };
}
