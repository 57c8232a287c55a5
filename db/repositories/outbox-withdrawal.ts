/**
 * Withdraws queued messages that no longer make sense (a booking's reminders once it is cancelled or
 * checked in), in the caller's transaction. A message already being submitted (`sending`) is left
 * alone: it went out when it was still true.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { OutboxTable } from './outbox-table';

/** Marks the still queued messages with these dedupe keys `expired` with `reason`; answers how many. */
export async function withdrawQueued(
  table: OutboxTable,
  dedupeKeys: readonly string[],
  reason: string,
  t: Transaction,
): Promise<number> {
  if (dedupeKeys.length === 0) return 0;
  const [, affected] = await table.db.sequelize.query(
    `UPDATE ${table.table} SET status = 'expired', error = :reason, claimed_until = NULL
      WHERE dedupe_key IN (:keys) AND status = 'queued' AND sending = 0`,
    { type: QueryTypes.UPDATE, transaction: t, replacements: { reason, keys: [...dedupeKeys] } },
  );
  return affected;
}

/**
 * Marks a ticket's still queued messages `expired` with `reason` (the ticket ended: "go to window
 * 3" sent after the citizen has been served, once a dead gateway is back, says nothing true).
 */
export async function withdrawTicketQueued(
  table: OutboxTable,
  ticketId: string,
  reason: string,
  t: Transaction,
): Promise<number> {
  const [, affected] = await table.db.sequelize.query(
    `UPDATE ${table.table} SET status = 'expired', error = :reason, claimed_until = NULL
      WHERE ticket_id = :ticket AND status = 'queued' AND sending = 0`,
    { type: QueryTypes.UPDATE, transaction: t, replacements: { reason, ticket: ticketId } },
  );
  return affected;
}
