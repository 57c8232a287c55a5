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
  /** Changes waiting for an earlier seq: when each committed (`at`) and reached this node. */
  held: Map<number, { change: QueueChange; at: number; arrived: number }>;
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
      line.held.set(change.seq, { change, at: committedAt, arrived: Date.now() });
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

  /**
   * Delivers the held changes that follow the last one delivered, in order; up to `through`, the
   * missing ones are passed over (a wait ran out: they were declared a gap).
   */
  private drain(office: string, line: OfficeLine, through = -Infinity): void {
    const run: QueueChange[] = [];
    for (let next = (line.last ?? 0) + 1; next <= through || line.held.has(next); next++) {
      line.last = next;
      const held = line.held.get(next);
      if (!held) continue;
      run.push(held.change);
      this.options.delivered?.(held.at);
      line.held.delete(next);
    }
    if (run.length) this.options.deliver(office, run);
    if (line.held.size === 0) {
      clearTimeout(line.timer);
      line.timer = undefined;
    } else if (line.timer === undefined) {
      // Until the oldest held change has waited its time.
      const oldest = Math.min(...[...line.held.values()].map((h) => h.arrived));
      const wait = Math.max(0, oldest + this.options.holdMs - Date.now());
      line.timer = setTimeout(() => this.skip(office, line), wait);
      line.timer.unref?.();
    }
  }

  /**
   * The wait is over for every change held `holdMs` or longer: what is missing before them is a
   * gap, declared once (one resync of the clients covers every missing change), and they go out in
   * order; younger ones wait on. Skipping one missing seq per wait, as before 2026-12-07, left a
   * node that had missed many (Redis away for seconds while both nodes committed) a second behind
   * per missed seq long after Redis was back, declaring a gap every second.
   */
  private skip(office: string, line: OfficeLine): void {
    line.timer = undefined;
    if (line.held.size === 0) return;
    const due = Date.now() - this.options.holdMs;
    const waited = [...line.held].filter(([, h]) => h.arrived <= due).map(([seq]) => seq);
    const first = Math.min(...line.held.keys());
    // The timer fires when the oldest is due; should it fire early, that one goes out.
    const upTo = waited.length > 0 ? Math.max(...waited) : first;
    this.declareGap(office, (line.last ?? first - 1) + 1);
    this.drain(office, line, upTo);
  }

  private declareGap(office: string, seq: number): void {
    this.gaps++;
    this.options.gap(office, seq);
  }
}
