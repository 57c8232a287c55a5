/**
 * The registry's own outbox (case messages commit with the case, which may live in another
 * database) and the applicants who consented to messages about their case.
 */
import { DataTypes, type QueryInterface } from 'sequelize';
import { createOutbox } from './20261203-18-01-messages';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createOutbox(qi, 'case_messages');
  await qi.createTable(
    'case_recipients',
    {
      case_number: { type: DataTypes.STRING(40), primaryKey: true },
      office_code: { type: DataTypes.STRING(40), allowNull: false },
      phone: { type: DataTypes.STRING(20), allowNull: true },
      telegram_chat: { type: DataTypes.STRING(40), allowNull: true },
      language: { type: DataTypes.STRING(8), allowNull: false },
      // The consent as recorded: when, and which clerk took it.
      consent_at: { type: DataTypes.DATE(3), allowNull: false },
      consent_by: { type: DataTypes.STRING(100), allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
  );
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('case_recipients');
  await qi.dropTable('case_messages');
}
