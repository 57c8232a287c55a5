/**
 * Checking in with a booking: every ticket gets the time by which call-next orders it
 * (`queue_time`: its issue time, or a checked-in booking's slot start) and the booking code it came
 * with; each office keeps its check-in window (minutes before and after the slot) in a row of its own.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

const tableOptions = { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // Nullable so both dialects can add it to a full table; every insert sets it (the model's hook).
  await qi.addColumn('tickets', 'queue_time', { type: DataTypes.DATE(3), allowNull: true });
  await qi.addColumn('tickets', 'appointment_code', {
    type: DataTypes.STRING(8),
    allowNull: true,
  });
  await qi.sequelize.query('UPDATE tickets SET queue_time = issued_at');
  // The waiting-ticket index (`tickets_queue`), ordered as call-next now reads it.
  await qi.addIndex('tickets', ['office_code', 'day', 'status', 'queue_time', 'id'], {
    name: 'tickets_queue_time',
  });
  await qi.createTable(
    'booking_settings',
    {
      office_code: { type: DataTypes.STRING(40), primaryKey: true },
      check_in_early_minutes: { type: DataTypes.INTEGER, allowNull: false },
      check_in_late_minutes: { type: DataTypes.INTEGER, allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    tableOptions,
  );
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('booking_settings');
  await qi.removeIndex('tickets', 'tickets_queue_time');
  await qi.removeColumn('tickets', 'appointment_code');
  await qi.removeColumn('tickets', 'queue_time');
}
