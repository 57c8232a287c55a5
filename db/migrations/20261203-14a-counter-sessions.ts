/**
 * Window sessions: which staff session works at which window (one window, one clerk); and the note a
 * transferred ticket carries to the window that receives it.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

const tableOptions = { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable(
    'counter_sessions',
    {
      // One row per window: the primary key is what makes a window hold one clerk at a time.
      counter_id: {
        type: DataTypes.INTEGER,
        primaryKey: true,
        references: { model: 'counters', key: 'id' },
        onDelete: 'CASCADE',
      },
      user_id: {
        type: DataTypes.INTEGER,
        allowNull: false,
        references: { model: 'users', key: 'id' },
        onDelete: 'CASCADE',
      },
      // The login session that holds the window: it ends with that session (logout, expiry).
      token_hash: { type: DataTypes.STRING(64), allowNull: false },
      since: { type: DataTypes.DATE(3), allowNull: false },
    },
    tableOptions,
  );
  await qi.addIndex('counter_sessions', ['user_id'], { name: 'counter_sessions_user' });
  await qi.addIndex('counter_sessions', ['token_hash'], { name: 'counter_sessions_token' });
  await qi.addColumn('tickets', 'transfer_note', { type: DataTypes.TEXT, allowNull: true });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeColumn('tickets', 'transfer_note');
  await qi.dropTable('counter_sessions');
}
