/**
 * The administrator's side of the outboxes: an office's messages newest first (both tables, numbers
 * masked), its totals per day, gateway and status, and a test message to a phone.
 */
import { randomBytes } from 'node:crypto';
import type { Language, MessageDto, MessageQuery } from '../../protocol';
import type { Database } from '../../../db/database';
import type { OutboxTable } from '../../../db/repositories/outbox-table';
import { notFound } from '../errors';
import { officeDay } from '../queue/office-day';
import { toDto } from './message-dto';
import type { OfficeMessageSettings } from './office-settings';

/** Messages of one day, gateway and status: how many, and their SMS parts. */
export interface MessageTotal {
  day: string;
  gateway: string;
  status: string;
  count: number;
  parts: number;
}

export interface OutboxAdminDeps {
  db: Database;
  queueTable: OutboxTable;
  caseTable: OutboxTable;
  offices: OfficeMessageSettings;
  now: () => Date;
  /** Wakes the worker (after the commit). */
  kick: () => void;
}

export class OutboxAdmin {
  constructor(private readonly d: OutboxAdminDeps) {}

  /** An administrator's test message to a phone. */
  async sendTest(
    officeCode: string,
    phone: string,
    language: Language,
    text?: string,
  ): Promise<MessageDto> {
    const { queueTable, offices } = this.d;
    const now = this.d.now();
    const body = text ?? (await offices.render(officeCode, 'test', language, {}));
    const dedupeKey = `test:${officeCode}:${randomBytes(8).toString('hex')}`;
    await this.d.db.transaction(async (t) => {
      await queueTable.insert(
        {
          officeCode,
          channel: 'sms',
          to: phone,
          template: 'test',
          language,
          text: body,
          dedupeKey,
          nextAttemptAt: now,
        },
        now,
        t,
      );
      t.afterCommit(() => this.d.kick());
    });
    const [made] = await queueTable.list({ officeCode, limit: 1 });
    if (!made) throw notFound('the test message');
    return toDto(made);
  }

  /** The outbox of an office, newest first (both tables), numbers masked. */
  async list(officeCode: string, q: MessageQuery): Promise<MessageDto[]> {
    const limit = q.limit ?? 200;
    const query = { officeCode, status: q.status, limit };
    const fromQueue =
      q.case === undefined ? await this.d.queueTable.list({ ...query, ticketId: q.ticket }) : [];
    const fromCases =
      q.ticket === undefined
        ? await this.d.caseTable.list({ ...query, caseNumber: q.case?.toUpperCase() })
        : [];
    return [...fromQueue, ...fromCases]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, limit)
      .map(toDto);
  }

  /**
   * Sent, delivered, failed and parts per office day (midnight on the office's clock, as the reports
   * cut days) and gateway, for the last `days` days.
   */
  async totals(officeCode: string, days: number): Promise<MessageTotal[]> {
    const since = new Date(this.d.now().getTime() - days * 86_400_000);
    const timeZone = await this.d.offices.timeZone(officeCode);
    const rows = [
      ...(await this.d.queueTable.totals(officeCode, since)),
      ...(await this.d.caseTable.totals(officeCode, since)),
    ];
    const merged = new Map<string, MessageTotal>();
    for (const { quarter, ...r } of rows) {
      const day = officeDay(new Date(`${quarter.replace(' ', 'T')}:00Z`), timeZone);
      const key = `${day}|${r.gateway}|${r.status}`;
      const seen = merged.get(key);
      if (seen) {
        seen.count += r.count;
        seen.parts += r.parts;
      } else merged.set(key, { day, ...r });
    }
    return [...merged.values()].sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
  }
}
