/**
 * The persistent print queue: a job is written with its ticket (same transaction), tried once at
 * once, then retried by a worker on every node until it prints or is given up. A node claims a job
 * before sending it, so two nodes never send one job at the same time.
 */
import type { Transaction } from 'sequelize';
import type { Logger } from 'pino';
import type { Database } from '../../../db/database';
import { PrintRepository, type PrintJobRecord } from '../../../db/repositories/print-repository';
import type { StaffTicket } from '../../protocol';
import { PrintMarks } from './print-marks';

/**
 * How long a new job is the issuing request's alone before a worker may take it (a failed first
 * try sets its own retry time, 1 s on; only a job whose request never tried waits this long).
 */
const FIRST_TRY_MS = 10_000;

/**
 * How much of that moment must be left, beyond its send timeout, for the issuing request to send
 * without a claim: time to record the outcome before any worker could take the job (a claim gave
 * as much). A request that comes later, on a stalled process, claims the job as a worker would.
 */
const UNCLAIMED_MARGIN_MS = 5_000;

/** A job just written with its ticket, as written: the issuing request's first try needs no read. */
export interface NewPrintJob {
  id: number;
  job: PrintJobRecord;
  /**
   * The ticket as its issuing command rendered it, moments ago: the first try prints that instead
   * of reading the ticket again (a retry reads it: people ahead change while it waits).
   */
  ticket?: StaffTicket;
}

/** What the kiosk is told about its ticket's paper. */
export type PrintStatus = 'queued' | 'printed' | 'failed' | 'none';

/** Sends one job to its printer; rejects with a readable reason when the printer does not take it. */
export type SendJob = (
  job: PrintJobRecord,
  timeoutMs: number,
  /** The ticket as just issued (the first try within the issuing request). */
  ticket?: StaffTicket,
) => Promise<void>;

export interface PrintQueueOptions {
  db: Database;
  send: SendJob;
  logger: Logger;
  now?: () => Date;
  /** How often the worker looks for due jobs (the contract: at least every 10 s). */
  pollMs?: number;
  /** How long one send may take before it counts as failed. */
  sendTimeoutMs?: number;
  /** After this long without printing, a job is given up (the citizen has long left the kiosk). */
  giveUpAfterMs?: number;
  /** Told what a kiosk's printer just did: a job printed (online) or a send failed (offline). */
  onStatus?: (officeCode: string, kiosk: string, status: 'online' | 'offline') => Promise<void>;
  /** Checks every printer's state (the worker calls it every `probeEveryMs`). */
  probe?: () => Promise<void>;
  probeEveryMs?: number;
  /**
   * How long the mark of a new job printed on its first try may wait to be written with others
   * (print-marks.ts); 0: written by the request, before it answers. Well inside FIRST_TRY_MS.
   */
  markAfterMs?: number;
}

export class PrintQueue {
  private readonly repo: PrintRepository;
  private readonly now: () => Date;
  private readonly pollMs: number;
  private readonly sendTimeoutMs: number;
  private readonly giveUpAfterMs: number;
  private timer: NodeJS.Timeout | undefined;
  private lastProbe = 0;
  private running: Promise<void> | undefined;
  private readonly marks: PrintMarks | undefined;

  constructor(private readonly options: PrintQueueOptions) {
    this.repo = new PrintRepository(options.db);
    const markAfterMs = Math.min(options.markAfterMs ?? 1_000, FIRST_TRY_MS / 5);
    this.marks =
      markAfterMs > 0 ? new PrintMarks(this.repo, options.logger, markAfterMs) : undefined;
    this.now = options.now ?? (() => new Date());
    this.pollMs = options.pollMs ?? 5_000;
    this.sendTimeoutMs = options.sendTimeoutMs ?? 5_000;
    this.giveUpAfterMs = options.giveUpAfterMs ?? 15 * 60_000;
  }

  /**
   * Writes a job inside the caller's transaction (the ticket's own). On MySQL/MariaDB the write
   * travels with the transaction's next statement: `job` settles then (await it after the commit).
   */
  async enqueue(
    job: {
      officeCode: string;
      ticketId: string;
      deviceCode: string;
      printerUrl: string;
      payload: unknown;
    },
    t: Transaction,
  ): Promise<{ job: Promise<NewPrintJob> }> {
    // The worker leaves a new job to the issuing request's own try (`printNow`) for a moment, so
    // the kiosk hears "printed" or "failed", not "queued" because a worker tick took it first.
    const now = this.now();
    const firstRetryAt = new Date(now.getTime() + FIRST_TRY_MS);
    const inserted = await this.repo.insert(job, now, firstRetryAt, t);
    const written = inserted.id.then((id): NewPrintJob => ({
      id,
      job: {
        ...job,
        id,
        status: 'queued',
        attempts: 0,
        nextAttemptAt: firstRetryAt,
        lastError: null,
        createdAt: now,
        printedAt: null,
      },
    }));
    written.catch(() => undefined);
    return { job: written };
  }

  /**
   * Tries a new job once, right after its ticket committed; answers what the kiosk should say.
   * No worker claims a job before its first retry time, so while enough of that moment is left
   * the request sends the job as it wrote it, without a claim (a transaction of four round trips
   * saved), and its mark counts the try; later it claims the job as a worker would.
   */
  async printNow(first: NewPrintJob, timeoutMs = 2_000): Promise<PrintStatus> {
    const left = first.job.nextAttemptAt.getTime() - this.now().getTime();
    if (left > timeoutMs + UNCLAIMED_MARGIN_MS) {
      const job = { ...first.job, attempts: first.job.attempts + 1 };
      return this.attempt(job, timeoutMs, { unclaimed: true, ticket: first.ticket });
    }
    const [job] = await this.claim(first.id);
    if (!job) return 'queued';
    return this.attempt(job, timeoutMs, { ticket: first.ticket });
  }

  /** What became of a ticket's paper (for a repeated issue request). */
  async statusOf(ticketId: string): Promise<PrintStatus> {
    if (this.marks?.printed(ticketId)) return 'printed';
    const job = await this.repo.findByTicket(ticketId);
    return job ? job.status : 'none';
  }

  /** One pass over the due jobs (the worker's tick; tests call it directly). */
  async runDue(): Promise<number> {
    const jobs = await this.claim();
    let printed = 0;
    for (const job of jobs)
      if ((await this.attempt(job, this.sendTimeoutMs)) === 'printed') printed++;
    return printed;
  }

  /** Starts the worker; it never overlaps itself. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runDue()
        .then(() => this.probeIfDue())
        .catch((err: unknown) => this.options.logger.warn({ err }, 'print worker failed'))
        .finally(() => (this.running = undefined));
    }, this.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    await this.marks?.flush();
  }

  /** Writes the printed marks that wait now (tests; `stop` does it too). */
  flushMarks(): Promise<void> {
    return this.marks?.flush() ?? Promise.resolve();
  }

  private async probeIfDue(): Promise<void> {
    const every = this.options.probeEveryMs ?? 30_000;
    if (!this.options.probe || Date.now() - this.lastProbe < every) return;
    this.lastProbe = Date.now();
    await this.options.probe();
  }

  private async report(job: PrintJobRecord, status: 'online' | 'offline'): Promise<void> {
    await this.options.onStatus?.(job.officeCode, job.deviceCode, status).catch((err: unknown) => {
      this.options.logger.warn({ err }, 'printer status not recorded');
    });
  }

  private claim(id?: number): Promise<PrintJobRecord[]> {
    const now = this.now();
    return this.repo.claim({
      now,
      until: new Date(now.getTime() + this.sendTimeoutMs * 2 + 1_000),
      limit: 10,
      id,
    });
  }

  /**
   * Sends a claimed job and records the outcome; `unclaimed`: a new job's first try, which the
   * claim did not count, so the mark counts it; `ticket`: the ticket as just issued.
   */
  private async attempt(
    job: PrintJobRecord,
    timeoutMs: number,
    first: { unclaimed?: boolean; ticket?: StaffTicket } = {},
  ): Promise<PrintStatus> {
    const unclaimed = first.unclaimed === true;
    try {
      await this.options.send(job, timeoutMs, first.ticket);
      // A first try's mark may wait for others (no worker takes the job for seconds yet).
      if (unclaimed && this.marks) this.marks.add(job.id, job.ticketId, this.now());
      else await this.repo.markPrinted(job.id, this.now(), unclaimed);
      await this.report(job, 'online');
      return 'printed';
    } catch (err) {
      const reason = (err as Error).message || String(err);
      const now = this.now();
      this.options.logger.warn({ job: job.id, reason }, 'print job not printed');
      if ((err as { reason?: string }).reason === 'config') {
        await this.repo.markFailed(job.id, reason, unclaimed);
        return 'failed';
      }
      await this.report(job, 'offline');
      if (now.getTime() - job.createdAt.getTime() >= this.giveUpAfterMs) {
        await this.repo.markFailed(
          job.id,
          `given up after ${job.attempts} attempts: ${reason}`,
          unclaimed,
        );
        return 'failed';
      } else {
        // 1 s, 2 s, 4 s, 8 s, then every 10 s.
        const delay = Math.min(10_000, 1_000 * 2 ** Math.max(0, job.attempts - 1));
        await this.repo.markRetry(job.id, new Date(now.getTime() + delay), reason, unclaimed);
        return 'queued';
      }
    }
  }
}
