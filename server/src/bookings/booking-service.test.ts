import type { Transaction } from 'sequelize';
import { Database, parseDatabaseUrl } from '../../../db/database';
import {
  freshDatabase,
  seedTestDemo,
  startTestServer,
  testDialects,
  type TestDatabase,
  type TestServer,
} from '../testing/harness';
import { AppError } from '../errors';
import { officeInstant } from '../../protocol/booking-rules';
import type { Booking } from '../../protocol/bookings';
import type { Language } from '../../protocol';
import { BookingService, type BookingNotifier } from './booking-service';

/** Wednesday 3 December 2026, 09:00 in Dushanbe. */
const NOW = new Date('2026-12-03T04:00:00Z');
const TZ = 'Asia/Dushanbe';
/** Thursday 4 December, 10:00 office time: a demo slot. */
const SLOT = officeInstant('2026-12-04', 10 * 60, TZ);

interface Sent {
  kind: 'code' | 'confirmed';
  phone: string;
  language: Language;
  otp?: string;
  booking: Booking;
  /** Whether the transaction that wrote it committed. */
  committed: boolean;
}

/**
 * Records what a booking would send, and whether the booking's transaction committed: the outbox
 * that will send these writes its rows in that same transaction.
 */
function recordingNotifier(): BookingNotifier & { sent: Sent[] } {
  const sent: Sent[] = [];
  const note = (t: Transaction, s: Omit<Sent, 'committed'>): Promise<void> => {
    const entry: Sent = { ...s, committed: false };
    sent.push(entry);
    t.afterCommit(() => {
      entry.committed = true;
    });
    return Promise.resolve();
  };
  return {
    sent,
    code: (t, m) => note(t, { kind: 'code', ...m }),
    confirmed: (t, m) => note(t, { kind: 'confirmed', ...m }),
  };
}

function service(db: Database, notifier?: BookingNotifier, now = () => NOW): BookingService {
  return new BookingService({
    db,
    notifier,
    now,
    offices: {
      office: (code) => Promise.resolve(code === 'kulob' ? { code, timeZone: TZ } : undefined),
      serviceExists: (_o, s) => Promise.resolve(['birth', 'marriage', 'pickup'].includes(s)),
    },
  });
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe.each(testDialects())('appointments on %s', (dialect) => {
  let tdb: TestDatabase;
  let notifier: ReturnType<typeof recordingNotifier>;
  let bookings: BookingService;
  beforeAll(async () => {
    tdb = await freshDatabase(dialect);
    await seedTestDemo(tdb.db);
  });
  beforeEach(() => {
    notifier = recordingNotifier();
    bookings = service(tdb.db, notifier);
  });
  afterAll(async () => {
    await tdb.drop();
  });

  it('lists the demo plan’s free slots of a day on the office clock', async () => {
    const { slots } = await bookings.slots('kulob', {
      service: 'birth',
      from: '2026-12-04',
      to: '2026-12-04',
    });
    expect(slots).toHaveLength(27);
    expect(slots[0]).toEqual({
      day: '2026-12-04',
      start: '2026-12-04T03:00:00.000Z',
      end: '2026-12-04T03:20:00.000Z',
      capacity: 1,
      free: 1,
    });
  });

  it('books a place with a code by SMS, confirms it with the code, and the slot is then taken', async () => {
    const pending = await bookings.create('kulob', {
      service: 'birth',
      start: SLOT.toISOString(),
      phone: '+992901234567',
      language: 'tg',
    });
    expect(pending).toMatchObject({
      service: 'birth',
      start: SLOT.toISOString(),
      status: 'pending',
    });
    expect(pending.code).toMatch(/^[1-9]\d{7}$/);
    const sms = notifier.sent.find((s) => s.kind === 'code');
    expect(sms).toMatchObject({ phone: '+992901234567', language: 'tg', committed: true });
    expect(sms?.otp).toMatch(/^\d{6}$/);

    const confirmed = await bookings.confirm('kulob', pending.code, sms!.otp!);
    expect(confirmed.status).toBe('confirmed');
    expect(notifier.sent.at(-1)).toMatchObject({ kind: 'confirmed', committed: true });
    // Confirming twice is harmless.
    expect((await bookings.confirm('kulob', pending.code, sms!.otp!)).status).toBe('confirmed');

    const { slots } = await bookings.slots('kulob', {
      service: 'birth',
      from: '2026-12-04',
      to: '2026-12-04',
    });
    expect(slots.find((s) => s.start === SLOT.toISOString())?.free).toBe(0);
    const full = await refusal(
      bookings.create('kulob', {
        service: 'birth',
        start: SLOT.toISOString(),
        phone: '+992901234999',
        language: 'ru',
      }),
    );
    expect(full.code).toBe('slot_full');
    // A refused booking sends nothing that stays: its transaction rolled back.
    expect(notifier.sent.filter((s) => s.committed && s.phone === '+992901234999')).toEqual([]);
  });

  it('keeps one booking per phone per service per day, replaces one not confirmed yet, and frees it on cancel', async () => {
    const phone = '+992935550101';
    const at = (h: number) => officeInstant('2026-12-05', h * 60, TZ); // Saturday: no slots
    expect(
      (
        await refusal(
          bookings.create('kulob', {
            service: 'marriage',
            start: at(9).toISOString(),
            phone,
            language: 'ru',
          }),
        )
      ).details,
    ).toMatchObject({ reason: 'no_such_slot' });
    const first = officeInstant('2026-12-07', 9 * 60, TZ); // Monday
    const second = officeInstant('2026-12-07', 11 * 60, TZ);
    const ask = (start: Date) =>
      bookings.create('kulob', {
        service: 'marriage',
        start: start.toISOString(),
        phone,
        language: 'ru',
      });
    const b = await ask(first);
    // Asked again before its code was typed (the page reloaded, the SMS app took the tab): the new
    // one replaces it, and the first code no longer confirms anything.
    const again = await ask(second);
    expect(again.status).toBe('pending');
    const firstCode = notifier.sent.find((x) => x.kind === 'code' && x.booking.code === b.code);
    expect((await refusal(bookings.confirm('kulob', b.code, firstCode!.otp!))).code).toBe(
      'conflict',
    );
    const code = notifier.sent.find((x) => x.kind === 'code' && x.booking.code === again.code);
    expect((await bookings.confirm('kulob', again.code, code!.otp!)).status).toBe('confirmed');
    // A confirmed booking is the phone's one of that service that day.
    expect((await refusal(ask(first))).details).toMatchObject({ reason: 'phone_has_booking' });
    // Another phone may not cancel it (the same answer as no booking at all).
    expect((await refusal(bookings.cancel('kulob', again.code, '+992935550102'))).code).toBe(
      'not_found',
    );
    expect((await bookings.cancel('kulob', again.code, phone)).status).toBe('cancelled');
    expect((await ask(first)).status).toBe('pending');
  });

  it('gives a booking asked again with its Idempotency-Key back as it is, also three at once', async () => {
    // A "Get code" whose answer a poor connection lost is sent again: the code on the phone is
    // for that booking (it was refused as the phone's second booking of the day).
    const phone = '+992935550177';
    const at = (h: number) => officeInstant('2026-12-08', h * 60, TZ).toISOString(); // Tuesday
    const req = { service: 'marriage', start: at(9), phone, language: 'ru' as const };
    const made = await Promise.all(
      [1, 2, 3].map(() => bookings.create('kulob', req, undefined, 'k-177')),
    );
    expect(new Set(made.map((b) => b.code)).size).toBe(1);
    const codes = notifier.sent.filter((s) => s.kind === 'code' && s.phone === phone);
    expect(codes.map((s) => s.committed)).toEqual([true]);
    const confirmed = await bookings.confirm('kulob', made[0]!.code, codes[0]!.otp!);
    expect(confirmed.status).toBe('confirmed');
    // As it is now, and said to be a repeat (the route answers 200, as for a ticket's key).
    expect(await bookings.book('kulob', req, undefined, 'k-177')).toEqual({
      booking: confirmed,
      replayed: true,
    });
    // The key names that booking only; without one, the phone's second booking is refused as before.
    const reused = await refusal(
      bookings.create('kulob', { ...req, start: at(11) }, undefined, 'k-177'),
    );
    expect([reused.code, reused.details]).toEqual([
      'conflict',
      { reason: 'idempotency_key_reused' },
    ]);
    expect((await refusal(bookings.create('kulob', req))).details).toMatchObject({
      reason: 'phone_has_booking',
    });
  });

  it('counts wrong codes and cancels the booking at the fifth', async () => {
    const start = officeInstant('2026-12-08', 14 * 60, TZ);
    const b = await bookings.create('kulob', {
      service: 'pickup',
      start: start.toISOString(),
      phone: '+992918880000',
      language: 'uz',
    });
    const otp = notifier.sent.find((s) => s.booking.code === b.code)!.otp!;
    const wrong = otp === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 4; i++) {
      const e = await refusal(bookings.confirm('kulob', b.code, wrong));
      expect(e.code).toBe('validation_failed');
      expect(e.details).toMatchObject({ attemptsLeft: 5 - i });
    }
    const fifth = await refusal(bookings.confirm('kulob', b.code, wrong));
    expect(fifth).toMatchObject({ code: 'conflict', details: { reason: 'cancelled' } });
    // Even the right code is too late now, and the place is free again.
    expect((await refusal(bookings.confirm('kulob', b.code, otp))).code).toBe('conflict');
    const { slots } = await bookings.slots('kulob', {
      service: 'pickup',
      from: '2026-12-08',
      to: '2026-12-08',
    });
    expect(slots.find((s) => s.start === start.toISOString())?.free).toBe(1);
  });

  it('lets an unconfirmed booking lapse after ten minutes', async () => {
    const start = officeInstant('2026-12-09', 9 * 60, TZ);
    const b = await bookings.create('kulob', {
      service: 'pickup',
      start: start.toISOString(),
      phone: '+992918880001',
      language: 'en',
    });
    const otp = notifier.sent.find((s) => s.booking.code === b.code)!.otp!;
    const later = service(tdb.db, notifier, () => new Date(NOW.getTime() + 10 * 60_000));
    const { slots } = await later.slots('kulob', {
      service: 'pickup',
      from: '2026-12-09',
      to: '2026-12-09',
    });
    expect(slots.find((s) => s.start === start.toISOString())?.free).toBe(1);
    expect(await refusal(later.confirm('kulob', b.code, otp))).toMatchObject({
      code: 'conflict',
      details: { reason: 'expired' },
    });
  });

  it('answers in the contract’s errors: unknown office or service 404, a bad range 400', async () => {
    expect(
      (
        await refusal(
          bookings.slots('nowhere', { service: 'birth', from: '2026-12-04', to: '2026-12-04' }),
        )
      ).code,
    ).toBe('not_found');
    expect(
      (
        await refusal(
          bookings.slots('kulob', { service: 'nothing', from: '2026-12-04', to: '2026-12-04' }),
        )
      ).code,
    ).toBe('not_found');
    expect(
      (
        await refusal(
          bookings.slots('kulob', { service: 'birth', from: '2026-12-04', to: '2026-12-01' }),
        )
      ).code,
    ).toBe('validation_failed');
    expect(
      (
        await refusal(
          bookings.slots('kulob', { service: 'birth', from: '2026-12-01', to: '2027-02-01' }),
        )
      ).code,
    ).toBe('validation_failed');
  });

  it('takes no booking without a channel to send the code', async () => {
    const silent = service(tdb.db);
    const e = await refusal(
      silent.create('kulob', {
        service: 'birth',
        start: officeInstant('2026-12-10', 9 * 60, TZ).toISOString(),
        phone: '+992900000001',
        language: 'tg',
      }),
    );
    expect(e.code).toBe('unavailable');
  });
});

describe('the last place of a slot, raced from two nodes', () => {
  if (!process.env.TEST_MYSQL_URL) {
    it.skip('needs TEST_MYSQL_URL', () => undefined);
    return;
  }
  let tdb: TestDatabase;
  let second: Database;
  beforeAll(async () => {
    tdb = await freshDatabase('mysql');
    await seedTestDemo(tdb.db);
    // A second node: its own connection pool to the same database.
    second = new Database(parseDatabaseUrl(tdb.url));
    await second.connect();
  });
  afterAll(async () => {
    await second.close();
    await tdb.drop();
  });

  it('gives it to exactly one of fifty citizens booking at once', async () => {
    const notifier = recordingNotifier();
    const nodes = [service(tdb.db, notifier), service(second, notifier)];
    const start = officeInstant('2026-12-11', 15 * 60, TZ).toISOString();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        nodes[i % 2]!.create('kulob', {
          service: 'birth',
          start,
          phone: `+9929000${String(i).padStart(5, '0')}`,
          language: 'tg',
        }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((r) => (r.reason as AppError).code)).toEqual(Array(49).fill('slot_full'));
    expect(notifier.sent.filter((s) => s.committed)).toHaveLength(1);
  });
});

describe('appointments over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ now: () => NOW });
  });
  afterAll(async () => {
    await server.close();
  });

  it('lists slots publicly and refuses bookings while no SMS channel is set', async () => {
    const slots = await fetch(
      `${server.url}/api/offices/kulob/slots?service=birth&from=2026-12-04&to=2026-12-05`,
    );
    expect(slots.status).toBe(200);
    const body = (await slots.json()) as { slots: Array<{ free: number }> };
    expect(body.slots).toHaveLength(27);
    const bad = await fetch(`${server.url}/api/offices/kulob/slots?service=birth&from=x&to=y`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe(
      'validation_failed',
    );
    const post = await fetch(`${server.url}/api/offices/kulob/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        service: 'birth',
        start: SLOT.toISOString(),
        phone: 'not a phone',
        language: 'tg',
      }),
    });
    expect(post.status).toBe(400);
  });

  it('lets only an administrator set a service’s plan', async () => {
    const login = async (username: string) =>
      (
        (await (
          await fetch(`${server.url}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username, password: 'demo' }),
          })
        ).json()) as { token: string }
      ).token;
    const plan = {
      hours: { mon: { open: '09:00', close: '12:00' } },
      slotMinutes: 30,
      perSlot: 2,
      walkInShare: 0.5,
      daysAhead: 7,
      closedDays: [],
    };
    const put = (token: string, body: unknown) =>
      fetch(`${server.url}/api/offices/kulob/services/birth/booking-plan`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    expect((await put(await login('clerk1'), plan)).status).toBe(403);
    const admin = await login('admin');
    expect((await put(admin, { ...plan, perSlot: 0 })).status).toBe(400);
    expect((await put(admin, { ...plan, extra: 1 })).status).toBe(400);
    expect((await put(admin, plan)).status).toBe(200);
    // Monday 7 December: 09:00–12:00 in 30-minute slots, every other one kept for walk-ins.
    const { slots } = (await (
      await fetch(
        `${server.url}/api/offices/kulob/slots?service=birth&from=2026-12-07&to=2026-12-07`,
      )
    ).json()) as { slots: Array<{ capacity: number }> };
    expect(slots).toHaveLength(3);
    expect(slots.every((s) => s.capacity === 2)).toBe(true);
  });
});
