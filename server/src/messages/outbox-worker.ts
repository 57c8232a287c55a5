/**
 * The worker every node runs over both outboxes: it claims due messages, screens them (see
 * outbox-screen.ts), marks a window `sending`, submits it through the gateways and records the
 * outcomes, retrying with backoff until the attempts run out; now and then it expires and fails
 * interrupted sends. It never overlaps itself; a commit wakes it, else it polls.
 */
import type { Logger } from 'pino';
import {
  IN_DOUBT,
  type OutboxOutcome,
  type OutboxRecord,
} from '../../../db/repositories/outbox-records';
import type { OutboxTable } from '../../../db/repositories/outbox-table';
import { ChannelError, type Channel } from './channel';
import { GatewayHealth } from './gateway-health';
import { screenBatch, type ReadyMessage, type ScreenLookups } from './outbox-screen';
import { MAX_ATTEMPTS, retryDelayMs } from './rules';
import type { TelegramChannel } from './telegram-channel';

export interface OutboxWorkerOptions {
  logger: Logger;
  now: () => Date;
  /** How often the worker looks for due messages when nothing woke it. */
  pollMs?: number;
  /** Messages one node sends at once (the SMSC window). */
  concurrency?: number;
  /** How long a claim holds a message against other nodes. */
  claimMs?: number;
  /** The outboxes it drains (one when the queue and the registry share a database). */
  tables: OutboxTable[];
  /** The screen's reads, but the tables and the gateways, which the worker gives. */
  lookups: Omit<ScreenLookups, 'tables' | 'channel'>;
  /** Every office's stored message settings (any text that changes with them), by office. */
  storedSettings?: () => Promise<Map<string, string>>;
}

export class OutboxWorker {
  sms: Channel | undefined;
  telegram: TelegramChannel | undefined;
  stopped = false;
  /** What the gateways did with this node's submits (admin page, `/metrics`). */
  readonly health = new GatewayHealth();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private lastHousekeeping = 0;
  /** The offices' settings as this node's last housekeeping saw them. */
  private seenSettings: Map<string, string> | undefined;

  constructor(private readonly o: OutboxWorkerOptions) {}

  /** Starts the worker on this node; it never overlaps itself. */
  start(): void {
    if (this.timer) return;
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.o.pollMs ?? 2_000);
    this.timer.unref();
    this.telegram?.startPolling();
    this.kick();
  }

  /** Wakes the worker now (a message just committed). */
  kick(): void {
    if (!this.timer || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((err: unknown) => this.o.logger.warn({ err }, 'message worker failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Stops the worker, waits for its round and closes the gateways. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    await Promise.all([this.sms?.close(), this.telegram?.close()]);
  }

  /** Sends due messages until none is left (tests and the bench call it directly). */
  async drain(): Promise<number> {
    let sent = 0;
    await this.housekeeping();
    for (;;) {
      const batch = await this.runDue();
      sent += batch.sent;
      if (batch.claimed === 0 || this.stopped) return sent;
    }
  }

  /**
   * One pass: claims due messages of both outboxes, settles those that may not go (expired, opted
   * out, quiet hours, caps), and sends the rest a window at a time: the window is marked `sending`
   * in one transaction, submitted at once, and its outcomes written in one more.
   */
  async runDue(): Promise<{ claimed: number; sent: number }> {
    const concurrency = this.o.concurrency ?? 10;
    const now = this.o.now();
    const until = new Date(now.getTime() + (this.o.claimMs ?? 30_000));
    const lookups: ScreenLookups = {
      ...this.o.lookups,
      tables: this.o.tables,
      channel: (kind) => (kind === 'telegram' ? this.telegram : this.sms),
    };
    let claimed = 0;
    let sent = 0;
    for (const table of this.o.tables) {
      // Two windows per claim: sent well within the claim even with a slow SMSC.
      const batch = await table.claim({ now, until, limit: concurrency * 2 });
      claimed += batch.length;
      if (batch.length === 0) continue;
      const { ready, settled } = await screenBatch(batch, now, lookups);
      await table.recordOutcomes(settled);
      for (let i = 0; i < ready.length; i += concurrency)
        sent += await this.sendWindow(table, ready.slice(i, i + concurrency));
    }
    return { claimed, sent };
  }

  /** Marks a window `sending`, submits those this node may send, records them; answers how many went. */
  private async sendWindow(table: OutboxTable, group: ReadyMessage[]): Promise<number> {
    const flagged = await table.markSendingMany(
      group.map(({ m, channel, cap }) => ({ id: m.id, gateway: channel.name, cap })),
    );
    const outcomes = await Promise.all(
      group.filter(({ m }) => flagged.has(m.id)).map(({ m, channel }) => this.send(m, channel)),
    );
    await table.recordOutcomes(outcomes);
    return outcomes.filter((o) => o.kind === 'sent').length;
  }

  /** Submits one message (already marked `sending`) and says what became of it. */
  private async send(m: OutboxRecord, channel: Channel): Promise<OutboxOutcome> {
    try {
      const result = await channel.send({ id: m.id, to: m.to, text: m.text });
      this.health.record(channel.name, 'sent', this.o.now());
      return { kind: 'sent', id: m.id, ...result, now: this.o.now() };
    } catch (err) {
      const reason = (err as Error).message || String(err);
      const retryable = err instanceof ChannelError ? err.retryable : true;
      const inDoubt = err instanceof ChannelError && err.inDoubt;
      const away = err instanceof ChannelError ? err.gatewayAway : true;
      const outcome = inDoubt ? 'in_doubt' : away ? 'unreachable' : 'refused';
      this.health.record(channel.name, outcome, this.o.now(), reason);
      const attempts = m.attempts + 1;
      this.o.logger.warn({ message: m.id, reason, attempts }, 'message not sent');
      if (inDoubt) {
        // Sent again, a late answer would mean the citizen gets it twice (or more).
        return {
          kind: 'failed',
          id: m.id,
          error: `${IN_DOUBT}${reason}; the gateway may have taken it, not sent again`,
        };
      }
      if (!retryable) return { kind: 'failed', id: m.id, error: reason };
      if (attempts >= MAX_ATTEMPTS)
        return {
          kind: 'failed',
          id: m.id,
          error: `given up after ${attempts} attempts: ${reason}`,
        };
      const next = new Date(this.o.now().getTime() + retryDelayMs(attempts));
      return { kind: 'retry', id: m.id, next, error: reason };
    }
  }

  /** Expires and fails interrupted sends (every 10 s at most; security/retention erases numbers). */
  private async housekeeping(): Promise<void> {
    const now = this.o.now();
    if (now.getTime() - this.lastHousekeeping < 10_000) return;
    this.lastHousekeeping = now.getTime();
    for (const table of this.o.tables) {
      await table.expireDue(now);
      await table.failInterrupted(now);
    }
    await this.releaseOnNewSettings(now);
  }

  /**
   * New settings release what the old quiet hours and caps hold back (the administrator's save does
   * it at once); a round that screened with the old settings while the save ran may hold a message
   * back after that release, so the first housekeeping after a change releases the office again
   * (the next round screens those messages anew, with the new settings).
   */
  private async releaseOnNewSettings(now: Date): Promise<void> {
    if (!this.o.storedSettings) return;
    const seen = this.seenSettings;
    const current = (this.seenSettings = await this.o.storedSettings());
    if (!seen) return;
    for (const office of new Set([...seen.keys(), ...current.keys()])) {
      if (seen.get(office) === current.get(office)) continue;
      for (const table of this.o.tables) await table.releaseHeld(office, now);
    }
  }

  /** Messages of both outboxes waiting to be sent (for `/metrics`). */
  async queued(): Promise<number> {
    const counts = await Promise.all(this.o.tables.map((table) => table.countQueued()));
    return counts.reduce((a, b) => a + b, 0);
  }
}
