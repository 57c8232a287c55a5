/**
 * What the gateways report back: delivery receipts (matched to the sent message, which a receipt
 * may overtake) and citizens' replies (STOP opts the sender out; a Telegram `/start <code>` uses a
 * deep link). Each report is handled in the background and tracked, so stopping waits for it.
 */
import type { Logger } from 'pino';
import type { MessageRepository } from '../../../db/repositories/message-repository';
import type { OutboxTable } from '../../../db/repositories/outbox-table';
import type { ChannelListener } from './channel';
import { isStopWord } from './rules';
import type { TelegramLinks } from './telegram-links';

export interface GatewayReportDeps {
  logger: Logger;
  now: () => Date;
  tables: OutboxTable[];
  repo: MessageRepository;
  links: TelegramLinks;
  /** Whether the node is stopping (a receipt then waits no more for its message). */
  stopped: () => boolean;
}

export class GatewayReports {
  private readonly reports = new Set<Promise<void>>();

  /** The listener the gateways are built with. */
  readonly listener: ChannelListener = {
    receipt: (providerId, delivered, error) => {
      this.track(this.receipt(providerId, delivered, error), 'delivery report not recorded');
    },
    inbound: (from, text) => {
      this.track(this.inbound(from, text), 'reply not handled');
    },
  };

  constructor(private readonly d: GatewayReportDeps) {}

  /** Waits for the reports still being handled. */
  async settled(): Promise<void> {
    await Promise.all([...this.reports]);
  }

  private track(work: Promise<void>, failure: string): void {
    const tracked = work
      .catch((err: unknown) => this.d.logger.warn({ err }, failure))
      .finally(() => this.reports.delete(tracked));
    this.reports.add(tracked);
  }

  /** A delivery report; it may overtake the commit of its `sent`, so a miss is tried again. */
  private async receipt(providerId: string, delivered: boolean, error?: string): Promise<void> {
    for (const wait of [0, 200, 1_000, 3_000]) {
      if (wait) await new Promise((r) => setTimeout(r, wait));
      if (this.d.stopped() && wait) return;
      for (const table of this.d.tables)
        if (await table.receipt(providerId, delivered, this.d.now(), error)) return;
    }
    this.d.logger.info({ providerId }, 'a delivery report for an unknown message');
  }

  /** A citizen's reply: STOP (SMS or Telegram), or a Telegram `/start <code>`. */
  private async inbound(from: string, text: string): Promise<void> {
    if (isStopWord(text)) {
      await this.d.repo.optOut(from, from.startsWith('tg:') ? 'telegram' : 'sms', this.d.now());
      return;
    }
    const start = /^\/start\s+([A-Za-z0-9_-]{8,64})\s*$/.exec(text);
    if (!start?.[1] || !from.startsWith('tg:')) return;
    await this.d.links.use(start[1], from);
  }
}
