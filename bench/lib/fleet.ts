/** The main thread's handle on a socket-worker fleet. */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FleetMessage, FleetOptions } from '../socket-worker';

type Of<K extends FleetMessage['type']> = Extract<FleetMessage, { type: K }>;

export class SocketFleet {
  private constructor(
    private readonly worker: Worker,
    readonly connected: Of<'connected'>,
  ) {}

  static async connect(opts: FleetOptions): Promise<SocketFleet> {
    const worker = new Worker(path.join(__dirname, '..', 'socket-worker.js'), { workerData: opts });
    const connected = await new Promise<Of<'connected'>>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (m: FleetMessage) => {
        if (m.type === 'connected') resolve(m);
        else reject(new Error(`unexpected ${m.type}`));
      });
    });
    return new SocketFleet(worker, connected);
  }

  private ask<K extends FleetMessage['type']>(
    type: 'collect' | 'progress' | 'reset' | 'close',
    answer: K,
  ): Promise<Of<K>> {
    return new Promise((resolve) => {
      const on = (m: FleetMessage): void => {
        if (m.type !== answer) return;
        this.worker.off('message', on);
        resolve(m as Of<K>);
      };
      this.worker.on('message', on);
      this.worker.postMessage({ type });
    });
  }

  collect(): Promise<Of<'collected'>> {
    return this.ask('collect', 'collected');
  }

  async received(): Promise<number> {
    return (await this.ask('progress', 'progress')).received;
  }

  /** Forgets what was received so far. */
  async reset(): Promise<void> {
    await this.ask('reset', 'snapshots');
  }

  async close(): Promise<void> {
    await this.ask('close', 'closed');
    await this.worker.terminate();
  }
}
