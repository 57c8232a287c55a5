/**
 * The queue's hot path in raw, parameterised SQL with plain rows (issue #16): each statement locks
 * one row and reads, in select-list subqueries that take no locks, what the command would otherwise
 * fetch in statements of their own (the ticket a window holds, its clerk, the case number, whether
 * anyone waits for a message). Call-next locks its ticket in one `… LIMIT 1 FOR UPDATE SKIP LOCKED`
 * that walks the (office, day, status, queue_time, id) index in queue order; under READ COMMITTED the
 * rows the walk passed over that do not match are released at once, so other windows never skip
 * a ticket nobody is calling.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database';
import type { CounterStatus, TicketStatus } from '../../server/protocol/constants';
import type { AuditInput, TicketRecord } from '../records';
import { sqlTime } from './values';
import { LIVE_SESSION } from './counter-session-repository';

/** Who holds a window (a live session of an enabled user). */
export interface HolderRow {
  userId: number;
  name: string;
  since: Date;
}

/** A window locked for a command, with what its guards need. */
export interface LockedWindow {
  id: number;
  name: string | null;
  status: CounterStatus;
  pauseReason: string | null;
  priorityStreak: number;
  held: { id: string; number: string } | null;
  holder: HolderRow | null;
  /** A waiting priority ticket this window may call exists (read without a lock). */
  priorityWaiting: boolean;
  /** Live message recipients of the office today (0: the outbox has nothing to read). */
  recipients: number;
}

/** A ticket locked for a command at its window, with that window and its clerk. */
export interface LockedTicket {
  ticket: TicketRecord;
  caseNumber: string | null | undefined;
  counter: Omit<LockedWindow, 'held' | 'holder' | 'priorityWaiting' | 'recipients'> | null;
  holder: HolderRow | null;
  recipients: number;
}

/** The candidate order; call-next and the snapshot's waiting list agree on it. */
export const QUEUE_ORDER = 't.queue_time, t.id';

const HOLDER = (counterId: string) => `(SELECT json_object('userId', cs.user_id, 'name', u.name,
      'since', cs.since) FROM counter_sessions cs JOIN users u ON u.id = cs.user_id
      JOIN sessions s ON s.token_hash = cs.token_hash
     WHERE cs.counter_id = ${counterId} AND ${LIVE_SESSION} LIMIT 1)`;

const RECIPIENTS = (office: string) => `(SELECT COUNT(*) FROM message_recipients r
     WHERE r.office_code = ${office} AND r.day = :day AND r.active = 1)`;

const CASE_NUMBER = `(SELECT c.number FROM case_tickets ct JOIN cases c ON c.id = ct.case_id
     WHERE ct.ticket_id = t.id LIMIT 1)`;

const TICKET_COLUMNS: Record<keyof Omit<TicketRecord, 'id'>, string> = {
  officeCode: 'office_code',
  day: 'day',
  number: 'number',
  serviceId: 'service_id',
  priority: 'priority',
  language: 'language',
  kiosk: 'kiosk',
  status: 'status',
  issuedAt: 'issued_at',
  calledAt: 'called_at',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  counterNumber: 'counter_number',
  targetCounter: 'target_counter',
  transferNote: 'transfer_note',
  calledBy: 'called_by',
  recalls: 'recalls',
  queueTime: 'queue_time',
  appointmentCode: 'appointment_code',
  remote: 'remote',
};

export class HotPathRepository {
  constructor(
    private readonly db: Database,
    /** Case numbers live in this database too: read them with the ticket. */
    private readonly casesHere: boolean,
  ) {}

  private get forUpdate(): string {
    return this.db.dialect === 'mysql' ? 'FOR UPDATE' : '';
  }

  /** Locks a window (serialising its commands) and reads its guards in the same statement. */
  async lockWindow(
    q: { officeCode: string; number: string; day: string; now: Date; serviceIds: number[] },
    t: Transaction,
  ): Promise<LockedWindow | undefined> {
    const rows = await this.select<Record<string, unknown>>(
      `SELECT c.id, c.name, c.status, c.pause_reason, c.priority_streak,
         (SELECT json_object('id', h.id, 'number', h.number) FROM tickets h
           WHERE h.office_code = c.office_code AND h.counter_number = c.number
             AND h.status IN ('called', 'serving') ORDER BY h.called_at DESC LIMIT 1) AS held,
         ${HOLDER('c.id')} AS holder,
         EXISTS (SELECT 1 FROM tickets p
           WHERE p.office_code = :office AND p.day = :day AND p.status = 'waiting'
             AND p.priority <> 'none'
             AND (p.target_counter = :counter OR ${served('p', q.serviceIds)})) AS priority_waiting,
         ${RECIPIENTS('c.office_code')} AS recipients
         FROM counters c WHERE c.office_code = :office AND c.number = :counter ${this.forUpdate}`,
      { ...base(q.now, q.day), office: q.officeCode, counter: q.number, serviceIds: q.serviceIds },
      t,
    );
    const r = rows[0];
    if (!r) return undefined;
    return {
      ...windowOf(r),
      held: json<{ id: string; number: string }>(r.held),
      holder: holderOf(r.holder),
      priorityWaiting: Number(r.priority_waiting) > 0,
      recipients: Number(r.recipients),
    };
  }

  /**
   * Locks the first waiting ticket of one kind a window may call, in queue order, skipping those
   * other transactions hold; `undefined` when there is none.
   */
  async lockCandidate(
    q: { officeCode: string; day: string; counter: string; serviceIds: number[] },
    priority: boolean,
    t: Transaction,
  ): Promise<{ ticket: TicketRecord; caseNumber: string | null | undefined } | undefined> {
    const mysql = this.db.dialect === 'mysql';
    // The walk follows the queue-order index: a plan that sorts afterwards would lock every match.
    const walk = mysql ? 'FORCE INDEX (tickets_queue_time)' : '';
    const lock = (clause: string) =>
      this.select<Record<string, unknown>>(
        `SELECT t.*, ${this.casesHere ? CASE_NUMBER : 'NULL'} AS case_number FROM tickets t ${walk}
          WHERE t.office_code = :office AND t.day = :day AND t.status = 'waiting'
            AND t.priority ${priority ? '<>' : '='} 'none'
            AND (t.target_counter = :counter OR ${served('t', q.serviceIds)})
          ORDER BY ${QUEUE_ORDER} LIMIT 1 ${clause}`,
        { office: q.officeCode, day: q.day, counter: q.counter, serviceIds: q.serviceIds },
        t,
      );
    let rows = await lock(mysql ? 'FOR UPDATE SKIP LOCKED' : '');
    // Under contention SKIP LOCKED can pass over every waiting ticket (rows other windows' statements
    // hold for a moment count as locked too), and six windows racing were told nobody waits. Nothing
    // skipped is proof of an empty queue only once the walk has waited its turn: a plain locking read
    // waits for the holders to commit, then sees each ticket's committed status.
    if (rows.length === 0 && mysql) rows = await lock('FOR UPDATE');
    const r = rows[0];
    if (!r) return undefined;
    return {
      ticket: ticketOf(r),
      caseNumber: this.casesHere ? nullable(r.case_number) : undefined,
    };
  }

  /** Locks a ticket with its window, the window's clerk and the case number, in one statement. */
  async lockTicket(
    id: string,
    q: { day: string; now: Date },
    t: Transaction,
  ): Promise<LockedTicket | undefined> {
    const rows = await this.select<Record<string, unknown>>(
      `SELECT t.*, ${this.casesHere ? CASE_NUMBER : 'NULL'} AS case_number,
         (SELECT json_object('id', c.id, 'name', c.name, 'status', c.status,
            'pauseReason', c.pause_reason, 'priorityStreak', c.priority_streak)
            FROM counters c WHERE c.office_code = t.office_code AND c.number = t.counter_number)
           AS counter,
         ${HOLDER(`(SELECT c.id FROM counters c
             WHERE c.office_code = t.office_code AND c.number = t.counter_number)`)} AS holder,
         ${RECIPIENTS('t.office_code')} AS recipients
         FROM tickets t WHERE t.id = :id ${this.forUpdate}`,
      { ...base(q.now, q.day), id },
      t,
    );
    const r = rows[0];
    if (!r) return undefined;
    const counter = json<Record<string, unknown>>(r.counter);
    return {
      ticket: ticketOf(r),
      caseNumber: this.casesHere ? nullable(r.case_number) : undefined,
      counter: counter ? windowOf({ ...counter, pause_reason: counter.pauseReason }) : null,
      holder: holderOf(r.holder),
      recipients: Number(r.recipients),
    };
  }

  /** Writes the given columns of a ticket (held for the command's next round trip). */
  async updateTicket(id: string, fields: Partial<TicketRecord>, t: Transaction): Promise<void> {
    const entries = Object.entries(fields).filter(
      ([k, v]) => k !== 'id' && v !== undefined && k in TICKET_COLUMNS,
    );
    if (entries.length === 0) return;
    const sets = entries.map(
      ([k]) => `${TICKET_COLUMNS[k as keyof typeof TICKET_COLUMNS]} = :${k}`,
    );
    await this.db.held.later(
      t,
      `UPDATE tickets SET ${sets.join(', ')} WHERE id = :id`,
      this.bind({ ...Object.fromEntries(entries), id }),
    );
  }

  /** Appends one audit row (held for the command's next round trip). */
  async audit(e: AuditInput, t: Transaction): Promise<void> {
    await this.db.held.later(
      t,
      `INSERT INTO audit_log (office_code, at, actor, user_id, action, entity, entity_id,
         \`before\`, \`after\`, subject)
       VALUES (:officeCode, :at, :actor, :userId, :action, :entity, :entityId, :before, :after,
         :subject)`,
      this.bind({
        ...e,
        userId: e.userId ?? null,
        before: e.before === undefined ? null : JSON.stringify(e.before),
        after: e.after === undefined ? null : JSON.stringify(e.after),
        subject: e.subject ?? null,
      }),
    );
  }

  /** The replacements as the dialect stores them (see {@link bindValues}). */
  private bind(replacements: Record<string, unknown>): Record<string, unknown> {
    return bindValues(this.db.dialect, replacements);
  }

  /** A locking read of the command's, straight to the driver on MySQL (held-writes.ts `send`). */
  private select<T extends object>(
    sql: string,
    replacements: Record<string, unknown>,
    t: Transaction,
  ): Promise<T[]> {
    if (this.db.dialect === 'mysql') return this.db.held.send<T[]>(t, sql, this.bind(replacements));
    return this.db.sequelize.query<T>(sql, {
      type: QueryTypes.SELECT,
      transaction: t,
      replacements: this.bind(replacements),
    });
  }
}

/**
 * Inserts a new ticket (a walk-in stands in the queue from its issue time), held for the command's
 * next round trip.
 */
export async function insertTicketRow(
  db: Database,
  ticket: TicketRecord,
  t: Transaction,
): Promise<void> {
  // The columns' defaults, for records built without them.
  const row: Record<string, unknown> = {
    ...ticket,
    recalls: ticket.recalls ?? 0,
    remote: ticket.remote ?? false,
    queueTime: ticket.queueTime ?? ticket.issuedAt,
  };
  const keys = ['id', ...Object.keys(TICKET_COLUMNS)] as Array<keyof TicketRecord>;
  const columns = keys.map((k) => (k === 'id' ? 'id' : TICKET_COLUMNS[k]));
  const replacements = bindValues(
    db.dialect,
    Object.fromEntries(keys.map((k) => [k, row[k] ?? null])),
  );
  await db.held.later(
    t,
    `INSERT INTO tickets (${columns.join(', ')}) VALUES (${keys.map((k) => `:${k}`).join(', ')})`,
    replacements,
  );
}

/**
 * Values as the dialect stores them: times as DATETIME(3) text (Sequelize writes a Date replacement
 * without its milliseconds on MySQL, which would reorder calls made within one second), booleans
 * as 0/1.
 */
function bindValues(
  dialect: Database['dialect'],
  replacements: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(replacements).map(([k, v]) => [
      k,
      v instanceof Date ? sqlTime(dialect, v) : typeof v === 'boolean' ? Number(v) : v,
    ]),
  );
}

function base(now: Date, day: string): Record<string, unknown> {
  return { now, day, no: false };
}

/** The window may call the ticket for its service (a ticket sent to a window is that window's). */
function served(alias: string, serviceIds: number[]): string {
  return serviceIds.length
    ? `(${alias}.target_counter IS NULL AND ${alias}.service_id IN (:serviceIds))`
    : '1 = 0';
}

function windowOf(r: Record<string, unknown>): LockedTicket['counter'] & object {
  return {
    id: Number(r.id),
    name: nullable(r.name) ?? null,
    status: String(r.status) as CounterStatus,
    pauseReason: nullable(r.pause_reason) ?? null,
    priorityStreak: Number(r.priority_streak ?? r.priorityStreak ?? 0),
  };
}

function holderOf(value: unknown): HolderRow | null {
  const h = json<{ userId: number; name: string; since: string }>(value);
  return h ? { userId: Number(h.userId), name: h.name, since: toDate(h.since) } : null;
}

function json<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function nullable(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A timestamp as either database hands it back (MariaDB's JSON text has no zone: it is UTC). */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?$/.test(text)
    ? new Date(`${text.replace(' ', 'T')}Z`)
    : new Date(text);
}

function ticketOf(r: Record<string, unknown>): TicketRecord {
  const date = (v: unknown) => (v === null || v === undefined ? null : toDate(v));
  return {
    id: String(r.id),
    officeCode: String(r.office_code),
    day: String(r.day),
    number: String(r.number),
    serviceId: Number(r.service_id),
    priority: String(r.priority),
    language: nullable(r.language),
    kiosk: nullable(r.kiosk),
    status: String(r.status) as TicketStatus,
    issuedAt: toDate(r.issued_at),
    calledAt: date(r.called_at),
    startedAt: date(r.started_at),
    finishedAt: date(r.finished_at),
    counterNumber: nullable(r.counter_number),
    targetCounter: nullable(r.target_counter),
    transferNote: nullable(r.transfer_note),
    calledBy: r.called_by === null || r.called_by === undefined ? null : Number(r.called_by),
    recalls: Number(r.recalls ?? 0),
    queueTime: toDate(r.queue_time ?? r.issued_at),
    appointmentCode: nullable(r.appointment_code),
    remote: r.remote === true || Number(r.remote) === 1,
  };
}
