/**
 * A case's pickup code (printed on the citizen's receipt; the kiosk links a ticket to a case only
 * with number and code) and the ticket a kiosk linked whose holder the clerk has yet to identify.
 */
import { randomInt } from 'node:crypto';
import { DataTypes, QueryTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('cases', 'pickup_code', { type: DataTypes.STRING(12), allowNull: true });
  await qi.addColumn('cases', 'identity_check', { type: DataTypes.STRING(8), allowNull: true });
  // Cases opened before this have no code on paper: they get one, shown on the console.
  const rows = await qi.sequelize.query<{ id: number }>('SELECT id FROM cases', {
    type: QueryTypes.SELECT,
  });
  for (const row of rows) {
    await qi.sequelize.query('UPDATE cases SET pickup_code = :code WHERE id = :id', {
      replacements: { code: newPickupCode(), id: row.id },
    });
  }
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeColumn('cases', 'identity_check');
  await qi.removeColumn('cases', 'pickup_code');
}

/** Six random digits (the kiosk's keypad has digits only). */
export function newPickupCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}
