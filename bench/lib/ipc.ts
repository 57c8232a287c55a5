/**
 * Request/response over a forked child's IPC channel. The child answers `{id, ok, result | error}`
 * and announces itself once with `{type: 'ready', url, pid}`.
 */
import { serverNodeFlags } from './node-flags';
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface ReadyMessage {
  type: 'ready';
  url: string;
  pid: number;
  /** Free-form details (database URL, dialect). */
  info?: Record<string, unknown>;
}

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

export type Command = { cmd: string } & Record<string, unknown>;

/** A forked server process the benchmark drives. */
export class ServerChild {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  private exited = false;

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    readonly pid: number,
    readonly info: Record<string, unknown>,
  ) {
    child.on('message', (raw: unknown) => {
      const msg = raw as Partial<Reply>;
      if (typeof msg.id !== 'number') return;
      const waiter = this.pending.get(msg.id);
      if (!waiter) return;
      this.pending.delete(msg.id);
      if (msg.ok) waiter.resolve(msg.result);
      else waiter.reject(new Error(msg.error ?? 'child command failed'));
    });
    child.on('exit', () => {
      this.exited = true;
      for (const w of this.pending.values()) w.reject(new Error('server child exited'));
      this.pending.clear();
    });
  }

  /** Forks `script` (a path, or a compiled file next to this one's parent folder) and waits for its `ready`. */
  static async start(
    script: string,
    args: string[],
    env: NodeJS.ProcessEnv = {},
  ): Promise<ServerChild> {
    const file = path.isAbsolute(script) ? script : path.join(__dirname, '..', script);
    const child = fork(file, args, {
      env: { ...process.env, ...env },
      execArgv: ['--expose-gc', ...serverNodeFlags()],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const kill = (): void => {
      if (child.exitCode === null) child.kill('SIGKILL');
    };
    process.once('exit', kill);
    const ready = await new Promise<ReadyMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${script} did not start in 60 s`)), 60_000);
      child.on('message', (raw: unknown) => {
        const msg = raw as Partial<ReadyMessage>;
        if (msg.type === 'ready') {
          clearTimeout(timer);
          resolve(msg as ReadyMessage);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${script} exited with ${code} before it was ready`));
      });
    });
    return new ServerChild(child, ready.url, ready.pid, ready.info ?? {});
  }

  call<T = unknown>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    if (this.exited) return Promise.reject(new Error('server child exited'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, cmd, ...args });
    });
  }

  /** VmRSS (and VmHWM) of the child from /proc, in bytes. */
  memory(): { rss: number; hwm: number; anon: number; file: number } {
    const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const field = (name: string): number => {
      const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
      return m ? Number(m[1]) * 1024 : NaN;
    };
    return {
      rss: field('VmRSS'),
      hwm: field('VmHWM'),
      anon: field('RssAnon'),
      file: field('RssFile'),
    };
  }

  /** Asks the child to close its server (and drop its database), then waits for it to exit. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await Promise.race([this.call('close'), new Promise((r) => setTimeout(r, 15_000))]);
    } catch {
      // it may exit before answering
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

/** The child's side: answers commands with `handlers`, one at a time per message. */
export function serveCommands(
  handlers: Record<string, (msg: Record<string, unknown>) => unknown>,
): void {
  process.on('message', (raw: unknown) => {
    const msg = raw as { id: number; cmd: string } & Record<string, unknown>;
    const handler = handlers[msg.cmd];
    const reply = (r: Reply): void => {
      process.send?.(r);
    };
    if (!handler) {
      reply({ id: msg.id, ok: false, error: `unknown command ${msg.cmd}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(msg))
      .then(
        (result) => reply({ id: msg.id, ok: true, result }),
        (err: unknown) =>
          reply({
            id: msg.id,
            ok: false,
            error: err instanceof Error ? (err.stack ?? err.message) : String(err),
          }),
      );
  });
}

/** Load figures of the current process since `mark()`: event-loop utilisation and CPU. */
export function loadMeter(): {
  mark(): void;
  read(): { elu: number; cpuMs: number; wallMs: number; cpuShare: number };
} {
  let elu = performance.eventLoopUtilization();
  let cpu = process.cpuUsage();
  let at = performance.now();
  return {
    mark() {
      elu = performance.eventLoopUtilization();
      cpu = process.cpuUsage();
      at = performance.now();
    },
    read() {
      const e = performance.eventLoopUtilization(elu);
      const c = process.cpuUsage(cpu);
      const wallMs = performance.now() - at;
      const cpuMs = (c.user + c.system) / 1000;
      return { elu: e.utilization, cpuMs, wallMs, cpuShare: cpuMs / wallMs };
    },
  };
}
