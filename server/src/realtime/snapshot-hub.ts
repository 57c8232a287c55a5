/**
 * One snapshot build per office and seq, shared by every socket that asks: a thousand displays
 * reconnecting, or one socket flooding `queue:sync`, cost one set of reads. A build is reused while
 * no later seq has been published on this node, nor held by the asking page, and it is younger
 * than `maxAgeMs` (print-job counts and estimates change without events).
 */
import type { QueueSnapshot } from '../../protocol';
import { toPublicSnapshot } from '../queue/snapshot';

interface Entry {
  /** The latest seq this node knew of when the build started. */
  knownAtStart: number;
  startedAt: number;
  /** The build's own seq, once it is done. */
  seq: number | undefined;
  staff: Promise<QueueSnapshot>;
  public: Promise<QueueSnapshot>;
}

export interface SnapshotHubOptions {
  /** Builds the staff snapshot of an office (the public one is derived from it). */
  build: (office: string) => Promise<QueueSnapshot>;
  /** The latest seq that went out to this node's sockets of an office: older builds are stale. */
  latestSeq: (office: string) => number | undefined;
  maxAgeMs: number;
  now: () => Date;
  /** Told each build's seq (the sequencer starts an office's line there). */
  built?: (office: string, seq: number) => void;
}

export class SnapshotHub {
  private readonly entries = new Map<string, Entry>();
  /** Builds started (a metric, and what the tests count). */
  builds = 0;

  constructor(private readonly options: SnapshotHubOptions) {}

  /**
   * The staff view (case numbers; a head of {@link STAFF_WAITING_HEAD} per service). `since`: the
   * seq the asking page already holds; a build older than it is not reused.
   */
  async staff(office: string, since?: number): Promise<QueueSnapshot> {
    return this.stamp(await this.entry(office, since).staff);
  }

  /** The view of `/display` and `/kiosk`: public DTOs, a short head per service. */
  async public(office: string, since?: number): Promise<QueueSnapshot> {
    return this.stamp(await this.entry(office, since).public);
  }

  /** The latest seq of `office` that went out to this node's sockets (-1: none yet). */
  latest(office: string): number {
    return this.options.latestSeq(office) ?? -1;
  }

  /** Forgets an office's build (its settings changed in a way no seq announces). */
  forget(office: string): void {
    this.entries.delete(office);
  }

  private entry(office: string, since = -1): Entry {
    // A page from another node may hold changes this node has yet to deliver: a new build reads
    // the database, which has them all.
    const known = Math.max(this.options.latestSeq(office) ?? -1, since);
    const now = this.options.now().getTime();
    const cached = this.entries.get(office);
    if (cached && now - cached.startedAt < this.options.maxAgeMs) {
      const current = cached.seq === undefined ? cached.knownAtStart : cached.seq;
      if (current >= known) return cached;
    }
    this.builds++;
    const staff = this.options.build(office);
    const entry: Entry = {
      knownAtStart: known,
      startedAt: now,
      seq: undefined,
      staff,
      public: staff.then(toPublicSnapshot),
    };
    entry.public.catch(() => undefined);
    staff.then(
      (snap) => {
        entry.seq = snap.seq;
        this.options.built?.(office, snap.seq);
      },
      () => {
        if (this.entries.get(office) === entry) this.entries.delete(office);
      },
    );
    this.entries.set(office, entry);
    return entry;
  }

  /** The same build, with the clock reading of this answer (pages set their clocks by it). */
  private stamp(snapshot: QueueSnapshot): QueueSnapshot {
    return { ...snapshot, serverTime: this.options.now().toISOString() };
  }
}
