/** Staff users and their sessions. */
import { Op, QueryTypes, col, fn, where, type Transaction, type WhereOptions } from 'sequelize';
import type { Database } from '../database';
import { appendAudit } from './audit-repository';
import type { UserModel } from '../models';
import type { AuditInput, UserRecord } from '../records';
import { sqlTime, toDate } from './values';

/** A row of the session lookup, as either dialect hands it back. */
interface SessionRow {
  id: number | string;
  office_code: string | null;
  username: string;
  role: UserRecord['role'];
  name: string;
  expires_at: Date | string;
}

/** The enabled user behind a live session, and when that session ends. */
export type SessionUser = Pick<UserRecord, 'id' | 'officeCode' | 'username' | 'role' | 'name'> & {
  expiresAt: Date;
};

export class AuthRepository {
  constructor(private readonly db: Database) {}

  /**
   * The user of that name, letter case aside (`Clerk1` signs in as `clerk1`), as on MariaDB's
   * case-blind collation so on SQLite: names are unique regardless of case ({@link usernameTaken}).
   * Should two older names differ only in case, the exact one wins and a case-blind match of two
   * is nobody.
   */
  async findUserByName(username: string, t?: Transaction): Promise<UserRecord | undefined> {
    const { User } = this.db.models;
    const exact = await User.findOne({ where: { username }, transaction: t });
    if (exact) return toUser(exact);
    const rows = await User.findAll({
      where: where(fn('LOWER', col('username')), username.toLowerCase()),
      limit: 2,
      transaction: t,
    });
    return rows.length === 1 ? toUser(rows[0]!) : undefined;
  }

  /**
   * Whether a username is taken, letter case aside: `CLERK1` beside `clerk1` would be two accounts
   * on SQLite and a unique-index error on MariaDB's case-blind collation, and either way a name
   * that reads as someone else's in the audit log. (Usernames are ASCII, so LOWER is exact.)
   */
  async usernameTaken(username: string, t?: Transaction): Promise<boolean> {
    const rows = await this.db.sequelize.query<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM users WHERE LOWER(username) = LOWER(:username)',
      { type: QueryTypes.SELECT, replacements: { username }, transaction: t },
    );
    return Number(rows[0]?.n ?? 0) > 0;
  }

  async createUser(user: Omit<UserRecord, 'id'>, t?: Transaction): Promise<UserRecord> {
    const row = await this.db.models.User.create(user, { transaction: t });
    return toUser(row);
  }

  /** The staff an administrator sees: of `officeCode` and of every office (all, without one). */
  async listUsers(officeCode: string | undefined): Promise<UserRecord[]> {
    const where: WhereOptions = officeCode
      ? { [Op.or]: [{ officeCode }, { officeCode: null }] }
      : {};
    const rows = await this.db.models.User.findAll({ where, order: [['username', 'ASC']] });
    return rows.map(toUser);
  }

  async updateUser(
    id: number,
    fields: Partial<Pick<UserRecord, 'role' | 'name' | 'passwordHash' | 'disabled'>>,
    t: Transaction,
  ): Promise<void> {
    await this.db.models.User.update(fields, { where: { id }, transaction: t });
  }

  /** Ends every open session of a user; returns how many were open. */
  async revokeSessions(userId: number, now: Date, t: Transaction): Promise<number> {
    const [count] = await this.db.models.Session.update(
      { revokedAt: now },
      { where: { userId, revokedAt: null }, transaction: t },
    );
    return count;
  }

  /** Enabled administrators (so the last one is never disabled or demoted). */
  async countActiveAdmins(t: Transaction): Promise<number> {
    return this.db.models.User.count({ where: { role: 'admin', disabled: false }, transaction: t });
  }

  async countUsers(): Promise<number> {
    return this.db.models.User.count();
  }

  /** Opens a session and, in the same transaction, writes its audit row. */
  async createSession(
    tokenHash: string,
    userId: number,
    now: Date,
    expiresAt: Date,
    audit?: AuditInput,
  ): Promise<void> {
    // Writes go through db.transaction: on SQLite that is the single writer queue (no SQLITE_BUSY).
    await this.db.transaction(async (t) => {
      await this.db.models.Session.create(
        { tokenHash, userId, createdAt: now, expiresAt, revokedAt: null },
        { transaction: t },
      );
      if (audit) await this.writeAudit(audit, t);
    });
  }

  /**
   * The office a failed login is audited in when the username names nobody's office: the one the
   * login page was opened for if it exists, else the only office of a single-office server.
   */
  async officeForFailedLogin(requested: string | undefined): Promise<string | null> {
    const { Office } = this.db.models;
    if (requested)
      return (await Office.count({ where: { code: requested } })) > 0 ? requested : null;
    const offices = await Office.findAll({ attributes: ['code'], limit: 2 });
    return offices.length === 1 ? (offices[0]?.code ?? null) : null;
  }

  /** One audit row of its own (a failed login). */
  async audit(entry: AuditInput): Promise<void> {
    await this.db.transaction(async (t) => this.writeAudit(entry, t));
  }

  private async writeAudit(entry: AuditInput, t: Transaction): Promise<void> {
    await appendAudit(this.db.models, entry, t);
  }

  /**
   * The user of a live (not revoked, not expired) session whose user is enabled, and when the
   * session ends: one raw statement with plain rows (every staff request and command asks it, so
   * no model instances, straight to the driver on MySQL, and `now` bound as DATETIME(3) text).
   * The password hash is not read.
   */
  async findSessionUser(tokenHash: string, now: Date): Promise<SessionUser | undefined> {
    const rows = await this.db.held.read<SessionRow>(
      `SELECT u.id, u.office_code, u.username, u.role, u.name, s.expires_at
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = :tokenHash AND s.revoked_at IS NULL AND s.expires_at > :now
          AND u.disabled = 0`,
      { tokenHash, now: sqlTime(this.db.dialect, now) },
    );
    const r = rows[0];
    if (!r) return undefined;
    return {
      id: Number(r.id),
      officeCode: r.office_code ?? null,
      username: r.username,
      role: r.role,
      name: r.name,
      expiresAt: toDate(r.expires_at),
    };
  }

  /** The device of `officeCode` holding the token with this hash, if any. */
  async findDeviceByToken(
    officeCode: string,
    tokenHash: string,
  ): Promise<{ code: string; kind: string } | undefined> {
    const row = await this.db.models.Device.findOne({
      attributes: ['code', 'kind'],
      where: { officeCode, tokenHash },
    });
    return row ? { code: row.code, kind: row.kind } : undefined;
  }

  async revokeSession(tokenHash: string, now: Date): Promise<void> {
    await this.db.transaction(async (t) => {
      await this.db.models.Session.update(
        { revokedAt: now },
        { where: { tokenHash, revokedAt: null }, transaction: t },
      );
    });
  }
}

function toUser(r: UserModel): UserRecord {
  return {
    id: r.id,
    officeCode: r.officeCode,
    username: r.username,
    passwordHash: r.passwordHash,
    role: r.role,
    name: r.name,
    disabled: Boolean(r.disabled),
  };
}
