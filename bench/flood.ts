/**
 * One abusive socket beside normal traffic: `npx tsx bench/flood.ts [--db=sqlite,mysql]
 * [--rate=800] [--duration=10]`. The product's own entry point runs as a child process on a fresh
 * database (demo office); normal traffic is a display listening, 5 tickets issued per second and
 * `/api/health` asked every 20 ms. Phases: 5 s before (the floor, measured in the same run), the
 * flood (one `/display` socket sending `queue:sync` with an ack at `rate` per second, reconnecting
 * whenever it is cut off), 5 s after. Printed per phase: health p50/p99, the server's RSS, and from
 * `/metrics` the snapshot builds and the sockets dropped. Targets (issue #15): health p99 ≤ 50 ms and
 * RSS growth ≤ 50 MB during and after.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import mysql from 'mysql2/promise';
import { DEFAULT_MYSQL_URL } from './lib/config';

const ROOT = path.join(__dirname, '..');
const TOKEN = randomBytes(8).toString('hex');

function arg(name: string, def: string): string {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : def;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function scrape(url: string, name: string): Promise<number> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  const m = new RegExp(`^${name} (\\d+)`, 'm').exec(await res.text());
  return Number(m?.[1] ?? NaN);
}

async function database(dialect: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbat-flood-'));
    return {
      url: `sqlite:${path.join(dir, 'flood.sqlite')}`,
      drop: () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })),
    };
  }
  const server = process.env.TEST_MYSQL_URL ?? DEFAULT_MYSQL_URL;
  const name = `navbat_flood_${randomBytes(3).toString('hex')}`;
  const admin = await mysql.createConnection(server);
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4`);
  await admin.end();
  const u = new URL(server);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const again = await mysql.createConnection(server);
      await again.query(`DROP DATABASE IF EXISTS ${name}`);
      await again.end();
    },
  };
}

async function run(dialect: string, rate: number, durationS: number): Promise<string[][]> {
  const db = await database(dialect);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO: '1',
      LOG_LEVEL: 'error',
      BCRYPT_ROUNDS: '4',
      METRICS_TOKEN: TOKEN,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /running on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1].replace('localhost', '127.0.0.1'));
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  const pid = child.pid!;
  const rows: string[][] = [];
  const display = io(`${url}/display`, { auth: { office: 'kulob' }, transports: ['websocket'] });
  let phase = 'before';
  const health = new Map<string, number[]>();
  const rss = new Map<string, number>();
  let running = true;
  const healthLoop = (async () => {
    while (running) {
      const t0 = performance.now();
      await fetch(`${url}/api/health`).then((r) => r.arrayBuffer());
      const list = health.get(phase) ?? [];
      list.push(performance.now() - t0);
      health.set(phase, list);
      rss.set(phase, Math.max(rss.get(phase) ?? 0, rssMb(pid)));
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const issueTimer = setInterval(() => {
    void fetch(`${url}/api/offices/kulob/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'birth' }),
    }).catch(() => undefined);
  }, 200);
  const wait = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
  const baseRss = rssMb(pid);
  await wait(5);
  const buildsBefore = await scrape(url, 'navbat_snapshot_builds_total');
  phase = 'flood';
  let attacker: Socket = io(`${url}/display`, {
    auth: { office: 'kulob' },
    transports: ['websocket'],
    reconnection: false,
  });
  let sent = 0;
  let acked = 0;
  const perTick = Math.max(1, Math.round(rate / 100));
  const flood = setInterval(() => {
    if (!attacker.connected) {
      if (!attacker.active) {
        attacker = io(`${url}/display`, {
          auth: { office: 'kulob' },
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
        });
      }
      return;
    }
    for (let i = 0; i < perTick; i++) {
      sent++;
      attacker.emit('queue:sync', () => acked++);
    }
  }, 10);
  await wait(durationS);
  clearInterval(flood);
  attacker.close();
  const builds = (await scrape(url, 'navbat_snapshot_builds_total')) - buildsBefore;
  const dropped = await scrape(url, 'navbat_sockets_dropped_total');
  phase = 'after';
  await wait(5);
  running = false;
  clearInterval(issueTimer);
  await healthLoop;
  display.close();
  for (const p of ['before', 'flood', 'after']) {
    const h = health.get(p) ?? [];
    rows.push([
      dialect,
      p === 'before'
        ? 'before (floor)'
        : p === 'flood'
          ? `flood ${rate}/s × ${durationS} s`
          : 'after 5 s',
      `${pct(h, 50).toFixed(1)} / ${pct(h, 99).toFixed(1)} ms`,
      `${baseRss.toFixed(0)} → ${(rss.get(p) ?? NaN).toFixed(0)} MB (+${((rss.get(p) ?? 0) - baseRss).toFixed(0)})`,
      p === 'flood' ? `${sent} sent, ${acked} answered, ${dropped} cuts, ${builds} builds` : '',
    ]);
  }
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await db.drop();
  return rows;
}

async function main(): Promise<void> {
  const dbs = arg('db', 'sqlite,mysql').split(',');
  const rate = Number(arg('rate', '800'));
  const duration = Number(arg('duration', '10'));
  const rows: string[][] = [];
  for (const db of dbs) rows.push(...(await run(db, rate, duration)));
  const header = ['database', 'phase', 'health p50 / p99', 'server RSS (peak)', 'flood'];
  process.stdout.write(
    [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n') + '\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
