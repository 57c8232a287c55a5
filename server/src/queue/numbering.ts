/** Ticket numbers: the service prefix and at least three digits, restarting each office day. */

/** `A` + 7 → `A007`; past 999 the number simply grows (`A1000`). */
export function formatTicketNumber(prefix: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError('sequence must be ≥ 1');
  return `${prefix}${String(sequence).padStart(3, '0')}`;
}
