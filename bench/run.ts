/**
 * Navbat benchmarks (backbone issue): `npm run bench [-- options]`.
 *
 *   --only=latency,callnext,rss,print   which benchmarks (default: these four; `soak` runs only when named)
 *   --db=sqlite,mysql             which databases (default: both; MariaDB at TEST_MYSQL_URL,
 *                                 default mysql://root@127.0.0.1:3306/test)
 *   --sockets=200 --rate=40 --duration=10     issue → display latency
 *   --think=0                                 call-next race: mean ms a counter pauses between tickets (0 = back to back)
 *   --counters=60 --tickets=600               call-next race (20 more tickets are first called by one
 *                                             counter alone: the uncontended figure)
 *   --sync-on-gap                             displays ask for queue:sync on a seq gap (like ui/queue-store.ts)
 *   --rss-sockets=1000 --rss-batch=50         idle displays for the RSS figure, connected N at a time
 *   --rounds=3                                latency: rounds of the floor then Navbat on each database, one
 *                                             after the other; each is compared by its median run (by p99)
 *   --no-floor                                skip the bare Express + Socket.IO + mysql2 floor
 *   --soak-events=20000 --soak-sample=2000    hall display soak (--only=soak): events sent to one display page
 *                                             in chromium, its JS heap sampled (after a GC) every N events
 *   --profile                                 afterwards, one more (uncounted) latency / call-next run per database
 *                                             with every SQL statement timed and a V8 CPU profile of the server
 * Every option can also be given as an environment variable: BENCH_ONLY, BENCH_DB, BENCH_SOCKETS, …
 *
 * Servers run in child processes (bench/server-entry.ts, bench/floor-server.ts); the load generator
 * runs here and the display sockets in a worker thread. Figures are printed with their targets;
 * nothing is asserted.
 */
import os from 'node:os';
import { execSync } from 'node:child_process';
import mysql from 'mysql2/promise';
import { ServerChild } from './lib/ipc';
import { DEFAULT_MYSQL_URL } from './lib/config';
import { heading, log, markdownTable, mb, ms, table } from './lib/stats';
import { runLatency, type LatencyResult } from './latency';
import type { ServerProfile } from './lib/types';
import { formatCpu } from './lib/procstat';
import { runCallNext, type CallNextResult } from './callnext';
import { runRss, type RssResult } from './rss';
import { runPrint, type PrintResult } from './print';
import { runDisplaySoak, type SoakResult } from './display-soak';

type Dialect = 'sqlite' | 'mysql';
type Bench = 'latency' | 'callnext' | 'rss' | 'print' | 'soak';

const TARGET_RATIO = 1.5;
const TARGET_CALL_NEXT_P99_MS = 20;
/** Issue #16: ≤ 150 MB RSS with 1,000 idle display sockets, ≤ 40 KB a socket. */
const TARGET_RSS_MB = 150;
const TARGET_KB_PER_SOCKET = 40;
const TARGET_PRINT_MS = 30;

interface Options {
  only: Bench[];
  dbs: Dialect[];
  sockets: number;
  rate: number;
  durationS: number;
  counters: number;
  tickets: number;
  thinkMs: number;
  rssSockets: number;
  rssBatch: number;
  soakEvents: number;
  soakSample: number;
  syncOnGap: boolean;
  floor: boolean;
  /** Latency: rounds of floor then Navbat; each compared by its median run. */
  rounds: number;
  profile: boolean;
}

/** A wrong command line: printed without a stack. */
class UsageError extends Error {}

function parseOptions(argv: string[]): Options {
  const args = new Map<string, string>();
  for (const a of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new UsageError(`unknown argument ${a} (see bench/run.ts)`);
    args.set(m[1]!, m[2] ?? 'true');
  }
  const get = (name: string): string | undefined =>
    args.get(name) ?? process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  const num = (name: string, def: number): number => {
    const v = get(name);
    if (v === undefined) return def;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number`);
    return n;
  };
  const list = <T extends string>(
    name: string,
    all: readonly T[],
    alias: Record<string, T>,
    defaults: readonly T[] = all,
  ): T[] => {
    const v = get(name);
    if (!v) return [...defaults];
    return v.split(',').map((x) => {
      const key = x.trim().toLowerCase();
      const hit = alias[key] ?? (all as readonly string[]).find((a) => a === key);
      if (!hit) throw new UsageError(`--${name}: unknown ${x} (one of ${all.join(', ')})`);
      return hit as T;
    });
  };
  const known = new Set([
    'only',
    'db',
    'sockets',
    'rate',
    'duration',
    'counters',
    'tickets',
    'think',
    'rss-sockets',
    'rss-batch',
    'soak-events',
    'soak-sample',
    'sync-on-gap',
    'no-floor',
    'profile',
    'rounds',
  ]);
  for (const k of args.keys())
    if (!known.has(k)) throw new UsageError(`unknown option --${k} (see bench/run.ts)`);
  return {
    only: list<Bench>(
      'only',
      ['latency', 'callnext', 'rss', 'print', 'soak'],
      { 'call-next': 'callnext', memory: 'rss', 'display-soak': 'soak' },
      ['latency', 'callnext', 'rss', 'print'],
    ),
    dbs: list<Dialect>('db', ['sqlite', 'mysql'], { mariadb: 'mysql' }),
    sockets: num('sockets', 200),
    rate: num('rate', 40),
    durationS: num('duration', 10),
    counters: num('counters', 60),
    tickets: num('tickets', 600),
    thinkMs: num('think', 0),
    rssSockets: num('rss-sockets', 1000),
    rssBatch: num('rss-batch', 50),
    soakEvents: num('soak-events', 20_000),
    soakSample: num('soak-sample', 2_000),
    syncOnGap: get('sync-on-gap') !== undefined,
    floor: get('no-floor') === undefined,
    rounds: num('rounds', 3),
    profile: get('profile') !== undefined,
  };
}

/** The commit benchmarked, and whether server/ or db/ had uncommitted changes. */
function revision(): string {
  try {
    const head = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    const dirty = execSync('git status --porcelain -- server db', {
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
    return dirty ? `${head} + uncommitted changes in server/ or db/` : head;
  } catch {
    return 'unknown';
  }
}

/** The run with the median p99 (the lower middle one of an even count). */
function medianRun(runs: LatencyResult[]): LatencyResult {
  const sorted = [...runs].sort((a, b) => a.delivery.p99 - b.delivery.p99);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

const dbName = (d: Dialect): string => (d === 'mysql' ? 'MariaDB' : 'SQLite');

async function mariadbVersion(url: string): Promise<string> {
  const conn = await mysql.createConnection({ uri: url, connectTimeout: 5000 });
  try {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    return String((rows as Array<{ v: string }>)[0]?.v ?? '?');
  } finally {
    await conn.end();
  }
}

async function withServer<T>(
  script: string,
  args: string[],
  fn: (s: ServerChild) => Promise<T>,
): Promise<T> {
  const server = await ServerChild.start(script, args);
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}

function printProfile(
  title: string,
  profile: ServerProfile | undefined,
  per: number,
  perWhat: string,
): void {
  if (!profile) return;
  const shapes = profile.sql;
  const wall = shapes.reduce((n, s) => n + s.wallMs, 0);
  const count = shapes.reduce((n, s) => n + s.count, 0);
  const rows = shapes.reduce((n, s) => n + s.rows, 0);
  log(
    `\n  SQL profile, ${title}: ${count} statements (${(count / per).toFixed(1)} per ${perWhat}), ` +
      `${rows} rows read (${(rows / per).toFixed(0)} per ${perWhat}); wall = pool wait + execution + building instances`,
  );
  log(
    table(
      [
        '  statement (literals → ?)',
        'count',
        `per ${perWhat}`,
        'rows each',
        'exec ms',
        'wall ms',
        'wall share',
        'max ms',
      ],
      shapes
        .slice(0, 16)
        .map((s) => [
          `  ${s.sql.length > 100 ? `${s.sql.slice(0, 97)}...` : s.sql}`,
          String(s.count),
          (s.count / per).toFixed(2),
          (s.rows / s.count).toFixed(0),
          s.execMs.toFixed(0),
          s.wallMs.toFixed(0),
          `${((s.wallMs / wall) * 100).toFixed(1)}%`,
          s.maxWallMs.toFixed(0),
        ]),
    ),
  );
  const c = profile.cpu;
  const pct = (v: number): string => `${((v / c.totalMs) * 100).toFixed(1)}%`;
  log(`\n  CPU profile of the server, ${title}: ${c.totalMs.toFixed(0)} ms sampled`);
  log(`  by package: ${c.byPackage.map((x) => `${x.name} ${pct(x.ms)}`).join(' · ')}`);
  log(
    table(
      ['  inclusive, server code', 'ms', 'share'],
      c.inclusiveOurs.map((x) => [`  ${x.name}`, x.ms.toFixed(0), pct(x.ms)]),
    ),
  );
  log(
    table(
      ['  self time, top functions', 'ms', 'share'],
      c.selfTop.map((x) => [`  ${x.name}`, x.ms.toFixed(0), pct(x.ms)]),
    ),
  );
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  process.env.TEST_MYSQL_URL ??= DEFAULT_MYSQL_URL;
  const mysqlUrl = process.env.TEST_MYSQL_URL;
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const needsMysql = o.dbs.includes('mysql') || (o.only.includes('latency') && o.floor);
  let mariadb = 'not used';
  if (needsMysql) {
    try {
      mariadb = `MariaDB ${await mariadbVersion(mysqlUrl)}`;
    } catch (err) {
      throw new Error(
        `MariaDB at ${mysqlUrl} does not answer (${(err as Error).message}); use --db=sqlite --no-floor`,
        { cause: err },
      );
    }
  }
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, ${mariadb}`;
  log(`Navbat benchmarks — ${command}`);
  const rev = revision();
  log(`Machine: ${machine}`);
  log(
    `Server revision: ${rev}; load average before the run ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} (the cores are shared with whatever else runs)`,
  );
  const startedAt = Date.now();

  const latency: LatencyResult[] = [];
  /** Every run behind a median run of the latency benchmark. */
  const runsOf = new Map<LatencyResult, LatencyResult[]>();
  const latencyRuns = (r: LatencyResult): LatencyResult[] => runsOf.get(r) ?? [r];
  let floor: LatencyResult | undefined;
  const floors: LatencyResult[] = [];
  const callNext: Array<CallNextResult & { dialect: Dialect }> = [];
  const rss: Array<RssResult & { dialect: Dialect }> = [];

  // ---- 1. issue → display latency ----
  if (o.only.includes('latency')) {
    heading(
      `1. Issue → display latency: ${o.sockets} display sockets, ${o.rate} tickets/s over HTTP for ${o.durationS} s` +
        (o.syncOnGap ? ' (displays send queue:sync on a seq gap)' : ''),
    );
    const lo = {
      sockets: o.sockets,
      rate: o.rate,
      durationS: o.durationS,
      profile: false,
      syncOnGap: o.syncOnGap,
    };
    // Rounds of floor then Navbat, one after the other, so that what else the cores do falls on
    // both alike; each is compared by its median run (by p99) over the rounds.
    const runs = new Map<Dialect, LatencyResult[]>(o.dbs.map((d) => [d, []]));
    for (let round = 1; round <= o.rounds; round++) {
      if (o.floor) {
        floors.push(
          await withServer('floor-server.js', [], (s) =>
            runLatency(`FLOOR run ${round} (Express + Socket.IO + mysql2)`, s, lo),
          ),
        );
      }
      for (const d of o.dbs) {
        runs
          .get(d)!
          .push(
            await withServer('server-entry.js', [d], (s) =>
              runLatency(`Navbat on ${dbName(d)} run ${round}`, s, lo),
            ),
          );
      }
    }
    floor = floors.length ? medianRun(floors) : undefined;
    for (const d of o.dbs) {
      const median = medianRun(runs.get(d)!);
      latency.push(median);
      runsOf.set(median, runs.get(d)!);
    }
    const allRuns = [...floors, ...o.dbs.flatMap((d) => runs.get(d)!)];
    const rows = allRuns.map((r) => [
      r.label,
      `${r.ok}/${r.sent}`,
      r.achievedRate.toFixed(1),
      `${ms(r.http.p50)} / ${ms(r.http.p99)}`,
      ms(r.delivery.p50),
      ms(r.delivery.p90),
      ms(r.delivery.p99),
      ms(r.delivery.max),
      String(r.missing),
      `${(r.server.elu * 100).toFixed(0)}% / ${(r.server.cpuShare * 100).toFixed(0)}%`,
      r.loadBefore.toFixed(2),
      floor && !floors.includes(r)
        ? `${(r.delivery.p99 / floor.delivery.p99).toFixed(2)}×${latency.includes(r) ? ' (median run)' : ''}`
        : r === floor
          ? 'floor (median run)'
          : '—',
    ]);
    log('');
    log(
      table(
        [
          'server',
          'tickets ok',
          'req/s',
          'HTTP p50/p99 ms',
          'p50 ms',
          'p90 ms',
          'p99 ms',
          'max ms',
          'missing',
          'server ELU/CPU',
          'load avg',
          `p99 vs floor (target ≤ ${TARGET_RATIO}×)`,
        ],
        rows,
      ),
    );
    log(
      `  Latency over every (ticket, display) pair: ${floor?.delivery.count ?? latency[0]?.delivery.count ?? 0} deliveries per run.`,
    );
    for (const r of allRuns) {
      const w = r.windows
        .map((x) => `${x.fromS}–${x.fromS + 2} s ${ms(x.p50)}/${ms(x.p99)}`)
        .join(' · ');
      const problems = [
        Object.keys(r.httpErrors).length ? `HTTP errors ${JSON.stringify(r.httpErrors)}` : '',
        r.seqGaps || r.seqDisorder ? `seq gaps ${r.seqGaps}, out of order ${r.seqDisorder}` : '',
        r.disconnects ? `${r.disconnects} disconnects` : '',
        r.syncs ? `${r.syncs} queue:sync requests` : '',
        r.connectFailed ? `${r.connectFailed} sockets failed to connect` : '',
      ].filter(Boolean);
      log(
        `  ${r.label} — p50/p99 ms by send time: ${w}${problems.length ? `; ${problems.join('; ')}` : ''}`,
      );
      const ins = r.server.insert;
      log(
        `    CPU during the load (of one core): ${formatCpu(r.cpu)}; server event loop busy ${(r.server.elu * 100).toFixed(0)}%` +
          (ins
            ? `; the floor's INSERT p50/p99/max ${ms(ins.p50)}/${ms(ins.p99)}/${ms(ins.max)} ms`
            : ''),
      );
    }
    if (o.profile) {
      for (const d of o.dbs) {
        const p = await withServer('server-entry.js', [d], (s) =>
          runLatency(`Navbat on ${dbName(d)} (profiled, not counted)`, s, { ...lo, profile: true }),
        );
        printProfile(`issuing on ${dbName(d)} during the latency load`, p.profile, p.ok, 'ticket');
      }
    }
  }

  // ---- 2. call-next race ----
  if (o.only.includes('callnext')) {
    heading(
      `2. Call-next with ${o.counters} counters racing over ${o.tickets} birth tickets` +
        (o.thinkMs ? ` (each pausing ~${o.thinkMs} ms between tickets)` : ' (back to back)'),
    );
    const order: Dialect[] = o.dbs.includes('mysql')
      ? ['mysql', ...o.dbs.filter((d) => d !== 'mysql')]
      : o.dbs;
    for (const d of order) {
      const r = await withServer('server-entry.js', [d], (s) =>
        runCallNext(`Navbat on ${dbName(d)}`, s, {
          counters: o.counters,
          tickets: o.tickets,
          solo: 20,
          profile: false,
          thinkMs: o.thinkMs,
        }),
      );
      callNext.push({ ...r, dialect: d });
    }
    log('');
    log(
      table(
        [
          'server',
          'counters',
          'issued',
          'called',
          'double calls',
          'counters that called (max each)',
          'null answers (premature)',
          'call-next p50/p99/max ms',
          'null answer p50/p99 ms',
          'complete p50/p99 ms',
          'calls/s',
          'after: by status',
          'server ELU/CPU',
          'target',
        ],
        callNext.map((r) => [
          r.label,
          String(r.counters),
          String(r.issued),
          String(r.called),
          String(r.duplicates),
          `${r.countersServing} (${r.maxPerCounter})`,
          `${r.nulls} (${r.prematureNulls})`,
          `${ms(r.callNext.p50)} / ${ms(r.callNext.p99)} / ${ms(r.callNext.max)}`,
          `${ms(r.nullCalls.p50)} / ${ms(r.nullCalls.p99)}`,
          `${ms(r.complete.p50)} / ${ms(r.complete.p99)}`,
          r.callsPerSecond.toFixed(0),
          Object.entries(r.finalCounts)
            .map(([k, v]) => `${k} ${v}`)
            .join(', '),
          `${(r.server.elu * 100).toFixed(0)}% / ${(r.server.cpuShare * 100).toFixed(0)}%`,
          r.dialect === 'mysql' ? `p99 ≤ ${TARGET_CALL_NEXT_P99_MS} ms` : 'reference',
        ]),
      ),
    );
    log(
      '  call-next latency: requests that returned a ticket. A null answer is premature when a later call-next still found a ticket; the counter then retries after 20 ms.',
    );
    for (const r of callNext) {
      if (Object.keys(r.errors).length) log(`  ${r.label}: errors ${JSON.stringify(r.errors)}`);
      log(
        `  ${r.label}: one counter alone first (20 tickets, not in the race): call-next p50/p99 ${ms(r.solo.callNext.p50)}/${ms(r.solo.callNext.p99)} ms, complete p50/p99 ${ms(r.solo.complete.p50)}/${ms(r.solo.complete.p99)} ms`,
      );
      log(
        `  ${r.label}: issuing ${r.issued + 20} tickets (8 in flight) took ${r.issueSeconds.toFixed(1)} s, HTTP p50/p99 ${ms(r.issueHttp.p50)}/${ms(r.issueHttp.p99)} ms; the race took ${r.seconds.toFixed(1)} s; CPU during the race: ${formatCpu(r.cpu)}`,
      );
    }
    if (o.profile) {
      for (const d of order) {
        const p = await withServer('server-entry.js', [d], (s) =>
          runCallNext(`Navbat on ${dbName(d)} (profiled, not counted)`, s, {
            counters: o.counters,
            tickets: o.tickets,
            solo: 20,
            profile: true,
            thinkMs: o.thinkMs,
          }),
        );
        printProfile(`call-next + complete on ${dbName(d)}`, p.profile, p.called, 'called ticket');
      }
    }
  }

  // ---- 3. RSS ----
  if (o.only.includes('rss')) {
    heading(
      `3. Server RSS with ${o.rssSockets} idle /display sockets (connected ${o.rssBatch} at a time)`,
    );
    for (const d of o.dbs) {
      const r = await withServer('server-entry.js', [d], (s) =>
        runRss(`Navbat on ${dbName(d)}`, s, o.rssSockets, o.rssBatch),
      );
      rss.push({ ...r, dialect: d });
    }
    log('');
    log(
      table(
        [
          'server',
          'sockets',
          'RSS before MB',
          'RSS after MB',
          'of which anon/file MB',
          'after a full GC MB',
          'peak MB',
          'KB per socket',
          'JS heap before/after MB',
          `target`,
        ],
        rss.map((r) => [
          r.label,
          `${r.sockets}${r.failed ? ` (+${r.failed} failed)` : ''}`,
          mb(r.before),
          mb(r.after),
          `${mb(r.anonAfter)} / ${mb(r.fileAfter)}`,
          mb(r.afterGc),
          mb(r.peak),
          r.perSocketKb.toFixed(1),
          `${mb(r.heapBefore)} / ${mb(r.heapAfter)}`,
          `≤ ${TARGET_RSS_MB} MB, ≤ ${TARGET_KB_PER_SOCKET} KB a socket`,
        ]),
      ),
    );
  }

  // ---- 4. ticket render time ----
  const prints: PrintResult[] = [];
  if (o.only.includes('print')) {
    heading('4. Ticket render: layout + ESC/POS (+ raster for Tajik lines), 80 mm, 500 runs');
    for (const which of ['tg', 'tg-fresh', 'ru'] as const) {
      const r = runPrint(which, 500);
      prints.push(r);
      log(
        `  ${r.label}: ${r.bytes} bytes; p50 ${ms(r.render.p50)} ms, p99 ${ms(r.render.p99)} ms, ` +
          `max ${ms(r.render.max)} ms; first call (loads the font) ${ms(r.first)} ms`,
      );
    }
  }

  // ---- 5. hall display soak ----
  let soak: SoakResult | undefined;
  if (o.only.includes('soak')) {
    heading(
      `5. Hall display soak: ${o.soakEvents} events to one display page in chromium (SQLite server; JS heap after a forced GC)`,
    );
    soak = await withServer('server-entry.js', ['sqlite'], (s) =>
      runDisplaySoak(s, { events: o.soakEvents, sampleEvery: o.soakSample }),
    );
    const a = soak.announcements;
    log(
      `  ${soak.events} events in ${soak.seconds.toFixed(0)} s (${(soak.events / soak.seconds).toFixed(0)}/s); ` +
        `the page's last ${a.played + a.dropped + a.other} announcements: ${a.played} played, ${a.dropped} skipped (more than 8 waiting), ${a.other} waiting or playing` +
        (Object.keys(soak.errors).length ? `; errors ${JSON.stringify(soak.errors)}` : ''),
    );
  }

  // ---- summary for the README ----
  heading('Summary (Markdown, for the README)');
  const yes = (ok: boolean): string => (ok ? 'yes' : '**no**');
  const rows: string[][] = [];
  const latTitle = `Issue → display latency, p50 / p99 / max (${o.sockets} displays, ${o.rate} tickets/s, ${o.durationS} s)`;
  if (floor) {
    rows.push([
      latTitle,
      `FLOOR: bare Express + Socket.IO + mysql2 (1 INSERT + broadcast), median of ${floors.length} runs`,
      `${ms(floor.delivery.p50)} / ${ms(floor.delivery.p99)} / ${ms(floor.delivery.max)} ms` +
        (floors.length > 1
          ? ` (p99 of the runs: ${floors.map((f) => ms(f.delivery.p99)).join(', ')} ms)`
          : ''),
      'reference',
      '—',
    ]);
  }
  for (const r of latency) {
    const ratio = floor ? r.delivery.p99 / floor.delivery.p99 : NaN;
    const others = latencyRuns(r);
    rows.push([
      latTitle,
      `${r.label.replace('Navbat on ', 'Navbat, ').replace(/ run \d+$/, '')}, median of ${others.length} runs`,
      `${ms(r.delivery.p50)} / ${ms(r.delivery.p99)} / ${ms(r.delivery.max)} ms${floor ? ` (p99 = ${ratio.toFixed(2)}× floor)` : ''}` +
        (others.length > 1
          ? ` (p99 of the runs: ${others.map((x) => ms(x.delivery.p99)).join(', ')} ms)`
          : '') +
        (r.missing ? `, ${r.missing} deliveries missing` : '') +
        (r.seqGaps || r.seqDisorder ? `, seq out of order: ${r.seqDisorder} events` : ''),
      `p99 ≤ ${TARGET_RATIO}× floor`,
      floor ? yes(ratio <= TARGET_RATIO && r.missing === 0) : '—',
    ]);
  }
  for (const r of callNext) {
    rows.push([
      'Call-next latency, p50 / p99, one counter alone (20 calls, ~600 waiting), for context',
      r.label.replace('Navbat on ', 'Navbat, '),
      `${ms(r.solo.callNext.p50)} / ${ms(r.solo.callNext.p99)} ms`,
      '—',
      '—',
    ]);
  }
  for (const r of callNext) {
    const mysqlRun = r.dialect === 'mysql';
    rows.push([
      `Call-next latency, p50 / p99 / max (${r.counters} counters racing, ${r.issued} tickets)`,
      r.label.replace('Navbat on ', 'Navbat, ') + (mysqlRun ? '' : ' (reference)'),
      `${ms(r.callNext.p50)} / ${ms(r.callNext.p99)} / ${ms(r.callNext.max)} ms; ${r.called}/${r.issued} called, ${r.duplicates} double calls, ${r.prematureNulls} premature null answers; ${r.countersServing} counters called (max ${r.maxPerCounter} each)`,
      mysqlRun ? `p99 ≤ ${TARGET_CALL_NEXT_P99_MS} ms, 0 double calls` : '0 double calls',
      mysqlRun
        ? yes(
            r.callNext.p99 <= TARGET_CALL_NEXT_P99_MS &&
              r.duplicates === 0 &&
              r.called === r.issued &&
              r.prematureNulls === 0,
          )
        : yes(r.duplicates === 0 && r.called === r.issued && r.prematureNulls === 0),
    ]);
  }
  for (const r of rss) {
    rows.push([
      `Server RSS with ${r.sockets} idle displays`,
      r.label.replace('Navbat on ', 'Navbat, '),
      `${mb(r.after)} MB (${mb(r.before)} MB before, +${r.perSocketKb.toFixed(0)} KB per socket; ${mb(r.afterGc)} MB after a full GC)`,
      `≤ ${TARGET_RSS_MB} MB, ≤ ${TARGET_KB_PER_SOCKET} KB a socket`,
      yes(r.after / 2 ** 20 <= TARGET_RSS_MB && r.perSocketKb <= TARGET_KB_PER_SOCKET),
    ]);
  }
  for (const r of prints) {
    rows.push([
      `Ticket render, p50 / p99 (${r.runs} runs, 80 mm)`,
      r.label,
      `${ms(r.render.p50)} / ${ms(r.render.p99)} ms, ${r.bytes} bytes`,
      `≤ ${TARGET_PRINT_MS} ms`,
      yes(r.render.p99 <= TARGET_PRINT_MS),
    ]);
  }
  if (soak) {
    const grew = soak.after.heapUsed - soak.before.heapUsed;
    rows.push([
      `Hall display page memory over ${soak.events} events (chromium, JS heap after GC)`,
      'Navbat, SQLite',
      `${mb(soak.before.heapUsed)} MB before → ${mb(soak.after.heapUsed)} MB after (${grew >= 0 ? '+' : ''}${mb(grew)} MB); DOM nodes ${soak.before.nodes} → ${soak.after.nodes}`,
      'flat',
      yes(grew < 2 * 2 ** 20 && soak.after.nodes <= soak.before.nodes * 1.2),
    ]);
  }
  log('');
  log(markdownTable(['Benchmark', 'Server', 'Measured', 'Target', 'Within target'], rows));
  log('');
  log(
    `Command: \`${command}\` — ${machine}; server revision ${rev}; total ${((Date.now() - startedAt) / 1000).toFixed(0)} s.`,
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof UsageError ? `bench: ${err.message}` : err);
    process.exit(1);
  },
);
