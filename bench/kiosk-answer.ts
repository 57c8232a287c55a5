/**
 * The kiosk's answer: `npm run build && npx tsx bench/kiosk-answer.ts [--root=DIR] [--runs=2]`.
 *
 * One built Navbat node (`DIR/dist/server/src/main.js`, default this checkout; another revision's
 * worktree can be given to compare two) on a fresh MariaDB database with 10 offices seeded as the
 * national bench seeds them; 300 tickets from kiosk K1 (virtual printer) at 20 a second spread over
 * the offices, one run to warm up, then `--runs` measured. Prints the time from the POST to its
 * answer (ticket and `print.status`, the paper printed within the request), p50 / p90 / p99, and
 * the print statuses, and the node's CPU a ticket (user + system time of its process over the run,
 * from /proc, divided by the tickets). `ISSUE_RATE=0` (the bench sends from one address).
 * `--kiosk=none`: tickets without a kiosk (no paper), as a clerk or the phone issues them.
 */
import fs from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createDatabase, migrateAndSeed } from './national/database';
import { DEFAULT_MYSQL_URL } from './lib/config';
import { sleep } from './lib/stats';

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

const pick = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function main(): Promise<void> {
  const root = path.resolve(option('root', path.join(__dirname, '..')));
  const runs = Number(option('runs', '2'));
  const kiosk = option('kiosk', 'K1');
  const db = await createDatabase(process.env.TEST_MYSQL_URL ?? DEFAULT_MYSQL_URL, 'navbat_kiosk');
  const plans = await migrateAndSeed(db.url, 10);
  const port = 18700 + Math.floor(Math.random() * 200);
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
      '--max-semi-space-size=4',
      path.join(root, 'dist/server/src/main.js'),
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        PORT: String(port),
        ISSUE_RATE: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 200; i++) {
      if (
        await fetch(`${base}/api/ready`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await sleep(100);
    }
    const from = kiosk === 'none' ? 'without a kiosk' : `from kiosk ${kiosk}`;
    console.log(`answers of ${root} (MariaDB, 300 tickets ${from} at 20/s over 10 offices)`);
    for (let run = 0; run <= runs; run++) {
      const times: number[] = [];
      const statuses: Record<string, number> = {};
      const cpuBefore = cpuMs(child.pid!);
      const started = performance.now();
      const pending: Promise<void>[] = [];
      for (let i = 0; i < 300; i++) {
        const wait = started + i * 50 - performance.now();
        if (wait > 0) await sleep(wait);
        const sent = performance.now();
        pending.push(
          fetch(`${base}/api/offices/${plans[i % plans.length]!.code}/tickets`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(
              kiosk === 'none' ? { service: 'birth' } : { service: 'birth', kiosk },
            ),
          }).then(async (res) => {
            const body = (await res.json()) as { print?: { status: string } };
            times.push(performance.now() - sent);
            const status = `${res.status} ${body.print?.status ?? '-'}`;
            statuses[status] = (statuses[status] ?? 0) + 1;
          }),
        );
      }
      await Promise.all(pending);
      const cpu = (cpuMs(child.pid!) - cpuBefore) / 300;
      times.sort((a, b) => a - b);
      const figures = [0.5, 0.9, 0.99].map((p) => pick(times, p).toFixed(2)).join(' / ');
      console.log(
        `  ${run === 0 ? 'warm-up' : `run ${run}`}: p50 / p90 / p99 ${figures} ms; ` +
          `CPU ${cpu.toFixed(2)} ms a ticket; ${JSON.stringify(statuses)}`,
      );
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await db.drop();
  }
}

/** A process's user + system CPU time so far, in ms (/proc, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat(5); here, after the name, at 11 and 12.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
