import {
  TicketAction,
  TicketStatuses,
  holdsCounter,
  statusesAllowing,
  type TicketStatus,
} from '../../protocol';
import { applyTicketAction, type LifecycleResult, type TicketLifecycleState } from './lifecycle';

const issuedAt = new Date('2026-11-26T04:00:00Z');
const calledAt = new Date('2026-11-26T04:10:00Z');
const startedAt = new Date('2026-11-26T04:11:00Z');
const finishedAt = new Date('2026-11-26T04:20:00Z');
const now = new Date('2026-11-26T04:30:00Z');

/** A ticket as the service hands it over: lifecycle fields plus the ones the lifecycle must not touch. */
interface Ticket extends TicketLifecycleState {
  id: string;
  number: string;
  day: string;
  priority: string;
  serviceId: number;
  issuedAt: Date;
}

const identity = {
  id: 't-1',
  number: 'A007',
  day: '2026-11-26',
  priority: 'none',
  serviceId: 3,
  issuedAt,
};

/** A consistent ticket in each status. */
const ticketIn: Record<TicketStatus, Ticket> = {
  waiting: {
    ...identity,
    status: 'waiting',
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    counterNumber: null,
    targetCounter: null,
    recalls: 0,
  },
  called: {
    ...identity,
    status: 'called',
    calledAt,
    startedAt: null,
    finishedAt: null,
    counterNumber: '3',
    targetCounter: null,
    recalls: 1,
  },
  serving: {
    ...identity,
    status: 'serving',
    calledAt,
    startedAt,
    finishedAt: null,
    counterNumber: '3',
    targetCounter: null,
    recalls: 1,
  },
  done: {
    ...identity,
    status: 'done',
    calledAt,
    startedAt,
    finishedAt,
    counterNumber: '3',
    targetCounter: null,
    recalls: 0,
  },
  no_show: {
    ...identity,
    status: 'no_show',
    calledAt,
    startedAt: null,
    finishedAt,
    counterNumber: '3',
    targetCounter: null,
    recalls: 2,
  },
  cancelled: {
    ...identity,
    status: 'cancelled',
    calledAt: null,
    startedAt: null,
    finishedAt,
    counterNumber: null,
    targetCounter: null,
    recalls: 0,
  },
  expired: {
    ...identity,
    status: 'expired',
    calledAt: null,
    startedAt: null,
    finishedAt,
    counterNumber: null,
    targetCounter: null,
    recalls: 0,
  },
};

/** Written out by hand from the lifecycle's rules, so the test does not just echo the table. */
const legal: Record<TicketAction, readonly TicketStatus[]> = {
  call: ['waiting'],
  recall: ['called'],
  start: ['called'],
  'no-show': ['called'],
  complete: ['called', 'serving'],
  transfer: ['waiting', 'called', 'serving'],
  cancel: ['waiting'],
  expire: ['waiting', 'called'],
};

const actions = Object.values(TicketAction);
const input = { now, counter: '5', targetCounter: '7', maxRecalls: 3 };

function next(result: LifecycleResult): TicketLifecycleState {
  if (!result.ok) throw new Error(`expected a legal action, got: ${result.reason}`);
  return result.next;
}

function frozen(ticket: Ticket): Ticket {
  return Object.freeze({ ...ticket });
}

describe('TicketAction', () => {
  it('has exactly the eight actions the lifecycle table covers', () => {
    expect([...actions].sort()).toEqual(
      ['call', 'cancel', 'complete', 'expire', 'no-show', 'recall', 'start', 'transfer'].sort(),
    );
  });
});

describe('applyTicketAction: which action is legal in which status', () => {
  const pairs = actions.flatMap((action) =>
    TicketStatuses.map((status) => ({ action, status, isLegal: legal[action].includes(status) })),
  );

  it('covers every action in every one of the seven statuses', () => {
    expect(TicketStatuses).toHaveLength(7);
    expect(pairs).toHaveLength(8 * 7);
  });

  it.each(pairs.filter((p) => p.isLegal))(
    'allows $action on a $status ticket',
    ({ action, status }) => {
      expect(applyTicketAction(ticketIn[status], action, input).ok).toBe(true);
    },
  );

  it.each(pairs.filter((p) => !p.isLegal))(
    'refuses $action on a $status ticket and says why',
    ({ action, status }) => {
      expect(applyTicketAction(ticketIn[status], action, input)).toEqual({
        ok: false,
        reason: `cannot ${action} a ticket that is ${status}`,
      });
    },
  );

  it.each(['done', 'no_show', 'cancelled', 'expired'] as const)(
    'treats %s as final: no action moves it',
    (status) => {
      for (const action of actions) {
        expect(applyTicketAction(ticketIn[status], action, input).ok).toBe(false);
      }
    },
  );

  it.each(pairs)(
    'never mutates the ticket it is given ($action on $status)',
    ({ action, status }) => {
      const before = frozen(ticketIn[status]);
      const copy = { ...before };
      const result = applyTicketAction(before, action, input);
      expect(before).toEqual(copy);
      if (result.ok) expect(result.next).not.toBe(before);
    },
  );
});

describe('applyTicketAction: the state each legal action leads to', () => {
  it('call: a waiting ticket becomes called at the given counter, with a fresh call time', () => {
    expect(next(applyTicketAction(ticketIn.waiting, 'call', { now, counter: '5' }))).toEqual({
      ...ticketIn.waiting,
      status: 'called',
      calledAt: now,
      counterNumber: '5',
      targetCounter: null,
      recalls: 0,
    });
  });

  it('call: clears the target counter of a ticket that was sent to a particular window', () => {
    const sent = { ...ticketIn.waiting, targetCounter: '5' };
    expect(next(applyTicketAction(sent, 'call', { now, counter: '5' })).targetCounter).toBeNull();
  });

  it.each([undefined, ''])('call: refuses without a counter (%p)', (counter) => {
    expect(applyTicketAction(ticketIn.waiting, 'call', { now, counter })).toEqual({
      ok: false,
      reason: 'a call needs a counter',
    });
  });

  it('recall: stays called at the same counter, with a new call time and one more recall', () => {
    expect(next(applyTicketAction(ticketIn.called, 'recall', { now }))).toEqual({
      ...ticketIn.called,
      calledAt: now,
      recalls: 2,
    });
  });

  it('start: a called ticket is being served from now', () => {
    expect(next(applyTicketAction(ticketIn.called, 'start', { now }))).toEqual({
      ...ticketIn.called,
      status: 'serving',
      startedAt: now,
    });
  });

  it('no-show: a called ticket is finished now as a no-show, keeping who called it', () => {
    expect(next(applyTicketAction(ticketIn.called, 'no-show', { now }))).toEqual({
      ...ticketIn.called,
      status: 'no_show',
      finishedAt: now,
    });
  });

  it('complete: a served ticket is done now and keeps the time its service started', () => {
    expect(next(applyTicketAction(ticketIn.serving, 'complete', { now }))).toEqual({
      ...ticketIn.serving,
      status: 'done',
      startedAt,
      finishedAt: now,
    });
  });

  it('complete: a called ticket that was never started counts as served from its call', () => {
    expect(next(applyTicketAction(ticketIn.called, 'complete', { now }))).toEqual({
      ...ticketIn.called,
      status: 'done',
      startedAt: calledAt,
      finishedAt: now,
    });
  });

  it('complete: falls back to now when a called ticket has no call time recorded', () => {
    const odd = { ...ticketIn.called, calledAt: null };
    const done = next(applyTicketAction(odd, 'complete', { now }));
    expect(done.startedAt).toBe(now);
    expect(done.finishedAt).toBe(now);
  });

  it('cancel: a waiting ticket is cancelled now', () => {
    expect(next(applyTicketAction(ticketIn.waiting, 'cancel', { now }))).toEqual({
      ...ticketIn.waiting,
      status: 'cancelled',
      finishedAt: now,
    });
  });

  it.each(['waiting', 'called'] as const)('expire: a %s ticket expires now', (status) => {
    expect(next(applyTicketAction(ticketIn[status], 'expire', { now }))).toEqual({
      ...ticketIn[status],
      status: 'expired',
      finishedAt: now,
    });
  });
});

describe('applyTicketAction: recall limit', () => {
  it('allows any number of recalls when no limit is given', () => {
    let state: TicketLifecycleState = ticketIn.called;
    for (let i = 0; i < 20; i++) state = next(applyTicketAction(state, 'recall', { now }));
    expect(state.recalls).toBe(21);
    expect(state.status).toBe('called');
  });

  it('allows recalls up to maxRecalls, then asks for a no-show instead', () => {
    let state: TicketLifecycleState = { ...ticketIn.called, recalls: 0 };
    state = next(applyTicketAction(state, 'recall', { now, maxRecalls: 2 }));
    state = next(applyTicketAction(state, 'recall', { now, maxRecalls: 2 }));
    expect(state.recalls).toBe(2);
    expect(applyTicketAction(state, 'recall', { now, maxRecalls: 2 })).toEqual({
      ok: false,
      reason: 'recalled 2 times already; mark it a no-show',
    });
    expect(next(applyTicketAction(state, 'no-show', { now })).status).toBe('no_show');
  });

  it('allows no recall at all when maxRecalls is 0', () => {
    const fresh = { ...ticketIn.called, recalls: 0 };
    expect(applyTicketAction(fresh, 'recall', { now, maxRecalls: 0 }).ok).toBe(false);
  });

  it('refuses a recall of a ticket already past the limit', () => {
    const over = { ...ticketIn.called, recalls: 5 };
    expect(applyTicketAction(over, 'recall', { now, maxRecalls: 3 })).toEqual({
      ok: false,
      reason: 'recalled 5 times already; mark it a no-show',
    });
  });

  it('gives a ticket a fresh recall allowance when it is called again after a transfer', () => {
    const limit = { now, maxRecalls: 1 };
    let state: TicketLifecycleState = next(
      applyTicketAction(ticketIn.waiting, 'call', { now, counter: '3' }),
    );
    state = next(applyTicketAction(state, 'recall', limit));
    expect(applyTicketAction(state, 'recall', limit).ok).toBe(false);
    state = next(applyTicketAction(state, 'transfer', { now, targetCounter: '5' }));
    state = next(applyTicketAction(state, 'call', { now, counter: '5' }));
    expect(state.recalls).toBe(0);
    expect(applyTicketAction(state, 'recall', limit).ok).toBe(true);
  });
});

describe('applyTicketAction: transfer', () => {
  it.each(['waiting', 'called', 'serving'] as const)(
    'sends a %s ticket back to waiting with its number and issue time untouched',
    (status) => {
      const moved = next(
        applyTicketAction(ticketIn[status], 'transfer', { now, targetCounter: '7' }),
      );
      expect(moved).toEqual({
        ...identity,
        status: 'waiting',
        calledAt: null,
        startedAt: null,
        finishedAt: null,
        counterNumber: null,
        targetCounter: '7',
        recalls: 0,
      });
      expect((moved as Ticket).issuedAt).toBe(issuedAt);
    },
  );

  it('frees the counter: the transferred ticket no longer holds one', () => {
    const moved = next(applyTicketAction(ticketIn.serving, 'transfer', { now }));
    expect(moved.counterNumber).toBeNull();
    expect(holdsCounter(moved.status)).toBe(false);
  });

  it.each([undefined, null])(
    'leaves the ticket for any window of its service when no target counter is given (%p)',
    (targetCounter) => {
      const sent = { ...ticketIn.waiting, targetCounter: '5' };
      expect(
        next(applyTicketAction(sent, 'transfer', { now, targetCounter })).targetCounter,
      ).toBeNull();
    },
  );

  it('does not stamp any time on the ticket', () => {
    const moved = next(applyTicketAction(ticketIn.serving, 'transfer', { now }));
    expect([moved.calledAt, moved.startedAt, moved.finishedAt]).toEqual([null, null, null]);
  });
});

describe('applyTicketAction: whole journeys', () => {
  it('walks waiting → called → recalled → serving → done', () => {
    const t1 = new Date('2026-11-26T05:00:00Z');
    const t2 = new Date('2026-11-26T05:01:00Z');
    const t3 = new Date('2026-11-26T05:02:00Z');
    const t4 = new Date('2026-11-26T05:12:00Z');
    let s: TicketLifecycleState = ticketIn.waiting;
    s = next(applyTicketAction(s, 'call', { now: t1, counter: '2' }));
    s = next(applyTicketAction(s, 'recall', { now: t2, maxRecalls: 3 }));
    s = next(applyTicketAction(s, 'start', { now: t3 }));
    s = next(applyTicketAction(s, 'complete', { now: t4 }));
    expect(s).toEqual({
      ...ticketIn.waiting,
      status: 'done',
      calledAt: t2,
      startedAt: t3,
      finishedAt: t4,
      counterNumber: '2',
      recalls: 1,
    });
  });

  it('refuses to serve a ticket twice', () => {
    const done = next(applyTicketAction(ticketIn.serving, 'complete', { now }));
    expect(applyTicketAction(done, 'complete', { now }).ok).toBe(false);
    expect(applyTicketAction(done, 'call', { now, counter: '3' }).ok).toBe(false);
  });
});

describe('statusesAllowing', () => {
  it.each(actions)('lists exactly the statuses from which %s is legal', (action) => {
    expect([...statusesAllowing(action)].sort()).toEqual([...legal[action]].sort());
  });

  it.each(actions)('agrees with applyTicketAction for %s', (action) => {
    const allowed = TicketStatuses.filter(
      (status) => applyTicketAction(ticketIn[status], action, input).ok,
    );
    expect([...allowed].sort()).toEqual([...statusesAllowing(action)].sort());
  });
});

describe('holdsCounter', () => {
  it.each([
    ['waiting', false],
    ['called', true],
    ['serving', true],
    ['done', false],
    ['no_show', false],
    ['cancelled', false],
    ['expired', false],
  ] as const)('says a %s ticket holds a counter: %p', (status, holds) => {
    expect(holdsCounter(status)).toBe(holds);
  });

  it('covers every status', () => {
    expect(TicketStatuses.filter(holdsCounter).sort()).toEqual(['called', 'serving']);
  });
});
