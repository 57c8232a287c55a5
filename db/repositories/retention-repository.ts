/**
 * Erasing citizens' phone numbers (and Telegram chats) from queue-side rows past an office's
 * retention. Every statement only touches rows that still hold a number, so running it again, or on
 * two nodes at once, erases nothing twice. The registry's records (cases, their consented
 * recipients, act records) are legal records and are never touched here.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database';
import { appendAudit } from './audit-repository';
import type { AuditInput } from '../records';
import { sqlTime } from './values';

/** What an erased remote join holds instead of the number. */
export const ERASED_PHONE = 'erased';

/** Rows erased in one office by one run, per kind. */
export interface QueueSideErased {
  /** Queue messages (`messages`): the number, but its last 3 digits. */
  messages: number;
  /** Tickets' "send me an SMS" subscriptions (`message_recipients`): number and chat. */
  recipients: number;
  /** Used Telegram link codes (`telegram_links`): the chat bound. */
  telegramLinks: number;
  /** Bookings whose slot is past: the number. */
  bookings: number;
  /** The per-phone booking locks of past days (their key holds a hash of the number). */
  bookingLocks: number;
  /** Remote joins (a ticket taken from the phone): the number. */
  remoteJoins: number;
}

export class RetentionRepository {
  constructor(private readonly db: Database) {}

  /** Every office of this (queue) database. */
  async officeCodes(): Promise<string[]> {
    const rows = await this.db.sequelize.query<{ code: string }>(
      'SELECT code FROM offices ORDER BY code',
      { type: QueryTypes.SELECT },
    );
    return rows.map((r) => r.code);
  }

  /**
   * Erases the numbers of an outbox's messages created before `before` (the last 3 digits stay, so
   * the admin's list still tells messages apart); a message still to be sent keeps its number.
   */
  eraseOutbox(
    table: 'messages' | 'case_messages',
    officeCode: string,
    before: Date,
    t: Transaction,
  ): Promise<number> {
    const keep =
      this.db.dialect === 'mysql'
        ? "CONCAT('erased…', RIGHT(to_address, 3))"
        : "'erased…' || substr(to_address, -3)";
    return this.update(
      `UPDATE ${table} SET to_address = ${keep}
        WHERE office_code = :office AND created_at < :before
          AND to_address NOT LIKE 'erased%' AND status <> 'queued'`,
      { office: officeCode, before: this.time(before) },
      t,
    );
  }

  /** Erases the queue database's numbers of the office older than `before`, in `t`. */
  async eraseQueueSide(officeCode: string, before: Date, t: Transaction): Promise<QueueSideErased> {
    const replacements = { office: officeCode, before: this.time(before) };
    const messages = await this.eraseOutbox('messages', officeCode, before, t);
    const recipients = await this.update(
      `UPDATE message_recipients SET phone = NULL, telegram_chat = NULL
        WHERE office_code = :office AND created_at < :before
          AND (phone IS NOT NULL OR telegram_chat IS NOT NULL)`,
      replacements,
      t,
    );
    const telegramLinks = await this.update(
      `UPDATE telegram_links SET chat_id = NULL
        WHERE office_code = :office AND created_at < :before AND chat_id IS NOT NULL`,
      replacements,
      t,
    );
    // Counted from the slot: a booking made long ago for a slot still ahead keeps its number.
    const bookings = await this.update(
      `UPDATE bookings SET phone = NULL
        WHERE office_code = :office AND start_at < :before AND created_at < :before
          AND phone IS NOT NULL`,
      replacements,
      t,
    );
    const bookingLocks = await this.deletePhoneLocks(officeCode, before, t);
    // The column is NOT NULL: the number becomes a marker. Nothing of it is kept (no admin list
    // tells joins apart), and a join is for its own day, long over by then.
    const remoteJoins = await this.update(
      `UPDATE remote_joins SET phone = :erased
        WHERE office_code = :office AND created_at < :before AND phone <> :erased`,
      { ...replacements, erased: ERASED_PHONE },
      t,
    );
    return { messages, recipients, telegramLinks, bookings, bookingLocks, remoteJoins };
  }

  async audit(entry: AuditInput, t: Transaction): Promise<void> {
    await appendAudit(this.db.models, entry, t);
  }

  /** `phone:<office>:<service>:<day>:<hash>` rows of office days before `before`'s (UTC) date. */
  private async deletePhoneLocks(
    officeCode: string,
    before: Date,
    t: Transaction,
  ): Promise<number> {
    const prefix = `phone:${officeCode}:`;
    const lastDay = before.toISOString().slice(0, 10);
    const rows = await this.db.sequelize.query<{ lock_key: string }>(
      'SELECT lock_key FROM booking_locks WHERE lock_key LIKE :pattern',
      { type: QueryTypes.SELECT, transaction: t, replacements: { pattern: `${prefix}%` } },
    );
    const keys = rows
      .map((r) => r.lock_key)
      .filter((key) => {
        const parts = key.split(':');
        const day = parts[parts.length - 2] ?? '';
        return key.startsWith(prefix) && /^\d{4}-\d{2}-\d{2}$/.test(day) && day < lastDay;
      });
    if (keys.length === 0) return 0;
    // Counted by the database: another node may have deleted some of them meanwhile.
    return this.db.sequelize.query('DELETE FROM booking_locks WHERE lock_key IN (:keys)', {
      type: QueryTypes.BULKDELETE,
      transaction: t,
      replacements: { keys },
    });
  }

  private async update(
    sql: string,
    replacements: Record<string, unknown>,
    t: Transaction,
  ): Promise<number> {
    const [, affected] = await this.db.sequelize.query(sql, {
      type: QueryTypes.UPDATE,
      transaction: t,
      replacements,
    });
    return affected;
  }

  private time(d: Date): string {
    return sqlTime(this.db.dialect, d);
  }
}
