/** Window sessions: which login session holds which window (reads see only live sessions). */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database';

type Tx = Transaction | undefined;

/** A window held by a staff member's live session. */
export interface WindowHolder {
  counterId: number;
  counter: string;
  userId: number;
  name: string;
  tokenHash: string;
  since: Date;
}

/** A held window whose session has ended (logout, expiry, a disabled user). */
export interface EndedHold {
  counterId: number;
  counter: string;
  officeCode: string;
  /** Who held it (for the audit's "left the window"); absent where the caller did not ask. */
  clerk?: { id: number; name: string };
}

// A hold counts only while its session lives and its user is enabled: expiry needs no timer.
/**
 * A live window session: its login not revoked nor expired at `:now`, its user enabled (`:no` is
 * false). Needs `sessions s` and `users u` joined; the hot path and a ticket's place use it too.
 */
export const LIVE_SESSION = `s.revoked_at IS NULL AND s.expires_at > :now AND u.disabled = :no`;

export class CounterSessionRepository {
  constructor(private readonly db: Database) {}

  /** Live holders of an office's windows (of one window when `counter` is given). */
  async holders(officeCode: string, now: Date, t?: Tx, counter?: string): Promise<WindowHolder[]> {
    const rows = await this.db.sequelize.query<{
      counter_id: number;
      number: string;
      user_id: number;
      name: string;
      token_hash: string;
      since: Date | string;
    }>(
      `SELECT cs.counter_id, c.number, cs.user_id, u.name, cs.token_hash, cs.since
         FROM counter_sessions cs
         JOIN counters c ON c.id = cs.counter_id
         JOIN users u ON u.id = cs.user_id
         JOIN sessions s ON s.token_hash = cs.token_hash
        WHERE c.office_code = :officeCode AND ${LIVE_SESSION}
          ${counter === undefined ? '' : 'AND c.number = :counter'}`,
      {
        type: QueryTypes.SELECT,
        replacements: { officeCode, now, no: false, counter: counter ?? null },
        transaction: t,
      },
    );
    return rows.map((r) => ({
      counterId: r.counter_id,
      counter: r.number,
      userId: r.user_id,
      name: r.name,
      tokenHash: r.token_hash,
      since: toDate(r.since),
    }));
  }

  /** Windows still marked held although their session has ended. */
  async ended(now: Date, t?: Tx): Promise<EndedHold[]> {
    const rows = await this.db.sequelize.query<{
      counter_id: number;
      number: string;
      office_code: string;
      user_id: number;
      user_name: string;
    }>(
      `SELECT cs.counter_id, c.number, c.office_code, u.id AS user_id, u.name AS user_name
         FROM counter_sessions cs
         JOIN counters c ON c.id = cs.counter_id
         JOIN users u ON u.id = cs.user_id
         LEFT JOIN sessions s ON s.token_hash = cs.token_hash
        WHERE s.token_hash IS NULL OR NOT (${LIVE_SESSION})`,
      { type: QueryTypes.SELECT, replacements: { now, no: false }, transaction: t },
    );
    return rows.map((r) => ({
      counterId: r.counter_id,
      counter: r.number,
      officeCode: r.office_code,
      clerk: { id: r.user_id, name: r.user_name },
    }));
  }

  /** Windows of an office held under one login session. */
  async heldBySession(officeCode: string, tokenHash: string, t: Transaction): Promise<EndedHold[]> {
    const rows = await this.db.sequelize.query<{ counter_id: number; number: string }>(
      `SELECT cs.counter_id, c.number FROM counter_sessions cs
         JOIN counters c ON c.id = cs.counter_id
        WHERE c.office_code = :officeCode AND cs.token_hash = :tokenHash`,
      { type: QueryTypes.SELECT, replacements: { officeCode, tokenHash }, transaction: t },
    );
    return rows.map((r) => ({ counterId: r.counter_id, counter: r.number, officeCode }));
  }

  /** Gives the window to a session (replacing whoever held it). */
  async hold(
    counterId: number,
    userId: number,
    tokenHash: string,
    since: Date,
    t: Transaction,
  ): Promise<void> {
    await this.release(counterId, t);
    await this.db.sequelize.query(
      `INSERT INTO counter_sessions (counter_id, user_id, token_hash, since)
       VALUES (:counterId, :userId, :tokenHash, :since)`,
      { replacements: { counterId, userId, tokenHash, since }, transaction: t },
    );
  }

  /** Frees a window. */
  async release(counterId: number, t: Transaction): Promise<void> {
    await this.db.sequelize.query('DELETE FROM counter_sessions WHERE counter_id = :counterId', {
      replacements: { counterId },
      transaction: t,
    });
  }
}

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value.replace(' ', 'T').replace(' +00:00', 'Z'));
}
