/**
 * A waiting ticket's place in its service's line, in one statement: the people called before it
 * (see `peopleAhead` in server/src/queue/estimate.ts) and the windows serving its service now —
 * open, and held by a live session of an enabled clerk or working on a ticket (a clerk who calls
 * through the API without taking the window first). A line nobody serves has no wait to tell:
 * "you are next" there would send a citizen to stand at an empty window.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database';
import type { TicketRecord } from '../records';
import { sqlTime } from './values';
import { LIVE_SESSION } from './counter-session-repository';

export type AheadOf = Pick<
  TicketRecord,
  'id' | 'officeCode' | 'day' | 'serviceId' | 'priority' | 'queueTime' | 'issuedAt'
> &
  Partial<Pick<TicketRecord, 'targetCounter'>>;

/** A waiting ticket's place in its service's line. */
export interface QueuePlace {
  ahead: number;
  /** Open windows serving its service with a clerk at them now. */
  serving: number;
}

interface PlaceRow {
  n?: number | string;
  serving?: number | string | null;
}

function placeOf(row: PlaceRow | undefined): QueuePlace {
  return { ahead: Number(row?.n ?? 0), serving: Number(row?.serving ?? 0) };
}

/** The place of a waiting ticket at `now`. */
export async function countPlace(
  db: Database,
  ticket: AheadOf,
  now: Date,
  t?: Transaction,
): Promise<QueuePlace> {
  const { sql, replacements } = placeQuery(db, ticket, now);
  const rows = await db.sequelize.query<PlaceRow>(sql, {
    type: QueryTypes.SELECT,
    transaction: t,
    replacements,
  });
  return placeOf(rows[0]);
}

/**
 * The place of a ticket about to be issued in `t`, counted in the transaction's next round trip
 * (MySQL: held, and carried with the ticket's number; SQLite: at once). The count reads the queue
 * as the transaction first sees it, before the ticket's own row.
 */
export async function holdCountPlace(
  db: Database,
  ticket: AheadOf,
  now: Date,
  t: Transaction,
): Promise<{ place: Promise<QueuePlace> }> {
  const { sql, replacements } = placeQuery(db, ticket, now);
  const held = await db.held.later(t, sql, replacements);
  const place = held.sent.then((rows) => placeOf((rows as PlaceRow[])[0]));
  // Read when the ticket is rendered; a command that fails before that leaves it unread.
  place.catch(() => undefined);
  return { place };
}

/** How many of a service's latest durations an estimate averages. */
export const SERVICE_SECONDS_KEPT = 20;

/**
 * The latest durations (seconds at the window) of one service's done tickets of a day, as
 * `recentServiceSeconds` reads them for one service, held for the transaction's next round trip
 * (MySQL only): an issue whose service the office cache has no durations of yet is still one round
 * trip. The difference is taken in SQL, so no date crosses the driver.
 */
export async function holdServiceSeconds(
  db: Database,
  officeCode: string,
  day: string,
  serviceId: number,
  t: Transaction,
): Promise<{ seconds: Promise<Map<number, number[]>> }> {
  if (db.dialect !== 'mysql') throw new Error('holdServiceSeconds is for MySQL');
  const held = await db.held.later(
    t,
    `SELECT TIMESTAMPDIFF(MICROSECOND, started_at, finished_at) AS us FROM tickets
      WHERE office_code = :office AND day = :day AND status = 'done'
        AND started_at IS NOT NULL AND service_id = :service
      ORDER BY finished_at DESC LIMIT ${SERVICE_SECONDS_KEPT}`,
    { office: officeCode, day, service: serviceId },
  );
  const seconds = held.sent.then((rows) => {
    const list = (rows as Array<{ us: number | string | null }>)
      .filter((r) => r.us !== null)
      .map((r) => Number(r.us) / 1_000_000);
    return new Map(list.length ? [[serviceId, list]] : []);
  });
  // Read when the ticket is rendered; a command that fails before that leaves it unread.
  seconds.catch(() => undefined);
  return { seconds };
}

function placeQuery(
  db: Database,
  ticket: AheadOf,
  now: Date,
): { sql: string; replacements: Record<string, unknown> } {
  if (ticket.targetCounter) return sentToWindowQuery(db, ticket, ticket.targetCounter, now);
  // Older in the queue; a priority ticket goes before a normal one whatever its age.
  const older = '(queue_time < :mine OR (queue_time = :mine AND id < :id))';
  const priority = "priority <> 'none'";
  const which =
    ticket.priority === 'none' ? `(${older} OR ${priority})` : `(${older} AND ${priority})`;
  // MariaDB weighs every index of the tickets table for both lookups on every count (its range
  // analysis was half the statement's time here: 0.41 → 0.17 ms for the count alone, measured
  // by replaying it); these are the ones it picks, named so that it need not.
  const [lineIndex, windowIndex] =
    db.dialect === 'mysql'
      ? [' FORCE INDEX (tickets_service_wait)', ' FORCE INDEX (tickets_counter)']
      : ['', ''];
  return {
    sql: `SELECT COUNT(*) AS n, (SELECT COUNT(DISTINCT c.id) FROM counters c
        JOIN counter_services x ON x.counter_id = c.id AND x.service_id = :service
       WHERE c.office_code = :office AND c.status = 'open' AND ${staffed(windowIndex)}
      ) AS serving
      FROM tickets${lineIndex}
      WHERE office_code = :office AND day = :day AND status = 'waiting'
        AND service_id = :service AND id <> :id AND ${which}`,
    replacements: placeReplacements(db, ticket, now),
  };
}

/**
 * The place of a ticket a transfer sent to one window: that window calls it before its own line,
 * after the tickets sent there before it, and only that window serves it (open, with a clerk or a
 * ticket at it). Counted as the service's line, a ticket sent to an empty window read "you are
 * next" there (a tester's find).
 */
function sentToWindowQuery(
  db: Database,
  ticket: AheadOf,
  target: string,
  now: Date,
): { sql: string; replacements: Record<string, unknown> } {
  return {
    sql: `SELECT COUNT(*) AS n, (SELECT COUNT(*) FROM counters c
       WHERE c.office_code = :office AND c.number = :target AND c.status = 'open' AND ${staffed('')}
      ) AS serving
      FROM tickets
      WHERE office_code = :office AND day = :day AND status = 'waiting' AND target_counter = :target
        AND id <> :id AND (queue_time < :mine OR (queue_time = :mine AND id < :id))`,
    replacements: { ...placeReplacements(db, ticket, now), target },
  };
}

/** Window `c` has someone at it: a live session of an enabled clerk, or a ticket called or served there. */
function staffed(windowIndex: string): string {
  return `(
         EXISTS (SELECT 1 FROM counter_sessions cs JOIN users u ON u.id = cs.user_id
                   JOIN sessions s ON s.token_hash = cs.token_hash
                  WHERE cs.counter_id = c.id AND ${LIVE_SESSION})
         OR EXISTS (SELECT 1 FROM tickets h${windowIndex} WHERE h.office_code = :office AND h.day = :day
                      AND h.status IN ('called', 'serving') AND h.counter_number = c.number))`;
}

function placeReplacements(db: Database, ticket: AheadOf, now: Date): Record<string, unknown> {
  return {
    office: ticket.officeCode,
    day: ticket.day,
    service: ticket.serviceId,
    id: ticket.id,
    mine: sqlTime(db.dialect, ticket.queueTime ?? ticket.issuedAt),
    // As text: a Date replacement is formatted by Sequelize through moment (and loses its ms).
    now: sqlTime(db.dialect, now),
    no: false,
  };
}
