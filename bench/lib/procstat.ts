/** CPU time of processes from /proc (Linux), to tell who used the cores during a run. */
import fs from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** user + system CPU milliseconds of `pid`, or NaN. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at ") ".
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) * TICK_MS;
  } catch {
    return NaN;
  }
}

/** The pid of the local MariaDB/MySQL server, when it runs on this machine. */
export function findDatabasePid(): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm === 'mariadbd' || comm === 'mysqld') return Number(entry);
    } catch {
      // gone
    }
  }
  return undefined;
}

/** Measures CPU shares (of one core, 1.0 = 100 %) of several processes over a window. */
export class CpuWindow {
  private readonly start = new Map<string, number>();
  private readonly startedAt = performance.now();

  constructor(private readonly pids: Record<string, number | undefined>) {
    for (const [name, pid] of Object.entries(pids)) if (pid) this.start.set(name, cpuMsOf(pid));
  }

  /** Share of a core per process since construction. */
  read(): Record<string, number> {
    const wall = performance.now() - this.startedAt;
    const out: Record<string, number> = {};
    for (const [name, pid] of Object.entries(this.pids)) {
      const s = this.start.get(name);
      if (!pid || s === undefined) continue;
      out[name] = (cpuMsOf(pid) - s) / wall;
    }
    return out;
  }
}

export function formatCpu(shares: Record<string, number>): string {
  return Object.entries(shares)
    .map(([k, v]) => `${k} ${Number.isFinite(v) ? (v * 100).toFixed(0) : '?'}%`)
    .join(', ');
}
