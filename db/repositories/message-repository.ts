/**
 * Who hears about a ticket, in the queue database: the holders who asked for messages (their
 * phone or Telegram chat), the addresses that opted out (STOP), and the one-time codes of Telegram
 * deep links. Plain SQL: the same statements run on MySQL/MariaDB and SQLite.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database';
import { sqlTime } from './values';

/** A ticket's holder who asked for messages. */
export interface TicketRecipient {
  ticketId: string;
  officeCode: string;
  day: string;
  phone: string | null;
  telegramChat: string | null;
  language: string;
  aheadSent: boolean;
}

/** Ticket recipients, opt-outs and Telegram codes (queue database). */
export class MessageRepository {
  constructor(private readonly db: Database) {}

  /** Adds or replaces the phone (or chat) of a ticket's holder. */
  async upsertTicketRecipient(
    r: Omit<TicketRecipient, 'aheadSent'> & { aheadSent?: boolean },
    now: Date,
    t: Transaction,
  ): Promise<void> {
    const found = await this.db.sequelize.query(
      'SELECT ticket_id FROM message_recipients WHERE ticket_id = :id',
      { type: QueryTypes.SELECT, transaction: t, replacements: { id: r.ticketId } },
    );
    const replacements = {
      id: r.ticketId,
      office: r.officeCode,
      day: r.day,
      phone: r.phone,
      chat: r.telegramChat,
      language: r.language,
      ahead: r.aheadSent ? 1 : 0,
      now: sqlTime(this.db.dialect, now),
    };
    if (found.length) {
      await this.db.sequelize.query(
        `UPDATE message_recipients SET phone = COALESCE(:phone, phone),
           telegram_chat = COALESCE(:chat, telegram_chat), language = :language, active = 1
          WHERE ticket_id = :id`,
        { transaction: t, replacements },
      );
    } else {
      await this.db.sequelize.query(
        `INSERT INTO message_recipients (ticket_id, office_code, day, phone, telegram_chat, language,
           ahead_sent, active, created_at)
         VALUES (:id, :office, :day, :phone, :chat, :language, :ahead, 1, :now)`,
        { transaction: t, replacements },
      );
    }
  }

  /** Today's recipients of an office whose tickets are still in the queue. */
  async liveRecipients(
    officeCode: string,
    day: string,
    t?: Transaction,
  ): Promise<TicketRecipient[]> {
    const rows = await this.db.sequelize.query<{
      ticket_id: string;
      office_code: string;
      day: string;
      phone: string | null;
      telegram_chat: string | null;
      language: string;
      ahead_sent: number | boolean;
    }>(
      `SELECT ticket_id, office_code, day, phone, telegram_chat, language, ahead_sent
         FROM message_recipients WHERE office_code = :office AND day = :day AND active = 1`,
      { type: QueryTypes.SELECT, transaction: t, replacements: { office: officeCode, day } },
    );
    return rows.map((r) => ({
      ticketId: r.ticket_id,
      officeCode: r.office_code,
      day: r.day,
      phone: r.phone,
      telegramChat: r.telegram_chat,
      language: r.language,
      aheadSent: Boolean(r.ahead_sent),
    }));
  }

  async updateRecipient(
    ticketId: string,
    fields: { aheadSent?: boolean; active?: boolean },
    t: Transaction,
  ): Promise<void> {
    const sets: string[] = [];
    if (fields.aheadSent !== undefined) sets.push(`ahead_sent = ${fields.aheadSent ? 1 : 0}`);
    if (fields.active !== undefined) sets.push(`active = ${fields.active ? 1 : 0}`);
    if (!sets.length) return;
    await this.db.sequelize.query(
      `UPDATE message_recipients SET ${sets.join(', ')} WHERE ticket_id = :id`,
      { transaction: t, replacements: { id: ticketId } },
    );
  }

  /**
   * Takes the ticket's one "N ahead" message for this transaction: true when it was not taken yet.
   * Two commands that move the line at once both see it untaken; the second's update waits for the
   * first's commit and then finds it taken (READ COMMITTED re-reads the row it waited for).
   */
  async claimAhead(ticketId: string, t: Transaction): Promise<boolean> {
    const [, affected] = await this.db.sequelize.query(
      `UPDATE message_recipients SET ahead_sent = 1 WHERE ticket_id = :id AND ahead_sent = 0`,
      { type: QueryTypes.UPDATE, transaction: t, replacements: { id: ticketId } },
    );
    return affected > 0;
  }

  /** A ticket's holder who still wants its messages (none: never asked, or stopped them). */
  async findActiveRecipient(
    ticketId: string,
  ): Promise<{ phone: string | null; telegramChat: string | null } | undefined> {
    const rows = await this.db.sequelize.query<{
      phone: string | null;
      telegram_chat: string | null;
    }>(`SELECT phone, telegram_chat FROM message_recipients WHERE ticket_id = :id AND active = 1`, {
      type: QueryTypes.SELECT,
      replacements: { id: ticketId },
    });
    const r = rows[0];
    return r && { phone: r.phone, telegramChat: r.telegram_chat };
  }

  /** Which of `addresses` asked for no more messages. */
  async optedOut(addresses: string[]): Promise<Set<string>> {
    if (addresses.length === 0) return new Set();
    const rows = await this.db.sequelize.query<{ address: string }>(
      'SELECT address FROM message_optouts WHERE address IN (:addresses)',
      { type: QueryTypes.SELECT, replacements: { addresses: [...new Set(addresses)] } },
    );
    return new Set(rows.map((r) => r.address));
  }

  async isOptedOut(address: string): Promise<boolean> {
    const rows = await this.db.sequelize.query(
      'SELECT address FROM message_optouts WHERE address = :address',
      { type: QueryTypes.SELECT, replacements: { address } },
    );
    return rows.length > 0;
  }

  async optOut(address: string, source: string, now: Date): Promise<void> {
    if (await this.isOptedOut(address)) return;
    await this.db.transaction((t) =>
      this.db.sequelize.query(
        'INSERT INTO message_optouts (address, source, created_at) VALUES (:address, :source, :now)',
        {
          transaction: t,
          replacements: { address, source, now: sqlTime(this.db.dialect, now) },
        },
      ),
    );
  }

  /** A new one-time code for a Telegram deep link to a ticket or a case. */
  async createTelegramLink(
    link: { officeCode: string; ticketId?: string; caseNumber?: string; language: string },
    code: string,
    now: Date,
  ): Promise<void> {
    await this.db.transaction((t) =>
      this.db.sequelize.query(
        `INSERT INTO telegram_links (code, office_code, ticket_id, case_number, language, created_at)
         VALUES (:code, :office, :ticket, :case, :language, :now)`,
        {
          transaction: t,
          replacements: {
            code,
            office: link.officeCode,
            ticket: link.ticketId ?? null,
            case: link.caseNumber ?? null,
            language: link.language,
            now: sqlTime(this.db.dialect, now),
          },
        },
      ),
    );
  }

  /** Uses a code once: the link it names, or undefined when unknown or used. */
  async useTelegramLink(
    code: string,
    chatId: string,
    now: Date,
  ): Promise<
    | { officeCode: string; ticketId: string | null; caseNumber: string | null; language: string }
    | undefined
  > {
    return this.db.transaction(async (t) => {
      const [, affected] = await this.db.sequelize.query(
        `UPDATE telegram_links SET used_at = :now, chat_id = :chat
          WHERE code = :code AND used_at IS NULL`,
        {
          type: QueryTypes.UPDATE,
          transaction: t,
          replacements: { code, chat: chatId, now: sqlTime(this.db.dialect, now) },
        },
      );
      if (affected !== 1) return undefined;
      const rows = await this.db.sequelize.query<{
        office_code: string;
        ticket_id: string | null;
        case_number: string | null;
        language: string;
      }>(
        'SELECT office_code, ticket_id, case_number, language FROM telegram_links WHERE code = :code',
        {
          type: QueryTypes.SELECT,
          transaction: t,
          replacements: { code },
        },
      );
      const r = rows[0];
      return r
        ? {
            officeCode: r.office_code,
            ticketId: r.ticket_id,
            caseNumber: r.case_number,
            language: r.language,
          }
        : undefined;
    });
  }
}
