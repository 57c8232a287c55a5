/** A case's history as the console lists it (counter/src/case-history-rows.ts). */
import type { CaseHistoryEntry } from '../server/protocol';
import { historyRows } from '../counter/src/case-history-rows';

const at = (minute: number) => `2026-12-06T05:${String(minute).padStart(2, '0')}:00.000Z`;
const entry = (minute: number, user: string, action: CaseHistoryEntry['action']) => ({
  at: at(minute),
  user,
  action,
});

describe('a case history as its lines', () => {
  it('reads one clerk’s edits one after another as one line, with its first moment and count', () => {
    const rows = historyRows([
      entry(1, 'clerk1', 'created'),
      entry(2, 'clerk1', 'edited'),
      entry(3, 'clerk1', 'edited'),
      entry(9, 'clerk1', 'edited'),
      { ...entry(10, 'clerk1', 'transition'), from: 'draft', to: 'submitted' },
    ]);
    expect(rows.map((r) => [r.entry.action, r.from, r.entry.at, r.count])).toEqual([
      ['created', at(1), at(1), 1],
      ['edited', at(2), at(9), 3],
      ['transition', at(10), at(10), 1],
    ]);
  });

  it('keeps apart the edits of two clerks and edits on either side of another entry', () => {
    const rows = historyRows([
      entry(2, 'clerk1', 'edited'),
      entry(3, 'clerk2', 'edited'),
      entry(4, 'clerk2', 'ticket_linked'),
      entry(5, 'clerk2', 'edited'),
    ]);
    expect(rows.map((r) => [r.entry.user, r.entry.action, r.count])).toEqual([
      ['clerk1', 'edited', 1],
      ['clerk2', 'edited', 1],
      ['clerk2', 'ticket_linked', 1],
      ['clerk2', 'edited', 1],
    ]);
  });
});
