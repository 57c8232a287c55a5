/**
 * Reads that show an office's live queue as a whole (its snapshot): the held tickets, the head of
 * each service's waiting line, the waiting counts and the latest calls. Each is bounded or grouped,
 * so its cost follows the windows and services, not the queue's length.
 */
import { Op, QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database';
import { toTicket } from './ticket-row';
import type { TicketRecord } from '../records';

type Tx = Transaction | undefined;

export class QueueViewRepository {
  constructor(readonly db: Database) {}

  private get m() {
    return this.db.models;
  }

  /** Today's called and serving tickets (at most one per window). */
  async heldTickets(officeCode: string, day: string, t?: Tx): Promise<TicketRecord[]> {
    const rows = await this.m.Ticket.findAll({
      where: { officeCode, day, status: ['called', 'serving'] },
      order: [
        ['issuedAt', 'ASC'],
        ['id', 'ASC'],
      ],
      transaction: t,
    });
    return rows.map(toTicket);
  }

  /** The day's latest calls (tickets with a call time, whatever their status now), newest first. */
  async recentCalls(
    officeCode: string,
    day: string,
    limit: number,
    t?: Tx,
  ): Promise<TicketRecord[]> {
    const rows = await this.m.Ticket.findAll({
      where: { officeCode, day, calledAt: { [Op.ne]: null } },
      order: [
        ['calledAt', 'DESC'],
        ['id', 'DESC'],
      ],
      limit,
      transaction: t,
    });
    return rows.map(toTicket);
  }

  /** Waiting tickets of a day per service id: one grouped count, whatever the queue length. */
  async waitingCounts(officeCode: string, day: string, t?: Tx): Promise<Map<number, number>> {
    const rows = await this.db.sequelize.query<{ service_id: number; n: number | string }>(
      `SELECT service_id, COUNT(*) AS n FROM tickets
        WHERE office_code = :office AND day = :day AND status = 'waiting'
        GROUP BY service_id`,
      { type: QueryTypes.SELECT, transaction: t, replacements: { office: officeCode, day } },
    );
    return new Map(rows.map((r) => [Number(r.service_id), Number(r.n)]));
  }

  /**
   * The first `limit` waiting tickets of each service in the order they will be called, ignoring
   * fairness (priority tickets first, then by queue time and id): a ticket's place in it is its
   * `peopleAhead`. One statement, one pass over the day's waiting tickets.
   */
  async waitingHeads(
    officeCode: string,
    day: string,
    limit: number,
    t?: Tx,
  ): Promise<TicketRecord[]> {
    const rows = await this.db.sequelize.query(
      `SELECT * FROM (
         SELECT tickets.*, ROW_NUMBER() OVER (
           PARTITION BY service_id
           ORDER BY CASE WHEN priority = 'none' THEN 1 ELSE 0 END, queue_time, id
         ) AS place
         FROM tickets
         WHERE office_code = :office AND day = :day AND status = 'waiting'
       ) head
       WHERE place <= :limit
       ORDER BY service_id, place`,
      {
        type: QueryTypes.SELECT,
        transaction: t,
        replacements: { office: officeCode, day, limit: Math.max(0, Math.floor(limit)) },
        model: this.m.Ticket,
        mapToModel: true,
      },
    );
    return rows.map(toTicket);
  }
}
