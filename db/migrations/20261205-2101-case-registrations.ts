/**
 * The events registered (server/protocol/case-identity.ts): one row per birth or death that has an
 * act record, keyed by a hash of the event's identity, so the database itself refuses a second
 * registration of the same event, whichever office or registrar tries.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

const tableOptions = { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable(
    'case_registrations',
    {
      // SHA-256 of the event's identity, hex.
      identity: { type: DataTypes.CHAR(64), primaryKey: true },
      case_number: { type: DataTypes.STRING(32), allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    tableOptions,
  );
  await qi.addIndex('case_registrations', ['case_number'], {
    name: 'case_registrations_case',
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('case_registrations');
}
