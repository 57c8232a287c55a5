/**
 * Appointments: each service's booking plan, the bookings, and one lock row per slot (and per
 * phone and day) that every booking of it takes first, so a slot is never overbooked, even by two
 * nodes at once.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

const tableOptions = { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable(
    'booking_plans',
    {
      office_code: { type: DataTypes.STRING(40), primaryKey: true },
      service_code: { type: DataTypes.STRING(40), primaryKey: true },
      // BookingPlan (server/protocol/booking-rules.ts) as JSON.
      plan: { type: DataTypes.TEXT, allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    tableOptions,
  );
  await qi.createTable(
    'bookings',
    {
      id: { type: DataTypes.STRING(36), primaryKey: true },
      office_code: { type: DataTypes.STRING(40), allowNull: false },
      service_code: { type: DataTypes.STRING(40), allowNull: false },
      // What the citizen types at the kiosk: eight digits, unique in the office.
      code: { type: DataTypes.STRING(8), allowNull: false },
      start_at: { type: DataTypes.DATE(3), allowNull: false },
      day: { type: DataTypes.STRING(10), allowNull: false },
      phone: { type: DataTypes.STRING(16), allowNull: true },
      language: { type: DataTypes.STRING(2), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      otp_hash: { type: DataTypes.STRING(64), allowNull: true },
      otp_attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      ticket_id: { type: DataTypes.STRING(36), allowNull: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      confirmed_at: { type: DataTypes.DATE(3), allowNull: true },
      ended_at: { type: DataTypes.DATE(3), allowNull: true },
    },
    tableOptions,
  );
  await qi.addIndex('bookings', ['office_code', 'code'], { unique: true, name: 'bookings_code' });
  await qi.addIndex('bookings', ['office_code', 'service_code', 'start_at'], {
    name: 'bookings_slot',
  });
  await qi.addIndex('bookings', ['office_code', 'service_code', 'day', 'phone'], {
    name: 'bookings_phone_day',
  });
  await qi.createTable(
    'booking_locks',
    {
      // `slot:<office>:<service>:<start ms>` or `phone:<office>:<service>:<day>:<phone hash>`.
      lock_key: { type: DataTypes.STRING(160), primaryKey: true },
    },
    tableOptions,
  );
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('booking_locks');
  await qi.dropTable('bookings');
  await qi.dropTable('booking_plans');
}
