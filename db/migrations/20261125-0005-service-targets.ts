/** Administration: each service's target wait (the SLA of the reports) and an audit index by action. */
import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('services', 'target_wait_minutes', {
    type: DataTypes.INTEGER,
    allowNull: false,
    defaultValue: 15,
  });
  await qi.addIndex('audit_log', ['office_code', 'action', 'at'], { name: 'audit_office_action' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('audit_log', 'audit_office_action');
  await qi.removeColumn('services', 'target_wait_minutes');
}
