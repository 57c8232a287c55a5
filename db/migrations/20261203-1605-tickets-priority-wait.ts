/**
 * Call-next asks whether a priority ticket waits for the window before it picks one. Without an
 * index on the priority, that question walked every waiting ticket of the day when none did (the
 * usual case): call-next grew with the queue (7 ms at 1,000 waiting, 90 ms at 50,000). With this
 * index it reads only the waiting priority tickets. Likewise the people ahead of a new ticket are
 * counted among its own service's waiting tickets, not the day's (issue took 18 ms at 50,000).
 */
import type { QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addIndex('tickets', ['office_code', 'day', 'status', 'priority'], {
    name: 'tickets_priority_wait',
  });
  await qi.addIndex(
    'tickets',
    ['office_code', 'day', 'status', 'service_id', 'queue_time', 'priority'],
    {
      name: 'tickets_service_wait',
    },
  );
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('tickets', 'tickets_service_wait');
  await qi.removeIndex('tickets', 'tickets_priority_wait');
}
