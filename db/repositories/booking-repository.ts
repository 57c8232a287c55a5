/**
 * Appointments: plans, bookings and the lock rows that serialise the bookings of one slot. A
 * service's plan may be a room's calendar (`{resource}`, see booking-resource-repository.ts): its
 * slots and their places are then the room's, counted across every service that books it.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database';
import {
  DEFAULT_CHECK_IN,
  type BookingHold,
  type BookingPlan,
  type CheckInRules,
} from '../../server/protocol/booking-rules';
import type { AuditInput } from '../records';
import { appendAudit } from './audit-repository';
import type { BookingStatus, ServiceBookingPlan } from '../../server/protocol/bookings';
import { toDate, toRecord, type BookingRecord, type BookingRow } from './booking-row';

export type { BookingRecord } from './booking-row';

/** A service's calendar: its plan, and the room whose slots it shares, if any. */
export interface BookingCalendar {
  plan: BookingPlan;
  resource?: string;
}

/** Whose bookings fill a slot: one service's, or every booking of a room. */
export type BookingScope = { service: string } | { resource: string };

export class BookingRepository {
  constructor(private readonly db: Database) {}

  transaction<T>(work: (t: Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Each service's plan of an office as the administrator set it (own calendar or `{resource}`). */
  async storedPlans(officeCode: string): Promise<Map<string, ServiceBookingPlan>> {
    const rows = await this.db.sequelize.query<{ service_code: string; plan: string }>(
      'SELECT service_code, plan FROM booking_plans WHERE office_code = :officeCode',
      { type: QueryTypes.SELECT, replacements: { officeCode } },
    );
    return new Map(rows.map((r) => [r.service_code, JSON.parse(r.plan) as ServiceBookingPlan]));
  }

  /** Each service's calendar plan (a room's, for services that book one); none: no bookings. */
  async plans(officeCode: string): Promise<Map<string, BookingPlan>> {
    const stored = await this.storedPlans(officeCode);
    const rooms = await this.resourcePlans(officeCode);
    const plans = new Map<string, BookingPlan>();
    for (const [service, plan] of stored) {
      const resolved = 'resource' in plan ? rooms.get(plan.resource) : plan;
      if (resolved) plans.set(service, resolved);
    }
    return plans;
  }

  /** A service's calendar: its own plan, or the plan of the room it books. */
  async calendar(
    officeCode: string,
    serviceCode: string,
    t?: Transaction,
  ): Promise<BookingCalendar | undefined> {
    const rows = await this.db.sequelize.query<{ plan: string }>(
      'SELECT plan FROM booking_plans WHERE office_code = :officeCode AND service_code = :serviceCode',
      { type: QueryTypes.SELECT, transaction: t, replacements: { officeCode, serviceCode } },
    );
    if (!rows[0]) return undefined;
    const stored = JSON.parse(rows[0].plan) as ServiceBookingPlan;
    if (!('resource' in stored)) return { plan: stored };
    const plan = (await this.resourcePlans(officeCode, stored.resource, t)).get(stored.resource);
    return plan && { plan, resource: stored.resource };
  }

  async plan(
    officeCode: string,
    serviceCode: string,
    t?: Transaction,
  ): Promise<BookingPlan | undefined> {
    return (await this.calendar(officeCode, serviceCode, t))?.plan;
  }

  /** The plans of the office's rooms (or of one room). */
  private async resourcePlans(
    officeCode: string,
    code?: string,
    t?: Transaction,
  ): Promise<Map<string, BookingPlan>> {
    const rows = await this.db.sequelize.query<{ code: string; plan: string }>(
      `SELECT code, plan FROM booking_resources WHERE office_code = :officeCode
          ${code === undefined ? '' : 'AND code = :code'}`,
      { type: QueryTypes.SELECT, transaction: t, replacements: { officeCode, code: code ?? null } },
    );
    return new Map(rows.map((r) => [r.code, JSON.parse(r.plan) as BookingPlan]));
  }

  /** Sets (or, with `null`, removes) a service's plan. */
  async setPlan(
    officeCode: string,
    serviceCode: string,
    plan: BookingPlan | { resource: string } | null,
    now: Date,
    t: Transaction,
  ): Promise<void> {
    const replacements = {
      officeCode,
      serviceCode,
      plan: JSON.stringify(plan),
      now: this.time(now),
    };
    await this.db.sequelize.query(
      'DELETE FROM booking_plans WHERE office_code = :officeCode AND service_code = :serviceCode',
      { transaction: t, replacements },
    );
    if (plan === null) return;
    await this.db.sequelize.query(
      `INSERT INTO booking_plans (office_code, service_code, plan, updated_at)
       VALUES (:officeCode, :serviceCode, :plan, :now)`,
      { transaction: t, replacements },
    );
  }

  /**
   * Takes the lock rows `keys` (created on first use) until the transaction ends, in one order so
   * two transactions never wait for each other crosswise. On SQLite the single writer is the lock.
   */
  async lock(keys: readonly string[], t: Transaction): Promise<void> {
    if (this.db.dialect !== 'mysql') return;
    for (const key of [...keys].sort()) {
      await this.db.sequelize.query(
        `INSERT INTO booking_locks (lock_key) VALUES (:key)
         ON DUPLICATE KEY UPDATE lock_key = lock_key`,
        { transaction: t, replacements: { key } },
      );
    }
  }

  /** The bookings of a service (or a room) that start between `from` and `to` (inclusive). */
  async holdsBetween(
    officeCode: string,
    scope: BookingScope,
    from: Date,
    to: Date,
    t?: Transaction,
  ): Promise<BookingHold[]> {
    const [column, key] =
      'resource' in scope ? ['resource_code', scope.resource] : ['service_code', scope.service];
    const rows = await this.db.sequelize.query<{
      start_at: unknown;
      status: string;
      created_at: unknown;
    }>(
      `SELECT start_at, status, created_at FROM bookings
        WHERE office_code = :officeCode AND ${column} = :key
          AND start_at >= :from AND start_at <= :to`,
      {
        type: QueryTypes.SELECT,
        transaction: t,
        replacements: { officeCode, key, from: this.time(from), to: this.time(to) },
      },
    );
    return rows.map((r) => ({
      start: toDate(r.start_at),
      status: r.status as BookingStatus,
      createdAt: toDate(r.created_at),
    }));
  }

  /** The phone's bookings of a service on an office day. */
  async phoneHolds(
    officeCode: string,
    serviceCode: string,
    day: string,
    phone: string,
    t: Transaction,
  ): Promise<BookingHold[]> {
    const rows = await this.db.sequelize.query<BookingRow>(
      `SELECT * FROM bookings WHERE office_code = :officeCode AND service_code = :serviceCode
          AND day = :day AND phone = :phone`,
      {
        type: QueryTypes.SELECT,
        transaction: t,
        replacements: { officeCode, serviceCode, day, phone },
      },
    );
    return rows.map((r) => {
      const b = toRecord(r);
      return { start: b.startAt, status: b.status, createdAt: b.createdAt };
    });
  }

  /**
   * Cancels the phone's unconfirmed bookings of the service that day (a new request replaces them);
   * answers how many.
   */
  async cancelPending(
    officeCode: string,
    serviceCode: string,
    day: string,
    phone: string,
    now: Date,
    t: Transaction,
  ): Promise<number> {
    const [, affected] = await this.db.sequelize.query(
      `UPDATE bookings SET status = 'cancelled', ended_at = :now, otp_hash = NULL
        WHERE office_code = :officeCode AND service_code = :serviceCode AND day = :day
          AND phone = :phone AND status = 'pending'`,
      {
        type: QueryTypes.UPDATE,
        transaction: t,
        replacements: { officeCode, serviceCode, day, phone, now: this.time(now) },
      },
    );
    return affected;
  }

  async insert(b: BookingRecord, t: Transaction): Promise<void> {
    await this.db.sequelize.query(
      `INSERT INTO bookings (id, office_code, service_code, code, start_at, day, phone, language,
         status, otp_hash, otp_attempts, ticket_id, created_at, confirmed_at, ended_at,
         resource_code, requested_from, idempotency_key)
       VALUES (:id, :officeCode, :serviceCode, :code, :startAt, :day, :phone, :language, :status,
         :otpHash, :otpAttempts, :ticketId, :createdAt, NULL, NULL, :resourceCode, :requestedFrom,
         :idempotencyKey)`,
      {
        transaction: t,
        replacements: {
          ...b,
          resourceCode: b.resourceCode ?? null,
          requestedFrom: b.requestedFrom ?? null,
          idempotencyKey: b.idempotencyKey ?? null,
          startAt: this.time(b.startAt),
          createdAt: this.time(b.createdAt),
        },
      },
    );
  }

  /** The booking an office made for this `Idempotency-Key` hash, if any. */
  findByKey(
    officeCode: string,
    keyHash: string,
    t: Transaction,
  ): Promise<BookingRecord | undefined> {
    return this.findOne('idempotency_key = :value', officeCode, keyHash, t, false);
  }

  /** The booking with this code in the office; `lock` holds its row until the transaction ends. */
  findByCode(
    officeCode: string,
    code: string,
    t?: Transaction,
    lock = false,
  ): Promise<BookingRecord | undefined> {
    return this.findOne('code = :value', officeCode, code, t, lock);
  }

  private async findOne(
    where: string,
    officeCode: string,
    value: string,
    t: Transaction | undefined,
    lock: boolean,
  ): Promise<BookingRecord | undefined> {
    const forUpdate = lock && this.db.dialect === 'mysql' ? ' FOR UPDATE' : '';
    const rows = await this.db.sequelize.query<BookingRow>(
      `SELECT * FROM bookings WHERE office_code = :officeCode AND ${where}${forUpdate}`,
      { type: QueryTypes.SELECT, transaction: t, replacements: { officeCode, value } },
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async update(
    id: string,
    fields: Partial<Pick<BookingRecord, 'status' | 'otpHash' | 'otpAttempts' | 'ticketId'>> & {
      confirmedAt?: Date;
      endedAt?: Date;
      clearPhone?: boolean;
    },
    t: Transaction,
  ): Promise<void> {
    const sets: string[] = [];
    const replacements: Record<string, unknown> = { id };
    const columns = {
      status: 'status',
      otpHash: 'otp_hash',
      otpAttempts: 'otp_attempts',
      ticketId: 'ticket_id',
    } as const;
    for (const [field, column] of Object.entries(columns) as Array<
      [keyof typeof columns, string]
    >) {
      if (fields[field] === undefined) continue;
      sets.push(`${column} = :${field}`);
      replacements[field] = fields[field];
    }
    if (fields.confirmedAt) {
      sets.push('confirmed_at = :confirmedAt');
      replacements.confirmedAt = this.time(fields.confirmedAt);
    }
    if (fields.endedAt) {
      sets.push('ended_at = :endedAt');
      replacements.endedAt = this.time(fields.endedAt);
    }
    if (fields.clearPhone) sets.push('phone = NULL');
    if (sets.length === 0) return;
    await this.db.sequelize.query(`UPDATE bookings SET ${sets.join(', ')} WHERE id = :id`, {
      transaction: t,
      replacements,
    });
  }

  /** The office's check-in window (office settings; the defaults until an admin sets one). */
  async checkInRules(officeCode: string, t?: Transaction): Promise<CheckInRules> {
    const rows = await this.db.sequelize.query<{
      check_in_early_minutes: number | string;
      check_in_late_minutes: number | string;
    }>('SELECT * FROM booking_settings WHERE office_code = :officeCode', {
      type: QueryTypes.SELECT,
      transaction: t,
      replacements: { officeCode },
    });
    const row = rows[0];
    if (!row) return DEFAULT_CHECK_IN;
    return {
      earlyMinutes: Number(row.check_in_early_minutes),
      lateMinutes: Number(row.check_in_late_minutes),
    };
  }

  async setCheckInRules(
    officeCode: string,
    rules: CheckInRules,
    now: Date,
    t: Transaction,
  ): Promise<void> {
    const replacements = { officeCode, ...rules, now: this.time(now) };
    await this.db.sequelize.query('DELETE FROM booking_settings WHERE office_code = :officeCode', {
      transaction: t,
      replacements,
    });
    await this.db.sequelize.query(
      `INSERT INTO booking_settings (office_code, check_in_early_minutes, check_in_late_minutes,
         updated_at) VALUES (:officeCode, :earlyMinutes, :lateMinutes, :now)`,
      { transaction: t, replacements },
    );
  }

  async audit(entry: AuditInput, t: Transaction): Promise<void> {
    await appendAudit(this.db.models, entry, t);
  }

  /** An office day's bookings (of one service, or all), by start time then code. */
  async ofDay(officeCode: string, day: string, serviceCode?: string): Promise<BookingRecord[]> {
    const rows = await this.db.sequelize.query<BookingRow>(
      `SELECT * FROM bookings WHERE office_code = :officeCode AND day = :day
          ${serviceCode === undefined ? '' : 'AND service_code = :serviceCode'}
        ORDER BY start_at, code`,
      {
        type: QueryTypes.SELECT,
        replacements: { officeCode, day, serviceCode: serviceCode ?? null },
      },
    );
    return rows.map(toRecord);
  }

  /** A time as each database stores DATE(3) columns, so that comparisons in SQL hold. */
  private time(date: Date): string {
    const text = date.toISOString().replace('T', ' ').replace('Z', '');
    return this.db.dialect === 'sqlite' ? `${text} +00:00` : text;
  }
}
