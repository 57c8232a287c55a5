/**
 * Overload is refused early: each office has a bounded number of commands in flight on this node,
 * and once several are in flight, a new one is refused while the oldest of them has already waited
 * longer than a command should (the office's commands run one after another behind its seq row, so
 * that age is the wait a new one would join). A refusal is answered at once with 503 `overloaded`
 * and `Retry-After`, instead of queueing until everything is late. Also what a graceful shutdown
 * waits for.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from '../errors';

export interface AdmissionLimits {
  /** Commands of one office in flight on one node, at most. */
  maxInFlight: number;
  /** With at least `minInFlight` in flight, refuse while the oldest has run this long (ms). */
  maxWaitMs: number;
  /** Below this many in flight, a slow command alone never refuses the next. */
  minInFlight: number;
}

export const DEFAULT_ADMISSION: AdmissionLimits = {
  maxInFlight: 64,
  maxWaitMs: 50,
  minInFlight: 8,
};

export class CommandAdmission {
  /** Per office: the start times of its commands in flight, oldest first (Map keeps order). */
  private readonly perOffice = new Map<string, Map<number, number>>();
  private nextId = 1;
  private total = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly limits: AdmissionLimits;
  /** Commands refused so far (a metric). */
  refused = 0;

  constructor(
    limits: Partial<AdmissionLimits> | number = {},
    private readonly retryAfterSeconds = 1,
    private readonly clock: () => number = () => performance.now(),
  ) {
    const given = typeof limits === 'number' ? { maxInFlight: limits } : limits;
    this.limits = { ...DEFAULT_ADMISSION, ...given };
  }

  /** The offices whose slot the current request took at the door (see {@link atDoor}). */
  private readonly door = new AsyncLocalStorage<string>();

  /**
   * Admits one command of `office` or throws `overloaded`; call the returned function when done.
   * Inside {@link holding} for the same office the request already holds its slot: nothing to do.
   */
  enter(office: string): () => void {
    if (this.door.getStore() === office) return () => undefined;
    const running = this.perOffice.get(office) ?? new Map<number, number>();
    const now = this.clock();
    const reason = this.refusal(running, now);
    if (reason) {
      this.refused++;
      throw new AppError('overloaded', `office ${office} ${reason}`, {
        retryAfterSeconds: this.retryAfterSeconds,
      });
    }
    const id = this.nextId++;
    running.set(id, now);
    this.perOffice.set(office, running);
    this.total++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      running.delete(id);
      if (running.size === 0 && this.perOffice.get(office) === running)
        this.perOffice.delete(office);
      this.total--;
      if (this.total === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const w of waiters) w();
      }
    };
  }

  /**
   * Runs `next` as the command of `office` whose slot the caller took with {@link enter} (the HTTP
   * door, before the request's body and session): the command inside does not take a second one,
   * so the wait from the door on is the command's wait.
   */
  holding(office: string, next: () => void): void {
    this.door.run(office, next);
  }

  private refusal(running: Map<number, number>, now: number): string | undefined {
    const { maxInFlight, maxWaitMs, minInFlight } = this.limits;
    if (running.size >= maxInFlight) return 'has too many commands in progress';
    if (running.size < minInFlight) return undefined;
    const oldest = running.values().next().value;
    if (oldest !== undefined && now - oldest > maxWaitMs)
      return `is behind: a command in progress has waited over ${maxWaitMs} ms`;
    return undefined;
  }

  /** Commands in flight on this node. */
  get inFlight(): number {
    return this.total;
  }

  /** Resolves once no command is in flight. */
  idle(): Promise<void> {
    if (this.total === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
