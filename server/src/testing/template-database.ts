/**
 * The migrated schema, made once and copied into each fresh test database. Running the migrations
 * costs 4–7 s on MariaDB (every DDL statement is its own durable file operation) and about 1 s on
 * SQLite; the suite makes a fresh database a few hundred times. A copy is the same schema (the
 * tables as `SHOW CREATE TABLE` / `sqlite_master` give them, with the migrations' own records), made
 * in a fraction of that; `template-database.test.ts` compares a copy with a migrated database. The
 * template is named by a hash of the migration files, so a changed migration makes a new one.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { Database, parseDatabaseUrl } from '../../../db/database';
import { ROOT_DIR } from '../paths';

/** A hash of every migration file's text: the template's version. */
function migrationsHash(): string {
  const dir = path.join(ROOT_DIR, 'db', 'migrations');
  const hash = crypto.createHash('sha1');
  for (const file of fs.readdirSync(dir).sort()) {
    if (file.endsWith('.test.ts')) continue;
    hash.update(file).update(fs.readFileSync(path.join(dir, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

let sqliteTemplate: Promise<string> | undefined;

/** Copies a migrated SQLite database to `file` (the template is made once per process and hash). */
export async function copySqliteTemplate(file: string): Promise<void> {
  sqliteTemplate ??= makeSqliteTemplate();
  fs.copyFileSync(await sqliteTemplate, file);
}

async function makeSqliteTemplate(): Promise<string> {
  const template = path.join(os.tmpdir(), `navbat-template-${migrationsHash()}.sqlite`);
  if (fs.existsSync(template)) return template;
  // Made under a private name and renamed: a reader never sees half a template.
  const partial = `${template}.${process.pid}.${crypto.randomBytes(3).toString('hex')}`;
  const db = new Database(parseDatabaseUrl(`sqlite:${partial}`));
  await db.connect();
  await db.migrate();
  await db.close();
  fs.renameSync(partial, template);
  return template;
}

let mysqlTemplate: Promise<string> | undefined;

/**
 * Fills the empty database `name` on the server of `serverUrl` with the migrated schema and the
 * migrations' records, copied from the template database (made once per hash, under a lock).
 */
export async function copyMysqlTemplate(serverUrl: string, name: string): Promise<void> {
  mysqlTemplate ??= makeMysqlTemplate(serverUrl);
  const template = await mysqlTemplate;
  const conn = await mysql.createConnection({ uri: serverUrl });
  try {
    const [tables] = await conn.query<mysql.RowDataPacket[]>(
      `SELECT TABLE_NAME AS name FROM information_schema.TABLES
        WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'`,
      [template],
    );
    // Foreign keys may name a table not made yet: checks are off for this connection only.
    await conn.query('SET FOREIGN_KEY_CHECKS = 0');
    await conn.query(`USE \`${name}\``);
    for (const { name: table } of tables) {
      const [[shown]] = await conn.query<mysql.RowDataPacket[]>(
        `SHOW CREATE TABLE \`${template}\`.\`${table}\``,
      );
      const ddl = String(shown!['Create Table']).replace(/ AUTO_INCREMENT=\d+/, '');
      await conn.query(ddl);
      await conn.query(`INSERT INTO \`${table}\` SELECT * FROM \`${template}\`.\`${table}\``);
    }
  } finally {
    await conn.end();
  }
}

async function makeMysqlTemplate(serverUrl: string): Promise<string> {
  const template = `navbat_template_${migrationsHash()}`;
  const conn = await mysql.createConnection({ uri: serverUrl });
  try {
    // One maker at a time across the suite's workers; the others wait, then find it made.
    await conn.query('SELECT GET_LOCK(?, 120)', [template]);
    const [done] = await conn.query<mysql.RowDataPacket[]>(
      `SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'template_ready'`,
      [template],
    );
    if (done.length === 0) {
      await conn.query(`DROP DATABASE IF EXISTS \`${template}\``);
      await conn.query(
        `CREATE DATABASE \`${template}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
      const u = new URL(serverUrl);
      u.pathname = `/${template}`;
      const db = new Database(parseDatabaseUrl(u.toString()));
      await db.connect();
      await db.migrate();
      await db.close();
      // Made in full: the mark the next maker checks (a view, so copies leave it out).
      await conn.query(`CREATE VIEW \`${template}\`.template_ready AS SELECT 1 AS ready`);
    }
    return template;
  } finally {
    await conn.query('SELECT RELEASE_LOCK(?)', [template]).catch(() => undefined);
    await conn.end();
  }
}
