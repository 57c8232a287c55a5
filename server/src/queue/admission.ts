/**
 * Overload is refused early: each office has a bounded number of commands in flight on this node,
 * and once several are in flight, a new one is refused while the oldest of them has already waited
 * longer than a command should (the office's commands run one after another behind its seq row, so
 * that age is the wait a new one would join). A refusal is answered at once with 503 `overloaded`
 * and `Retry-After`, instead of queueing until everything is late. Also what a graceful shutdown
 * waits for.
 */
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
  maxInFlight: 16,
  maxWaitMs: 25,
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

  /**
   * Per office: slots taken at the door (see {@link atDoor}) whose command has not entered yet.
   * A count, not a context: Node 20's AsyncLocalStorage would put a hook on every promise of the
   * process (about a tenth of a kiosk ticket's CPU, bench/kiosk-answer.ts).
   */
  private readonly unclaimed = new Map<string, number>();

  /**
   * Admits one command of `office` or throws `overloaded`; call the returned function when done.
   * A slot taken at the door for this office and not yet claimed is claimed instead: the command
   * runs on it and the door gives it back.
   */
  enter(office: string): () => void {
    const credit = this.unclaimed.get(office) ?? 0;
    if (credit > 0) {
      this.setUnclaimed(office, credit - 1);
      return () => undefined;
    }
    return this.take(office);
  }

  /**
   * The HTTP door (before the request's body and session): takes a slot for `office` or throws
   * `overloaded`. The office's next command to {@link enter} runs on it, so the wait from the door
   * on is the command's wait, and a command let in at the door is not refused again. Usually that
   * command is the request's own; when another command of the office (a complete, a timer) enters
   * first it claims the slot, and the request's own command then takes one of its own: the office
   * never has more slots than commands and doors in flight. Call the returned function when the
   * response is done; it drops the door's claim if nobody made it.
   */
  atDoor(office: string): () => void {
    const leave = this.take(office);
    this.setUnclaimed(office, (this.unclaimed.get(office) ?? 0) + 1);
    return () => {
      const credit = this.unclaimed.get(office) ?? 0;
      if (credit > 0) this.setUnclaimed(office, credit - 1);
      leave();
    };
  }

  /**
   * Throws `overloaded` where {@link atDoor} would, without taking a slot: a request let in this
   * way takes its slot when its command enters (or is refused there).
   */
  assertRoom(office: string): void {
    const running = this.perOffice.get(office) ?? new Map<number, number>();
    const reason = this.refusal(running, this.clock());
    if (!reason) return;
    this.refused++;
    throw new AppError('overloaded', `office ${office} ${reason}`, {
      retryAfterSeconds: this.retryAfterSeconds,
    });
  }

  private setUnclaimed(office: string, n: number): void {
    if (n > 0) this.unclaimed.set(office, n);
    else this.unclaimed.delete(office);
  }

  private take(office: string): () => void {
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
