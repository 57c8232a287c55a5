/**
 * The registered events keyed anew (server/protocol/case-identity.ts, 2026-12-07): an event has
 * several identities now (a birth also by the mother's document, a death by the deceased's), and
 * names and document numbers are folded (Tajik letters as Russian spelling writes them, Latin
 * look-alikes), so a birth registered as "Раҳимов" refuses a second case spelled "Рахимов". Every
 * standing registration (an act record, not rejected or cancelled) gets its keys as of this
 * migration; of two registrations already standing for one event, the older keeps a shared key
 * (the newer cannot be taken back here: a registrar sees it when the same event comes again).
 */
import { createHash } from 'node:crypto';
import { QueryTypes, type QueryInterface } from 'sequelize';
import { eventIdentities } from '../../server/protocol/case-identity';
import type { CaseType } from '../../server/protocol/case-enums';
import type { Subject } from '../../server/protocol/case-person';
import { sqlTime } from '../repositories/values';

interface Row {
  number: string;
  type: CaseType;
  subjects: string;
  details: string;
  registered_at: string | Date | null;
}

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const db = qi.sequelize;
  const dialect = db.getDialect() === 'sqlite' ? 'sqlite' : 'mysql';
  // As read: MariaDB gives a Date, SQLite the stored text.
  const time = (at: string | Date | null) =>
    at instanceof Date ? sqlTime(dialect, at) : (at ?? sqlTime(dialect, new Date()));
  const rows = await db.query<Row>(
    `SELECT number, type, subjects, details, registered_at FROM cases
      WHERE type IN ('birth', 'death') AND act_record_number IS NOT NULL
        AND status NOT IN ('rejected', 'cancelled')
      ORDER BY registered_at, id`,
    { type: QueryTypes.SELECT },
  );
  await db.query('DELETE FROM case_registrations', { type: QueryTypes.DELETE });
  const taken = new Set<string>();
  for (const row of rows) {
    const identities = eventIdentities({
      type: row.type,
      subjects: JSON.parse(row.subjects) as Subject[],
      details: JSON.parse(row.details) as Record<string, unknown>,
    });
    for (const identity of identities) {
      const key = createHash('sha256').update(identity).digest('hex');
      if (taken.has(key)) continue;
      taken.add(key);
      await db.query(
        `INSERT INTO case_registrations (identity, case_number, created_at)
           VALUES (:key, :number, :at)`,
        {
          type: QueryTypes.INSERT,
          replacements: { key, number: row.number, at: time(row.registered_at) },
        },
      );
    }
  }
}

export async function down(): Promise<void> {
  // The keys of before cannot be told from these; the table keeps these.
}
