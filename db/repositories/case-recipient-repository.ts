/** A case's applicant who consented to messages, and how to reach them (registry database). */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database';
import { maskPhone } from '../../server/protocol/messages';
import { sqlTime } from './values';

/** A case's applicant who consented to messages. */
export interface CaseRecipient {
  caseNumber: string;
  officeCode: string;
  phone: string | null;
  telegramChat: string | null;
  language: string;
}

/** Applicants who consented to messages about their case (registry database). */
export class CaseRecipientRepository {
  constructor(private readonly db: Database) {}

  async upsert(r: CaseRecipient & { consentBy: string }, now: Date, t: Transaction): Promise<void> {
    const replacements = {
      number: r.caseNumber,
      office: r.officeCode,
      phone: r.phone,
      chat: r.telegramChat,
      language: r.language,
      by: r.consentBy,
      now: sqlTime(this.db.dialect, now),
    };
    await this.db.sequelize.query('DELETE FROM case_recipients WHERE case_number = :number', {
      transaction: t,
      replacements,
    });
    await this.db.sequelize.query(
      `INSERT INTO case_recipients (case_number, office_code, phone, telegram_chat, language,
         consent_at, consent_by, created_at)
       VALUES (:number, :office, :phone, :chat, :language, :now, :by, :now)`,
      { transaction: t, replacements },
    );
  }

  /** A case's consented phone as staff see it: masked but the last 3 digits. */
  async view(caseNumber: string): Promise<{ phone: string; language: string } | undefined> {
    const r = await this.find(caseNumber);
    return r?.phone ? { phone: maskPhone(r.phone), language: r.language } : undefined;
  }

  async find(caseNumber: string, t?: Transaction): Promise<CaseRecipient | undefined> {
    const rows = await this.db.sequelize.query<{
      case_number: string;
      office_code: string;
      phone: string | null;
      telegram_chat: string | null;
      language: string;
    }>(
      `SELECT case_number, office_code, phone, telegram_chat, language FROM case_recipients
        WHERE case_number = :number`,
      { type: QueryTypes.SELECT, transaction: t, replacements: { number: caseNumber } },
    );
    const r = rows[0];
    return r
      ? {
          caseNumber: r.case_number,
          officeCode: r.office_code,
          phone: r.phone,
          telegramChat: r.telegram_chat,
          language: r.language,
        }
      : undefined;
  }

  async setTelegramChat(caseNumber: string, chat: string): Promise<void> {
    await this.db.transaction((t) =>
      this.db.sequelize.query(
        'UPDATE case_recipients SET telegram_chat = :chat WHERE case_number = :number',
        { transaction: t, replacements: { chat, number: caseNumber } },
      ),
    );
  }

  async purge(before: Date): Promise<void> {
    await this.db.transaction((t) =>
      this.db.sequelize.query('DELETE FROM case_recipients WHERE created_at < :before', {
        transaction: t,
        replacements: { before: sqlTime(this.db.dialect, before) },
      }),
    );
  }
}

/** A time as the columns store it, milliseconds included (see print-repository). */
