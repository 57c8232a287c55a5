/**
 * The printed marks of new jobs' first tries, written together. A kiosk ticket's paper is sent
 * within its request; the mark that it printed only has to be stored before any worker could take
 * the job again (its first retry time, 10 s after it was written; see print-queue.ts). Held for a
 * moment and written by one statement for every job printed meanwhile, the marks cost the
 * database one commit (a redo-log flush) a moment instead of one a ticket.
 *
 * A mark waits at most `afterMs`; `flush` writes what waits at once (a node stopping). A write
 * that fails keeps its marks for the next one. If the process dies before its marks are written,
 * their jobs are printed once more at their retry time: a second paper of the same ticket, never
 * a lost one.
 */
import type { Logger } from 'pino';
import type { PrintRepository } from '../../../db/repositories/print-repository';

/** A job that printed, and when. */
interface Mark {
  ticketId: string;
  at: Date;
}

/** Marks written by one statement at most (the rest wait for the next). */
const MAX_MARKS = 500;

export class PrintMarks {
  private readonly waiting = new Map<number, Mark>();
  private readonly tickets = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;

  constructor(
    private readonly repo: Pick<PrintRepository, 'markFirstTriesPrinted'>,
    private readonly logger: Logger,
    private readonly afterMs: number,
  ) {}

  /** Job `id` (of ticket `ticketId`) printed at `at`, on its first try; stored within `afterMs`. */
  add(id: number, ticketId: string, at: Date): void {
    this.waiting.set(id, { ticketId, at });
    this.tickets.add(ticketId);
    this.schedule();
  }

  /** Whether the ticket's paper printed and its mark waits to be written. */
  printed(ticketId: string): boolean {
    return this.tickets.has(ticketId);
  }

  /** Writes every waiting mark now (after a write already under way). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.writing) await this.writing;
    if (this.waiting.size === 0) return;
    this.writing = this.write().finally(() => (this.writing = undefined));
    await this.writing;
  }

  private async write(): Promise<void> {
    const batch = [...this.waiting].slice(0, MAX_MARKS);
    for (const [id] of batch) this.waiting.delete(id);
    try {
      await this.repo.markFirstTriesPrinted(batch.map(([id, m]) => ({ id, at: m.at })));
      for (const [, m] of batch) this.tickets.delete(m.ticketId);
    } catch (err) {
      // Kept for the next write; the jobs stay queued meanwhile (nothing prints them before
      // their retry time, seconds away).
      for (const [id, m] of batch) if (!this.waiting.has(id)) this.waiting.set(id, m);
      this.logger.warn({ err, marks: batch.length }, 'printed marks not written; trying again');
    }
    if (this.waiting.size) this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.afterMs);
    // A stopping node flushes (print-queue.ts `stop`); the timer alone keeps no process alive.
    this.timer.unref();
  }
}
