/**
 * The `Idempotency-Key` a booking was asked with (a hash of it): a citizen's "Get code" whose answer
 * was lost on a poor connection is sent again with the same key and gets the same booking, whose
 * code is already on the phone (it was refused as the phone's second booking of the day).
 * Unique per office; rows without a key (from before, or asked without one) are many NULLs.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('bookings', 'idempotency_key', { type: DataTypes.CHAR(64), allowNull: true });
  await qi.addIndex('bookings', ['office_code', 'idempotency_key'], {
    name: 'bookings_idempotency_key',
    unique: true,
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('bookings', 'bookings_idempotency_key');
  await qi.removeColumn('bookings', 'idempotency_key');
}
