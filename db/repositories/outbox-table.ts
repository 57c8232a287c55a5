/**
 * One outbox table on one database: messages written in their event's transaction, claimed by one
 * node at a time, marked `sending` before they leave, and their outcomes, delivery reports, counts
 * (daily caps, metrics) and listings. Plain SQL: the same statements run on MySQL/MariaDB and SQLite.
 */
import { randomUUID } from 'node:crypto';
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database';
import {
  IN_DOUBT,
  INTERRUPTED,
  toRecord,
  type NewOutboxMessage,
  type OutboxOutcome,
  type OutboxRecord,
  type OutboxRow,
  type OutboxStatus,
} from './outbox-records';
import { sqlTime } from './values';
import { lockNumbers, overCap, type AddressCap } from './outbox-caps';
import { isUniqueViolation } from './queue-repository';
import { expireEndedTickets } from './outbox-expiry';
import { dueMessages } from './outbox-due';

export type { AddressCap };

/** One outbox table on one database (`table`: the queue's or the registry's). */
export class OutboxTable {
  constructor(
    readonly db: Database,
    readonly table: 'messages' | 'case_messages',
  ) {}

  /**
   * Writes a message in the caller's transaction; false when its event has one (seen, or met at
   * the unique dedupe key: that statement alone fails). A message never fails its command.
   */
  async insert(m: NewOutboxMessage, now: Date, t: Transaction): Promise<boolean> {
    const existing = await this.db.sequelize.query(
      `SELECT id FROM ${this.table} WHERE dedupe_key = :key`,
      { type: QueryTypes.SELECT, transaction: t, replacements: { key: m.dedupeKey } },
    );
    if (existing.length) return false;
    try {
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
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
    return true;
  }

  /**
   * Claims due queued messages until `until`: no other node takes them meanwhile (SKIP LOCKED on
   * MySQL/MariaDB; one writer on SQLite). A claim is not yet a send: see `markSendingMany`.
   */
  async claim(q: { now: Date; until: Date; limit: number }): Promise<OutboxRecord[]> {
    // Most polls find nothing: a plain read says so, without a transaction (two round trips on
    // MySQL) or, on SQLite, a turn in the one writer's queue ahead of the kiosks' tickets.
    if ((await dueMessages(this.db, this.table, q.now, 1)).length === 0) return [];
    return this.db.transaction(async (t) => {
      const rows = await dueMessages(this.db, this.table, q.now, q.limit, t);
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
   * Records, for a group in one transaction, that their submits are about to leave (committed
   * before the first byte goes out); answers the ids this node may now submit (those still queued
   * and not being sent by anyone). A node that dies after this point leaves a message `sending`: it
   * is never sent again (see `failInterrupted`), so a citizen never gets one message twice.
   *
   * A message with a `cap` goes only while its number stays under it, counted here, in the
   * transaction that flags it, behind a lock on that number's messages of the day: two rounds (two
   * nodes, or a drain beside a kicked round) that both screened a number at 0 no longer both send
   * up to its cap. One held back is let go of its claim, so the next pass screens it again (and
   * settles it as capped, unless a send under way has failed meanwhile).
   */
  async markSendingMany(
    items: Array<{ id: string; gateway: string; cap?: AddressCap }>,
  ): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    return this.db.transaction(async (t) => {
      const lock = this.db.dialect === 'mysql' ? 'FOR UPDATE' : '';
      // The capped numbers' messages first, in id order, then the group: every round locks in the
      // same order, so two rounds of one number wait for each other instead of deadlocking.
      await lockNumbers(this, items, t);
      if (this.table === 'messages') await expireEndedTickets(this.db, items, t);
      const rows = await this.db.sequelize.query<{ id: string }>(
        `SELECT id FROM ${this.table} WHERE id IN (:ids) AND status = 'queued' AND sending = 0 ${lock}`,
        { type: QueryTypes.SELECT, transaction: t, replacements: { ids: items.map((i) => i.id) } },
      );
      const ok = new Set(rows.map((r) => r.id));
      const over = await overCap(
        this,
        items.filter((i) => ok.has(i.id)),
        t,
      );
      for (const id of over) ok.delete(id);
      if (over.length) {
        await this.db.sequelize.query(
          `UPDATE ${this.table} SET claimed_until = NULL WHERE id IN (:ids)`,
          { transaction: t, replacements: { ids: over } },
        );
      }
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
  async countByAddress(
    addresses: string[],
    since: Date,
    /** Only messages of these templates, or (`not`) of all others. */
    templates: { of: readonly string[]; not?: boolean },
    t?: Transaction,
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (addresses.length === 0) return out;
    const rows = await this.db.sequelize.query<{ to_address: string; n: number | string }>(
      `SELECT to_address, COUNT(*) AS n FROM ${this.table}
        WHERE to_address IN (:to) AND created_at >= :since
          AND template ${templates.not ? 'NOT IN' : 'IN'} (:templates)
          AND (status IN ('sent', 'delivered') OR sending = 1 OR (status = 'failed'
            AND (error LIKE :doubt OR error LIKE :interrupted)))
        GROUP BY to_address`,
      {
        type: QueryTypes.SELECT,
        transaction: t,
        replacements: {
          to: [...new Set(addresses)],
          since: this.time(since),
          templates: [...templates.of],
          doubt: `${IN_DOUBT}%`,
          interrupted: `${INTERRUPTED}%`,
        },
      },
    );
    for (const r of rows) out.set(r.to_address, Number(r.n));
    return out;
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
         error = '${INTERRUPTED} (the node stopped); not sent again to avoid a duplicate'
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

  /**
   * Totals per quarter hour of creation (UTC, `YYYY-MM-DD HH:MM`), gateway and status: count and
   * parts. Every time zone's offset is whole quarter hours, so the caller can sum them into office
   * days without reading each row.
   */
  async totals(
    officeCode: string,
    since: Date,
  ): Promise<
    Array<{ quarter: string; gateway: string; status: string; count: number; parts: number }>
  > {
    const day =
      this.db.dialect === 'mysql'
        ? `CONCAT(DATE_FORMAT(created_at, '%Y-%m-%d %H:'), LPAD(FLOOR(MINUTE(created_at) / 15) * 15, 2, '0'))`
        : `substr(created_at, 1, 14) || printf('%02d', (CAST(substr(created_at, 15, 2) AS INTEGER) / 15) * 15)`;
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
      quarter: r.day,
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
    return sqlTime(this.db.dialect, d);
  }

  /**
   * One statement's write on its own (autocommitted on MySQL: no START and COMMIT round trips; in
   * the writers' queue on SQLite); answers the rows changed.
   */
  private write(sql: string, replacements: Record<string, unknown>): Promise<number> {
    return this.db.autocommit(async (t) => {
      const [, affected] = await this.db.sequelize.query(sql, {
        type: QueryTypes.UPDATE,
        transaction: t,
        replacements,
      });
      return affected;
    });
  }
}
