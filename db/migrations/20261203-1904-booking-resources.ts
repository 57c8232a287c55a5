/**
 * Bookable rooms (issue #19): the marriage ceremony hall has its own calendar, shared by every
 * service that books it. A booking of such a service records the room, so the hall's slot is
 * counted (and locked) across services, and found by an index of its own.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

const tableOptions = { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable(
    'booking_resources',
    {
      office_code: { type: DataTypes.STRING(40), primaryKey: true },
      code: { type: DataTypes.STRING(40), primaryKey: true },
      // Names (tg, ru, uz, en) as JSON.
      names: { type: DataTypes.TEXT, allowNull: false },
      // BookingPlan (server/protocol/booking-rules.ts) as JSON.
      plan: { type: DataTypes.TEXT, allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    tableOptions,
  );
  await qi.addColumn('bookings', 'resource_code', {
    type: DataTypes.STRING(40),
    allowNull: true,
  });
  await qi.addIndex('bookings', ['office_code', 'resource_code', 'start_at'], {
    name: 'bookings_resource_slot',
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('bookings', 'bookings_resource_slot');
  await qi.removeColumn('bookings', 'resource_code');
  await qi.dropTable('booking_resources');
}
