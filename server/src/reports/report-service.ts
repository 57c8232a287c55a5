/**
 * The administrator's reports: the summary of a range of office days (JSON or CSV), computed by the
 * pure functions of `summary.ts` from the rows `ReportRepository` reads.
 */
import type { Language, ReportSummary } from '../../protocol';
import type { Logger } from 'pino';
import type { Database } from '../../../db/database';
import { ReportRepository } from '../../../db/repositories/report-repository';
import { CatalogueRepository } from '../../../db/repositories/catalogue-repository';
import { validationFailed } from '../errors';
import type { StaffPrincipal } from '../auth/actor';
import { assertAdministers } from '../auth/office-admin';
import type { QueueService } from '../queue/queue-service';
import { dayStart, nextDay, officeDay } from '../queue/office-day';
import { summarize } from './summary';
import { summaryCsv } from './report-csv';
import { bookingDays, messageDays } from './contact-figures';

export interface ReportServiceDeps {
  db: Database;
  /** The registry's database (cases), when it is not `db`. */
  registryDb?: Database;
  /**
   * A read replica of `db` (REPORTS_DATABASE_URL): the reports' rows are read there, so a year's
   * report never competes with the queue's commands; when it does not answer, from `db`.
   */
  reportsDb?: Database;
  /** Told when the replica fails a report (which then reads `db`). */
  logger?: Pick<Logger, 'warn'>;
  /** After the replica fails a report, the next ones read `db` for this long (default 30 s). */
  replicaRestMs?: number;
  queue: QueueService;
  now?: () => Date;
}

/** The longest range one report covers. */
const MAX_REPORT_DAYS = 366;

export class ReportService {
  private readonly repo: ReportRepository;
  /** The same reads on the replica, when there is one. */
  private readonly replica: ReportRepository | undefined;
  /** Until when reports skip the replica (it failed one). */
  private replicaResting = 0;
  private readonly catalogue: CatalogueRepository;
  private readonly now: () => Date;

  constructor(private readonly deps: ReportServiceDeps) {
    this.repo = new ReportRepository(deps.db, deps.registryDb);
    if (deps.reportsDb) {
      // A registry of its own is not replicated with the queue: its rows come from it.
      const ownRegistry = deps.registryDb && deps.registryDb !== deps.db;
      this.replica = new ReportRepository(
        deps.reportsDb,
        ownRegistry ? deps.registryDb : deps.reportsDb,
      );
    }
    this.catalogue = new CatalogueRepository(deps.db);
    this.now = deps.now ?? (() => new Date());
  }

  /** The summary of the office days `from`…`to` (default: today), in the office's zone. */
  async summary(
    officeCode: string,
    range: { from?: string; to?: string },
    admin: StaffPrincipal,
  ): Promise<ReportSummary> {
    assertAdministers(admin, officeCode);
    const office = await this.deps.queue.getOffice(officeCode);
    const { from, to } = checkedRange(range, officeDay(this.now(), office.timeZone));
    const window = {
      start: dayStart(from, office.timeZone),
      end: dayStart(nextDay(to), office.timeZone),
    };
    const read = (repo: ReportRepository) =>
      Promise.all([
        repo.tickets(officeCode, from, to),
        repo.cases(officeCode, window.start, window.end),
        repo.messages(officeCode, window.start, window.end),
        repo.bookings(officeCode, from, to),
      ]);
    const [[tickets, cases, messages, bookings], services] = await Promise.all([
      this.readOnReplica(read),
      this.catalogue.listServices(officeCode),
    ]);
    const summary = summarize({
      office: officeCode,
      from,
      to,
      timeZone: office.timeZone,
      tickets,
      services,
      cases,
      window,
    });
    return {
      ...summary,
      messages: messageDays(messages, office.timeZone),
      bookings: bookingDays(bookings),
    };
  }

  /**
   * The reads on the replica when there is one and it has not just failed; else, and when it
   * fails now, on the primary (said in the log, so a replica that stays broken is noticed).
   */
  private async readOnReplica<T>(read: (repo: ReportRepository) => Promise<T>): Promise<T> {
    const now = Date.now();
    if (!this.replica || now < this.replicaResting) return read(this.repo);
    try {
      return await read(this.replica);
    } catch (err) {
      const restMs = this.deps.replicaRestMs ?? 30_000;
      this.replicaResting = now + restMs;
      this.deps.logger?.warn(
        { err, restMs },
        'reports replica failed: reports read the primary for a while',
      );
      return read(this.repo);
    }
  }

  /** The summary and its service-day table as CSV (titles and names in `range.lang`). */
  async summaryCsv(
    officeCode: string,
    range: { from?: string; to?: string; lang?: Language },
    admin: StaffPrincipal,
  ): Promise<{ summary: ReportSummary; csv: string }> {
    const [summary, services] = await Promise.all([
      this.summary(officeCode, range, admin),
      this.catalogue.listServices(officeCode),
    ]);
    const names = new Map(services.map((s) => [s.code, s.names]));
    return { summary, csv: summaryCsv(summary, names, range.lang) };
  }
}

/** `from`…`to` with today as the default; 400 when reversed or longer than a year. */
function checkedRange(
  range: { from?: string; to?: string },
  today: string,
): { from: string; to: string } {
  const from = range.from ?? range.to ?? today;
  const to = range.to ?? today;
  if (from > to) {
    throw validationFailed('to: from is after to', {
      issues: [{ field: 'to', message: 'from is after to' }],
    });
  }
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  if (days >= MAX_REPORT_DAYS) {
    throw validationFailed(`to: at most ${MAX_REPORT_DAYS} days per report`, {
      issues: [{ field: 'to', message: `at most ${MAX_REPORT_DAYS} days per report` }],
    });
  }
  return { from, to };
}
