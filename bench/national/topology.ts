/**
 * The processes of the national bench: Navbat nodes (the built server, `dist/server/src/main.js`)
 * and HAProxy in front of them (sticky cookie, health check on /api/ready, websocket tunnels).
 * Every child is registered with a `Teardown` so that a failure or Ctrl-C stops it too.
 */
import { serverNodeFlags } from '../lib/node-flags';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { log, sleep } from '../lib/stats';
import {
  HAPROXY,
  ensureHaproxy,
  haproxyConfig,
  proxyStats,
  serversUp,
  type ProxyPorts,
  type ServerStats,
} from '../../server/src/testing/haproxy';

export { proxyStats, type ProxyPorts, type ServerStats };

const ROOT = path.join(__dirname, '..', '..', '..');

/** Cleanup steps, run last-in first-out, once. */
export class Teardown {
  private readonly steps: Array<{ name: string; run: () => Promise<void> }> = [];
  private running: Promise<void> | undefined;

  add(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.run();
        } catch (err) {
          log(`  teardown ${step.name}: ${(err as Error).message}`);
        }
      }
    })();
    return this.running;
  }
}

/** A started child process. */
export interface Proc {
  name: string;
  child: ChildProcess;
  pid: number;
  /** Log lines at warn level or above (pino JSON on stdout), counted by message. */
  warnings: Map<string, number>;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export function stopProc(proc: Proc, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) return resolve();
    const timer = setTimeout(() => proc.child.kill('SIGKILL'), graceMs);
    proc.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    proc.child.kill('SIGTERM');
  });
}

/** Spawns a child and registers its stop; a last-resort SIGKILL if this process exits first. */
function spawnProc(
  name: string,
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  teardown: Teardown,
): Proc {
  const child = spawn(file, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  const proc = { name, child, pid: child.pid, warnings: new Map<string, number>() };
  process.once('exit', () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  teardown.add(name, () => stopProc(proc));
  return proc;
}

/** Waits for `pattern` on the child's stdout; keeps the output for the error message. */
function waitForOutput(proc: Proc, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`${proc.name} not up in ${timeoutMs} ms: ${out.slice(-800)}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.child.stdout?.on('data', onData);
    proc.child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${proc.name} exited with ${code}: ${out.slice(-800)}`));
    });
  });
}

/** Passes on what a child writes to stderr (warnings, crashes), prefixed with its name. */
function forwardErrors(proc: Proc): void {
  proc.child.stderr?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n'))
      if (line.trim()) process.stderr.write(`[${proc.name}] ${line}\n`);
  });
}

/** Counts the node's warnings (event gaps, refused commands) by message. */
function countWarnings(proc: Proc): void {
  let rest = '';
  proc.child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string };
        if ((entry.level ?? 0) < 40) continue;
        const msg = entry.msg ?? '?';
        proc.warnings.set(msg, (proc.warnings.get(msg) ?? 0) + 1);
      } catch {
        // not a log line
      }
    }
  });
}

/**
 * Starts one Navbat node on `port` and waits for its banner. `profileDir`: the node writes a V8 CPU
 * profile of its whole life there when it exits (`--cpu-prof`).
 */
export async function startNode(
  name: string,
  port: number,
  env: Record<string, string>,
  teardown: Teardown,
  profileDir?: string,
): Promise<Proc> {
  const main = path.join(ROOT, 'dist', 'server', 'src', 'main.js');
  const profile = profileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.cpuprofile`]
    : [];
  const proc = spawnProc(
    name,
    process.execPath,
    [...serverNodeFlags(), ...profile, main],
    { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', DEMO: '0' },
    teardown,
  );
  countWarnings(proc);
  forwardErrors(proc);
  await waitForOutput(proc, /running on http/, 60_000);
  return proc;
}

/** Writes the config to `dir`, runs `haproxy -f cfg -db` and waits until both nodes are UP. */
export async function startHaproxy(
  dir: string,
  ports: ProxyPorts,
  teardown: Teardown,
): Promise<{ proc: Proc; config: string }> {
  ensureHaproxy(log);
  const config = path.join(dir, 'haproxy.cfg');
  fs.writeFileSync(config, haproxyConfig(ports));
  const proc = spawnProc('haproxy', HAPROXY, ['-f', config, '-db'], process.env, teardown);
  forwardErrors(proc);
  proc.child.stdout?.resume();
  const deadline = Date.now() + 20_000;
  for (;;) {
    const up = await serversUp(ports.stats).catch(() => 0);
    if (up === ports.nodes.length) return { proc, config };
    if (proc.child.exitCode !== null) throw new Error(`haproxy exited with ${proc.child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`haproxy: ${up} of ${ports.nodes.length} nodes UP`);
    await sleep(250);
  }
}

/** VmRSS of `pid` in bytes (NaN when it is gone). */
export function rssOf(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
  } catch {
    return NaN;
  }
}
