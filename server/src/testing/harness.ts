/**
 * Test harness: a fresh real database per suite (a temporary SQLite file, or a new database on the
 * MariaDB/MySQL server of TEST_MYSQL_URL) and createApp listening on port 0.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Sequelize } from 'sequelize';
import { Database, parseDatabaseUrl } from '../../../db/database';
import type { MigrationSet } from '../../../db/migrations';
import { seedDemo } from '../../../db/seed/seed-demo';
import { createApp, type App, type AppDeps } from '../app';
import bcrypt from 'bcrypt';
import { copyMysqlTemplate, copySqliteTemplate } from './template-database';

export type TestDialect = 'sqlite' | 'mysql';

/**
 * The databases every database test runs on: SQLite always, MariaDB/MySQL when TEST_MYSQL_URL is set.
 * In CI a missing TEST_MYSQL_URL is an error, never a silent skip.
 */
export function testDialects(): TestDialect[] {
  if (process.env.TEST_MYSQL_URL) return ['sqlite', 'mysql'];
  if (process.env.CI)
    throw new Error('CI must set TEST_MYSQL_URL: the MariaDB tests may not be skipped');
  return ['sqlite'];
}

export interface TestDatabase {
  db: Database;
  /** A DATABASE_URL for the same database (for child processes). */
  url: string;
  /** Closes and deletes the database. */
  drop(): Promise<void>;
}

/**
 * A new, migrated, empty database of `dialect`: a copy of the migrated template, or, for other
 * migration `sets`, migrated from nothing.
 */
export async function freshDatabase(
  dialect: TestDialect,
  sets?: readonly MigrationSet[],
): Promise<TestDatabase> {
  const id = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbat-test-'));
    const file = path.join(dir, `${id}.sqlite`);
    const url = `sqlite:${file}`;
    if (!sets) await copySqliteTemplate(file);
    const db = new Database(parseDatabaseUrl(url));
    await db.connect();
    await db.migrate(sets); // nothing left to run on a copy of the template
    return {
      db,
      url,
      async drop() {
        await db.close().catch(() => undefined);
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const serverUrl = process.env.TEST_MYSQL_URL;
  if (!serverUrl) throw new Error('TEST_MYSQL_URL is not set');
  const name = `navbat_t_${id}`;
  const admin = new Sequelize(serverUrl, { dialect: 'mysql', logging: false });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.close();
  if (!sets) await copyMysqlTemplate(serverUrl, name);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = new Database(parseDatabaseUrl(url));
  await db.connect();
  await db.migrate(sets); // nothing left to run on a copy of the template
  return {
    db,
    url,
    async drop() {
      await db.close().catch(() => undefined);
      const again = new Sequelize(serverUrl, { dialect: 'mysql', logging: false });
      await again.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await again.close();
    },
  };
}

/** Seeds the demo office with a cheap bcrypt cost. */
export async function seedTestDemo(db: Database): Promise<void> {
  await seedDemo(db, { hashPassword: (p) => bcrypt.hash(p, 4) });
}

export interface TestServer {
  url: string;
  port: number;
  app: App;
  db: Database;
  /** DATABASE_URL of the server's database. */
  databaseUrl: string;
  close(): Promise<void>;
}

export interface TestServerOptions extends Partial<Omit<AppDeps, 'db'>> {
  database?: TestDialect;
  /** Seed the demo office (default true). */
  demo?: boolean;
  /** Use this database instead of a fresh one (it is not dropped on close). */
  shared?: TestDatabase;
  /** Listen on this port (a server restarted in place); default: any free port. */
  port?: number;
}

/** A real server on port 0 over a fresh database. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { database = 'sqlite', demo = true, shared, port: wanted = 0, ...deps } = options;
  const tdb = shared ?? (await freshDatabase(database));
  if (demo && !shared) await seedTestDemo(tdb.db);
  // Tests issue many tickets from one address: no open-mode issue limit unless a test sets one.
  // Nor the admission's wait bound: a loaded CI machine is not an overloaded office; and its bound
  // in flight is the one before 2026-12-07, 64: races of 40 taps at once prove the numbers and the
  // locks (the bounds' own tests and the overload bench set them).
  const app = await createApp({
    bcryptRounds: 4,
    issueRate: null,
    admission: { maxWaitMs: Infinity, maxInFlight: 64 },
    ...deps,
    db: tdb.db,
  });
  await new Promise<void>((resolve) => app.server.listen(wanted, '127.0.0.1', resolve));
  const port = (app.server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    app,
    db: tdb.db,
    databaseUrl: tdb.url,
    async close() {
      await app.close();
      if (!shared) await tdb.drop();
    },
  };
}
