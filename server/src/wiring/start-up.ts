/**
 * What `main` does before the node is built: read the configuration and open the databases (and the
 * registry's own, when it has one), each failure told in one line on stderr before exit 1; and the
 * demo office seeded when DEMO is on.
 */
import type { Logger } from 'pino';
import { loadConfig, type Config } from '../config';
import {
  openDatabase,
  parseDatabaseUrl,
  queueMigrations,
  registryMigrations,
  type Database,
} from '../../../db/database';
import { seedDemo } from '../../../db/seed/seed-demo';

/** The node's databases: the registry's is `undefined` when it shares the queue's. */
export interface Databases {
  db: Database;
  registryDb: Database | undefined;
  /** The read replica the reports read (REPORTS_DATABASE_URL), when there is one. */
  reportsDb: Database | undefined;
}

/** Closes every database a node opened. */
export async function closeDatabases(dbs: Databases): Promise<void> {
  for (const d of [dbs.reportsDb, dbs.registryDb, dbs.db]) await d?.close().catch(() => undefined);
}

/** The configuration from the environment; exits with its error otherwise. */
export function readConfig(env: NodeJS.ProcessEnv): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    fail(`configuration: ${(err as Error).message}`);
  }
}

/** Opens (and migrates) the databases; exits with which one failed, and why, otherwise. */
export async function openDatabases(config: Config): Promise<Databases> {
  let db: Database;
  try {
    db = await openDatabase(
      config.databaseUrl,
      config.registryDatabaseUrl ? [queueMigrations] : undefined,
    );
  } catch (err) {
    fail(`cannot open the database (${describeDatabase(config.databaseUrl)}): ${oneLine(err)}`);
  }
  const registryDb = await openRegistry(config, db);
  return { db, registryDb, reportsDb: await openReplica(config, { db, registryDb }) };
}

/**
 * The read replica for reports (REPORTS_DATABASE_URL): checked, never migrated (it follows the
 * primary, which the node migrates).
 */
async function openReplica(
  config: Config,
  opened: Omit<Databases, 'reportsDb'>,
): Promise<Database | undefined> {
  if (!config.reportsDatabaseUrl) return undefined;
  try {
    return await openDatabase(config.reportsDatabaseUrl, []);
  } catch (err) {
    await closeDatabases({ ...opened, reportsDb: undefined });
    fail(
      `cannot open the reports replica (${describeDatabase(config.reportsDatabaseUrl)}): ${oneLine(err)}`,
    );
  }
}

/** The registry's own database (REGISTRY_DATABASE_URL), when it has one. */
async function openRegistry(config: Config, db: Database): Promise<Database | undefined> {
  if (!config.registryDatabaseUrl) return undefined;
  try {
    return await openDatabase(config.registryDatabaseUrl, [registryMigrations]);
  } catch (err) {
    await db.close().catch(() => undefined);
    fail(
      `cannot open the registry database (${describeDatabase(config.registryDatabaseUrl)}): ${oneLine(err)}`,
    );
  }
}

/** Seeds the demo office "kulob" once; an explicit DEMO_PRINTER re-points its kiosk K1 each start. */
export async function seedIfDemo(
  config: Config,
  db: Database,
  logger: Logger,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  if (!config.demo) return;
  const seeded = await seedDemo(db, {
    hashPassword: (p) => import('bcrypt').then((b) => b.hash(p, config.bcryptRounds)),
    printer: config.demoPrinter,
  });
  if (seeded) logger.info('demo office "kulob" seeded');
  if (env.DEMO_PRINTER?.trim()) {
    // An explicit DEMO_PRINTER also re-points kiosk K1 of an already seeded demo database.
    await db.transaction((t) =>
      db.models.Device.update(
        { printerUrl: config.demoPrinter },
        { where: { officeCode: 'kulob', code: 'K1' }, transaction: t },
      ),
    );
  }
}

/** Where a database is, as it may be printed (no password). */
export function describeDatabase(url: string | undefined): string {
  try {
    const target = parseDatabaseUrl(url);
    return target.dialect === 'sqlite' ? `SQLite ${target.storage}` : target.redacted;
  } catch (err) {
    return `invalid DATABASE_URL (${(err as Error).message})`;
  }
}

/** The first line of an error (a driver's own message when Sequelize wraps one). */
export function oneLine(err: unknown): string {
  const e = err as { message?: string; parent?: { message?: string } };
  return (e.parent?.message ?? e.message ?? String(err)).split('\n')[0] ?? 'unknown error';
}

/** Says why the node cannot run, on stderr, and exits 1. */
export function fail(message: string): never {
  process.stderr.write(`navbat: ${message}\n`);
  process.exit(1);
}
