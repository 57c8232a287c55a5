/** `npm run backup` / `npm run restore` on SQLite: a restored database holds what the backup saw. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs';
import { freshDatabase, seedTestDemo } from '../testing/harness';
import { ROOT_DIR } from '../paths';

function cli(args: string[], databaseUrl: string): Promise<{ code: number | null; out: string }> {
  const child = spawn(
    path.join(ROOT_DIR, 'node_modules', '.bin', 'tsx'),
    ['server/src/cli/backup.ts', ...args],
    {
      cwd: ROOT_DIR,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

it('backs up a live database and restores it to what it was', async () => {
  const tdb = await freshDatabase('sqlite');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'navbat-backup-')), 'b.sqlite');
  try {
    await seedTestDemo(tdb.db);
    const users = await tdb.db.models.User.count();
    const backup = await cli(['backup', file], tdb.url);
    expect(backup).toMatchObject({ code: 0 });
    await tdb.db.models.User.destroy({ where: { username: 'clerk4' } });
    expect(await tdb.db.models.User.count()).toBe(users - 1);
    await tdb.db.close();
    const restore = await cli(['restore', file], tdb.url);
    expect(restore).toMatchObject({ code: 0 });
    const again = await freshDatabaseAt(tdb.url);
    expect(await again.models.User.count()).toBe(users);
    expect((await again.models.User.findOne({ where: { username: 'clerk4' } }))?.role).toBe(
      'clerk',
    );
    await again.close();
  } finally {
    await tdb.drop();
  }
});

it('tells a MySQL user to use mysqldump', async () => {
  const res = await cli(['backup', '/tmp/x'], 'mysql://root@127.0.0.1:3306/x');
  expect(res.code).toBe(1);
  expect(res.out).toMatch(/mysqldump --single-transaction/);
});

async function freshDatabaseAt(url: string) {
  const { Database, parseDatabaseUrl } = await import('../../../db/database');
  const db = new Database(parseDatabaseUrl(url));
  await db.connect();
  return db;
}
