/**
 * Who used the cores during a phase of the national bench: CPU of our processes (lib/procstat) and
 * of the whole machine from /proc/stat, so a figure taken while other work ran says so.
 */
import fs from 'node:fs';
import os from 'node:os';
import { CpuWindow, findDatabasePid, formatCpu } from '../lib/procstat';

/** Busy and total jiffies of all cores. */
function machineTicks(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

/** CPU over a window: ours per process, and the machine's in cores busy. */
export class PhaseCpu {
  private readonly ours: CpuWindow;
  private readonly machine = machineTicks();

  constructor(pids: Record<string, number | undefined>) {
    this.ours = new CpuWindow({ ...pids, mariadb: findDatabasePid(), bench: process.pid });
  }

  /** One line: per process share of a core, the machine's busy cores, the load average. */
  read(): string {
    const now = machineTicks();
    const cores = os.cpus().length;
    const busy = ((now.busy - this.machine.busy) / (now.total - this.machine.total)) * cores;
    const shares = formatCpu(this.ours.read());
    return `${shares}; machine ${busy.toFixed(2)} of ${cores} cores busy, load ${os.loadavg()[0]!.toFixed(1)}`;
  }
}
