/**
 * The essential writes of a staff command, shared by the floors (bench/floor-server.ts,
 * bench/floor-pairs-server.ts): the bearer token looked up, and one transaction that locks its row
 * (the statement given), updates it, writes one audit row and takes the office's seq.
 *
 * And, for the national bench's question "what do Navbat's round trips cost the floor?"
 * ({@link FloorIssue}), a kiosk tap's writes as Navbat makes them — the service's number, the
 * ticket, the idempotency key, an audit row, the print job, the office's seq — either one statement
 * a round trip in a transaction, as Navbat sends them, or all in one multi-statement round trip.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';

export interface FloorTables {
  tokens: string;
  audit: string;
  seqs: string;
}

export class FloorWrites {
  constructor(
    private readonly db: Pool,
    private readonly tables: FloorTables,
  ) {}

  /** A new token, stored by its hash for an hour. */
  async login(): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db.execute(`INSERT INTO \`${this.tables.tokens}\` VALUES (?, 1, ?)`, [
      hash(token),
      new Date(Date.now() + 3_600_000),
    ]);
    return token;
  }

  /** The user of the request's bearer token, if it is known and current. */
  async user(req: Request): Promise<number | undefined> {
    const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '';
    const [rows] = await this.db.execute<RowDataPacket[]>(
      `SELECT user_id FROM \`${this.tables.tokens}\` WHERE token_hash = ? AND expires_at > ?`,
      [hash(token), new Date()],
    );
    return rows[0] ? Number(rows[0].user_id) : undefined;
  }

  /**
   * One transaction: lock (the statement given), update, audit row, the office's seq. The office
   * is the locked row's `office_code` when it has one, else `office`.
   */
  async command(
    office: string,
    lock: (c: PoolConnection) => Promise<RowDataPacket | undefined>,
    update: (c: PoolConnection, row: RowDataPacket, now: Date) => Promise<unknown>,
    action: string,
    userId: number,
  ): Promise<RowDataPacket | undefined> {
    const c = await this.db.getConnection();
    try {
      await c.beginTransaction();
      const row = await lock(c);
      if (!row) {
        await c.commit();
        return undefined;
      }
      const now = new Date();
      const at = String(row.office_code ?? office);
      await update(c, row, now);
      await c.execute(
        `INSERT INTO \`${this.tables.audit}\` (office_code, at, user_id, action, entity_id, after)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [at, now, userId, action, row.id, JSON.stringify({ status: action })],
      );
      await c.execute(
        `INSERT INTO \`${this.tables.seqs}\` (office_code, seq) VALUES (?, 1)
         ON DUPLICATE KEY UPDATE seq = LAST_INSERT_ID(seq + 1)`,
        [at],
      );
      await c.commit();
      return row;
    } catch (err) {
      await c.rollback();
      throw err;
    } finally {
      c.release();
    }
  }
}

/** A ticket the floor issues (what its event carries, and its key). */
export interface IssuedRow {
  id: string;
  office: string;
  service: string;
  number: string;
  issuedAt: Date;
  key: string;
}

export interface IssueTables {
  tickets: string;
  keys: string;
  audit: string;
  seqs: string;
  jobs: string;
}

export class FloorIssue {
  /** `batchDb`: a pool whose connections allow several statements in one query. */
  constructor(
    private readonly db: Pool,
    private readonly batchDb: Pool,
    private readonly tables: IssueTables,
  ) {}

  /** Navbat's round trips: BEGIN, number, ticket, key, audit, print job, seq, COMMIT (8). */
  async transaction(t: IssuedRow): Promise<void> {
    const { tickets, keys, audit, seqs, jobs } = this.tables;
    const c = await this.db.getConnection();
    try {
      await c.beginTransaction();
      await c.execute(
        `INSERT INTO \`${seqs}\` (office_code, seq) VALUES (?, 1)
         ON DUPLICATE KEY UPDATE seq = LAST_INSERT_ID(seq + 1)`,
        [`${t.office}/${t.service}`],
      );
      await c.execute(
        `INSERT INTO \`${tickets}\` (id, office_code, number, service, status, issued_at)
         VALUES (?, ?, ?, ?, 'waiting', ?)`,
        [t.id, t.office, t.number, t.service, t.issuedAt],
      );
      await c.execute(`INSERT INTO \`${keys}\` VALUES (?, ?, ?)`, [t.key, t.id, t.issuedAt]);
      await c.execute(
        `INSERT INTO \`${audit}\` (office_code, at, user_id, action, entity_id, after)
         VALUES (?, ?, NULL, 'ticket.issue', ?, ?)`,
        [t.office, t.issuedAt, t.id, JSON.stringify({ number: t.number, service: t.service })],
      );
      await c.execute(`INSERT INTO \`${jobs}\` (ticket_id, status, at) VALUES (?, 'queued', ?)`, [
        t.id,
        t.issuedAt,
      ]);
      await c.execute(
        `INSERT INTO \`${seqs}\` (office_code, seq) VALUES (?, 1)
         ON DUPLICATE KEY UPDATE seq = LAST_INSERT_ID(seq + 1)`,
        [t.office],
      );
      await c.commit();
    } catch (err) {
      await c.rollback();
      throw err;
    } finally {
      c.release();
    }
  }

  /** The same statements and transaction in one round trip (a multi-statement query). */
  async batched(t: IssuedRow): Promise<void> {
    const { tickets, keys, audit, seqs, jobs } = this.tables;
    const c = await this.batchDb.getConnection();
    try {
      await c.query(
        `START TRANSACTION;
         INSERT INTO \`${seqs}\` (office_code, seq) VALUES (?, 1)
           ON DUPLICATE KEY UPDATE seq = LAST_INSERT_ID(seq + 1);
         INSERT INTO \`${tickets}\` (id, office_code, number, service, status, issued_at)
           VALUES (?, ?, ?, ?, 'waiting', ?);
         INSERT INTO \`${keys}\` VALUES (?, ?, ?);
         INSERT INTO \`${audit}\` (office_code, at, user_id, action, entity_id, after)
           VALUES (?, ?, NULL, 'ticket.issue', ?, ?);
         INSERT INTO \`${jobs}\` (ticket_id, status, at) VALUES (?, 'queued', ?);
         INSERT INTO \`${seqs}\` (office_code, seq) VALUES (?, 1)
           ON DUPLICATE KEY UPDATE seq = LAST_INSERT_ID(seq + 1);
         COMMIT`,
        [
          `${t.office}/${t.service}`,
          ...[t.id, t.office, t.number, t.service, t.issuedAt],
          ...[t.key, t.id, t.issuedAt],
          ...[t.office, t.issuedAt, t.id, JSON.stringify({ number: t.number, service: t.service })],
          ...[t.id, t.issuedAt],
          t.office,
        ],
      );
    } catch (err) {
      // A statement that failed ends the batch with its transaction open.
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  /** The paper's printed mark, after the broadcast (one autocommitted UPDATE, as Navbat's). */
  async printed(id: string): Promise<void> {
    await this.db.execute(
      `UPDATE \`${this.tables.jobs}\` SET status = 'printed', at = ? WHERE ticket_id = ?`,
      [new Date(), id],
    );
  }
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
