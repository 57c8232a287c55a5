/**
 * `npm run backup -- <file>` and `npm run restore -- <file>` for an SQLite DATABASE_URL, with
 * SQLite's online backup API (a consistent copy while the server runs; restore with it stopped).
 * MySQL/MariaDB: `mysqldump --single-transaction --routines navbat > navbat.sql` (README).
 */
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { parseDatabaseUrl } from '../../../db/database';

// sqlite3's Backup object (its type definitions leave it out).
interface Backup {
  step(pages: number, callback: (err: Error | null) => void): void;
  finish(callback?: (err: Error | null) => void): void;
  readonly completed: boolean;
  readonly failed: boolean;
}
type WithBackup = sqlite3.Database & {
  backup(
    file: string,
    destName: string,
    sourceName: string,
    fileIsDest: boolean,
    callback: (err: Error | null) => void,
  ): Backup;
};

function open(file: string): Promise<WithBackup> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(db as WithBackup)));
  });
}

/** Copies the live database into `file` (`toFile`) or `file` into the database (restore). */
async function sqliteBackup(database: string, file: string, toFile: boolean): Promise<void> {
  const db = await open(database);
  try {
    await new Promise<void>((resolve, reject) => {
      const backup = db.backup(file, 'main', 'main', toFile, (err) => {
        if (err) return reject(err);
        // -1: every page in one step; SQLite retries by itself while a writer holds the lock.
        backup.step(-1, (stepErr) => {
          if (stepErr && !backup.completed) {
            backup.finish();
            reject(stepErr);
            return;
          }
          backup.finish((finishErr) => (finishErr ? reject(finishErr) : resolve()));
        });
      });
    });
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

async function run(): Promise<void> {
  const [command, file] = process.argv.slice(2);
  if ((command !== 'backup' && command !== 'restore') || !file) {
    throw new Error('usage: backup|restore <file>');
  }
  const target = parseDatabaseUrl(process.env.DATABASE_URL);
  if (target.dialect !== 'sqlite') {
    throw new Error(
      'DATABASE_URL is MySQL/MariaDB: use `mysqldump --single-transaction` to back up and `mysql` to restore',
    );
  }
  await sqliteBackup(target.storage, path.resolve(file), command === 'backup');
  process.stdout.write(
    `${command === 'backup' ? 'backed up' : 'restored'} ${target.storage} ${command === 'backup' ? '→' : '←'} ${path.resolve(file)}\n`,
  );
}

run().catch((err: unknown) => {
  process.stderr.write(`navbat: ${(err as Error).message.split('\n')[0]}\n`);
  process.exit(1);
});
