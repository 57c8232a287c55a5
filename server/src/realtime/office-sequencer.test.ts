/** The per-office ordering of committed changes before they reach a node's sockets. */
import type { QueueChange } from '../../protocol';
import { OfficeSequencer } from './office-sequencer';

function change(seq: number): QueueChange {
  return { kind: 'office:updated', seq, office: {} as never };
}

function sequencer() {
  const out: Array<[string, number]> = [];
  const gaps: Array<[string, number]> = [];
  const s = new OfficeSequencer({
    deliver: (office, changes) => changes.forEach((c) => out.push([office, c.seq])),
    gap: (office, seq) => gaps.push([office, seq]),
    holdMs: 1000,
  });
  return { s, out, gaps };
}

describe('OfficeSequencer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('holds a later seq until the earlier one arrives, per office', () => {
    const { s, out, gaps } = sequencer();
    s.push('kulob', [change(5)]);
    s.push('kulob', [change(7), change(8)]);
    s.push('vahdat', [change(1)]);
    expect(out).toEqual([
      ['kulob', 5],
      ['vahdat', 1],
    ]);
    s.push('kulob', [change(6)]);
    expect(out.slice(2)).toEqual([
      ['kulob', 6],
      ['kulob', 7],
      ['kulob', 8],
    ]);
    jest.advanceTimersByTime(5000);
    expect(gaps).toEqual([]);
    s.close();
  });

  it('declares a gap when the earlier seq does not come in time, then goes on in order', () => {
    const { s, out, gaps } = sequencer();
    s.push('kulob', [change(1)]);
    s.push('kulob', [change(4)]);
    s.push('kulob', [change(3)]);
    jest.advanceTimersByTime(999);
    expect(out).toEqual([['kulob', 1]]);
    jest.advanceTimersByTime(1);
    expect(gaps).toEqual([['kulob', 2]]);
    expect(out.map(([, seq]) => seq)).toEqual([1, 3, 4]);
    // The missing one arriving late is a gap too: clients past it would drop it.
    s.push('kulob', [change(2)]);
    expect(gaps).toEqual([
      ['kulob', 2],
      ['kulob', 2],
    ]);
    expect(out.map(([, seq]) => seq)).toEqual([1, 3, 4]);
    s.close();
  });

  it('after many missed changes, one wait lets out every change that waited, the younger ones later', () => {
    // Another node's changes lost for a while (Redis away): every other seq is missing.
    const { s, out, gaps } = sequencer();
    s.push('kulob', [change(1)]);
    s.push('kulob', [change(3)]);
    s.push('kulob', [change(5)]);
    s.push('kulob', [change(7)]);
    jest.advanceTimersByTime(600);
    s.push('kulob', [change(9)]);
    jest.advanceTimersByTime(400);
    // 3, 5 and 7 waited their second: all out at once, behind one gap.
    expect(out.map(([, seq]) => seq)).toEqual([1, 3, 5, 7]);
    expect(gaps).toEqual([['kulob', 2]]);
    jest.advanceTimersByTime(599);
    expect(out.map(([, seq]) => seq)).toEqual([1, 3, 5, 7]);
    jest.advanceTimersByTime(1);
    expect(out.map(([, seq]) => seq)).toEqual([1, 3, 5, 7, 9]);
    expect(gaps).toEqual([
      ['kulob', 2],
      ['kulob', 8],
    ]);
    // In order again from there.
    s.push('kulob', [change(10)]);
    expect(out.map(([, seq]) => seq)).toEqual([1, 3, 5, 7, 9, 10]);
    s.close();
  });

  it('starts an office at its first snapshot: the seq before a later one is awaited, older ones dropped', () => {
    const { s, out, gaps } = sequencer();
    s.seed('kulob', 10);
    // Node B's seq 11 is still on its way over Redis when this node's seq 12 commits.
    s.push('kulob', [change(12)]);
    expect(out).toEqual([]);
    s.push('kulob', [change(11)]);
    expect(out.map(([, seq]) => seq)).toEqual([11, 12]);
    // Committed before the snapshot was read, delivered after it: every socket has it already.
    s.push('kulob', [change(9)]);
    // A later snapshot does not move a line that runs.
    s.seed('kulob', 20);
    s.push('kulob', [change(13)]);
    jest.advanceTimersByTime(5000);
    expect(gaps).toEqual([]);
    expect(out.map(([, seq]) => seq)).toEqual([11, 12, 13]);
    s.close();
  });

  it('starts at the older of two snapshots built at once, while nothing went out', () => {
    const { s, out, gaps } = sequencer();
    // Build B2 (seq 12) finished before build B1 (seq 10): B1's sockets need 11 and 12.
    s.seed('kulob', 12);
    s.seed('kulob', 10);
    s.push('kulob', [change(11), change(12), change(13)]);
    expect(out.map(([, seq]) => seq)).toEqual([11, 12, 13]);
    expect(gaps).toEqual([]);
    s.close();
  });

  it('without a snapshot, the first change to arrive sets the start (the case seeding is for)', () => {
    const { s, out, gaps } = sequencer();
    s.push('kulob', [change(12)]);
    s.push('kulob', [change(11)]);
    expect(out.map(([, seq]) => seq)).toEqual([12]);
    expect(gaps).toEqual([['kulob', 11]]);
    s.close();
  });
});
