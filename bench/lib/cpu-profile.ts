/**
 * In-process V8 CPU profile (inspector) of a window, summarised: self time by package / project
 * file, and inclusive time of the project's own functions (who, among ours, the time is spent under).
 */
import inspector from 'node:inspector';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface CpuSummary {
  totalMs: number;
  byPackage: Array<{ name: string; ms: number }>;
  selfTop: Array<{ name: string; ms: number }>;
  inclusiveOurs: Array<{ name: string; ms: number }>;
}

export class CpuProfiler {
  private session: inspector.Session | undefined;

  private post<T>(method: string, params?: object): Promise<T> {
    return new Promise((resolve, reject) => {
      this.session!.post(method, params, (err, res) => (err ? reject(err) : resolve(res as T)));
    });
  }

  async start(): Promise<void> {
    this.session = new inspector.Session();
    this.session.connect();
    await this.post('Profiler.enable');
    await this.post('Profiler.setSamplingInterval', { interval: 500 });
    await this.post('Profiler.start');
  }

  async stop(root: string): Promise<CpuSummary> {
    const { profile } = await this.post<{ profile: Profile }>('Profiler.stop');
    this.session!.disconnect();
    this.session = undefined;
    return summarise(profile, root);
  }
}

function packageOf(url: string, fn: string, root: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native / V8)';
  if (url.startsWith('node:')) return '(node core)';
  const file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = file.slice(nm + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  return path.relative(root, file);
}

/** Self time by package and function, inclusive time of our functions, of one V8 profile. */
export function summarise(p: Profile, root: string): CpuSummary {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of p.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const pkg = new Map<string, number>();
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(p.samples[i]!);
    if (!node) continue;
    total += dt;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = packageOf(url, functionName, root);
    pkg.set(where, (pkg.get(where) ?? 0) + dt);
    const selfName = `${functionName || '(anonymous)'} ${where}${url ? `:${lineNumber + 1}` : ''}`;
    self.set(selfName, (self.get(selfName) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (!f.url || f.url.includes('/node_modules/') || f.url.startsWith('node:')) continue;
      const rel = packageOf(f.url, f.functionName, root);
      if (!rel.startsWith('dist/server') && !rel.startsWith('dist/db')) continue;
      const name = `${f.functionName || '(anonymous)'} (${rel.replace(/^dist\//, '').replace(/\.js$/, '.ts')})`;
      if (seen.has(name)) continue;
      seen.add(name);
      incl.set(name, (incl.get(name) ?? 0) + dt);
    }
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => ({ name, ms }));
  return {
    totalMs: total,
    byPackage: top(pkg, 12),
    selfTop: top(self, 15),
    inclusiveOurs: top(incl, 15),
  };
}
