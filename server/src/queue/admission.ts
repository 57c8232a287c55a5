/**
 * Overload is refused early: each office has a bounded number of commands in flight on this node;
 * one more is answered at once with 503 `overloaded` and `Retry-After`, instead of queueing behind
 * the office's seq row until everything is late. Also what a graceful shutdown waits for.
 */
import { AppError } from '../errors';

/** Commands of one office in flight on one node, by default. */
const MAX_IN_FLIGHT_PER_OFFICE = 64;

export class CommandAdmission {
  private readonly perOffice = new Map<string, number>();
  private total = 0;
  private idleWaiters: Array<() => void> = [];
  /** Commands refused so far (a metric). */
  refused = 0;

  constructor(
    private readonly limit = MAX_IN_FLIGHT_PER_OFFICE,
    private readonly retryAfterSeconds = 1,
  ) {}

  /** Admits one command of `office` or throws `overloaded`; call the returned function when done. */
  enter(office: string): () => void {
    const now = this.perOffice.get(office) ?? 0;
    if (now >= this.limit) {
      this.refused++;
      throw new AppError('overloaded', `office ${office} has too many commands in progress`, {
        retryAfterSeconds: this.retryAfterSeconds,
      });
    }
    this.perOffice.set(office, now + 1);
    this.total++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const n = (this.perOffice.get(office) ?? 1) - 1;
      if (n === 0) this.perOffice.delete(office);
      else this.perOffice.set(office, n);
      this.total--;
      if (this.total === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const w of waiters) w();
      }
    };
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
