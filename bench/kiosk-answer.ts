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
 *
 * Before the runs, each server is warmed with `--warmup` tickets (default 3,000) sent at 200 a
 * second: V8 optimises a function by how often it has run, and at 20 tickets a second a fresh node
 * was still compiling its hot path after 2,400 tickets (`--trace-opt`: 40–60 compilations in every
 * 300 tickets) — a node's first minutes, not the day it serves. `--warmup=0` measures those first
 * minutes.
 *
 * Then the same load, measured the same way, on this checkout's floors (bench/floor-server.ts,
 * built): `insert`, the least a server can do (Express, one INSERT, an answer), and `batched`, the
 * essential writes of a kiosk tap (number, ticket, key, audit row, print job, seq) in one
 * multi-statement transaction and the printed mark after, no paper drawn. A ticket's CPU depends on
 * the machine (a wake-up of an idle core, a loopback write), so the floors say what this machine
 * charges for the same traffic. `--floor=none` leaves them out.
 */
import fs from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createDatabase, migrateAndSeed } from './national/database';
import { DEFAULT_MYSQL_URL } from './lib/config';
import { ServerChild } from './lib/ipc';
import { serverNodeFlags } from './lib/node-flags';
import { sleep } from './lib/stats';

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

const pick = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

const TICKETS = 300;

async function main(): Promise<void> {
  const root = path.resolve(option('root', path.join(__dirname, '..')));
  const runs = Number(option('runs', '2'));
  const warmup = Number(option('warmup', '3000'));
  const kiosk = option('kiosk', 'K1');
  const floors = option('floor', 'insert,batched')
    .split(',')
    .filter((f) => f && f !== 'none');
  const mysqlUrl = process.env.TEST_MYSQL_URL ?? DEFAULT_MYSQL_URL;
  const db = await createDatabase(mysqlUrl, 'navbat_kiosk');
  const plans = await migrateAndSeed(db.url, 10);
  const offices = plans.map((p) => p.code);
  const port = 18700 + Math.floor(Math.random() * 200);
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
      // The flags `npm start` runs the server with.
      ...serverNodeFlags(),
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
  const body: Record<string, string> =
    kiosk === 'none' ? { service: 'birth' } : { service: 'birth', kiosk };
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
    console.log(`answers of ${root} (MariaDB, ${TICKETS} tickets ${from} at 20/s over 10 offices)`);
    await measure(base, child.pid!, offices, body, runs, warmup);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await db.drop();
  }
  for (const mode of floors) {
    const floor = await ServerChild.start(floorScript(), [], {
      TEST_MYSQL_URL: mysqlUrl,
      FLOOR_ISSUE: mode,
    });
    try {
      console.log(`the floor, ${mode} (bench/floor-server.ts, the same load)`);
      await measure(floor.url, floor.pid, offices, { service: 'birth' }, runs, warmup);
    } finally {
      await floor.stop();
    }
  }
}

/**
 * `warmup` tickets at 200 a second, then a warm-up run and `runs` measured at 20 a second: answer
 * times, statuses and the server's CPU a ticket.
 */
async function measure(
  base: string,
  pid: number,
  offices: string[],
  body: Record<string, string>,
  runs: number,
  warmup: number,
): Promise<void> {
  if (warmup > 0) {
    const before = cpuMs(pid);
    const statuses = await send(base, offices, body, 'warm', warmup, 5, []);
    const cpu = (cpuMs(pid) - before) / warmup;
    console.log(
      `  ${warmup} tickets at 200/s first: CPU ${cpu.toFixed(2)} ms a ticket; ${JSON.stringify(statuses)}`,
    );
  }
  for (let run = 0; run <= runs; run++) {
    const times: number[] = [];
    const cpuBefore = cpuMs(pid);
    const sysBefore = cpuMs(pid, 'system');
    const statuses = await send(base, offices, body, `k${run}`, TICKETS, 50, times);
    const cpu = (cpuMs(pid) - cpuBefore) / TICKETS;
    const system = (cpuMs(pid, 'system') - sysBefore) / TICKETS;
    times.sort((a, b) => a - b);
    const figures = [0.5, 0.9, 0.99].map((p) => pick(times, p).toFixed(2)).join(' / ');
    console.log(
      `  ${run === 0 ? 'warm-up' : `run ${run}`}: p50 / p90 / p99 ${figures} ms; ` +
        `CPU ${cpu.toFixed(2)} ms a ticket (${system.toFixed(2)} in the kernel); ` +
        JSON.stringify(statuses),
    );
  }
}

/**
 * `count` tickets, one every `gapMs`, spread over the offices; each answer's time goes to `times`.
 * Answers the count of each status and print status.
 */
async function send(
  base: string,
  offices: string[],
  body: Record<string, string>,
  tag: string,
  count: number,
  gapMs: number,
  times: number[],
): Promise<Record<string, number>> {
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const wait = started + i * gapMs - performance.now();
    if (wait > 0) await sleep(wait);
    const sent = performance.now();
    pending.push(
      fetch(`${base}/api/offices/${offices[i % offices.length]!}/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `${tag}-${i}` },
        body: JSON.stringify(body),
      }).then(async (res) => {
        const answer = (await res.json()) as { print?: { status: string } };
        times.push(performance.now() - sent);
        const status = `${res.status} ${answer.print?.status ?? '-'}`;
        statuses[status] = (statuses[status] ?? 0) + 1;
      }),
    );
  }
  await Promise.all(pending);
  return statuses;
}

/** The built floor server: beside this file when built, else in this checkout's dist/. */
function floorScript(): string {
  const built = path.join(__dirname, 'floor-server.js');
  if (fs.existsSync(built)) return built;
  return path.join(__dirname, '..', 'dist', 'bench', 'floor-server.js');
}

/**
 * A process's CPU time so far, in ms (/proc, in clock ticks of 10 ms): user + system, or only the
 * system (kernel) part.
 */
function cpuMs(pid: number, part: 'all' | 'system' = 'all'): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat(5); here, after the name, at 11 and 12.
  const system = Number(fields[12]);
  return (part === 'system' ? system : Number(fields[11]) + system) * 10;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
