/**
 * The queue's messages of tickets that have ended go out no more (see {@link expireEndedTickets}).
 */
import type { Transaction } from 'sequelize';
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
  await db.sequelize.query(
    `UPDATE messages SET status = 'expired', error = 'the ticket has ended', claimed_until = NULL
      WHERE id IN (:ids) AND status = 'queued' AND sending = 0 AND ticket_id IN (
        SELECT id FROM tickets WHERE status IN ('done', 'no_show', 'cancelled', 'expired'))`,
    { transaction: t, replacements: { ids: items.map((i) => i.id) } },
  );
}
