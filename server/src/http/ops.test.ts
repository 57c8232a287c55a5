/**
 * Operations: readiness, Prometheus metrics behind a token, overload refused fast, and a node that
 * stops on SIGTERM without losing a command (a real child process).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from '../paths';
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { connectSocket, request } from '../testing/client';
import { openDatabase } from '../../../db/database';

const OFFICE = '/api/offices/kulob';
const METRICS_TOKEN = 'scrape-me-please';

interface Answer {
  status: number;
  body: { ticket?: { id: string } };
}

describe.each(testDialects())('operations on %s', (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ database: dialect, metricsToken: METRICS_TOKEN });
  });
  afterAll(() => s.close());

  it('is ready while the database answers', async () => {
    const res = await request(s.url, 'GET', '/api/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready' });
  });

  it('serves Prometheus metrics only with the bearer token', async () => {
    const display = await connectSocket(s.url, '/display', { office: 'kulob' });
    try {
      await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } });
      expect((await fetch(`${s.url}/metrics`)).status).toBe(401);
      const wrong = await fetch(`${s.url}/metrics`, {
        headers: { authorization: 'Bearer scrape-me-pleasE' },
      });
      expect(wrong.status).toBe(401);
      // The scheme's name in any case, as scrapers send it.
      const lower = await fetch(`${s.url}/metrics`, {
        headers: { authorization: `bearer ${METRICS_TOKEN}` },
      });
      expect(lower.status).toBe(200);
      const res = await fetch(`${s.url}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toMatch(
        /navbat_commands_total\{route="POST \/offices\/:office\/tickets",outcome="201"\} [1-9]/,
      );
      expect(text).toMatch(/navbat_command_seconds_bucket\{le="\+Inf",route="POST/);
      expect(text).toMatch(/navbat_sockets\{namespace="\/display"\} 1/);
      expect(text).toMatch(/navbat_event_publish_lag_seconds_count [1-9]/);
      expect(text).toMatch(/navbat_print_jobs_queued \d+/);
    } finally {
      display.socket.close();
    }
  });

  it('counts the citizen messages a dead gateway leaves waiting', async () => {
    // A gateway that refuses every connection: the "ticket issued" SMS stays queued for a retry.
    const dead = await startTestServer({
      database: dialect,
      metricsToken: METRICS_TOKEN,
      messaging: { smsUrl: 'http://127.0.0.1:9/sms' },
    });
    const queued = async () => {
      const res = await fetch(`${dead.url}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      return Number(/^navbat_messages_queued (\d+)$/m.exec(await res.text())?.[1]);
    };
    try {
      expect(await queued()).toBe(0);
      const phones = ['+992901110001', '+992901110002'];
      for (const phone of phones) {
        const r = await request(dead.url, 'POST', `${OFFICE}/tickets`, {
          body: { service: 'birth', phone },
        });
        expect(r.status).toBe(201);
      }
      expect(await queued()).toBe(phones.length);
    } finally {
      await dead.close();
    }
  });

  it('refuses commands beyond the office bound at once with 503 overloaded and Retry-After', async () => {
    const tight = await startTestServer({ database: dialect, maxCommandsInFlight: 1 });
    try {
      const answers = await Promise.all(
        Array.from({ length: 12 }, () =>
          fetch(`${tight.url}${OFFICE}/tickets`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ service: 'birth' }),
          }),
        ),
      );
      const refused = answers.filter((r) => r.status === 503);
      expect(answers.filter((r) => r.status === 201).length).toBeGreaterThan(0);
      expect(refused.length).toBeGreaterThan(0);
      expect(answers.every((r) => r.status === 201 || r.status === 503)).toBe(true);
      expect(refused[0]!.headers.get('retry-after')).toBe('1');
      expect(((await refused[0]!.json()) as { error: { code: string } }).error.code).toBe(
        'overloaded',
      );
      // Once the burst is over the office takes commands again.
      const after = await request(tight.url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'birth' },
      });
      expect(after.status).toBe(201);
    } finally {
      await tight.close();
    }
  });

  it('is not ready once the database is gone', async () => {
    const other = await startTestServer({ database: dialect });
    try {
      await other.db.close();
      const res = await request(other.url, 'GET', '/api/ready');
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('unavailable');
    } finally {
      await other.close().catch(() => undefined);
    }
  });
});

describe('SIGTERM', () => {
  it('stops accepting, finishes the commands in flight, sends sockets elsewhere and exits 0 within 10 s', async () => {
    const file = path.join(os.tmpdir(), `navbat-sigterm-${process.pid}.sqlite`);
    // One process (no tsx wrapper in between): the signal reaches the server itself.
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: ROOT_DIR,
      env: {
        ...process.env,
        DATABASE_URL: `sqlite:${file}`,
        PORT: '0',
        HOST: '127.0.0.1',
        DEMO: '1',
        LOG_LEVEL: 'warn',
        BCRYPT_ROUNDS: '4',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /running on (http:\/\/\S+)/.exec(out);
          if (m?.[1]) resolve(m[1].replace('localhost', '127.0.0.1'));
        });
        child.stderr.on('data', (c: Buffer) => (out += c.toString()));
        void exited.then(() => reject(new Error(`exited early: ${out}`)));
      });
      const { socket } = await connectSocket(url, '/display', { office: 'kulob' });
      const told = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      // Commands in flight when the signal comes: each is answered, and what was answered 201 is kept.
      const inFlight = Array.from({ length: 8 }, () =>
        fetch(`${url}${OFFICE}/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ service: 'birth' }),
        }).then(
          async (r): Promise<Answer> => ({
            status: r.status,
            body: (await r.json()) as Answer['body'],
          }),
          (): Answer => ({ status: 0, body: {} }),
        ),
      );
      const signalledAt = Date.now();
      child.kill('SIGTERM');
      expect(await told).toBe('io server disconnect');
      const answers = await Promise.all(inFlight);
      const code = await exited;
      expect(code).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(10_000);
      const issued = answers.filter((a) => a.status === 201).map((a) => a.body.ticket!.id);
      const db = await openDatabase(`sqlite:${file}`);
      try {
        const kept = await db.models.Ticket.count({ where: { id: issued } });
        expect(kept).toBe(issued.length);
      } finally {
        await db.close();
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(file, { force: true });
      fs.rmSync(`${file}-wal`, { force: true });
      fs.rmSync(`${file}-shm`, { force: true });
    }
  }, 60_000);
});
