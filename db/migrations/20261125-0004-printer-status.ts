/** The last known state of each kiosk's printer, shared by every node. */
import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('devices', 'printer_status', { type: DataTypes.STRING(16), allowNull: true });
  await qi.addColumn('devices', 'printer_checked_at', { type: DataTypes.DATE(3), allowNull: true });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeColumn('devices', 'printer_checked_at');
  await qi.removeColumn('devices', 'printer_status');
}
