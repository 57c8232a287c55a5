/**
 * What the reports read: the tickets of a range of office days, the cases of a range of instants
 * (the registry may live in its own database), citizen messages and bookings per day.
 */
import { Op, QueryTypes } from 'sequelize';
import type { TicketStatus } from '../../server/protocol/constants';
import type { Database } from '../database';
import { sqlTime, toDate, toDateOrNull } from './values';

/** One ticket as the reports read it. */
export interface ReportTicketRow {
  /** The office day the ticket was issued on (`YYYY-MM-DD`). */
  day: string;
  serviceId: number;
  status: TicketStatus;
  issuedAt: Date;
  calledAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  counterNumber: string | null;
}

/** Cases of an office as the reports read them. */
export interface ReportCaseRow {
  type: string;
  status: string;
  createdAt: Date;
  submittedAt: Date | null;
  registeredAt: Date | null;
  issuedAt: Date | null;
}

/** One citizen message (queue or registry outbox) as the reports read it. */
export interface ReportMessageRow {
  createdAt: Date;
  channel: string;
  status: string;
  parts: number;
}

/** One booking as the reports read it. */
export interface ReportBookingRow {
  /** The office day of its slot. */
  day: string;
  status: string;
  startAt: Date;
  confirmedAt: Date | null;
  /** When the citizen arrived: the ticket's issue, else when the booking ended (checked in). */
  arrivedAt: Date | null;
}

export class ReportRepository {
  /** `registryDb`: the registry's database, when it is not `db`. */
  constructor(
    private readonly db: Database,
    private readonly registryDb: Database = db,
  ) {}

  /** Every ticket of the office days `fromDay`…`toDay` (inclusive). */
  async tickets(officeCode: string, fromDay: string, toDay: string): Promise<ReportTicketRow[]> {
    const rows = await this.db.models.Ticket.findAll({
      attributes: [
        'day',
        'serviceId',
        'status',
        'issuedAt',
        'calledAt',
        'startedAt',
        'finishedAt',
        'counterNumber',
      ],
      where: { officeCode, day: { [Op.between]: [fromDay, toDay] } },
      order: [['issuedAt', 'ASC']],
      raw: true,
    });
    return rows.map((r) => ({
      day: r.day,
      serviceId: Number(r.serviceId),
      status: r.status,
      issuedAt: toDate(r.issuedAt),
      calledAt: toDateOrNull(r.calledAt),
      startedAt: toDateOrNull(r.startedAt),
      finishedAt: toDateOrNull(r.finishedAt),
      counterNumber: r.counterNumber,
    }));
  }

  /** Cases created, registered or issued between `from` and `to` (instants, `to` excluded). */
  async cases(officeCode: string, from: Date, to: Date): Promise<ReportCaseRow[]> {
    const within = { [Op.gte]: from, [Op.lt]: to };
    const rows = await this.registryDb.registryModels.Case.findAll({
      attributes: ['type', 'status', 'createdAt', 'submittedAt', 'registeredAt', 'issuedAt'],
      where: {
        officeCode,
        [Op.or]: [{ createdAt: within }, { registeredAt: within }, { issuedAt: within }],
      },
      raw: true,
    });
    return rows.map((r) => ({
      type: r.type,
      status: r.status,
      createdAt: toDate(r.createdAt),
      submittedAt: toDateOrNull(r.submittedAt),
      registeredAt: toDateOrNull(r.registeredAt),
      issuedAt: toDateOrNull(r.issuedAt),
    }));
  }

  /** Messages of both outboxes created between `from` and `to` (instants, `to` excluded). */
  async messages(officeCode: string, from: Date, to: Date): Promise<ReportMessageRow[]> {
    const read = async (db: Database, table: string) => {
      const rows = await db.sequelize.query<{
        created_at: unknown;
        channel: string;
        status: string;
        parts: number | string;
      }>(
        `SELECT created_at, channel, status, parts FROM ${table}
          WHERE office_code = :office AND created_at >= :from AND created_at < :to`,
        {
          type: QueryTypes.SELECT,
          replacements: {
            office: officeCode,
            from: sqlTime(db.dialect, from),
            to: sqlTime(db.dialect, to),
          },
        },
      );
      return rows.map((r) => ({
        createdAt: toDate(r.created_at),
        channel: r.channel,
        status: r.status,
        parts: Number(r.parts),
      }));
    };
    const [queue, registry] = await Promise.all([
      read(this.db, 'messages'),
      read(this.registryDb, 'case_messages'),
    ]);
    return [...queue, ...registry];
  }

  /** Bookings whose slot is on the office days `fromDay`…`toDay` (inclusive). */
  async bookings(officeCode: string, fromDay: string, toDay: string): Promise<ReportBookingRow[]> {
    const rows = await this.db.sequelize.query<{
      day: string;
      status: string;
      start_at: unknown;
      confirmed_at: unknown;
      ended_at: unknown;
      issued_at: unknown;
    }>(
      `SELECT b.day, b.status, b.start_at, b.confirmed_at, b.ended_at, t.issued_at
         FROM bookings b LEFT JOIN tickets t ON t.id = b.ticket_id
        WHERE b.office_code = :office AND b.day BETWEEN :from AND :to`,
      {
        type: QueryTypes.SELECT,
        replacements: { office: officeCode, from: fromDay, to: toDay },
      },
    );
    return rows.map((r) => ({
      day: r.day,
      status: r.status,
      startAt: toDate(r.start_at),
      confirmedAt: toDateOrNull(r.confirmed_at),
      arrivedAt:
        toDateOrNull(r.issued_at) ?? (r.status === 'checked_in' ? toDateOrNull(r.ended_at) : null),
    }));
  }
}
