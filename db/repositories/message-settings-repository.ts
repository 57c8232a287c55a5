/**
 * An office's own message settings (quiet hours, daily caps, thresholds: JSON, checked by the
 * server) and its own template texts, in the queue database. An office without a row uses the
 * defaults.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database';
import { sqlTime } from './values';

/** The message settings and templates of each office. */
export class MessageSettingsRepository {
  constructor(private readonly db: Database) {}

  async templates(
    officeCode: string,
    t?: Transaction,
  ): Promise<Array<{ template: string; language: string; text: string }>> {
    return this.db.sequelize.query<{ template: string; language: string; text: string }>(
      'SELECT template, language, text FROM message_templates WHERE office_code = :office',
      { type: QueryTypes.SELECT, transaction: t, replacements: { office: officeCode } },
    );
  }

  /** Sets (or, with `null`, resets to the default) one template of an office. */
  async setTemplate(
    officeCode: string,
    template: string,
    language: string,
    text: string | null,
    now: Date,
  ): Promise<void> {
    await this.db.transaction(async (t) => {
      const replacements = {
        office: officeCode,
        template,
        language,
        text,
        now: sqlTime(this.db.dialect, now),
      };
      await this.db.sequelize.query(
        `DELETE FROM message_templates
          WHERE office_code = :office AND template = :template AND language = :language`,
        { transaction: t, replacements },
      );
      if (text === null) return;
      await this.db.sequelize.query(
        `INSERT INTO message_templates (office_code, template, language, text, updated_at)
         VALUES (:office, :template, :language, :text, :now)`,
        { transaction: t, replacements },
      );
    });
  }

  async settings(officeCode: string, t?: Transaction): Promise<unknown> {
    const rows = await this.db.sequelize.query<{ settings: string }>(
      'SELECT settings FROM message_settings WHERE office_code = :office',
      { type: QueryTypes.SELECT, transaction: t, replacements: { office: officeCode } },
    );
    return rows[0] ? (JSON.parse(rows[0].settings) as unknown) : undefined;
  }

  /** Every office's stored settings as stored (JSON text), by office: what changed since a look. */
  async allStored(): Promise<Map<string, string>> {
    const rows = await this.db.sequelize.query<{ office_code: string; settings: string }>(
      'SELECT office_code, settings FROM message_settings',
      { type: QueryTypes.SELECT },
    );
    return new Map(rows.map((r) => [r.office_code, r.settings]));
  }

  /** Stores the settings; `alongside` writes in the same transaction (the audit row). */
  async setSettings(
    officeCode: string,
    settings: unknown,
    now: Date,
    alongside?: (t: Transaction) => Promise<void>,
  ): Promise<void> {
    await this.db.transaction(async (t) => {
      await alongside?.(t);
      const replacements = {
        office: officeCode,
        settings: JSON.stringify(settings),
        now: sqlTime(this.db.dialect, now),
      };
      await this.db.sequelize.query('DELETE FROM message_settings WHERE office_code = :office', {
        transaction: t,
        replacements,
      });
      await this.db.sequelize.query(
        `INSERT INTO message_settings (office_code, settings, updated_at)
         VALUES (:office, :settings, :now)`,
        { transaction: t, replacements },
      );
    });
  }
}
