/**
 * A case's history as its lines: a clerk's edits one after another (the console saves each section
 * as it is typed, so a draft gathers many) read as one line, with their first and last moment and
 * how many there were. The stored history keeps every entry.
 */
import type { CaseHistoryEntry } from '../../server/protocol';

export interface HistoryRow {
  /** The run's last entry (its user, action and note). */
  entry: CaseHistoryEntry;
  /** When the run began (the entry's own time for a single entry). */
  from: string;
  /** How many entries the line stands for. */
  count: number;
}

export function historyRows(history: readonly CaseHistoryEntry[]): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (const entry of history) {
    const last = rows.at(-1);
    if (
      last &&
      entry.action === 'edited' &&
      last.entry.action === 'edited' &&
      last.entry.user === entry.user
    ) {
      last.entry = entry;
      last.count++;
    } else {
      rows.push({ entry, from: entry.at, count: 1 });
    }
  }
  return rows;
}
