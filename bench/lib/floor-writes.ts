/**
 * The essential writes of a staff command, shared by the floors (bench/floor-server.ts,
 * bench/floor-pairs-server.ts): the bearer token looked up, and one transaction that locks its row
 * (the statement given), updates it, writes one audit row and takes the office's seq.
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

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
