/** Remote join: each office's setting, the requests with their one-time codes, the daily cap. */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database';
import {
  DEFAULT_REMOTE_JOIN,
  type RemoteJoinSettings,
  type RemoteJoinStatus,
} from '../../server/protocol/remote-join';
import { BookingRepository } from './booking-repository';

/** A remote-join row as the service sees it. */
export interface RemoteJoinRecord {
  id: string;
  officeCode: string;
  code: string;
  serviceCode: string;
  day: string;
  phone: string;
  language: string;
  status: RemoteJoinStatus;
  otpHash: string | null;
  otpAttempts: number;
  ticketId: string | null;
  createdAt: Date;
}

interface Row {
  id: string;
  office_code: string;
  code: string;
  service_code: string;
  day: string;
  phone: string;
  language: string;
  status: string;
  otp_hash: string | null;
  otp_attempts: number | string;
  ticket_id: string | null;
  created_at: unknown;
}

export class RemoteJoinRepository {
  private readonly locks: BookingRepository;

  constructor(private readonly db: Database) {
    this.locks = new BookingRepository(db);
  }

  transaction<T>(work: (t: Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Takes the lock rows `keys` until the transaction ends (booking_locks; SQLite: its one writer). */
  lock(keys: readonly string[], t: Transaction): Promise<void> {
    return this.locks.lock(keys, t);
  }

  async settings(officeCode: string, t?: Transaction): Promise<RemoteJoinSettings> {
    const rows = await this.db.sequelize.query<{ enabled: unknown; daily_cap: number | string }>(
      'SELECT enabled, daily_cap FROM remote_join_settings WHERE office_code = :officeCode',
      { type: QueryTypes.SELECT, transaction: t, replacements: { officeCode } },
    );
    const row = rows[0];
    if (!row) return DEFAULT_REMOTE_JOIN;
    return { enabled: truthy(row.enabled), dailyCap: Number(row.daily_cap) };
  }

  async setSettings(
    officeCode: string,
    s: RemoteJoinSettings,
    now: Date,
    t: Transaction,
  ): Promise<void> {
    const replacements = {
      officeCode,
      enabled: s.enabled,
      dailyCap: s.dailyCap,
      now: this.time(now),
    };
    await this.db.sequelize.query(
      'DELETE FROM remote_join_settings WHERE office_code = :officeCode',
      { transaction: t, replacements },
    );
    await this.db.sequelize.query(
      `INSERT INTO remote_join_settings (office_code, enabled, daily_cap, updated_at)
       VALUES (:officeCode, :enabled, :dailyCap, :now)`,
      { transaction: t, replacements },
    );
  }

  async insert(j: RemoteJoinRecord, t: Transaction): Promise<void> {
    await this.db.sequelize.query(
      `INSERT INTO remote_joins (id, office_code, code, service_code, day, phone, language, status,
         otp_hash, otp_attempts, ticket_id, created_at, ended_at)
       VALUES (:id, :officeCode, :code, :serviceCode, :day, :phone, :language, :status, :otpHash,
         :otpAttempts, :ticketId, :createdAt, NULL)`,
      { transaction: t, replacements: { ...j, createdAt: this.time(j.createdAt) } },
    );
  }

  /** The join with this code in the office; `lock` holds its row until the transaction ends. */
  async findByCode(
    officeCode: string,
    code: string,
    t?: Transaction,
    lock = false,
  ): Promise<RemoteJoinRecord | undefined> {
    const forUpdate = lock && this.db.dialect === 'mysql' ? ' FOR UPDATE' : '';
    const rows = await this.db.sequelize.query<Row>(
      `SELECT * FROM remote_joins WHERE office_code = :officeCode AND code = :code${forUpdate}`,
      { type: QueryTypes.SELECT, transaction: t, replacements: { officeCode, code } },
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async update(
    id: string,
    f: { status?: RemoteJoinStatus; otpAttempts?: number; ticketId?: string; ended?: Date },
    t: Transaction,
  ): Promise<void> {
    await this.db.sequelize.query(
      `UPDATE remote_joins SET status = COALESCE(:status, status),
         otp_attempts = COALESCE(:otpAttempts, otp_attempts),
         ticket_id = COALESCE(:ticketId, ticket_id),
         otp_hash = CASE WHEN :clear = 1 THEN NULL ELSE otp_hash END,
         ended_at = COALESCE(:ended, ended_at)
       WHERE id = :id`,
      {
        transaction: t,
        replacements: {
          id,
          status: f.status ?? null,
          otpAttempts: f.otpAttempts ?? null,
          ticketId: f.ticketId ?? null,
          clear: f.status !== undefined && f.status !== 'pending' ? 1 : 0,
          ended: f.ended ? this.time(f.ended) : null,
        },
      },
    );
  }

  /**
   * The office day's confirmed joins: what the cap counts (read after the day's lock row; without
   * a transaction only for the public read of what is left).
   */
  async confirmedOn(officeCode: string, day: string, t?: Transaction): Promise<number> {
    const rows = await this.db.sequelize.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM remote_joins
        WHERE office_code = :officeCode AND day = :day AND status = 'confirmed'`,
      { type: QueryTypes.SELECT, transaction: t, replacements: { officeCode, day } },
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Whether the phone holds a waiting ticket of the office day (messages go to it). */
  async phoneWaiting(
    officeCode: string,
    day: string,
    phone: string,
    t?: Transaction,
  ): Promise<boolean> {
    const rows = await this.db.sequelize.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM message_recipients r JOIN tickets k ON k.id = r.ticket_id
        WHERE r.office_code = :officeCode AND r.day = :day AND r.phone = :phone
          AND k.status = 'waiting'`,
      { type: QueryTypes.SELECT, transaction: t, replacements: { officeCode, day, phone } },
    );
    return Number(rows[0]?.n ?? 0) > 0;
  }

  /** A time as each database stores DATE(3) columns, so that comparisons in SQL hold. */
  private time(date: Date): string {
    const text = date.toISOString().replace('T', ' ').replace('Z', '');
    return this.db.dialect === 'sqlite' ? `${text} +00:00` : text;
  }
}

function truthy(v: unknown): boolean {
  return v === true || Number(v) === 1;
}

function toRecord(r: Row): RemoteJoinRecord {
  return {
    id: r.id,
    officeCode: r.office_code,
    code: r.code,
    serviceCode: r.service_code,
    day: r.day,
    phone: r.phone,
    language: r.language,
    status: r.status as RemoteJoinStatus,
    otpHash: r.otp_hash,
    otpAttempts: Number(r.otp_attempts),
    ticketId: r.ticket_id,
    createdAt: r.created_at instanceof Date ? r.created_at : new Date(String(r.created_at)),
  };
}
