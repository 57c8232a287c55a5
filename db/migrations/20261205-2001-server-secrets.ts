/**
 * A deployment's own secrets, made once by the first node that migrates its database and shared by
 * every node after: `ticket_holder` signs the key a ticket's holder gets with the ticket (on the
 * paper's QR code, in the kiosk's answer, in the messages' links), without which nobody may change
 * or stop the messages about a ticket that someone already follows (server/src/security/ticket-keys.ts).
 */
import { randomBytes } from 'node:crypto';
import { DataTypes, type QueryInterface } from 'sequelize';

const tableOptions = { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable(
    'server_secrets',
    {
      name: { type: DataTypes.STRING(40), primaryKey: true },
      // base64url of 32 random bytes.
      value: { type: DataTypes.STRING(100), allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    tableOptions,
  );
  await qi.bulkInsert('server_secrets', [
    {
      name: 'ticket_holder',
      value: randomBytes(32).toString('base64url'),
      created_at: new Date(),
    },
  ]);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('server_secrets');
}
