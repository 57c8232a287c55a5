/**
 * Citizen messages: the outbox of queue messages (rows written with the ticket's command), who asked
 * for them, opt-outs, per-office templates and settings, and one-time Telegram link codes.
 */
import { DataTypes, type ModelAttributes, type QueryInterface } from 'sequelize';

const tableOptions = { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' };

/** The outbox's columns, shared with the registry's own outbox (case_messages). */
export function outboxColumns(): ModelAttributes {
  return {
    id: { type: DataTypes.STRING(36), primaryKey: true },
    office_code: { type: DataTypes.STRING(40), allowNull: false },
    ticket_id: { type: DataTypes.STRING(36), allowNull: true },
    case_number: { type: DataTypes.STRING(40), allowNull: true },
    channel: { type: DataTypes.STRING(16), allowNull: false },
    // The gateway that took it (smpp, http, log, telegram), set when it is tried.
    gateway: { type: DataTypes.STRING(16), allowNull: true },
    to_address: { type: DataTypes.STRING(64), allowNull: false },
    template: { type: DataTypes.STRING(32), allowNull: false },
    language: { type: DataTypes.STRING(8), allowNull: false },
    text: { type: DataTypes.TEXT, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    parts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    // One message per event and recipient, whatever retries the command takes.
    dedupe_key: { type: DataTypes.STRING(160), allowNull: false },
    next_attempt_at: { type: DataTypes.DATE(3), allowNull: false },
    // Queue messages are for their office day only.
    expires_at: { type: DataTypes.DATE(3), allowNull: true },
    // A node sending the message holds it until then; `sending` marks a submit under way.
    claimed_until: { type: DataTypes.DATE(3), allowNull: true },
    sending: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    provider_id: { type: DataTypes.STRING(80), allowNull: true },
    error: { type: DataTypes.TEXT, allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    sent_at: { type: DataTypes.DATE(3), allowNull: true },
    delivered_at: { type: DataTypes.DATE(3), allowNull: true },
  };
}

/** Creates an outbox table with its indexes. */
export async function createOutbox(qi: QueryInterface, table: string): Promise<void> {
  await qi.createTable(table, outboxColumns(), tableOptions);
  await qi.addIndex(table, ['dedupe_key'], { unique: true, name: `${table}_dedupe` });
  await qi.addIndex(table, ['status', 'next_attempt_at'], { name: `${table}_due` });
  await qi.addIndex(table, ['office_code', 'created_at'], { name: `${table}_office` });
  await qi.addIndex(table, ['ticket_id'], { name: `${table}_ticket` });
  await qi.addIndex(table, ['case_number'], { name: `${table}_case` });
  await qi.addIndex(table, ['provider_id'], { name: `${table}_provider` });
  await qi.addIndex(table, ['to_address', 'created_at'], { name: `${table}_to` });
}

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createOutbox(qi, 'messages');
  await createMessageRecipients(qi);
  await createMessageOptouts(qi);
  await createMessageTemplates(qi);
  await createMessageSettings(qi);
  await createTelegramLinks(qi);
}

/** Who asked for a ticket's messages (phone or Telegram chat) and in what language. */
async function createMessageRecipients(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'message_recipients',
    {
      ticket_id: {
        type: DataTypes.STRING(36),
        primaryKey: true,
        references: { model: 'tickets', key: 'id' },
        onDelete: 'CASCADE',
      },
      office_code: { type: DataTypes.STRING(40), allowNull: false },
      day: { type: DataTypes.STRING(10), allowNull: false },
      phone: { type: DataTypes.STRING(20), allowNull: true },
      telegram_chat: { type: DataTypes.STRING(40), allowNull: true },
      language: { type: DataTypes.STRING(8), allowNull: false },
      // "N ahead" goes once per ticket.
      ahead_sent: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    tableOptions,
  );
  await qi.addIndex('message_recipients', ['office_code', 'day', 'active'], {
    name: 'message_recipients_live',
  });
}

/** Addresses that asked for no more messages. */
async function createMessageOptouts(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'message_optouts',
    {
      address: { type: DataTypes.STRING(64), primaryKey: true },
      source: { type: DataTypes.STRING(16), allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    tableOptions,
  );
}

/** Per-office message texts per template and language. */
async function createMessageTemplates(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'message_templates',
    {
      office_code: { type: DataTypes.STRING(40), primaryKey: true },
      template: { type: DataTypes.STRING(32), primaryKey: true },
      language: { type: DataTypes.STRING(8), primaryKey: true },
      text: { type: DataTypes.TEXT, allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    tableOptions,
  );
}

/** Per-office message settings. */
async function createMessageSettings(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'message_settings',
    {
      office_code: { type: DataTypes.STRING(40), primaryKey: true },
      settings: { type: DataTypes.TEXT, allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    tableOptions,
  );
}

/** One-time codes that link a Telegram chat to a ticket or case. */
async function createTelegramLinks(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'telegram_links',
    {
      code: { type: DataTypes.STRING(40), primaryKey: true },
      office_code: { type: DataTypes.STRING(40), allowNull: false },
      ticket_id: { type: DataTypes.STRING(36), allowNull: true },
      case_number: { type: DataTypes.STRING(40), allowNull: true },
      language: { type: DataTypes.STRING(8), allowNull: false },
      chat_id: { type: DataTypes.STRING(40), allowNull: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      used_at: { type: DataTypes.DATE(3), allowNull: true },
    },
    tableOptions,
  );
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('telegram_links');
  await qi.dropTable('message_settings');
  await qi.dropTable('message_templates');
  await qi.dropTable('message_optouts');
  await qi.dropTable('message_recipients');
  await qi.dropTable('messages');
}
