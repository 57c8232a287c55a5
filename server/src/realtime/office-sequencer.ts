/**
 * Puts each office's committed changes back in `seq` order before they reach this node's sockets.
 * Commits finish out of order (two connections, two nodes): a later seq waits for the earlier one,
 * at most `holdMs`; then the missing ones are declared a gap, so clients resync once instead of
 * applying a later state first. A change that turns up after its turn is a gap too (clients that
 * moved past it would drop it).
 */
import type { QueueChange } from '../../protocol';

export interface OfficeSequencerOptions {
  /** Hands a run of consecutive changes of one office to the sockets. */
  deliver: (office: string, changes: QueueChange[]) => void;
  /** Tells the office's sockets that `seq` will not come in order: resync. */
  gap: (office: string, seq: number) => void;
  /** How long a later change waits for an earlier one. */
  holdMs: number;
  /** Told, per delivered change, when its command committed (publish lag). */
  delivered?: (committedAt: number) => void;
}

interface OfficeLine {
  /** Last seq delivered; undefined until the first change of the office reaches this node. */
  last: number | undefined;
  /**
   * The seq of the office's first snapshot on this node, when it came before any change: every
   * local socket's snapshot holds the changes up to it, so one of those arriving late is dropped,
   * not declared a gap.
   */
  seeded: number;
  held: Map<number, { change: QueueChange; at: number }>;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export class OfficeSequencer {
  private readonly lines = new Map<string, OfficeLine>();
  /** Gaps declared so far (a metric). */
  gaps = 0;

  constructor(private readonly options: OfficeSequencerOptions) {}

  /** Accepts changes of one office, in any order, from this node or another. */
  push(office: string, changes: readonly QueueChange[], committedAt = Date.now()): void {
    let line = this.lines.get(office);
    if (!line) {
      line = { last: undefined, seeded: -1, held: new Map(), timer: undefined };
      this.lines.set(office, line);
    }
    for (const change of changes) {
      if (line.last === undefined) line.last = change.seq - 1;
      if (change.seq <= line.seeded) continue;
      if (change.seq <= line.last) {
        // Its turn has passed (declared a gap, or a repeat): only a resync shows it safely.
        if (!line.held.has(change.seq)) this.declareGap(office, change.seq);
        continue;
      }
      line.held.set(change.seq, { change, at: committedAt });
    }
    this.drain(office, line);
  }

  /**
   * Tells where an office's line starts when a snapshot of it is built before any of its changes
   * reached this node. Without it the first change to arrive set the start: on two nodes that could
   * be seq n + 1 from this node just before seq n from the other, and n was then declared a gap.
   */
  seed(office: string, seq: number): void {
    const line = this.lines.get(office);
    if (!line) {
      this.lines.set(office, { last: seq, seeded: seq, held: new Map(), timer: undefined });
    } else if (line.last === line.seeded && line.held.size === 0 && seq < line.seeded) {
      // Two builds ran at once and the later read finished first: nothing went out yet, so the
      // line starts at the older snapshot, which sockets may hold too.
      line.last = line.seeded = seq;
    }
  }

  /** The last seq this node delivered for an office (undefined: none yet). */
  lastSeq(office: string): number | undefined {
    return this.lines.get(office)?.last;
  }

  /** Drops every timer (shutdown). */
  close(): void {
    for (const line of this.lines.values()) clearTimeout(line.timer);
    this.lines.clear();
  }

  private drain(office: string, line: OfficeLine): void {
    const run: QueueChange[] = [];
    for (let next = (line.last ?? 0) + 1; line.held.has(next); next++) {
      const { change, at } = line.held.get(next)!;
      run.push(change);
      this.options.delivered?.(at);
      line.held.delete(next);
      line.last = next;
    }
    if (run.length) this.options.deliver(office, run);
    if (line.held.size === 0) {
      clearTimeout(line.timer);
      line.timer = undefined;
    } else if (line.timer === undefined) {
      line.timer = setTimeout(() => this.skip(office, line), this.options.holdMs);
      line.timer.unref?.();
    }
  }

  /** The wait is over: what is missing is a gap, what is held goes out. */
  private skip(office: string, line: OfficeLine): void {
    line.timer = undefined;
    if (line.held.size === 0) return;
    const first = Math.min(...line.held.keys());
    this.declareGap(office, (line.last ?? first - 1) + 1);
    line.last = first - 1;
    this.drain(office, line);
  }

  private declareGap(office: string, seq: number): void {
    this.gaps++;
    this.options.gap(office, seq);
  }
}
