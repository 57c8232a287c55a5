import { NO_PRIORITY } from '../../protocol';
import { chooseNext, isPriority, queueOrder } from './call-next';
import {
  DEFAULT_SERVICE_SECONDS,
  averageServiceSeconds,
  estimateWaitMinutes,
  peopleAhead,
  type WaitingTicket,
} from './estimate';

const opening = Date.parse('2026-11-26T04:00:00Z');

/** A `birth` ticket issued `minute` minutes after opening. */
function waiting(id: string, priority: string, minute: number, service = 'birth'): WaitingTicket {
  return { id, service, priority, issuedAt: new Date(opening + minute * 60_000) };
}

describe('peopleAhead for an ordinary ticket', () => {
  const me = waiting('A005', NO_PRIORITY, 10);

  it('counts the older ordinary tickets', () => {
    const older = [waiting('A001', NO_PRIORITY, 1), waiting('A002', NO_PRIORITY, 2)];
    expect(peopleAhead(me, [...older, me])).toBe(2);
  });

  it('does not count the younger ordinary tickets', () => {
    const younger = [waiting('A006', NO_PRIORITY, 11), waiting('A007', NO_PRIORITY, 12)];
    expect(peopleAhead(me, [me, ...younger])).toBe(0);
  });

  it('counts every priority ticket, older or younger', () => {
    const priority = [waiting('P001', 'veteran', 1), waiting('P002', 'disabled', 30)];
    expect(peopleAhead(me, [me, ...priority])).toBe(2);
  });

  it('adds it all up in a mixed queue', () => {
    const queue = [
      waiting('A001', NO_PRIORITY, 1), // older ordinary: ahead
      waiting('P001', 'veteran', 2), // older priority: ahead
      me,
      waiting('A006', NO_PRIORITY, 11), // younger ordinary: behind
      waiting('P002', 'veteran', 12), // younger priority: ahead
    ];
    expect(peopleAhead(me, queue)).toBe(3);
  });
});

describe('peopleAhead for a priority ticket', () => {
  const me = waiting('P005', 'veteran', 10);

  it('counts the older priority tickets', () => {
    const older = [waiting('P001', 'disabled', 1), waiting('P002', 'veteran', 2)];
    expect(peopleAhead(me, [...older, me])).toBe(2);
  });

  it('does not count ordinary tickets, not even older ones', () => {
    const ordinary = [waiting('A001', NO_PRIORITY, 1), waiting('A009', NO_PRIORITY, 20)];
    expect(peopleAhead(me, [...ordinary, me])).toBe(0);
  });

  it('does not count younger priority tickets', () => {
    expect(peopleAhead(me, [me, waiting('P006', 'veteran', 11)])).toBe(0);
  });
});

describe('peopleAhead in general', () => {
  const me = waiting('A005', NO_PRIORITY, 10);

  it('is 0 in an empty queue', () => {
    expect(peopleAhead(me, [])).toBe(0);
  });

  it('does not count the ticket itself', () => {
    expect(peopleAhead(me, [me])).toBe(0);
  });

  it('does not count the ticket itself even as a separate copy with the same id', () => {
    expect(peopleAhead(me, [{ ...me }])).toBe(0);
  });

  it('counts only tickets of the same service', () => {
    const queue = [
      waiting('D001', NO_PRIORITY, 1, 'death'),
      waiting('D002', 'veteran', 2, 'death'),
      waiting('A001', NO_PRIORITY, 3),
      me,
    ];
    expect(peopleAhead(me, queue)).toBe(1);
  });

  it('orders tickets issued in the same millisecond by id, as the database does', () => {
    expect(peopleAhead(me, [me, waiting('A004', NO_PRIORITY, 10)])).toBe(1);
    expect(peopleAhead(me, [me, waiting('A006', NO_PRIORITY, 10)])).toBe(0);
  });

  it('matches the position in which one counter would call the ticket, while fairness does not kick in', () => {
    const queue = [
      waiting('A001', NO_PRIORITY, 1),
      waiting('A002', NO_PRIORITY, 2),
      waiting('P001', 'veteran', 3),
      waiting('A003', NO_PRIORITY, 4),
      waiting('P002', 'disabled', 5),
      waiting('A004', NO_PRIORITY, 6),
    ];
    const calls: string[] = [];
    let left = [...queue];
    for (;;) {
      const ordered = queueOrder(left);
      const { ticket } = chooseNext({
        oldestPriority: ordered.find((t) => isPriority(t.priority)),
        oldestNormal: ordered.find((t) => !isPriority(t.priority)),
        streak: 0,
        fairnessN: 1000,
      });
      if (!ticket) break;
      calls.push(ticket.id);
      left = left.filter((t) => t !== ticket);
    }
    for (const t of queue)
      expect([t.id, peopleAhead(t, queue)]).toEqual([t.id, calls.indexOf(t.id)]);
  });
});

describe('averageServiceSeconds', () => {
  it('is the mean of the recent durations', () => {
    expect(averageServiceSeconds([120, 240, 360])).toBe(240);
    expect(averageServiceSeconds([100, 101])).toBe(100.5);
    expect(averageServiceSeconds([42])).toBe(42);
  });

  it('falls back to five minutes while a service has no finished tickets', () => {
    expect(DEFAULT_SERVICE_SECONDS).toBe(300);
    expect(averageServiceSeconds([])).toBe(DEFAULT_SERVICE_SECONDS);
  });

  it('ignores zero, negative and non-finite durations', () => {
    expect(averageServiceSeconds([0, -30, Number.NaN, Number.POSITIVE_INFINITY, 60, 180])).toBe(
      120,
    );
  });

  it('falls back to the default when no duration is usable', () => {
    expect(averageServiceSeconds([0, -1, Number.NaN, Number.NEGATIVE_INFINITY])).toBe(
      DEFAULT_SERVICE_SECONDS,
    );
  });
});

describe('estimateWaitMinutes', () => {
  it('is 0 with nobody ahead', () => {
    expect(estimateWaitMinutes(0, 300, 2)).toBe(0);
  });

  it('is 0 for a negative count of people ahead', () => {
    expect(estimateWaitMinutes(-1, 300, 2)).toBe(0);
  });

  it('multiplies the people ahead by the average service time at one window', () => {
    expect(estimateWaitMinutes(1, 300, 1)).toBe(5);
    expect(estimateWaitMinutes(4, 300, 1)).toBe(20);
  });

  it('spreads the people ahead over the open windows', () => {
    expect(estimateWaitMinutes(4, 300, 4)).toBe(5);
    expect(estimateWaitMinutes(6, 600, 3)).toBe(20);
  });

  it('rounds a part minute up', () => {
    expect(estimateWaitMinutes(3, 300, 2)).toBe(8);
    expect(estimateWaitMinutes(1, 1, 1)).toBe(1);
    expect(estimateWaitMinutes(1, 61, 1)).toBe(2);
  });

  it.each([0, -2])(
    'counts %p open windows as one, rather than dividing by zero or less',
    (counters) => {
      expect(estimateWaitMinutes(2, 300, counters)).toBe(10);
    },
  );
});
