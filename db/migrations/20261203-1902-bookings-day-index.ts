/**
 * The administrator's day view reads one office day's bookings of every service, by time: an index
 * of its own, so it does not scan the office's whole booking history (the slot and phone indexes
 * start with the service).
 */
import type { QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addIndex('bookings', ['office_code', 'day', 'start_at'], { name: 'bookings_day' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('bookings', 'bookings_day');
}
