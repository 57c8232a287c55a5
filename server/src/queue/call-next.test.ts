import { NO_PRIORITY } from '../../protocol';
import { chooseNext, isPriority, queueOrder, type Candidate } from './call-next';

const opening = Date.parse('2026-11-26T04:00:00Z');

/** A ticket issued `minute` minutes after opening. */
function ticket(id: string, priority: string, minute: number): Candidate {
  return { id, priority, issuedAt: new Date(opening + minute * 60_000) };
}

/** `count` tickets `A001`… (or `P001`…), issued a minute apart from `firstMinute`. */
function tickets(
  letter: string,
  priority: string,
  count: number,
  firstMinute: number,
): Candidate[] {
  return Array.from({ length: count }, (_, i) =>
    ticket(`${letter}${String(i + 1).padStart(3, '0')}`, priority, firstMinute + i),
  );
}

const p1 = ticket('P001', 'veteran', 5);
const n1 = ticket('A001', NO_PRIORITY, 1);

/**
 * One counter calling until nobody is left: each call picks the oldest waiting ticket of each kind,
 * as the repository does, and carries the streak over to the next call, as the counter row does.
 * `arrivals[i]` joins the queue just before call number i.
 */
function runCounter(
  waiting: Candidate[],
  fairnessN: number,
  arrivals: Candidate[][] = [],
  streak = 0,
): string[] {
  const queue = [...waiting];
  const calls: string[] = [];
  for (let call = 0; ; call++) {
    queue.push(...(arrivals[call] ?? []));
    const ordered = queueOrder(queue);
    const choice = chooseNext({
      oldestPriority: ordered.find((t) => isPriority(t.priority)),
      oldestNormal: ordered.find((t) => !isPriority(t.priority)),
      streak,
      fairnessN,
    });
    if (!choice.ticket) return calls;
    calls.push(choice.ticket.id);
    queue.splice(queue.indexOf(choice.ticket), 1);
    streak = choice.streak;
  }
}

function kinds(ids: string[]): string {
  return ids.map((id) => id[0]).join('');
}

describe('chooseNext with both kinds waiting', () => {
  it('calls the priority ticket ahead of an older ordinary one', () => {
    expect(chooseNext({ oldestPriority: p1, oldestNormal: n1, streak: 0, fairnessN: 2 })).toEqual({
      ticket: p1,
      streak: 1,
      reason: 'priority',
    });
  });

  it('calls the ordinary ticket once fairnessN priority tickets were called in a row', () => {
    expect(chooseNext({ oldestPriority: p1, oldestNormal: n1, streak: 2, fairnessN: 2 })).toEqual({
      ticket: n1,
      streak: 0,
      reason: 'fairness',
    });
  });

  it('calls the ordinary ticket when the streak is already beyond fairnessN', () => {
    expect(chooseNext({ oldestPriority: p1, oldestNormal: n1, streak: 7, fairnessN: 2 })).toEqual({
      ticket: n1,
      streak: 0,
      reason: 'fairness',
    });
  });

  it('goes P, P, N, P, P, N… with fairnessN = 2', () => {
    let streak = 0;
    const choices: string[] = [];
    for (let i = 0; i < 9; i++) {
      const choice = chooseNext({ oldestPriority: p1, oldestNormal: n1, streak, fairnessN: 2 });
      choices.push(choice.ticket === p1 ? 'P' : 'N');
      streak = choice.streak;
    }
    expect(choices.join('')).toBe('PPNPPNPPN');
  });

  it('alternates P, N, P, N… with fairnessN = 1', () => {
    expect(
      kinds(runCounter(tickets('P', 'veteran', 4, 10).concat(tickets('A', NO_PRIORITY, 4, 0)), 1)),
    ).toBe('PAPAPAPA');
  });

  it('always calls the ordinary ticket first when fairnessN is 0', () => {
    for (const streak of [0, 1, 5]) {
      expect(chooseNext({ oldestPriority: p1, oldestNormal: n1, streak, fairnessN: 0 })).toEqual({
        ticket: n1,
        streak: 0,
        reason: 'fairness',
      });
    }
  });

  it('treats a negative fairnessN like 0', () => {
    expect(
      chooseNext({ oldestPriority: p1, oldestNormal: n1, streak: 0, fairnessN: -3 }).ticket,
    ).toBe(n1);
  });

  it('counts priority calls made while no ordinary ticket waited toward the streak', () => {
    // Three priority calls with nobody else waiting, then an ordinary ticket arrives: it goes next.
    let streak = 0;
    for (let i = 0; i < 3; i++) {
      streak = chooseNext({
        oldestPriority: p1,
        oldestNormal: undefined,
        streak,
        fairnessN: 2,
      }).streak;
    }
    expect(chooseNext({ oldestPriority: p1, oldestNormal: n1, streak, fairnessN: 2 }).ticket).toBe(
      n1,
    );
  });
});

describe('chooseNext with one kind or none waiting', () => {
  it('calls the priority ticket when only priority tickets wait, extending the streak', () => {
    expect(
      chooseNext({ oldestPriority: p1, oldestNormal: undefined, streak: 0, fairnessN: 2 }),
    ).toEqual({
      ticket: p1,
      streak: 1,
      reason: 'priority',
    });
  });

  it('keeps calling priority tickets past fairnessN when no ordinary ticket waits', () => {
    expect(
      chooseNext({ oldestPriority: p1, oldestNormal: undefined, streak: 5, fairnessN: 2 }),
    ).toEqual({
      ticket: p1,
      streak: 6,
      reason: 'priority',
    });
  });

  it('calls priority tickets even with fairnessN 0 when no ordinary ticket waits', () => {
    expect(
      chooseNext({ oldestPriority: p1, oldestNormal: undefined, streak: 0, fairnessN: 0 }).ticket,
    ).toBe(p1);
  });

  it('calls the ordinary ticket when only ordinary tickets wait, ending the streak', () => {
    expect(
      chooseNext({ oldestPriority: undefined, oldestNormal: n1, streak: 1, fairnessN: 2 }),
    ).toEqual({
      ticket: n1,
      streak: 0,
      reason: 'oldest',
    });
  });

  it('calls nobody when nobody waits and leaves the streak as it was', () => {
    expect(
      chooseNext({ oldestPriority: undefined, oldestNormal: undefined, streak: 1, fairnessN: 2 }),
    ).toEqual({
      ticket: undefined,
      streak: 1,
      reason: 'oldest',
    });
  });

  it('returns the candidate objects themselves, not copies', () => {
    const rich = { ...p1, number: 'P001' };
    const choice = chooseNext({
      oldestPriority: rich,
      oldestNormal: undefined,
      streak: 0,
      fairnessN: 2,
    });
    expect(choice.ticket).toBe(rich);
    expect(choice.ticket?.number).toBe('P001');
  });
});

describe('chooseNext over a whole queue', () => {
  const normals = tickets('A', NO_PRIORITY, 10, 0);
  const priorities = tickets('P', 'veteran', 10, 10);

  it('serves 10 priority and 10 ordinary tickets in the exact fair order with fairnessN = 2', () => {
    // prettier-ignore
    expect(runCounter([...priorities, ...normals], 2)).toEqual([
      'P001', 'P002', 'A001',
      'P003', 'P004', 'A002',
      'P005', 'P006', 'A003',
      'P007', 'P008', 'A004',
      'P009', 'P010',
      'A005', 'A006', 'A007', 'A008', 'A009', 'A010',
    ]);
  });

  it('lets nobody starve: every ticket is called exactly once, each kind oldest first', () => {
    const calls = runCounter([...normals, ...priorities], 2);
    expect([...calls].sort()).toEqual([...normals, ...priorities].map((t) => t.id).sort());
    expect(calls.filter((id) => id.startsWith('A'))).toEqual(normals.map((t) => t.id));
    expect(calls.filter((id) => id.startsWith('P'))).toEqual(priorities.map((t) => t.id));
  });

  it('never calls more than fairnessN priority tickets in a row while an ordinary one waits', () => {
    expect(kinds(runCounter([...normals, ...priorities], 2))).not.toMatch(/PPP/);
  });

  it('still calls ordinary tickets every third call while priority tickets keep arriving', () => {
    // A new priority ticket arrives before every call, so priority never runs out.
    const arrivals = Array.from({ length: 40 }, (_, i) => [ticket(`Q${i}`, 'disabled', 100 + i)]);
    const calls = runCounter(tickets('A', NO_PRIORITY, 5, 0), 2, arrivals).slice(0, 15);
    expect(kinds(calls)).toBe('QQAQQAQQAQQAQQA');
  });

  it('serves ordinary tickets first when fairnessN is 0, then the priority ones', () => {
    expect(kinds(runCounter([...normals, ...priorities], 0))).toBe('A'.repeat(10) + 'P'.repeat(10));
  });

  it('serves priority tickets in issue order when only they wait', () => {
    expect(runCounter(priorities, 2)).toEqual(priorities.map((t) => t.id));
  });

  it('serves ordinary tickets in issue order when only they wait', () => {
    expect(runCounter(normals, 2)).toEqual(normals.map((t) => t.id));
  });

  it('calls nobody from an empty queue', () => {
    expect(runCounter([], 2)).toEqual([]);
  });

  it('picks up a streak carried over from earlier calls', () => {
    expect(kinds(runCounter([p1, n1], 2, [], 2))).toBe('AP');
  });
});

describe('isPriority', () => {
  it('says an ordinary ticket is not a priority one', () => {
    expect(isPriority(NO_PRIORITY)).toBe(false);
    expect(isPriority('none')).toBe(false);
  });

  it.each(['veteran', 'disabled', 'pregnant'])('says a %s ticket is a priority one', (code) => {
    expect(isPriority(code)).toBe(true);
  });

  it('matches the ordinary code exactly, case included', () => {
    expect(isPriority('None')).toBe(true);
  });
});

describe('queueOrder', () => {
  it('puts the oldest ticket first', () => {
    const late = ticket('A003', NO_PRIORITY, 30);
    const early = ticket('A001', NO_PRIORITY, 1);
    const middle = ticket('A002', NO_PRIORITY, 10);
    expect(queueOrder([late, early, middle])).toEqual([early, middle, late]);
  });

  it('breaks a tie in issue time by id', () => {
    const b = ticket('b', NO_PRIORITY, 5);
    const a = ticket('a', NO_PRIORITY, 5);
    const c = ticket('c', NO_PRIORITY, 5);
    expect(queueOrder([c, a, b]).map((t) => t.id)).toEqual(['a', 'b', 'c']);
  });

  it('orders by issue time alone, leaving the priority choice to chooseNext', () => {
    const ordinary = ticket('A001', NO_PRIORITY, 1);
    const priority = ticket('P001', 'veteran', 2);
    expect(queueOrder([priority, ordinary])).toEqual([ordinary, priority]);
  });

  it('returns a new array and leaves the given one as it was', () => {
    const given = [ticket('A002', NO_PRIORITY, 2), ticket('A001', NO_PRIORITY, 1)];
    const before = [...given];
    const ordered = queueOrder(given);
    expect(ordered).not.toBe(given);
    expect(given).toEqual(before);
  });

  it('returns an empty list for an empty queue', () => {
    expect(queueOrder([])).toEqual([]);
  });
});
