/**
 * Queued messages that no longer make sense end `expired` with the reason: one statement for every
 * kind of withdrawal (outbox-withdrawal.ts) and for the messages of tickets that have ended. A
 * message already being submitted (`sending`) is left alone: it went out when it was still true.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database';

/** Marks the still queued messages of `table` that `where` selects `expired`; answers how many. */
export async function expireQueued(
  db: Database,
  table: string,
  where: { sql: string; replacements: Record<string, unknown> },
  reason: string,
  t: Transaction,
): Promise<number> {
  const [, affected] = await db.sequelize.query(
    `UPDATE ${table} SET status = 'expired', error = :reason, claimed_until = NULL
      WHERE ${where.sql} AND status = 'queued' AND sending = 0`,
    { type: QueryTypes.UPDATE, transaction: t, replacements: { ...where.replacements, reason } },
  );
  return affected;
}

/**
 * The queue's messages (of `ids`) whose tickets have ended since they were written go out no
 * more: a ticket's end withdraws what is queued, but not a message that was on its way at that
 * moment (to a gateway that turned out dead); it is caught here, before its next try.
 */
export async function expireEndedTickets(
  db: Database,
  items: ReadonlyArray<{ id: string }>,
  t: Transaction,
): Promise<void> {
  // Led by the messages' own ids, each ticket read by its key: never the tickets of the year.
  const ended = await db.sequelize.query<{ id: string }>(
    `SELECT m.id FROM messages m JOIN tickets t ON t.id = m.ticket_id
      WHERE m.id IN (:ids) AND m.status = 'queued' AND m.sending = 0
        AND t.status IN ('done', 'no_show', 'cancelled', 'expired')`,
    { type: QueryTypes.SELECT, transaction: t, replacements: { ids: items.map((i) => i.id) } },
  );
  if (ended.length === 0) return;
  const ids = ended.map((m) => m.id);
  await expireQueued(
    db,
    'messages',
    { sql: 'id IN (:ids)', replacements: { ids } },
    'the ticket has ended',
    t,
  );
}
