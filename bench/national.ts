/**
 * The national deployment on one machine (issue #16): `npm run bench:national [-- options]`.
 *
 *   --seconds=60   how long tickets are issued in each phase
 *   --offices=70   offices seeded (each: 10 services, windows 1–6, kiosk K1, display D1, a clerk)
 *   --rate=20      tickets per second over all offices
 *   --front=18080  HAProxy's port; the nodes listen on the next two, its stats page on front + 9
 *   --writes       two more topology floors, issuing with a kiosk tap's writes (number, ticket,
 *                  key, audit row, print job, seq in a transaction; the printed mark after) one
 *                  round trip each as Navbat sends them, and all in one multi-statement round trip
 *   --profile      the nodes run with `--cpu-prof`; their profiles are summarised at the end
 *   --warmup=S     before the sockets connect, the topology (the floor's and Navbat's) serves the
 *                  same load at twice the rate for S seconds, unmeasured: a deployment's day, not
 *                  its first minute (at 20 tickets/s a fresh node is still compiling its hot path,
 *                  README "Benchmarks"). Default 0: the first minute, as the issue defines the run
 *
 * A fresh MariaDB database (`navbat_national`) is migrated as the server does and seeded. Phase 1,
 * the floor: bench/floor-server.ts (bare Express + Socket.IO + mysql2; no Redis adapter, so one
 * process, reached directly) with a display socket per office, under the same ticket rate. Phase 2,
 * the floor in the topology: two floor processes with Socket.IO's Redis adapter behind the same
 * HAProxy, with Navbat's 8 sockets an office, under the same ticket rate, with the same windows
 * calling next and completing (the floor's essential writes for them). Phase 3:
 * two built Navbat nodes (REDIS_URL, TRUST_PROXY=1) behind HAProxy (sticky cookie, health check on
 * /api/ready, `timeout tunnel 1h`), per office a display, a kiosk and six console sockets through
 * HAProxy, tickets issued and windows calling next + completing through HAProxy. Printed: issue →
 * display p50/p99 of both, double calls, seq gaps, sockets, HTTP errors, RSS, and the verdict.
 * Everything it started is stopped at the end, on failure and on Ctrl-C.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { DEFAULT_MYSQL_URL } from './lib/config';
import { ServerChild } from './lib/ipc';
import { heading, log, sleep } from './lib/stats';
import { summarise, type Profile } from './lib/cpu-profile';
import { PhaseCpu } from './national/cpu';
import {
  createDatabase,
  migrateAndSeed,
  statementsReceived,
  type OfficePlan,
} from './national/database';
import {
  HttpTally,
  issueTickets,
  loginClerks,
  officeAgents,
  Windows,
  type Issued,
} from './national/load';
import type { SocketReport, SocketSpec } from './national/socket-worker';
import { issueToDisplay, printResults, type PhaseResult } from './national/report';
import { fleetSockets, floorSockets, navbatSockets, SocketSet } from './national/sockets';
import {
  proxyStats,
  rssOf,
  startHaproxy,
  startNode,
  stopProc,
  Teardown,
  type Proc,
  type ProxyPorts,
} from './national/topology';

const DATABASE = 'navbat_national';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function option(name: string, fallback: number, least = Number.MIN_VALUE): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = Number(arg?.slice(name.length + 3) ?? fallback);
  if (!Number.isFinite(value) || value < least) throw new Error(`--${name}: ${value} is too small`);
  return value;
}

interface Run {
  seconds: number;
  /** `--warmup`: seconds of unmeasured load before the sockets connect (0: none). */
  warmup: number;
  rate: number;
  plans: OfficePlan[];
  databaseUrl: string;
  front: number;
  teardown: Teardown;
  /** `--profile`: where the nodes write their CPU profiles. */
  profileDir?: string;
}

/** A phase's figures from what it measured. */
function measured(
  label: string,
  m: {
    issued: Issued[];
    report: SocketReport;
    specs: SocketSpec[];
    tally: HttpTally;
    rss: PhaseResult['rss'];
    cpu: string;
    statements?: number;
  },
): PhaseResult {
  return {
    label,
    issued: m.issued.length,
    ...issueToDisplay(m.issued, m.report),
    sockets: m.report,
    plannedSockets: m.specs.length,
    tally: m.tally,
    rss: m.rss,
    cpu: m.cpu,
    statements: m.statements,
  };
}

/** HAProxy's view of the processes behind it: state, sessions, 5xx answers. */
async function logProxyStats(statsPort: number): Promise<void> {
  for (const s of await proxyStats(statsPort))
    log(`  HAProxy ${s.name}: ${s.status}, ${s.total} sessions, ${s.http5xx} × 5xx`);
}

/** Phase 1: the floor process, a display per office, the same rate of tickets. */
async function floorPhase(run: Run): Promise<PhaseResult> {
  heading(`Floor: 1 process (bare Express + Socket.IO + mysql2), ${run.seconds} s`);
  const floor = await ServerChild.start('floor-server.js', [], { TEST_MYSQL_URL: run.databaseUrl });
  run.teardown.add('floor', () => floor.stop());
  const idleRss = rssOf(floor.pid);
  const specs = floorSockets(run.plans);
  const sockets = await SocketSet.open({
    url: floor.url,
    sockets: specs,
    checkSeq: false,
    batch: 20,
  });
  run.teardown.add('floor sockets', () => sockets.close());
  log(`  ${sockets.connected.connected} display sockets on ${floor.url}`);
  const agents = officeAgents(run.plans);
  const tally = new HttpTally();
  const cpu = new PhaseCpu({ floor: floor.pid });
  const issued = await issueTickets({
    base: floor.url,
    plans: run.plans,
    agents,
    tally,
    perSecond: run.rate,
    seconds: run.seconds,
  });
  const cpuLine = cpu.read();
  await sleep(2_000);
  const report = await sockets.report();
  const rss = rssOf(floor.pid);
  await sockets.close();
  await floor.stop();
  for (const a of agents.values()) a.destroy();
  return measured('floor, 1 process direct', {
    ...{ issued, report, specs, tally, cpu: cpuLine },
    rss: [['floor', idleRss, rss]],
  });
}

/** The nodes' CPU profiles (whole life: start-up, connections and the load), summarised. */
function printProfiles(dir: string): void {
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Profile;
    const c = summarise(profile, path.join(__dirname, '..', '..'));
    const pct = (x: number) => `${((x / c.totalMs) * 100).toFixed(1)}%`;
    log(`\nCPU profile of ${file} (${(c.totalMs / 1000).toFixed(1)} s sampled, idle included)`);
    log(`  by package: ${c.byPackage.map((p) => `${p.name} ${pct(p.ms)}`).join(' · ')}`);
    log('  inclusive, server code:');
    for (const f of c.inclusiveOurs) log(`    ${pct(f.ms).padStart(6)}  ${f.name}`);
    log('  self time:');
    for (const f of c.selfTop) log(`    ${pct(f.ms).padStart(6)}  ${f.name}`);
  }
  log(`  (profiles kept in ${dir}; open them in Chrome's DevTools)`);
}

const METRICS_TOKEN = randomBytes(16).toString('hex');

/** Time at the window between call and complete: 2–6 s. */
const serviceMs = (): number => 2_000 + Math.random() * 4_000;

/** Where a node's memory is, from its own /metrics (V8 heap used / total, external, RSS). */
async function memoryOf(port: number): Promise<string> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    const text = await res.text();
    const value = (name: string) => {
      const m = new RegExp(`^navbat_${name} ([\\d.e+]+)$`, 'm').exec(text);
      return m ? `${(Number(m[1]) / 1024 / 1024).toFixed(1)} MB` : '?';
    };
    // Collections by kind over the node's life: how many, and the time the main thread spent in them.
    const gc = ['minor', 'major', 'incremental'].map((kind) => {
      const of = (part: string) =>
        new RegExp(
          `^navbat_nodejs_gc_duration_seconds_${part}\\{kind="${kind}"\\} ([\\d.e+-]+)$`,
          'm',
        ).exec(text)?.[1];
      const count = of('count');
      return `${kind} ${count ?? '?'} (${(Number(of('sum') ?? NaN) * 1000).toFixed(0)} ms)`;
    });
    return [
      `heap used ${value('nodejs_heap_size_used_bytes')} of ${value('nodejs_heap_size_total_bytes')}`,
      `external ${value('nodejs_external_memory_bytes')}`,
      `RSS ${value('process_resident_memory_bytes')}`,
      `GC ${gc.join(', ')}`,
    ].join(', ');
  } catch (err) {
    return `unread (${String(err)})`;
  }
}

/** The ports of a two-process topology: HAProxy's front, its stats page, the two processes. */
function topologyPorts(run: Run): ProxyPorts {
  return { front: run.front, stats: run.front + 9, nodes: [run.front + 1, run.front + 2] };
}

/** HAProxy in front of processes already listening on `ports.nodes`, its config in a temp dir. */
async function startProxy(run: Run, ports: ProxyPorts): Promise<{ proc: Proc; config: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbat-national-'));
  run.teardown.add('temp dir', () => fs.promises.rm(dir, { recursive: true, force: true }));
  return startHaproxy(dir, ports, run.teardown);
}

/**
 * Phase 2, the floor in Navbat's topology: two floor processes sharing their broadcasts through
 * Socket.IO's Redis adapter behind the same HAProxy, with the same 8 sockets an office (a
 * display, a kiosk, six consoles), the same ticket rate and the same windows calling next and
 * completing (the floor's essential writes for those: token lookup, SKIP LOCKED, update, audit
 * row, office seq; see bench/floor-server.ts): what this topology and this traffic cost any server.
 */
async function floorTopologyPhase(
  run: Run,
  writes: { mode: 'insert' | 'transaction' | 'batched'; label: string } = {
    mode: 'insert',
    label: 'floor in the topology',
  },
): Promise<PhaseResult> {
  heading(
    `${writes.label[0]!.toUpperCase()}${writes.label.slice(1)}: 2 floor processes + Redis adapter behind HAProxy, ${run.seconds} s`,
  );
  const ports = topologyPorts(run);
  const env = {
    TEST_MYSQL_URL: run.databaseUrl,
    FLOOR_REDIS_URL: REDIS_URL,
    FLOOR_REDIS_KEY: `navbat-floor-${randomBytes(4).toString('hex')}`,
    // Both processes on the same tables: a ticket issued through one is called through the other.
    FLOOR_TABLE: `bench_floor_${randomBytes(4).toString('hex')}`,
    FLOOR_ISSUE: writes.mode,
  };
  const floors = await Promise.all(
    ports.nodes.map(async (port, i) => {
      const child = await ServerChild.start('floor-server.js', [], {
        ...env,
        FLOOR_PORT: String(port),
      });
      run.teardown.add(`floor${i + 1}`, () => child.stop());
      return child;
    }),
  );
  const proxy = await startProxy(run, ports);
  const base = `http://127.0.0.1:${ports.front}`;
  const idleRss = floors.map((f) => rssOf(f.pid));
  const agents = officeAgents(run.plans);
  const tally = new HttpTally();
  const tokens = await loginClerks(base, run.plans, agents, tally);
  await warmUp(run, base, agents, tokens);
  const specs = fleetSockets(run.plans);
  const sockets = await SocketSet.open({ url: base, sockets: specs, checkSeq: false, batch: 20 });
  log(`  ${sockets.connected.connected} sockets through HAProxy on ${ports.front}`);
  const windows = new Windows(base, run.plans, tokens, tally, serviceMs);
  windows.start();
  const cpu = new PhaseCpu({
    floor1: floors[0]?.pid,
    floor2: floors[1]?.pid,
    haproxy: proxy.proc.pid,
  });
  const statementsBefore = await statementsReceived(run.databaseUrl);
  const issued = await issueTickets({
    ...{ base, plans: run.plans, agents, tally, perSecond: run.rate, seconds: run.seconds },
    onIssued: (t) => windows.add(t),
  });
  const cpuLine = cpu.read();
  await windows.finish();
  const statements = (await statementsReceived(run.databaseUrl)) - statementsBefore;
  await sleep(2_000);
  const report = await sockets.report();
  const rss = floors.map((f, i): [string, number, number] => [
    `floor${i + 1}`,
    idleRss[i]!,
    rssOf(f.pid),
  ]);
  await logProxyStats(ports.stats);
  // Navbat's phase takes the same ports next.
  await sockets.close();
  await stopProc(proxy.proc);
  await Promise.all(floors.map((f) => f.stop()));
  for (const a of agents.values()) a.destroy();
  return {
    ...measured(writes.label, { issued, report, specs, tally, rss, cpu: cpuLine, statements }),
    calls: windows.figures(),
  };
}

/** Starts the two nodes and HAProxy in front of them; answers the balancer's address. */
async function startTopology(run: Run): Promise<{ base: string; nodes: Proc[]; proxy: Proc }> {
  const env = {
    DATABASE_URL: run.databaseUrl,
    REDIS_URL,
    // One deployment per run on the shared Redis: its own channels and rate-limit keys.
    REDIS_KEY: `navbat-national-${randomBytes(4).toString('hex')}`,
    TRUST_PROXY: '1',
    // Every office's devices of the fleet come from this one machine's address.
    SOCKETS_PER_ADDRESS: '0',
    LOG_LEVEL: 'warn',
    METRICS_TOKEN,
  };
  const ports = topologyPorts(run);
  const nodes = await Promise.all(
    ports.nodes.map((port, i) =>
      startNode(`node${i + 1}`, port, env, run.teardown, run.profileDir),
    ),
  );
  const proxy = await startProxy(run, ports);
  log(`  nodes on ${ports.nodes.join(', ')}; HAProxy on ${ports.front} (${proxy.config})`);
  return { base: `http://127.0.0.1:${ports.front}`, nodes, proxy: proxy.proc };
}

/**
 * `--warmup`: the phase's load at twice its rate for `run.warmup` seconds, with the windows calling
 * and completing, before any socket connects and apart from every figure (its own tally).
 */
async function warmUp(
  run: Run,
  base: string,
  agents: ReturnType<typeof officeAgents>,
  tokens: Awaited<ReturnType<typeof loginClerks>>,
): Promise<void> {
  if (run.warmup <= 0) return;
  const tally = new HttpTally();
  const windows = new Windows(base, run.plans, tokens, tally, serviceMs);
  windows.start();
  const perSecond = run.rate * 2;
  const { plans, warmup: seconds } = run;
  const issued = await issueTickets({
    base,
    plans,
    agents,
    tally,
    perSecond,
    seconds,
    onIssued: (t) => windows.add(t),
  });
  await windows.finish();
  log(`  warmed: ${issued.length} tickets at ${perSecond}/s over ${seconds} s, unmeasured`);
}

/** Phase 3: Navbat, two nodes behind HAProxy, sockets and windows of every office. */
async function navbatPhase(run: Run): Promise<PhaseResult> {
  heading(`Navbat: 2 nodes + Redis adapter behind HAProxy, ${run.seconds} s`);
  const { base, nodes, proxy } = await startTopology(run);
  const idleRss = nodes.map((n) => rssOf(n.pid));
  const agents = officeAgents(run.plans);
  const tally = new HttpTally();
  const tokens = await loginClerks(base, run.plans, agents, tally);
  await warmUp(run, base, agents, tokens);
  const specs = navbatSockets(run.plans, tokens);
  const sockets = await SocketSet.open({ url: base, sockets: specs, checkSeq: true, batch: 20 });
  run.teardown.add('sockets', () => sockets.close());
  const c = sockets.connected;
  log(`  ${c.connected} sockets connected, ${c.failed} refused ${c.errors.join('; ')}`);
  const windows = new Windows(base, run.plans, tokens, tally, serviceMs);
  windows.start();
  const cpu = new PhaseCpu({ node1: nodes[0]?.pid, node2: nodes[1]?.pid, haproxy: proxy.pid });
  const statementsBefore = await statementsReceived(run.databaseUrl);
  const issued = await issueTickets({
    ...{ base, plans: run.plans, agents, tally, perSecond: run.rate, seconds: run.seconds },
    onIssued: (t) => windows.add(t),
  });
  const cpuLine = cpu.read();
  await windows.finish();
  const statements = (await statementsReceived(run.databaseUrl)) - statementsBefore;
  await sleep(2_000);
  const report = await sockets.report();
  for (const line of report.samples) log(`  seq: ${line}`);
  const rss = nodes.map((n, i): [string, number, number] => [n.name, idleRss[i]!, rssOf(n.pid)]);
  for (const [i, port] of [run.front + 1, run.front + 2].entries())
    log(`  node${i + 1} memory: ${await memoryOf(port)}`);
  for (const n of nodes) {
    const lines = [...n.warnings.entries()].map(([msg, count]) => `${msg} ×${count}`);
    log(`  ${n.name} warnings: ${lines.length ? lines.join(', ') : 'none'}`);
  }
  await logProxyStats(run.front + 9);
  for (const a of agents.values()) a.destroy();
  return {
    ...measured('Navbat', { issued, report, specs, tally, rss, cpu: cpuLine, statements }),
    calls: windows.figures(),
  };
}

async function main(teardown: Teardown): Promise<void> {
  const seconds = option('seconds', 60);
  const offices = option('offices', 70);
  const rate = option('rate', 20);
  const warmup = option('warmup', 0, 0);
  const front = option('front', 18080);
  const server = process.env.TEST_MYSQL_URL ?? DEFAULT_MYSQL_URL;
  heading(`National deployment: ${offices} offices, ${rate} tickets/s, ${seconds} s per phase`);
  const db = await createDatabase(server, DATABASE);
  teardown.add('database', () => db.drop());
  const started = Date.now();
  const plans = await migrateAndSeed(db.url, offices);
  log(`  ${db.name}: migrated and ${plans.length} offices seeded in ${Date.now() - started} ms`);
  const profileDir = process.argv.includes('--profile')
    ? fs.mkdtempSync(path.join(os.tmpdir(), 'navbat-national-prof-'))
    : undefined;
  const databaseUrl = db.url;
  const run: Run = { seconds, warmup, rate, plans, databaseUrl, front, teardown, profileDir };
  const floor = await floorPhase(run);
  const topologyFloor = await floorTopologyPhase(run);
  // --writes: what a kiosk tap's writes cost the floor, as Navbat sends them (a round trip each)
  // and as one multi-statement round trip; shown beside, the verdict stays against the floor.
  const writePhases = process.argv.includes('--writes')
    ? [
        await floorTopologyPhase(run, { mode: 'transaction', label: "floor + a tap's writes" }),
        await floorTopologyPhase(run, { mode: 'batched', label: "floor + a tap's writes, 1 trip" }),
      ]
    : [];
  const navbat = await navbatPhase(run);
  heading('Results');
  const command = `npm run bench:national${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  printResults([floor, ...writePhases, topologyFloor], navbat, command);
  if (profileDir) {
    await teardown.run(); // the nodes write their profiles as they exit
    printProfiles(profileDir);
  }
}

const teardown = new Teardown();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`\n${signal}: stopping everything`);
    void teardown.run().finally(() => process.exit(130));
  });
}
main(teardown).then(
  async () => {
    await teardown.run();
    process.exit(0);
  },
  async (err: unknown) => {
    console.error(err);
    await teardown.run();
    process.exit(1);
  },
);
