/**
 * A fresh test database (a copy of the migrated template) has exactly the schema and migration
 * records that running every migration gives, on SQLite and MariaDB.
 */
import { queueMigrations, registryMigrations } from '../../../db/migrations';
import type { Database } from '../../../db/database';
import { freshDatabase, testDialects, type TestDatabase } from './harness';

type Row = Record<string, string>;

/** Every table's definition and the migrations' records, as the database states them. */
async function describeSchema(db: Database): Promise<Record<string, unknown>> {
  const rows = async (sql: string) => (await db.sequelize.query(sql))[0] as Row[];
  const out: Record<string, unknown> = {};
  if (db.dialect === 'sqlite') {
    out.schema = await rows(
      "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    );
  } else {
    const tables = await rows(
      `SELECT TABLE_NAME AS name FROM information_schema.TABLES
        WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME`,
    );
    for (const { name } of tables) {
      const [shown] = await rows(`SHOW CREATE TABLE \`${name}\``);
      out[name!] = shown!['Create Table']!.replace(/ AUTO_INCREMENT=\d+/, '');
    }
  }
  // What each migration set recorded (umzug may keep both sets in the first one's table).
  const present = JSON.stringify(out);
  for (const { storageTable } of [queueMigrations, registryMigrations]) {
    if (!present.includes(storageTable)) continue;
    out[`rows of ${storageTable}`] = await rows(`SELECT name FROM ${storageTable} ORDER BY name`);
  }
  return out;
}

describe.each(testDialects())('the template of fresh test databases on %s', (dialect) => {
  const made: TestDatabase[] = [];
  afterAll(async () => {
    for (const tdb of made) await tdb.drop();
  });

  it('gives the schema and records of a database migrated from nothing', async () => {
    const copy = await freshDatabase(dialect);
    made.push(copy);
    const migrated = await freshDatabase(dialect, [queueMigrations, registryMigrations]);
    made.push(migrated);
    const expected = await describeSchema(migrated.db);
    expect(JSON.stringify(expected)).toContain('tickets_priority_wait'); // the latest migration's index
    expect(expected['rows of schema_migrations']).toHaveLength(
      queueMigrations.migrations.length + registryMigrations.migrations.length,
    );
    expect(await describeSchema(copy.db)).toEqual(expected);
  });
});
