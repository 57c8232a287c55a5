/**
 * Remote join (issue #19): a citizen takes today's ticket from the phone after an SMS code. Each
 * office's switch and daily cap live in a row of their own (off until an admin sets one); each
 * request is a row with its one-time code; a ticket taken that way is marked `remote`. The cap is
 * held by the lock row of the office day (booking_locks) that every confirmation takes first.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

const tableOptions = { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable(
    'remote_join_settings',
    {
      office_code: { type: DataTypes.STRING(40), primaryKey: true },
      enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      daily_cap: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    tableOptions,
  );
  await qi.createTable(
    'remote_joins',
    {
      id: { type: DataTypes.STRING(36), primaryKey: true },
      office_code: { type: DataTypes.STRING(40), allowNull: false },
      // What the page sends back with the SMS code: eight digits, unique in the office.
      code: { type: DataTypes.STRING(8), allowNull: false },
      service_code: { type: DataTypes.STRING(40), allowNull: false },
      day: { type: DataTypes.STRING(10), allowNull: false },
      phone: { type: DataTypes.STRING(16), allowNull: false },
      language: { type: DataTypes.STRING(2), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      otp_hash: { type: DataTypes.STRING(64), allowNull: true },
      otp_attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      ticket_id: { type: DataTypes.STRING(36), allowNull: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      ended_at: { type: DataTypes.DATE(3), allowNull: true },
    },
    tableOptions,
  );
  await qi.addIndex('remote_joins', ['office_code', 'code'], {
    unique: true,
    name: 'remote_joins_code',
  });
  // The cap counts an office day's confirmed joins.
  await qi.addIndex('remote_joins', ['office_code', 'day', 'status'], { name: 'remote_joins_day' });
  await qi.addColumn('tickets', 'remote', {
    type: DataTypes.BOOLEAN,
    allowNull: false,
    defaultValue: false,
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeColumn('tickets', 'remote');
  await qi.dropTable('remote_joins');
  await qi.dropTable('remote_join_settings');
}
