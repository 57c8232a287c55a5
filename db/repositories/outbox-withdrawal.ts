/**
 * Withdraws queued messages that no longer make sense (a booking's reminders once it is cancelled or
 * checked in; what a ticket still owes once it ends; a case's "ready" once it moves on), in the
 * caller's transaction (outbox-expiry.ts).
 */
import type { Transaction } from 'sequelize';
import type { OutboxTable } from './outbox-table';
import { expireQueued } from './outbox-expiry';

/** Marks the still queued messages with these dedupe keys `expired` with `reason`; answers how many. */
export async function withdrawQueued(
  table: OutboxTable,
  dedupeKeys: readonly string[],
  reason: string,
  t: Transaction,
): Promise<number> {
  if (dedupeKeys.length === 0) return 0;
  const where = { sql: 'dedupe_key IN (:keys)', replacements: { keys: [...dedupeKeys] } };
  return expireQueued(table.db, table.table, where, reason, t);
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
  const where = { sql: 'ticket_id = :ticket', replacements: { ticket: ticketId } };
  return expireQueued(table.db, table.table, where, reason, t);
}

/**
 * Marks a case's still queued messages of `templates` `expired` with `reason` (a later step of the
 * case makes them untrue: "your certificate is ready, come for it" held back by quiet hours, sent
 * after it was handed over).
 */
export async function withdrawCaseQueued(
  table: OutboxTable,
  caseNumber: string,
  templates: readonly string[],
  reason: string,
  t: Transaction,
): Promise<number> {
  const where = {
    sql: 'case_number = :case AND template IN (:templates)',
    replacements: { case: caseNumber, templates: [...templates] },
  };
  return expireQueued(table.db, table.table, where, reason, t);
}
