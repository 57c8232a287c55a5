/**
 * Reads and writes of the live queue's commands: offices, services, counters, tickets, seq,
 * idempotency. (The snapshot's whole-queue reads: queue-view-repository.ts; kiosks' printers:
 * kiosk-printer-repository.ts.)
 */
import { Op, QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database';
import { holdTicketSeq, nextInSeries } from './series';
import { CatalogueRepository } from './catalogue-repository';
import { appendAudit } from './audit-repository';
import type { CounterModel } from '../models';
import { toTicket } from './ticket-row';
import { insertTicketRow } from './hot-path-repository';
import { sqlTime } from './values';
import {
  countPlace,
  holdCountPlace,
  holdServiceSeconds,
  SERVICE_SECONDS_KEPT,
  type AheadOf,
  type QueuePlace,
} from './queue-place';
import type {
  AuditInput,
  CounterRecord,
  OfficeRecord,
  ServiceRecord,
  TicketRecord,
} from '../records';

type Tx = Transaction | undefined;

/** What the people ahead of a ticket are counted from. */

export class QueueRepository {
  /** Offices and services are the catalogue's: read through its repository, not a copy of it. */
  private readonly catalogue: CatalogueRepository;

  constructor(readonly db: Database) {
    this.catalogue = new CatalogueRepository(db);
  }

  private get m() {
    return this.db.models;
  }

  findOffice(code: string, t?: Tx): Promise<OfficeRecord | undefined> {
    return this.catalogue.findOffice(code, t);
  }

  listServices(officeCode: string, t?: Tx): Promise<ServiceRecord[]> {
    return this.catalogue.listServices(officeCode, t);
  }

  async listCounters(officeCode: string, t?: Tx): Promise<CounterRecord[]> {
    const rows = await this.m.Counter.findAll({ where: { officeCode }, transaction: t });
    const links = await this.m.CounterService.findAll({
      where: { counterId: rows.map((r) => r.id) },
      transaction: t,
    });
    return sortCounters(rows.map((r) => toCounter(r, links)));
  }

  /** The counter row, locked for the rest of the transaction (serialises that counter's commands). */
  async lockCounter(
    officeCode: string,
    number: string,
    t: Transaction,
    /** The window's services when the caller knows them (the office cache): one read less. */
    knownServiceIds?: number[],
  ): Promise<CounterRecord | undefined> {
    return this.findCounter(officeCode, number, t, knownServiceIds, true);
  }

  /** A window by number, as the transaction sees it (`lock`: held until it ends, on MySQL). */
  async findCounter(
    officeCode: string,
    number: string,
    t: Tx,
    knownServiceIds?: number[],
    lock = false,
  ): Promise<CounterRecord | undefined> {
    const row = await this.m.Counter.findOne({
      where: { officeCode, number },
      transaction: t,
      lock: lock && t && this.db.dialect === 'mysql' ? t.LOCK.UPDATE : undefined,
    });
    if (!row) return undefined;
    if (knownServiceIds) return { ...toCounter(row, []), serviceIds: knownServiceIds };
    const links = await this.m.CounterService.findAll({
      where: { counterId: row.id },
      transaction: t,
    });
    return toCounter(row, links);
  }

  async updateCounter(
    id: number,
    fields: Partial<Pick<CounterRecord, 'status' | 'pauseReason' | 'priorityStreak'>>,
    t: Transaction,
  ): Promise<void> {
    await this.m.Counter.update(fields, { where: { id }, transaction: t });
  }

  /** Takes the next number of a prefix on an office day; the series row stays locked until commit. */
  async nextNumber(
    officeCode: string,
    day: string,
    prefix: string,
    t: Transaction,
  ): Promise<number> {
    return nextInSeries(this.db, 'number_series', { office_code: officeCode, day, prefix }, t);
  }

  /**
   * {@link nextNumber} taken in SQL, in the transaction's next round trip (MySQL): `holdTicketSeq`
   * in series.ts.
   */
  holdNextNumber(
    officeCode: string,
    day: string,
    prefix: string,
    t: Transaction,
  ): Promise<{ seq: Promise<number> }> {
    return holdTicketSeq(this.db, { office_code: officeCode, day, prefix }, t);
  }

  async insertTicket(ticket: TicketRecord, t: Transaction): Promise<void> {
    await insertTicketRow(this.db, ticket, t);
  }

  async findTicket(id: string, t?: Tx, lock = false): Promise<TicketRecord | undefined> {
    const row = await this.m.Ticket.findByPk(id, {
      transaction: t,
      lock: lock && t && this.db.dialect === 'mysql' ? t.LOCK.UPDATE : undefined,
    });
    return row ? toTicket(row) : undefined;
  }

  async updateTicket(id: string, fields: Partial<TicketRecord>, t: Transaction): Promise<void> {
    await this.m.Ticket.update(fields, { where: { id }, transaction: t });
  }

  async findIdempotentTicketId(
    officeCode: string,
    key: string,
    t?: Tx,
  ): Promise<string | undefined> {
    const row = await this.m.IdempotencyKey.findOne({
      where: { officeCode, idemKey: key },
      transaction: t,
    });
    return row?.ticketId;
  }

  /**
   * Records the key (one raw statement of a kiosk tap's hot path); throws Sequelize's unique
   * violation when another request holds it already.
   */
  async insertIdempotencyKey(
    officeCode: string,
    key: string,
    ticketId: string,
    now: Date,
    t: Transaction,
  ): Promise<void> {
    // Held for the command's next round trip: a repeated key fails that statement, on its index.
    await this.db.held.later(
      t,
      `INSERT INTO idempotency_keys (office_code, idem_key, ticket_id, created_at)
       VALUES (:officeCode, :key, :ticketId, :now)`,
      { officeCode, key, ticketId, now: sqlTime(this.db.dialect, now) },
    );
  }

  /** The ticket a counter holds (called or serving), if any. */
  async findHeldTicket(
    officeCode: string,
    counter: string,
    t?: Tx,
  ): Promise<TicketRecord | undefined> {
    const row = await this.m.Ticket.findOne({
      where: { officeCode, counterNumber: counter, status: ['called', 'serving'] },
      order: [['calledAt', 'DESC']],
      transaction: t,
    });
    return row ? toTicket(row) : undefined;
  }

  /** Tickets still waiting that a transfer sent to `counter`, oldest first. */
  async waitingSentTo(officeCode: string, counter: string, t?: Tx): Promise<TicketRecord[]> {
    const rows = await this.m.Ticket.findAll({
      where: { officeCode, targetCounter: counter, status: 'waiting' },
      order: [['issuedAt', 'ASC']],
      transaction: t,
    });
    return rows.map(toTicket);
  }

  /**
   * Locks one ticket if it is still waiting and no other transaction holds it. On MySQL/MariaDB a
   * raw `FOR UPDATE SKIP LOCKED` by primary key (Sequelize drops skipLocked there): two windows
   * never take the same row, and neither waits for the other. SQLite has one writer at a time.
   */
  async lockWaiting(id: string, t: Transaction): Promise<TicketRecord | undefined> {
    const lock = this.db.dialect === 'mysql' ? 'FOR UPDATE SKIP LOCKED' : '';
    const rows = await this.db.sequelize.query(
      `SELECT * FROM tickets WHERE id = :id AND status = 'waiting' ${lock}`,
      {
        type: QueryTypes.SELECT,
        transaction: t,
        replacements: { id },
        model: this.m.Ticket,
        mapToModel: true,
      },
    );
    return rows[0] ? toTicket(rows[0]) : undefined;
  }

  /** Waiting tickets of the same service called before `ticket` (see `peopleAhead`). */
  async countAhead(ticket: AheadOf, t?: Tx): Promise<number> {
    return (await this.countPlace(ticket, new Date(), t)).ahead;
  }

  /** {@link countPlace}: the people ahead of a waiting ticket and the windows serving it now. */
  countPlace(ticket: AheadOf, now: Date, t?: Tx): Promise<QueuePlace> {
    return countPlace(this.db, ticket, now, t);
  }

  /** {@link holdCountPlace}: the same for a ticket being issued, carried with its number. */
  holdCountPlace(
    ticket: AheadOf,
    now: Date,
    t: Transaction,
  ): Promise<{ place: Promise<QueuePlace> }> {
    return holdCountPlace(this.db, ticket, now, t);
  }

  /** {@link holdServiceSeconds}: one service's durations, carried with the command's commit. */
  holdServiceSeconds(
    officeCode: string,
    day: string,
    serviceId: number,
    t: Transaction,
  ): Promise<{ seconds: Promise<Map<number, number[]>> }> {
    return holdServiceSeconds(this.db, officeCode, day, serviceId, t);
  }

  /** Today's tickets still in the queue (waiting, called, serving). */
  async liveTickets(officeCode: string, day: string, t?: Tx): Promise<TicketRecord[]> {
    const rows = await this.m.Ticket.findAll({
      where: { officeCode, day, status: ['waiting', 'called', 'serving'] },
      order: [
        ['queueTime', 'ASC'],
        ['id', 'ASC'],
      ],
      transaction: t,
    });
    return rows.map(toTicket);
  }

  /** Tickets of earlier office days left in the queue. */
  async staleTickets(officeCode: string, today: string, t: Transaction): Promise<TicketRecord[]> {
    const rows = await this.m.Ticket.findAll({
      where: { officeCode, day: { [Op.lt]: today }, status: ['waiting', 'called', 'serving'] },
      transaction: t,
    });
    return rows.map(toTicket);
  }

  /** The day's tickets still waiting or called (the administrator's day close expires them). */
  async openTicketsOfDay(officeCode: string, day: string, t: Transaction): Promise<TicketRecord[]> {
    const rows = await this.m.Ticket.findAll({
      where: { officeCode, day, status: ['waiting', 'called'] },
      order: [['issuedAt', 'ASC']],
      transaction: t,
      lock: this.db.dialect === 'mysql' ? t.LOCK.UPDATE : undefined,
    });
    return rows.map(toTicket);
  }

  /** Service durations (seconds) of the latest finished tickets of a day, per service id. */
  async recentServiceSeconds(
    officeCode: string,
    day: string,
    t?: Tx,
    serviceId?: number,
  ): Promise<Map<number, number[]>> {
    const rows = await this.m.Ticket.findAll({
      attributes: ['serviceId', 'startedAt', 'finishedAt'],
      where: {
        officeCode,
        day,
        status: 'done',
        startedAt: { [Op.ne]: null },
        ...(serviceId === undefined ? {} : { serviceId }),
      },
      order: [['finishedAt', 'DESC']],
      limit: serviceId === undefined ? 200 : SERVICE_SECONDS_KEPT,
      transaction: t,
    });
    const out = new Map<number, number[]>();
    for (const r of rows) {
      if (!r.startedAt || !r.finishedAt) continue;
      const list = out.get(r.serviceId) ?? [];
      if (list.length < SERVICE_SECONDS_KEPT)
        list.push((r.finishedAt.getTime() - r.startedAt.getTime()) / 1000);
      out.set(r.serviceId, list);
    }
    return out;
  }

  /**
   * Takes `n` numbers of the office's event sequence; the first comes in `first`. On MySQL the
   * statement is held and travels with COMMIT (held-writes.ts): the office-wide row stays locked
   * only while the server runs the two, and `first` is answered with the commit. One upsert on both
   * databases, as a number series takes its numbers: the row is created with its office, and were
   * it ever missing, this creates it again (an unknown office fails on the row's foreign key).
   * `first` comes with the commit: await it after the transaction, never inside it.
   */
  async takeSeq(
    officeCode: string,
    n: number,
    t: Transaction,
  ): Promise<{ first: Promise<number> }> {
    const replacements = { office: officeCode, n };
    const firstOf = (last: number): number => {
      if (!Number.isFinite(last) || last < n) {
        throw new Error(`office ${officeCode}: no seq taken (${last})`);
      }
      return last - n + 1;
    };
    if (this.db.dialect === 'mysql') {
      // LAST_INSERT_ID(expr) hands the new value back in the statement's own answer.
      const held = await this.db.held.later(
        t,
        `INSERT INTO office_states (office_code, seq) VALUES (:office, LAST_INSERT_ID(:n))
         ON DUPLICATE KEY UPDATE seq = LAST_INSERT_ID(seq + :n)`,
        replacements,
      );
      const first = held.sent.then((header) =>
        firstOf(Number((header as { insertId?: number }).insertId)),
      );
      first.catch(() => undefined);
      return { first };
    }
    const rows = await this.db.sequelize.query<{ seq: number }>(
      `/* upsert returning */ INSERT INTO office_states (office_code, seq) VALUES (:office, :n)
       ON CONFLICT (office_code) DO UPDATE SET seq = seq + :n RETURNING seq`,
      { type: QueryTypes.SELECT, transaction: t, replacements },
    );
    return { first: Promise.resolve(firstOf(Number(rows[0]?.seq))) };
  }

  async currentSeq(officeCode: string, t?: Tx): Promise<number> {
    const row = await this.m.OfficeState.findByPk(officeCode, { transaction: t });
    return row ? Number(row.seq) : 0;
  }

  async audit(entry: AuditInput, t: Transaction): Promise<void> {
    await appendAudit(this.m, entry, t);
  }
}

/** True for a duplicate-key error on either database. */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { name?: string } | undefined)?.name === 'SequelizeUniqueConstraintError';
}

function toCounter(
  r: CounterModel,
  links: ReadonlyArray<{ counterId: number; serviceId: number }>,
): CounterRecord {
  return {
    id: r.id,
    officeCode: r.officeCode,
    number: r.number,
    name: r.name,
    status: r.status,
    pauseReason: r.pauseReason,
    priorityStreak: r.priorityStreak,
    serviceIds: links.filter((l) => l.counterId === r.id).map((l) => l.serviceId),
  };
}

/** One collator for every sort: `localeCompare` with options builds a new one per comparison. */
const NATURAL = new Intl.Collator('en', { numeric: true });

/** Counters in natural order: 1, 2, …, 10. */
function sortCounters(list: CounterRecord[]): CounterRecord[] {
  return list.sort((a, b) => NATURAL.compare(a.number, b.number));
}
