/** The main thread's handle on the national bench's socket worker (see socket-worker.ts). */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type {
  SocketReport,
  SocketSpec,
  SocketWorkerMessage,
  SocketWorkerOptions,
} from './socket-worker';
import type { OfficePlan } from './database';

type Connected = Extract<SocketWorkerMessage, { type: 'connected' }>;

export class SocketSet {
  private constructor(
    private readonly worker: Worker,
    /** How the connections went. */
    readonly connected: Connected,
  ) {}

  /** Starts the worker and waits until every socket connected or failed. */
  static async open(opts: SocketWorkerOptions): Promise<SocketSet> {
    const worker = new Worker(path.join(__dirname, 'socket-worker.js'), { workerData: opts });
    const connected = await new Promise<Connected>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (m: SocketWorkerMessage) => {
        if (m.type === 'connected') resolve(m);
        else reject(new Error(`unexpected ${m.type}`));
      });
    });
    return new SocketSet(worker, connected);
  }

  report(): Promise<SocketReport> {
    return new Promise((resolve) => {
      const on = (m: SocketWorkerMessage): void => {
        if (m.type !== 'report') return;
        this.worker.off('message', on);
        resolve(m.report);
      };
      this.worker.on('message', on);
      this.worker.postMessage({ type: 'report' });
    });
  }

  private closed = false;

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.worker.postMessage({ type: 'close' });
    await new Promise((r) => setTimeout(r, 200));
    await this.worker.terminate();
  }
}

/** Per office: a display, a kiosk and a console socket per window (with the clerk's token). */
export function navbatSockets(plans: OfficePlan[], tokens: Map<string, string>): SocketSpec[] {
  const specs: SocketSpec[] = [];
  for (const plan of plans) {
    const token = tokens.get(plan.code);
    if (!token) throw new Error(`no token for ${plan.code}`);
    specs.push({ office: plan.code, namespace: '/display', auth: { office: plan.code } });
    specs.push({ office: plan.code, namespace: '/kiosk', auth: { office: plan.code } });
    for (const counter of Object.keys(plan.counters)) {
      specs.push({
        office: plan.code,
        namespace: '/counter',
        auth: { office: plan.code, token, counter },
      });
    }
  }
  return specs;
}

/**
 * The floor in the topology: Navbat's fleet shape (a display, a kiosk, a console socket per window)
 * on the floor server, which broadcasts each ticket to all three namespaces.
 */
export function fleetSockets(plans: OfficePlan[]): SocketSpec[] {
  return plans.flatMap((plan): SocketSpec[] => [
    { office: plan.code, namespace: '/display', auth: { office: plan.code } },
    { office: plan.code, namespace: '/kiosk', auth: { office: plan.code } },
    ...Object.keys(plan.counters).map((counter): SocketSpec => ({
      office: plan.code,
      namespace: '/counter',
      auth: { office: plan.code, counter },
    })),
  ]);
}

/** The floor has displays only. */
export function floorSockets(plans: OfficePlan[]): SocketSpec[] {
  return plans.map((p) => ({ office: p.code, namespace: '/display', auth: { office: p.code } }));
}
