/**
 * The queue's messages of tickets that have ended go out no more (see {@link expireEndedTickets}).
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database';

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
  await db.sequelize.query(
    `UPDATE messages SET status = 'expired', error = 'the ticket has ended', claimed_until = NULL
      WHERE id IN (:ids) AND status = 'queued' AND sending = 0`,
    { transaction: t, replacements: { ids: ended.map((m) => m.id) } },
  );
}
