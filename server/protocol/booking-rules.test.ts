import {
  DEFAULT_CHECK_IN,
  DEMO_BOOKING_PLAN,
  MAX_WRONG_CODES,
  PENDING_HOLD_MINUTES,
  addDays,
  bookableDays,
  checkBooking,
  checkIn,
  daySlots,
  digitsFrom,
  freePlaces,
  holdsPlace,
  keptForWalkIns,
  offeredSlots,
  officeDate,
  officeInstant,
  queueTime,
  wrongCode,
  type BookingHold,
  type BookingPlan,
} from './booking-rules';

const TZ = 'Asia/Dushanbe'; // UTC+5, no daylight saving
const MIN = 60_000;
/** Wednesday 3 December 2026, 09:00 in Dushanbe. */
const NOW = new Date('2026-12-03T04:00:00Z');

function hold(start: Date, status: BookingHold['status'], createdAt = NOW): BookingHold {
  return { start, status, createdAt };
}

describe('office clock', () => {
  it('reads a wall-clock time of an office day as the right instant', () => {
    expect(officeInstant('2026-12-03', 8 * 60, TZ).toISOString()).toBe('2026-12-03T03:00:00.000Z');
    expect(officeInstant('2026-12-03', 0, TZ).toISOString()).toBe('2026-12-02T19:00:00.000Z');
    expect(officeInstant('2026-12-03', 8 * 60, 'UTC').toISOString()).toBe(
      '2026-12-03T08:00:00.000Z',
    );
  });
  it('takes the office date, not the UTC date, near midnight', () => {
    expect(officeDate(new Date('2026-12-02T19:30:00Z'), TZ)).toBe('2026-12-03');
    expect(officeDate(new Date('2026-12-02T18:59:00Z'), TZ)).toBe('2026-12-02');
  });
  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});

describe('slots of a day', () => {
  it('gives the demo plan 27 twenty-minute slots from 08:00 to 17:00 on a weekday', () => {
    const slots = daySlots(DEMO_BOOKING_PLAN, '2026-12-03', TZ);
    expect(slots).toHaveLength(27);
    expect(slots[0]!.start.toISOString()).toBe('2026-12-03T03:00:00.000Z');
    expect(slots[26]!.end.toISOString()).toBe('2026-12-03T12:00:00.000Z');
    expect(slots.every((s) => s.capacity === 1)).toBe(true);
    expect(slots.every((s) => s.end.getTime() - s.start.getTime() === 20 * MIN)).toBe(true);
  });
  it('has none at the weekend, on a closed day, or without hours that day', () => {
    expect(daySlots(DEMO_BOOKING_PLAN, '2026-12-05', TZ)).toEqual([]); // Saturday
    expect(daySlots(DEMO_BOOKING_PLAN, '2026-12-06', TZ)).toEqual([]); // Sunday
    expect(
      daySlots({ ...DEMO_BOOKING_PLAN, closedDays: ['2026-12-03'] }, '2026-12-03', TZ),
    ).toEqual([]);
  });
  it('never lets a slot run past closing time', () => {
    const plan: BookingPlan = {
      ...DEMO_BOOKING_PLAN,
      hours: { thu: { open: '08:00', close: '09:50' } },
      slotMinutes: 30,
    };
    const slots = daySlots(plan, '2026-12-03', TZ);
    expect(slots.map((s) => s.start.toISOString())).toEqual([
      '2026-12-03T03:00:00.000Z',
      '2026-12-03T03:30:00.000Z',
      '2026-12-03T04:00:00.000Z',
    ]);
  });
  it.each([
    [0, 12, 12],
    [0.25, 12, 9],
    [0.5, 12, 6],
    [1 / 3, 12, 8],
    [1, 12, 0],
  ])(
    'keeps a walk-in share of %d spread over the day (%d slots → %d bookable)',
    (share, n, bookable) => {
      const kept = Array.from({ length: n }, (_, i) => keptForWalkIns(i, share));
      expect(kept.filter((k) => !k).length).toBe(bookable);
      // Spread: no run of kept slots longer than the share demands.
      if (share > 0 && share < 1) {
        const longestRun = kept.reduce(
          (acc, k) => ({ run: k ? acc.run + 1 : 0, max: Math.max(acc.max, k ? acc.run + 1 : 0) }),
          { run: 0, max: 0 },
        ).max;
        expect(longestRun).toBeLessThanOrEqual(Math.ceil(share / (1 - share)));
      }
    },
  );
  it('gives slots kept for walk-ins no capacity', () => {
    const slots = daySlots(
      { ...DEMO_BOOKING_PLAN, walkInShare: 0.5, perSlot: 2 },
      '2026-12-03',
      TZ,
    );
    expect(slots.filter((s) => s.capacity === 0).length).toBeGreaterThan(0);
    expect(slots.every((s) => s.capacity === 0 || s.capacity === 2)).toBe(true);
  });
});

describe('days a citizen may book', () => {
  it('runs from today to daysAhead days later on the office calendar', () => {
    const days = bookableDays(DEMO_BOOKING_PLAN, NOW, TZ);
    expect(days[0]).toBe('2026-12-03');
    expect(days).toHaveLength(15);
    expect(days.at(-1)).toBe('2026-12-17');
  });
});

describe('places taken', () => {
  const slot = daySlots(DEMO_BOOKING_PLAN, '2026-12-04', TZ)[3]!;
  it('counts confirmed and checked-in bookings, and pending ones only within their hold', () => {
    expect(holdsPlace(hold(slot.start, 'confirmed'), NOW)).toBe(true);
    expect(holdsPlace(hold(slot.start, 'checked_in'), NOW)).toBe(true);
    const justMade = hold(slot.start, 'pending', new Date(NOW.getTime() - 1 * MIN));
    const stale = hold(slot.start, 'pending', new Date(NOW.getTime() - PENDING_HOLD_MINUTES * MIN));
    expect(holdsPlace(justMade, NOW)).toBe(true);
    expect(holdsPlace(stale, NOW)).toBe(false);
    for (const s of ['cancelled', 'expired', 'missed'] as const)
      expect(holdsPlace(hold(slot.start, s), NOW)).toBe(false);
  });
  it('counts only the slot’s own bookings', () => {
    const other = daySlots(DEMO_BOOKING_PLAN, '2026-12-04', TZ)[4]!;
    expect(freePlaces(slot, [hold(other.start, 'confirmed')], NOW)).toBe(1);
    expect(freePlaces(slot, [hold(slot.start, 'confirmed')], NOW)).toBe(0);
    expect(
      freePlaces(slot, [hold(slot.start, 'confirmed'), hold(slot.start, 'confirmed')], NOW),
    ).toBe(0);
  });
  it('offers only future bookable slots in the range, with their free places', () => {
    const offered = offeredSlots(
      DEMO_BOOKING_PLAN,
      { from: '2026-12-03', to: '2026-12-04' },
      [hold(slot.start, 'confirmed')],
      NOW,
      TZ,
    );
    // Today 09:00: 08:00, 08:20, 08:40 and 09:00 itself are gone: 23 left today, 27 tomorrow.
    expect(offered).toHaveLength(23 + 27);
    expect(offered.every((s) => s.start.getTime() > NOW.getTime())).toBe(true);
    expect(offered.find((s) => s.start.getTime() === slot.start.getTime())?.free).toBe(0);
  });
  it('offers nothing beyond the days ahead', () => {
    expect(
      offeredSlots(DEMO_BOOKING_PLAN, { from: '2026-12-18', to: '2026-12-31' }, [], NOW, TZ),
    ).toEqual([]);
  });
});

describe('making a booking', () => {
  const tomorrow = daySlots(DEMO_BOOKING_PLAN, '2026-12-04', TZ);
  const base = {
    plan: DEMO_BOOKING_PLAN,
    timeZone: TZ,
    now: NOW,
    serviceBookings: [] as BookingHold[],
    phoneBookings: [] as BookingHold[],
  };
  it('takes a free future slot of the plan', () => {
    const r = checkBooking({ ...base, start: tomorrow[0]!.start });
    expect(r.ok).toBe(true);
  });
  it.each([
    ['a time between slots', new Date(tomorrow[0]!.start.getTime() + 5 * MIN), 'no_such_slot'],
    ['a Saturday', officeInstant('2026-12-05', 9 * 60, TZ), 'no_such_slot'],
    ['a slot already begun', officeInstant('2026-12-03', 9 * 60, TZ), 'slot_past'],
    ['a slot 15 days ahead', officeInstant('2026-12-18', 9 * 60, TZ), 'too_far'],
  ])('refuses %s', (_what, start, reason) => {
    expect(checkBooking({ ...base, start })).toEqual({ ok: false, reason });
  });
  it('refuses a slot kept for walk-ins', () => {
    const plan = { ...DEMO_BOOKING_PLAN, walkInShare: 1 };
    expect(checkBooking({ ...base, plan, start: tomorrow[0]!.start })).toEqual({
      ok: false,
      reason: 'no_such_slot',
    });
  });
  it('refuses a full slot, and takes it again once a pending booking lapses', () => {
    const start = tomorrow[2]!.start;
    const pending = hold(start, 'pending', new Date(NOW.getTime() - 2 * MIN));
    expect(checkBooking({ ...base, start, serviceBookings: [pending] })).toEqual({
      ok: false,
      reason: 'slot_full',
    });
    const later = new Date(NOW.getTime() + PENDING_HOLD_MINUTES * MIN);
    expect(checkBooking({ ...base, now: later, start, serviceBookings: [pending] }).ok).toBe(true);
  });
  it('allows one booking per phone per service per day (a cancelled one does not count)', () => {
    const start = tomorrow[5]!.start;
    expect(
      checkBooking({ ...base, start, phoneBookings: [hold(tomorrow[1]!.start, 'confirmed')] }),
    ).toEqual({ ok: false, reason: 'phone_has_booking' });
    expect(
      checkBooking({ ...base, start, phoneBookings: [hold(tomorrow[1]!.start, 'cancelled')] }).ok,
    ).toBe(true);
  });
});

describe('checking in', () => {
  const start = officeInstant('2026-12-03', 10 * 60, TZ);
  const at = (minutes: number) => new Date(start.getTime() + minutes * MIN);
  it.each([
    [-16, 'too_early'],
    [-15, 'on_time'],
    [0, 'on_time'],
    [10, 'on_time'],
    [11, 'late'],
  ])('%d minutes from the slot’s start is %s', (minutes, kind) => {
    expect(checkIn(start, at(minutes), DEFAULT_CHECK_IN).kind).toBe(kind);
  });
  it('says when check-in opens to one who came too early', () => {
    const r = checkIn(start, at(-40), DEFAULT_CHECK_IN);
    expect(r).toEqual({ kind: 'too_early', opensAt: at(-15) });
  });
  it('makes an on-time booking due at its slot, however early it checked in', () => {
    expect(checkIn(start, at(-12), DEFAULT_CHECK_IN)).toEqual({ kind: 'on_time', dueAt: start });
    expect(checkIn(start, at(7), DEFAULT_CHECK_IN)).toEqual({ kind: 'on_time', dueAt: start });
  });
});

describe('a booking in the queue', () => {
  it('stands at its slot time: after walk-ins who came before it, before those who came after', () => {
    const slot = officeInstant('2026-12-03', 10 * 60, TZ);
    const walkIns = [-30, -5, 5, 20].map((m) => ({
      id: `w${m}`,
      issuedAt: new Date(slot.getTime() + m * MIN),
    }));
    const booked = {
      id: 'b',
      issuedAt: new Date(slot.getTime() - 12 * MIN),
      appointmentStart: slot,
    };
    const order = [...walkIns, booked]
      .sort((a, b) => queueTime(a).getTime() - queueTime(b).getTime())
      .map((t) => t.id);
    expect(order).toEqual(['w-30', 'w-5', 'b', 'w5', 'w20']);
  });
  it('is an ordinary ticket without an appointment', () => {
    const issuedAt = new Date();
    expect(queueTime({ issuedAt })).toBe(issuedAt);
    expect(queueTime({ issuedAt, appointmentStart: null })).toBe(issuedAt);
  });
});

describe('one-time codes', () => {
  it('cancels after five wrong codes, not before', () => {
    let attempts = 0;
    const results: boolean[] = [];
    for (let i = 0; i < MAX_WRONG_CODES; i++) {
      const r = wrongCode(attempts);
      attempts = r.attempts;
      results.push(r.cancel);
    }
    expect(results).toEqual([false, false, false, false, true]);
  });
  it('makes digits from random bytes without favouring any', () => {
    expect(digitsFrom(Uint8Array.from([0, 9, 10, 19, 249, 250, 255, 7]), 6)).toBe('090997');
    expect(digitsFrom(Uint8Array.from([251, 252]), 2)).toBeUndefined();
    const counts = Array(10).fill(0) as number[];
    for (let b = 0; b < 250; b++) counts[Number(digitsFrom(Uint8Array.from([b]), 1))]! += 1;
    expect(new Set(counts)).toEqual(new Set([25]));
  });
});
