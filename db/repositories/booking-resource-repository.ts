/**
 * Bookable rooms (the marriage ceremony hall): each has names and its own calendar. Services book a
 * room by naming it as their plan (`{resource}` in booking_plans); the bookings then record it.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database';
import type { BookingPlan } from '../../server/protocol/booking-rules';
import type { Names } from '../../server/protocol';
import type {
  BookingPlanInput,
  BookingResource,
  ServiceBookingPlan,
} from '../../server/protocol/bookings';

interface ResourceRow {
  code: string;
  names: string;
  plan: string;
}

export class BookingResourceRepository {
  constructor(private readonly db: Database) {}

  /** The office's rooms by code, each with the services that book it. */
  async list(officeCode: string, t?: Transaction): Promise<BookingResource[]> {
    const rows = await this.db.sequelize.query<ResourceRow>(
      'SELECT code, names, plan FROM booking_resources WHERE office_code = :officeCode ORDER BY code',
      { type: QueryTypes.SELECT, transaction: t, replacements: { officeCode } },
    );
    const links = await this.links(officeCode, t);
    return rows.map((r) => ({
      code: r.code,
      names: JSON.parse(r.names) as Names,
      plan: JSON.parse(r.plan) as BookingPlanInput,
      services: links.get(r.code) ?? [],
    }));
  }

  async find(
    officeCode: string,
    code: string,
    t?: Transaction,
  ): Promise<BookingResource | undefined> {
    return (await this.list(officeCode, t)).find((r) => r.code === code);
  }

  /** Creates or replaces a room's names and calendar. */
  async put(
    officeCode: string,
    code: string,
    value: { names: Names; plan: BookingPlan },
    now: Date,
    t: Transaction,
  ): Promise<void> {
    const replacements = {
      officeCode,
      code,
      names: JSON.stringify(value.names),
      plan: JSON.stringify(value.plan),
      now: this.time(now),
    };
    await this.remove(officeCode, code, t);
    await this.db.sequelize.query(
      `INSERT INTO booking_resources (office_code, code, names, plan, updated_at)
       VALUES (:officeCode, :code, :names, :plan, :now)`,
      { transaction: t, replacements },
    );
  }

  async remove(officeCode: string, code: string, t: Transaction): Promise<void> {
    await this.db.sequelize.query(
      'DELETE FROM booking_resources WHERE office_code = :officeCode AND code = :code',
      { transaction: t, replacements: { officeCode, code } },
    );
  }

  /** Room code → the services whose plan books it, in code order. */
  private async links(officeCode: string, t?: Transaction): Promise<Map<string, string[]>> {
    const rows = await this.db.sequelize.query<{ service_code: string; plan: string }>(
      `SELECT service_code, plan FROM booking_plans WHERE office_code = :officeCode
        ORDER BY service_code`,
      { type: QueryTypes.SELECT, transaction: t, replacements: { officeCode } },
    );
    const links = new Map<string, string[]>();
    for (const row of rows) {
      const plan = JSON.parse(row.plan) as ServiceBookingPlan;
      if ('resource' in plan)
        links.set(plan.resource, [...(links.get(plan.resource) ?? []), row.service_code]);
    }
    return links;
  }

  /** A time as each database stores DATE(3) columns. */
  private time(date: Date): string {
    const text = date.toISOString().replace('T', ' ').replace('Z', '');
    return this.db.dialect === 'sqlite' ? `${text} +00:00` : text;
  }
}
