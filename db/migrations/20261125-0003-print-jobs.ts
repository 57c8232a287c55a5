/** Print jobs: one row per ticket to print, retried while the printer is offline, printed once. */
import { DataTypes, type QueryInterface } from 'sequelize';

const tableOptions = { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable(
    'print_jobs',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      office_code: { type: DataTypes.STRING(40), allowNull: false },
      ticket_id: {
        type: DataTypes.STRING(36),
        allowNull: false,
        references: { model: 'tickets', key: 'id' },
        onDelete: 'CASCADE',
      },
      device_code: { type: DataTypes.STRING(40), allowNull: false },
      printer_url: { type: DataTypes.TEXT, allowNull: false },
      // What to print (the layout's input), rendered at send time.
      payload: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      next_attempt_at: { type: DataTypes.DATE(3), allowNull: false },
      // A node sending the job holds it until then; an expired claim may be taken again.
      claimed_until: { type: DataTypes.DATE(3), allowNull: true },
      last_error: { type: DataTypes.TEXT, allowNull: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      printed_at: { type: DataTypes.DATE(3), allowNull: true },
    },
    tableOptions,
  );
  await qi.addIndex('print_jobs', ['status', 'next_attempt_at'], { name: 'print_jobs_due' });
  await qi.addIndex('print_jobs', ['ticket_id'], { unique: true, name: 'print_jobs_ticket' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('print_jobs');
}
