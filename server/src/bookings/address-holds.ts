/**
 * Unconfirmed bookings one address may hold at once. A booking holds its place from the moment it
 * is asked for until its one-time code is typed, or for {@link PENDING_HOLD_MINUTES} at most: without
 * a bound, two addresses could keep every slot of a service's day held with bookings nobody confirms
 * (the per-address request limit alone lets each hold 20). Counted in the booking's transaction from
 * the bookings themselves, so every node agrees; a confirmed or expired booking frees its share.
 * The bound is generous on purpose: citizens behind one mobile operator's NAT share an address.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../../../db/database';
import { sqlTime, toDate } from '../../../db/repositories/values';
import { PENDING_HOLD_MINUTES } from '../../protocol/booking-rules';
import { AppError } from '../errors';
import { sha256 } from './one-time-code';

/** Unconfirmed bookings one address may hold in one office at once. */
export const MAX_PENDING_PER_ADDRESS = 5;

/** What a booking keeps of the address that asked for it: a hash, never the address. */
export function requesterKey(address: string | undefined): string | null {
  return address ? sha256(`booking-requester:${address}`).slice(0, 32) : null;
}

/** Refuses (429 `rate_limited`) a booking from an address already holding the most it may. */
export async function refuseManyHolds(
  db: Database,
  officeCode: string,
  requester: string | null,
  now: Date,
  t: Transaction,
): Promise<void> {
  if (requester === null) return;
  const holdMs = PENDING_HOLD_MINUTES * 60_000;
  const rows = await db.sequelize.query<{ created_at: unknown }>(
    `SELECT created_at FROM bookings
      WHERE office_code = :officeCode AND requested_from = :requester AND status = 'pending'
        AND created_at > :since
      ORDER BY created_at LIMIT ${MAX_PENDING_PER_ADDRESS}`,
    {
      type: QueryTypes.SELECT,
      transaction: t,
      replacements: {
        officeCode,
        requester,
        since: sqlTime(db.dialect, new Date(now.getTime() - holdMs)),
      },
    },
  );
  if (rows.length < MAX_PENDING_PER_ADDRESS) return;
  const oldest = toDate(rows[0]!.created_at);
  const freeInMs = Math.max(1_000, oldest.getTime() + holdMs - now.getTime());
  throw new AppError(
    'rate_limited',
    `${MAX_PENDING_PER_ADDRESS} bookings from here wait for their code: confirm one, or try again later`,
    { retryAfterSeconds: Math.ceil(freeInMs / 1000), reason: 'pending_bookings' },
  );
}
