/**
 * Citizen messages in the database: an outbox table (the queue's `messages` or the registry's
 * `case_messages`) claimed by one node at a time, and the recipients, opt-outs, templates and
 * settings beside it. Plain SQL: the same statements run on MySQL/MariaDB and SQLite.
 */
import { randomUUID } from 'node:crypto';
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database';

export type OutboxStatus = 'queued' | 'sent' | 'delivered' | 'failed' | 'expired';

export interface OutboxRecord {
  id: string;
  officeCode: string;
  ticketId: string | null;
  caseNumber: string | null;
  channel: 'sms' | 'telegram';
  gateway: string | null;
  to: string;
  template: string;
  language: string;
  text: string;
  status: OutboxStatus;
  attempts: number;
  parts: number;
  nextAttemptAt: Date;
  expiresAt: Date | null;
  providerId: string | null;
  error: string | null;
  createdAt: Date;
  sentAt: Date | null;
  deliveredAt: Date | null;
}

export interface NewOutboxMessage {
  officeCode: string;
  ticketId?: string;
  caseNumber?: string;
  channel: 'sms' | 'telegram';
  to: string;
  template: string;
  language: string;
  text: string;
  /** One message per event and recipient: a second insert with this key is a no-op. */
  dedupeKey: string;
  nextAttemptAt: Date;
  expiresAt?: Date;
}

interface OutboxRow {
  id: string;
  office_code: string;
  ticket_id: string | null;
  case_number: string | null;
  channel: string;
  gateway: string | null;
  to_address: string;
  template: string;
  language: string;
  text: string;
  status: string;
  attempts: number;
  parts: number;
  next_attempt_at: Date | string;
  expires_at: Date | string | null;
  provider_id: string | null;
  error: string | null;
  created_at: Date | string;
  sent_at: Date | string | null;
  delivered_at: Date | string | null;
}

/** What became of one claimed message. */
export type OutboxOutcome =
  | {
      kind: 'sent';
      id: string;
      parts: number;
      providerId: string | null;
      now: Date;
      delivered?: boolean;
    }
  | { kind: 'retry'; id: string; next: Date; error: string }
  | { kind: 'postpone'; id: string; next: Date }
  | { kind: 'failed' | 'expired'; id: string; error: string };

/** One outbox table on one database. */
export class OutboxTable {
  constructor(
    readonly db: Database,
    readonly table: 'messages' | 'case_messages',
  ) {}

  /** Writes a message in the caller's transaction; false when its event already has one. */
  async insert(m: NewOutboxMessage, now: Date, t: Transaction): Promise<boolean> {
    const existing = await this.db.sequelize.query(
      `SELECT id FROM ${this.table} WHERE dedupe_key = :key`,
      { type: QueryTypes.SELECT, transaction: t, replacements: { key: m.dedupeKey } },
    );
    if (existing.length) return false;
    await this.db.sequelize.query(
      `INSERT INTO ${this.table} (id, office_code, ticket_id, case_number, channel, to_address,
         template, language, text, status, attempts, parts, dedupe_key, next_attempt_at, expires_at,
         sending, created_at)
       VALUES (:id, :office, :ticket, :case, :channel, :to, :template, :language, :text, 'queued', 0,
         0, :key, :next, :expires, 0, :now)`,
      {
        transaction: t,
        replacements: {
          id: randomUUID(),
          office: m.officeCode,
          ticket: m.ticketId ?? null,
          case: m.caseNumber ?? null,
          channel: m.channel,
          to: m.to,
          template: m.template,
          language: m.language,
          text: m.text,
          key: m.dedupeKey,
          next: this.time(m.nextAttemptAt),
          expires: m.expiresAt ? this.time(m.expiresAt) : null,
          now: this.time(now),
        },
      },
    );
    return true;
  }

  /**
   * Claims due queued messages until `until`: no other node takes them meanwhile (SKIP LOCKED on
   * MySQL/MariaDB; one writer on SQLite). A claim is not yet a send: see `markSending`.
   */
  async claim(q: { now: Date; until: Date; limit: number }): Promise<OutboxRecord[]> {
    return this.db.transaction(async (t) => {
      const lock = this.db.dialect === 'mysql' ? 'FOR UPDATE SKIP LOCKED' : '';
      const rows = await this.db.sequelize.query<{ id: string }>(
        `SELECT id FROM ${this.table}
          WHERE status = 'queued' AND next_attempt_at <= :now
            AND (claimed_until IS NULL OR claimed_until < :now) AND sending = 0
          ORDER BY next_attempt_at, created_at LIMIT ${Math.max(1, Math.floor(q.limit))} ${lock}`,
        { type: QueryTypes.SELECT, transaction: t, replacements: { now: this.time(q.now) } },
      );
      const ids = rows.map((r) => r.id);
      if (ids.length === 0) return [];
      await this.db.sequelize.query(
        `UPDATE ${this.table} SET claimed_until = :until WHERE id IN (:ids)`,
        { transaction: t, replacements: { until: this.time(q.until), ids } },
      );
      return this.byIds(ids, t);
    });
  }

  /**
   * Records that the submit is about to leave (committed before the first byte goes out). A node
   * that dies after this point leaves the message `sending`: it is never sent again (see
   * `failInterrupted`), so a citizen never gets one message twice.
   */
  async markSending(id: string, gateway: string): Promise<boolean> {
    const affected = await this.write(
      `UPDATE ${this.table} SET sending = 1, attempts = attempts + 1, gateway = :gateway
        WHERE id = :id AND status = 'queued' AND sending = 0`,
      { id, gateway },
    );
    return affected === 1;
  }

  /**
   * `markSending` for a group in one transaction: answers the ids this node may now submit (those
   * still queued and not being sent by anyone).
   */
  async markSendingMany(items: Array<{ id: string; gateway: string }>): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    return this.db.transaction(async (t) => {
      const lock = this.db.dialect === 'mysql' ? 'FOR UPDATE' : '';
      const rows = await this.db.sequelize.query<{ id: string }>(
        `SELECT id FROM ${this.table} WHERE id IN (:ids) AND status = 'queued' AND sending = 0 ${lock}`,
        { type: QueryTypes.SELECT, transaction: t, replacements: { ids: items.map((i) => i.id) } },
      );
      const ok = new Set(rows.map((r) => r.id));
      const byGateway = new Map<string, string[]>();
      for (const i of items) {
        if (!ok.has(i.id)) continue;
        byGateway.set(i.gateway, [...(byGateway.get(i.gateway) ?? []), i.id]);
      }
      for (const [gateway, ids] of byGateway)
        await this.db.sequelize.query(
          `UPDATE ${this.table} SET sending = 1, attempts = attempts + 1, gateway = :gateway
            WHERE id IN (:ids)`,
          { transaction: t, replacements: { gateway, ids } },
        );
      return ok;
    });
  }

  /** Writes what became of a group of messages in one transaction. */
  async recordOutcomes(outcomes: OutboxOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    await this.db.transaction(async (t) => {
      for (const o of outcomes) {
        const [sql, replacements] = this.outcomeSql(o);
        await this.db.sequelize.query(sql, { transaction: t, replacements });
      }
    });
  }

  private outcomeSql(o: OutboxOutcome): [string, Record<string, unknown>] {
    switch (o.kind) {
      case 'sent':
        return [
          `UPDATE ${this.table} SET status = :status, sending = 0, claimed_until = NULL,
             parts = :parts, provider_id = :provider, sent_at = :now, delivered_at = :delivered,
             error = NULL WHERE id = :id AND status = 'queued'`,
          {
            id: o.id,
            status: o.delivered ? 'delivered' : 'sent',
            parts: o.parts,
            provider: o.providerId,
            now: this.time(o.now),
            delivered: o.delivered ? this.time(o.now) : null,
          },
        ];
      case 'retry':
        return [
          `UPDATE ${this.table} SET sending = 0, claimed_until = NULL, next_attempt_at = :next,
             error = :error WHERE id = :id AND status = 'queued'`,
          { id: o.id, next: this.time(o.next), error: o.error.slice(0, 500) },
        ];
      case 'postpone':
        return [
          `UPDATE ${this.table} SET claimed_until = NULL, next_attempt_at = :next
            WHERE id = :id AND status = 'queued' AND sending = 0`,
          { id: o.id, next: this.time(o.next) },
        ];
      case 'failed':
      case 'expired':
        return [
          `UPDATE ${this.table} SET status = :status, sending = 0, claimed_until = NULL,
             error = :error WHERE id = :id AND status = 'queued'`,
          { id: o.id, status: o.kind, error: o.error.slice(0, 500) },
        ];
    }
  }

  /** Messages per address sent (or under way) since `since`, for a set of addresses. */
  async countByAddress(addresses: string[], since: Date): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (addresses.length === 0) return out;
    const rows = await this.db.sequelize.query<{ to_address: string; n: number | string }>(
      `SELECT to_address, COUNT(*) AS n FROM ${this.table}
        WHERE to_address IN (:to) AND created_at >= :since
          AND (status IN ('sent', 'delivered') OR sending = 1)
        GROUP BY to_address`,
      {
        type: QueryTypes.SELECT,
        replacements: { to: [...new Set(addresses)], since: this.time(since) },
      },
    );
    for (const r of rows) out.set(r.to_address, Number(r.n));
    return out;
  }

  async markSent(
    id: string,
    r: { parts: number; providerId: string | null; now: Date; delivered?: boolean },
  ): Promise<void> {
    await this.write(
      `UPDATE ${this.table} SET status = :status, sending = 0, claimed_until = NULL, parts = :parts,
         provider_id = :provider, sent_at = :now, delivered_at = :delivered, error = NULL
        WHERE id = :id AND status = 'queued'`,
      {
        id,
        status: r.delivered ? 'delivered' : 'sent',
        parts: r.parts,
        provider: r.providerId,
        now: this.time(r.now),
        delivered: r.delivered ? this.time(r.now) : null,
      },
    );
  }

  /** Gives the message back to the queue for a later attempt (the gateway refused or was away). */
  async markRetry(id: string, next: Date, error: string): Promise<void> {
    await this.write(
      `UPDATE ${this.table} SET sending = 0, claimed_until = NULL, next_attempt_at = :next,
         error = :error WHERE id = :id AND status = 'queued'`,
      { id, next: this.time(next), error: error.slice(0, 500) },
    );
  }

  /** Releases a claimed message without an attempt (quiet hours): it waits until `next`. */
  async postpone(id: string, next: Date): Promise<void> {
    await this.write(
      `UPDATE ${this.table} SET claimed_until = NULL, next_attempt_at = :next
        WHERE id = :id AND status = 'queued' AND sending = 0`,
      { id, next: this.time(next) },
    );
  }

  /** Makes an office's case messages held back by quiet hours (never tried yet) due at `now`. */
  async releaseHeld(officeCode: string, now: Date): Promise<number> {
    return this.write(
      `UPDATE ${this.table} SET next_attempt_at = :now
        WHERE office_code = :office AND status = 'queued' AND sending = 0 AND attempts = 0
          AND case_number IS NOT NULL AND next_attempt_at > :now`,
      { office: officeCode, now: this.time(now) },
    );
  }

  async markFinal(id: string, status: 'failed' | 'expired', error: string): Promise<void> {
    await this.write(
      `UPDATE ${this.table} SET status = :status, sending = 0, claimed_until = NULL, error = :error
        WHERE id = :id AND status = 'queued'`,
      { id, status, error: error.slice(0, 500) },
    );
  }

  /** Queue messages of a closed office day are of no use any more. */
  async expireDue(now: Date): Promise<number> {
    return this.write(
      `UPDATE ${this.table} SET status = 'expired', claimed_until = NULL,
         error = 'the office day closed before it could go'
        WHERE status = 'queued' AND sending = 0 AND expires_at IS NOT NULL AND expires_at < :now`,
      { now: this.time(now) },
    );
  }

  /**
   * Messages whose node died while submitting them (`sending`, claim run out): whether the gateway
   * got them is unknown, so they end `failed` with that reason instead of going a second time.
   */
  async failInterrupted(now: Date): Promise<number> {
    return this.write(
      `UPDATE ${this.table} SET status = 'failed', sending = 0, claimed_until = NULL,
         error = 'interrupted while submitting (the node stopped); not sent again to avoid a duplicate'
        WHERE status = 'queued' AND sending = 1 AND claimed_until < :now`,
      { now: this.time(now) },
    );
  }

  /** A delivery report: the message the gateway knows as `providerId` arrived, or did not. */
  async receipt(
    providerId: string,
    delivered: boolean,
    now: Date,
    error?: string,
  ): Promise<boolean> {
    const affected = await this.write(
      `UPDATE ${this.table} SET status = :status, delivered_at = :at, error = :error
        WHERE provider_id = :provider AND status IN ('sent', 'delivered')`,
      {
        provider: providerId,
        status: delivered ? 'delivered' : 'failed',
        at: delivered ? this.time(now) : null,
        error: delivered ? null : (error ?? 'not delivered'),
      },
    );
    return affected > 0;
  }

  /** Messages waiting to be sent (retries included): what the metrics' queue gauge shows. */
  async countQueued(): Promise<number> {
    const rows = await this.db.sequelize.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM ${this.table} WHERE status = 'queued'`,
      { type: QueryTypes.SELECT },
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Messages sent (or being sent) since `since`, for one office or one address. */
  async countSince(by: { officeCode?: string; to?: string }, since: Date): Promise<number> {
    const where = by.to !== undefined ? 'to_address = :to' : 'office_code = :office';
    const rows = await this.db.sequelize.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM ${this.table}
        WHERE ${where} AND created_at >= :since AND (status IN ('sent', 'delivered') OR sending = 1)`,
      {
        type: QueryTypes.SELECT,
        replacements: { to: by.to ?? '', office: by.officeCode ?? '', since: this.time(since) },
      },
    );
    return Number(rows[0]?.n ?? 0);
  }

  async list(q: {
    officeCode: string;
    ticketId?: string;
    caseNumber?: string;
    status?: OutboxStatus;
    limit: number;
  }): Promise<OutboxRecord[]> {
    const where = ['office_code = :office'];
    if (q.ticketId !== undefined) where.push('ticket_id = :ticket');
    if (q.caseNumber !== undefined) where.push('case_number = :case');
    if (q.status !== undefined) where.push('status = :status');
    const rows = await this.db.sequelize.query<OutboxRow>(
      `SELECT * FROM ${this.table} WHERE ${where.join(' AND ')}
        ORDER BY created_at DESC LIMIT ${Math.max(1, Math.floor(q.limit))}`,
      {
        type: QueryTypes.SELECT,
        replacements: {
          office: q.officeCode,
          ticket: q.ticketId ?? '',
          case: q.caseNumber ?? '',
          status: q.status ?? '',
        },
      },
    );
    return rows.map(toRecord);
  }

  /** Totals per office day (UTC date of creation), gateway and status: count and parts. */
  async totals(
    officeCode: string,
    since: Date,
  ): Promise<
    Array<{ day: string; gateway: string; status: string; count: number; parts: number }>
  > {
    const day =
      this.db.dialect === 'mysql'
        ? 'DATE_FORMAT(created_at, "%Y-%m-%d")'
        : 'substr(created_at, 1, 10)';
    const rows = await this.db.sequelize.query<{
      day: string;
      gateway: string | null;
      status: string;
      n: number | string;
      parts: number | string | null;
    }>(
      `SELECT ${day} AS day, gateway, status, COUNT(*) AS n, SUM(parts) AS parts FROM ${this.table}
        WHERE office_code = :office AND created_at >= :since GROUP BY ${day}, gateway, status`,
      { type: QueryTypes.SELECT, replacements: { office: officeCode, since: this.time(since) } },
    );
    return rows.map((r) => ({
      day: r.day,
      gateway: r.gateway ?? '-',
      status: r.status,
      count: Number(r.n),
      parts: Number(r.parts ?? 0),
    }));
  }

  async byIds(ids: string[], t?: Transaction): Promise<OutboxRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.sequelize.query<OutboxRow>(
      `SELECT * FROM ${this.table} WHERE id IN (:ids) ORDER BY next_attempt_at, created_at`,
      { type: QueryTypes.SELECT, transaction: t, replacements: { ids } },
    );
    return rows.map(toRecord);
  }

  private time(d: Date): string {
    return sqlTime(d, this.db.dialect);
  }

  /** One write in its own transaction (SQLite's writers queue up); answers the rows changed. */
  private write(sql: string, replacements: Record<string, unknown>): Promise<number> {
    return this.db.transaction(async (t) => {
      const [, affected] = await this.db.sequelize.query(sql, {
        type: QueryTypes.UPDATE,
        transaction: t,
        replacements,
      });
      return affected;
    });
  }
}

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

/** Recipients, opt-outs, templates, settings and Telegram codes (queue database). */
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
      now: sqlTime(now, this.db.dialect),
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
          replacements: { address, source, now: sqlTime(now, this.db.dialect) },
        },
      ),
    );
  }

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
        now: sqlTime(now, this.db.dialect),
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

  async setSettings(officeCode: string, settings: unknown, now: Date): Promise<void> {
    await this.db.transaction(async (t) => {
      const replacements = {
        office: officeCode,
        settings: JSON.stringify(settings),
        now: sqlTime(now, this.db.dialect),
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
            now: sqlTime(now, this.db.dialect),
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
          replacements: { code, chat: chatId, now: sqlTime(now, this.db.dialect) },
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

export function sqlTime(date: Date, dialect: 'mysql' | 'sqlite'): string {
  const text = date.toISOString().replace('T', ' ').replace('Z', '');
  return dialect === 'sqlite' ? `${text} +00:00` : text;
}

function toDate(v: Date | string): Date {
  return v instanceof Date ? v : new Date(v.replace(' ', 'T').replace(' +00:00', 'Z'));
}

function toRecord(r: OutboxRow): OutboxRecord {
  return {
    id: r.id,
    officeCode: r.office_code,
    ticketId: r.ticket_id,
    caseNumber: r.case_number,
    channel: r.channel === 'telegram' ? 'telegram' : 'sms',
    gateway: r.gateway,
    to: r.to_address,
    template: r.template,
    language: r.language,
    text: r.text,
    status: r.status as OutboxStatus,
    attempts: Number(r.attempts),
    parts: Number(r.parts),
    nextAttemptAt: toDate(r.next_attempt_at),
    expiresAt: r.expires_at === null ? null : toDate(r.expires_at),
    providerId: r.provider_id,
    error: r.error,
    createdAt: toDate(r.created_at),
    sentAt: r.sent_at === null ? null : toDate(r.sent_at),
    deliveredAt: r.delivered_at === null ? null : toDate(r.delivered_at),
  };
}
