/** The product's entry point as a user starts it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnMain } from './testing/main-process';
import { startTestServer } from './testing/harness';
import { request } from './testing/client';

function run(
  env: Record<string, string>,
  entry = 'server/src/main.ts',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnMain({ LOG_LEVEL: 'warn', ...env }, { entry });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('starting Navbat', () => {
  it('exits 1 with one clear line when the database cannot be reached', async () => {
    const res = await run({ DATABASE_URL: 'mysql://root@127.0.0.1:1/navbat', PORT: '0' });
    expect(res.code).toBe(1);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^navbat: cannot open the database \(mysql:\/\/root@127\.0\.0\.1:1\/navbat\): .*ECONNREFUSED/,
    );
  });

  it('exits 1 with one clear line when the reports replica cannot be reached, or is not MySQL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbat-replica-'));
    try {
      const env = { DATABASE_URL: `sqlite:${dir}/q.sqlite`, PORT: '0' };
      const down = await run({ ...env, REPORTS_DATABASE_URL: 'mysql://root@127.0.0.1:1/navbat' });
      expect(down.code).toBe(1);
      expect(down.stderr.trim()).toMatch(
        /^navbat: cannot open the reports replica \(mysql:\/\/root@127\.0\.0\.1:1\/navbat\): .*ECONNREFUSED/,
      );
      const sqlite = await run({ ...env, REPORTS_DATABASE_URL: `sqlite:${dir}/r.sqlite` });
      expect(sqlite.code).toBe(1);
      expect(sqlite.stderr.trim()).toMatch(/REPORTS_DATABASE_URL: a mysql:\/\/ address/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 with one clear line naming REDIS_URL when Redis refuses', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbat-redis-'));
    try {
      const res = await run({
        DATABASE_URL: `sqlite:${dir}/q.sqlite`,
        PORT: '0',
        REDIS_URL: 'redis://:secret@127.0.0.1:1',
      });
      expect(res.code).toBe(1);
      // One line, the variable named, the password hidden; ioredis's own unhandled-error lines gone.
      expect(res.stderr.trim()).toMatch(
        /^navbat: cannot start: Redis at REDIS_URL redis:\/\/:\*\*\*@127\.0\.0\.1:1 does not answer: .*ECONNREFUSED/,
      );
      expect(res.stderr).not.toMatch(/secret|Unhandled error event/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 with one clear line for a DATABASE_URL it does not understand', async () => {
    const res = await run({ DATABASE_URL: 'postgres://x/y', PORT: '0' });
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toMatch(/^navbat: cannot open the database .*mysql:\/\/ or sqlite:/);
  });

  it.each(['sqlite:/proc/nope/navbat.sqlite', 'sqlite:/', 'sqlite:/proc/version/x/y.sqlite'])(
    'exits 1 with one clear line for an SQLite path that cannot be opened (%s)',
    async (url) => {
      const res = await run({ DATABASE_URL: url, PORT: '0' });
      expect(res.code).toBe(1);
      const lines = res.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^navbat: cannot open the database \(SQLite .*\): /);
    },
  );

  it('answers health 503 in the error shape once the database is gone', async () => {
    const s = await startTestServer();
    try {
      expect((await request(s.url, 'GET', '/api/health')).status).toBe(200);
      // The erasure job runs at start: closing the database under its transaction is not the case
      // tested here (SQLite then fails the transaction's own close, uncaught).
      await s.app.retention.stop();
      await s.db.close();
      const res = await request(s.url, 'GET', '/api/health');
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('unavailable');
    } finally {
      await s.close();
    }
  });
  it('migrates with npm run migrate, and a second run finds nothing to do', async () => {
    const file = path.join(os.tmpdir(), `navbat-migrate-${process.pid}.sqlite`);
    try {
      const first = await run({ DATABASE_URL: `sqlite:${file}` }, 'server/src/cli/migrate.ts');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/applied .*queue-backbone.*registry-cases/);
      const again = await run({ DATABASE_URL: `sqlite:${file}` }, 'server/src/cli/migrate.ts');
      expect(again.stdout).toMatch(/schema is up to date/);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
