/** Print jobs: queued with the ticket, claimed by one node at a time, printed once. */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database';
import type { PrintJobModel } from '../models';
import { sqlTime } from './values';

export type PrintJobStatus = 'queued' | 'printed' | 'failed';

export interface PrintJobRecord {
  id: number;
  officeCode: string;
  ticketId: string;
  deviceCode: string;
  printerUrl: string;
  payload: unknown;
  status: PrintJobStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  printedAt: Date | null;
}

export class PrintRepository {
  constructor(private readonly db: Database) {}

  private get m() {
    return this.db.models;
  }

  /**
   * Queues a job in the ticket's transaction: one raw statement (a kiosk ticket's hot path), its id
   * from `RETURNING` on SQLite and from the insert id on MySQL/MariaDB, where the statement is held
   * for the ticket's next round trip (db/held-writes.ts): `id` settles once that has gone.
   */
  async insert(
    job: Pick<PrintJobRecord, 'officeCode' | 'ticketId' | 'deviceCode' | 'printerUrl' | 'payload'>,
    now: Date,
    firstRetryAt: Date,
    t: Transaction,
  ): Promise<{ id: Promise<number> }> {
    const d = this.db.dialect;
    const sql = `INSERT INTO print_jobs (office_code, ticket_id, device_code, printer_url, payload,
        status, attempts, next_attempt_at, claimed_until, last_error, created_at, printed_at)
      VALUES (:officeCode, :ticketId, :deviceCode, :printerUrl, :payload,
        'queued', 0, :nextAttemptAt, NULL, NULL, :createdAt, NULL)`;
    const replacements = {
      officeCode: job.officeCode,
      ticketId: job.ticketId,
      deviceCode: job.deviceCode,
      printerUrl: job.printerUrl,
      payload: JSON.stringify(job.payload),
      nextAttemptAt: sqlTime(d, firstRetryAt),
      createdAt: sqlTime(d, now),
    };
    if (d === 'sqlite') {
      // The leading comment keeps Sequelize from taking it for a plain INSERT, whose rows it drops.
      const rows = await this.db.sequelize.query<{ id: number }>(
        `/* insert returning */ ${sql} RETURNING id`,
        {
          type: QueryTypes.SELECT,
          transaction: t,
          replacements,
        },
      );
      return { id: Promise.resolve(Number(rows[0]!.id)) };
    }
    // Held for the ticket's next round trip; its id comes with the answer.
    const held = await this.db.held.later(t, sql, replacements);
    return { id: held.sent.then((header) => Number((header as { insertId: number }).insertId)) };
  }

  private counted(countTry: boolean): { attempts?: ReturnType<Database['sequelize']['literal']> } {
    return countTry ? { attempts: this.db.sequelize.literal('attempts + 1') } : {};
  }

  async findByTicket(ticketId: string): Promise<PrintJobRecord | undefined> {
    const row = await this.m.PrintJob.findOne({ where: { ticketId } });
    return row ? toJob(row) : undefined;
  }

  /**
   * Claims queued jobs that are due (or one job by id, due or not: the issuing request's first
   * try): their claim runs until `until`, and no other node takes them meanwhile (SKIP LOCKED on
   * MySQL/MariaDB; one writer on SQLite).
   */
  async claim(q: {
    now: Date;
    until: Date;
    limit: number;
    id?: number;
  }): Promise<PrintJobRecord[]> {
    return this.db.transaction(async (t) => {
      const lock = this.db.dialect === 'mysql' ? 'FOR UPDATE SKIP LOCKED' : '';
      // The rows themselves, locked: the claim needs no second read of what it just locked. The
      // printer is the kiosk's as it is now (an administrator may have replaced it since the job
      // was queued; the select-list subquery takes no lock), the queued one if the kiosk has none.
      const jobs = await this.db.sequelize.query<PrintJobModel>(
        `SELECT j.id, j.office_code, j.ticket_id, j.device_code, j.payload, j.status, j.attempts,
                j.next_attempt_at, j.claimed_until, j.last_error, j.created_at, j.printed_at,
                COALESCE((SELECT d.printer_url FROM devices d
                           WHERE d.office_code = j.office_code AND d.code = j.device_code),
                         j.printer_url) AS printer_url
           FROM print_jobs j
          WHERE status = 'queued'
            AND (claimed_until IS NULL OR claimed_until < :now)
            AND ${q.id === undefined ? 'next_attempt_at <= :now' : 'id = :id'}
          ORDER BY id LIMIT ${Math.max(1, Math.floor(q.limit))} ${lock}`,
        {
          model: this.m.PrintJob,
          mapToModel: true,
          transaction: t,
          replacements: { now: sqlTime(this.db.dialect, q.now), id: q.id ?? 0 },
        },
      );
      if (jobs.length === 0) return [];
      const ids = jobs.map((j) => j.id);
      await this.m.PrintJob.update(
        { claimedUntil: q.until, attempts: this.db.sequelize.literal('attempts + 1') },
        { where: { id: ids }, transaction: t },
      );
      if (this.db.dialect === 'sqlite') {
        // SQLite's raw rows carry their times as text: read again as models (in process, no wire).
        const read = await this.m.PrintJob.findAll({ where: { id: ids }, transaction: t });
        const printers = new Map(jobs.map((j) => [j.id, j.printerUrl]));
        return read.map((r) => ({ ...toJob(r), printerUrl: printers.get(r.id) ?? r.printerUrl }));
      }
      // As the UPDATE left them.
      return jobs.map((j) => ({ ...toJob(j), attempts: j.attempts + 1 }));
    });
  }

  /**
   * `countTry`: the try was not claimed (a new job's first), so it is counted here. One raw
   * statement, in autocommit: the issuing request's paper ends with it.
   */
  async markPrinted(id: number, now: Date, countTry = false): Promise<void> {
    await this.db.autocommit((t) =>
      this.db.sequelize.query(
        `UPDATE print_jobs SET status = 'printed', printed_at = :now, claimed_until = NULL,
            last_error = NULL${countTry ? ', attempts = attempts + 1' : ''}
          WHERE id = :id AND status = 'queued'`,
        {
          type: QueryTypes.UPDATE,
          transaction: t,
          replacements: { id, now: sqlTime(this.db.dialect, now) },
        },
      ),
    );
  }

  /**
   * Several new jobs printed on their first try (print-marks.ts): one statement, each job's own
   * time, the try counted (no claim counted it).
   */
  async markFirstTriesPrinted(marks: Array<{ id: number; at: Date }>): Promise<void> {
    if (marks.length === 0) return;
    const replacements: Record<string, unknown> = { ids: marks.map((m) => m.id) };
    const cases = marks.map((m, i) => {
      replacements[`id${i}`] = m.id;
      replacements[`at${i}`] = sqlTime(this.db.dialect, m.at);
      return `WHEN :id${i} THEN :at${i}`;
    });
    await this.db.autocommit((t) =>
      this.db.sequelize.query(
        `UPDATE print_jobs SET status = 'printed', printed_at = CASE id ${cases.join(' ')} END,
            claimed_until = NULL, last_error = NULL, attempts = attempts + 1
          WHERE id IN (:ids) AND status = 'queued'`,
        { type: QueryTypes.UPDATE, transaction: t, replacements },
      ),
    );
  }

  async markRetry(id: number, nextAttemptAt: Date, error: string, countTry = false): Promise<void> {
    await this.db.autocommit((t) =>
      this.m.PrintJob.update(
        { nextAttemptAt, claimedUntil: null, lastError: error, ...this.counted(countTry) },
        { where: { id, status: 'queued' }, transaction: t },
      ),
    );
  }

  async markFailed(id: number, error: string, countTry = false): Promise<void> {
    await this.db.autocommit((t) =>
      this.m.PrintJob.update(
        { status: 'failed', claimedUntil: null, lastError: error, ...this.counted(countTry) },
        { where: { id, status: 'queued' }, transaction: t },
      ),
    );
  }
}

function toJob(r: PrintJobModel): PrintJobRecord {
  return {
    id: r.id,
    officeCode: r.officeCode,
    ticketId: r.ticketId,
    deviceCode: r.deviceCode,
    printerUrl: r.printerUrl,
    payload: JSON.parse(r.payload) as unknown,
    status: r.status as PrintJobStatus,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt,
    lastError: r.lastError,
    createdAt: r.createdAt,
    printedAt: r.printedAt,
  };
}
