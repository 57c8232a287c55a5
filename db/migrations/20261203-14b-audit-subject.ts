/**
 * The audit log names what a row is about in words an administrator searches by: the ticket number
 * (`A002`) of a ticket's rows. Rows written before this migration get it from their ticket.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('audit_log', 'subject', { type: DataTypes.STRING(40), allowNull: true });
  await qi.addIndex('audit_log', ['office_code', 'subject'], { name: 'audit_office_subject' });
  // One statement both dialects take; the subquery reads another table, as MySQL requires.
  await qi.sequelize.query(
    `UPDATE audit_log SET subject =
       (SELECT tickets.number FROM tickets WHERE tickets.id = audit_log.entity_id)
     WHERE entity = 'ticket'`,
  );
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('audit_log', 'audit_office_subject');
  await qi.removeColumn('audit_log', 'subject');
}
