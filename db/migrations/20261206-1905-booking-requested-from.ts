/**
 * Who asked for a booking, as far as holds go: a hash of the client's address, so that the
 * unconfirmed holds one address may keep at once can be counted (server/src/bookings/address-holds.ts)
 * on every node, in the booking's own transaction. Rows from before have none and count for nobody.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('bookings', 'requested_from', { type: DataTypes.CHAR(32), allowNull: true });
  await qi.addIndex('bookings', ['office_code', 'requested_from', 'status', 'created_at'], {
    name: 'bookings_requested_from',
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('bookings', 'bookings_requested_from');
  await qi.removeColumn('bookings', 'requested_from');
}
