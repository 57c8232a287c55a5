/** Column values as the two dialects hand them back, read one way. */

/** A DATETIME: a Date from mysql2, sometimes a string from SQLite. */
export function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

/** A nullable DATETIME. */
export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

/** A time as raw SQL compares it with stored DATETIME(3) values of the dialect. */
export function sqlTime(dialect: 'mysql' | 'sqlite', date: Date): string {
  const text = date.toISOString().replace('T', ' ').replace('Z', '');
  return dialect === 'sqlite' ? `${text} +00:00` : text;
}
