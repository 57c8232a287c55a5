/**
 * The retention job: citizens' phone numbers (and Telegram chats) on the queue side — messages,
 * ticket subscriptions, Telegram links, past bookings, remote joins — are erased once they are older than their
 * office's retention (`retentionDays` of the message settings, default 30). It runs at start and
 * every hour on every node; its statements only touch rows that still hold a number, so nodes
 * running it at once erase each row once. An office gets one audit row per run that erased anything.
 * Registry records (cases, act records, a case's consented recipient) are legal records: kept.
 */
import pino, { type Logger } from 'pino';
import type { Database } from '../../../db/database';
import {
  RetentionRepository,
  type QueueSideErased,
} from '../../../db/repositories/retention-repository';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface RetentionDeps {
  db: Database;
  /** The registry's database when it is not `db` (its outbox, `case_messages`, is erased too). */
  registryDb?: Database;
  /** Where an office's retention is read: the message settings, defaults filled in. */
  settings: { settings(officeCode: string): Promise<{ retentionDays: number }> };
  logger?: Logger;
  now?: () => Date;
  /** Between two runs (default an hour). */
  retentionIntervalMs?: number;
}

/** What one run erased in one office. */
export interface RetentionResult extends QueueSideErased {
  office: string;
  retentionDays: number;
  /** Rows older than this were erased. */
  before: Date;
  /** Case messages (the registry's outbox): the number, but its last 3 digits. */
  caseMessages: number;
}

/** The retention job of one node: `start()` runs it now and hourly, `stop()` ends it. */
export class RetentionJob {
  private readonly queue: RetentionRepository;
  private readonly registry: RetentionRepository;
  private readonly logger: Logger;
  /** Runs of the timer that have finished (tests wait on it). */
  runs = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly deps: RetentionDeps) {
    this.queue = new RetentionRepository(deps.db);
    this.registry = new RetentionRepository(deps.registryDb ?? deps.db);
    this.logger = deps.logger ?? pino({ level: 'silent' });
  }

  /** Runs now, then every hour; the timer never keeps the process alive. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.deps.retentionIntervalMs ?? HOUR_MS);
    this.timer.unref();
    this.tick();
  }

  /** No more runs; resolves once a run under way has finished. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass over every office; an office that fails is logged and the others still run. */
  async runOnce(): Promise<RetentionResult[]> {
    const results: RetentionResult[] = [];
    for (const office of await this.queue.officeCodes()) {
      try {
        results.push(await this.purgeOffice(office));
      } catch (err) {
        this.logger.warn({ err, office }, 'erasing old personal data failed');
      }
    }
    return results;
  }

  /** A run unless one is under way (a slow run is never overlapped by the next). */
  private tick(): void {
    if (this.running) return;
    this.running = this.runOnce()
      .then(
        () => undefined,
        (err: unknown) => this.logger.warn({ err }, 'erasing old personal data failed'),
      )
      .finally(() => {
        this.running = undefined;
        this.runs++;
      });
  }

  private async purgeOffice(office: string): Promise<RetentionResult> {
    const now = (this.deps.now ?? (() => new Date()))();
    const { retentionDays } = await this.deps.settings.settings(office);
    const before = new Date(now.getTime() - retentionDays * DAY_MS);
    // A registry of its own commits its outbox apart; on one database everything is one transaction.
    const registryDb = this.deps.registryDb ?? this.deps.db;
    const apart = registryDb !== this.deps.db;
    const apartCount = apart
      ? await registryDb.transaction((t) =>
          this.registry.eraseOutbox('case_messages', office, before, t),
        )
      : 0;
    const counts = await this.deps.db.transaction(async (t) => {
      const erased = {
        ...(await this.queue.eraseQueueSide(office, before, t)),
        caseMessages: apart
          ? apartCount
          : await this.queue.eraseOutbox('case_messages', office, before, t),
      };
      if (total(erased) > 0) {
        await this.queue.audit(
          {
            officeCode: office,
            at: now,
            actor: 'system',
            userId: null,
            action: 'personal_data.erased',
            entity: 'office',
            entityId: office,
            after: { retentionDays, olderThan: before.toISOString(), ...erased },
          },
          t,
        );
      }
      return erased;
    });
    const result = { office, retentionDays, before, ...counts };
    if (total(counts) > 0) this.logger.info(result, 'old personal data erased');
    return result;
  }
}

/** How many rows a run erased, all kinds together. */
function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
