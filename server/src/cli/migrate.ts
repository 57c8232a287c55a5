/**
 * `npm run migrate`: applies pending migrations and exits — both sets to DATABASE_URL, or the
 * registry's to REGISTRY_DATABASE_URL when that is set.
 */
import {
  Database,
  parseDatabaseUrl,
  queueMigrations,
  registryMigrations,
} from '../../../db/database';
import type { MigrationSet } from '../../../db/migrations';

async function migrate(
  url: string | undefined,
  sets: MigrationSet[],
  label: string,
): Promise<void> {
  let db: Database;
  try {
    db = new Database(parseDatabaseUrl(url));
    await db.connect();
  } catch (err) {
    process.stderr.write(
      `navbat: cannot open the ${label} database: ${(err as Error).message.split('\n')[0]}\n`,
    );
    process.exit(1);
  }
  try {
    const applied = await db.migrate(sets);
    process.stdout.write(
      `${label}: ${applied.length ? `applied ${applied.join(', ')}` : 'schema is up to date'}\n`,
    );
  } finally {
    await db.close();
  }
}

async function run(): Promise<void> {
  const registryUrl = process.env.REGISTRY_DATABASE_URL?.trim();
  if (registryUrl) {
    await migrate(process.env.DATABASE_URL, [queueMigrations], 'queue');
    await migrate(registryUrl, [registryMigrations], 'registry');
  } else {
    await migrate(
      process.env.DATABASE_URL,
      [queueMigrations, registryMigrations],
      'queue and registry',
    );
  }
}

void run().catch((err: unknown) => {
  process.stderr.write(`navbat: migration failed: ${(err as Error).message}\n`);
  process.exit(1);
});
