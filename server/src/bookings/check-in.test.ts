import type { Transaction } from 'sequelize';
import { QueryTypes } from 'sequelize';
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';
import { officeInstant } from '../../protocol/booking-rules';
import type { BookingNotifier } from './booking-service';

const TZ = 'Asia/Dushanbe';
const OFFICE = '/api/offices/kulob';
/** Wednesday 3 December 2026 on the office clock, `hh:mm`. */
const at = (hhmm: string): Date => {
  const [h, m] = hhmm.split(':').map(Number);
  return officeInstant('2026-12-03', (h ?? 0) * 60 + (m ?? 0), TZ);
};

/** Keeps the one-time codes the server would send by SMS, by booking code. */
function otpKeeper(): BookingNotifier & { otps: Map<string, string> } {
  const otps = new Map<string, string>();
  return {
    otps,
    code: (_t: Transaction, m) => {
      otps.set(m.booking.code, m.otp);
      return Promise.resolve();
    },
    confirmed: () => Promise.resolve(),
  };
}

describe.each(testDialects())('checking in with a booking on %s', (dialect) => {
  let s: TestServer;
  let clock = at('08:00');
  let phone = 901000000;
  const notifier = otpKeeper();

  beforeAll(async () => {
    s = await startTestServer({ database: dialect, now: () => clock, bookingNotifier: notifier });
  });
  afterAll(() => s.close());

  /** Books `service` at `slot` (office time) as of 08:00 and confirms it; returns the code. */
  async function book(slot: string, service = 'birth', confirm = true): Promise<string> {
    const before = clock;
    clock = at('08:00');
    const created = await request(s.url, 'POST', `${OFFICE}/bookings`, {
      body: { service, start: at(slot).toISOString(), phone: `+992${phone++}`, language: 'tg' },
    });
    expect(created.status).toBe(201);
    const code = created.body.booking.code as string;
    if (confirm) {
      const ok = await request(s.url, 'POST', `${OFFICE}/bookings/${code}/confirm`, {
        body: { otp: notifier.otps.get(code) },
      });
      expect(ok.status).toBe(200);
    }
    clock = before;
    return code;
  }

  const checkIn = (booking: string, extra: Record<string, unknown> = {}) =>
    request(s.url, 'POST', `${OFFICE}/tickets`, { body: { booking, ...extra } });
  const walkIn = (service = 'birth', priority?: string) =>
    request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service, priority } });

  it('refuses a check-in before the window opens, saying when it opens', async () => {
    const code = await book('10:00');
    clock = at('09:44');
    const early = await checkIn(code);
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      code: 'conflict',
      details: { reason: 'too_early', opensAt: at('09:45').toISOString() },
    });
  });

  it('gives a ticket with the appointment on time, once, and audits the check-in', async () => {
    const code = await book('10:20');
    clock = at('10:05');
    const first = await checkIn(code, { language: 'ru' });
    expect(first.status).toBe(201);
    expect(first.body.ticket).toMatchObject({
      service: 'birth',
      status: 'waiting',
      appointment: { code, start: at('10:20').toISOString() },
    });
    expect(first.body.late).toBeUndefined();
    expect(first.body.print).toEqual({ status: expect.any(String) });
    const again = await checkIn(code);
    expect(again.status).toBe(200);
    expect(again.body.ticket.id).toBe(first.body.ticket.id);
    const rows = await s.db.sequelize.query<{ subject: string }>(
      "SELECT subject FROM audit_log WHERE action = 'booking.check_in'",
      { type: QueryTypes.SELECT },
    );
    expect(rows.map((r) => r.subject)).toContain(code);
    const statuses = await s.db.sequelize.query<{ status: string; ticket_id: string }>(
      'SELECT status, ticket_id FROM bookings WHERE code = :code',
      { type: QueryTypes.SELECT, replacements: { code } },
    );
    expect(statuses).toEqual([{ status: 'checked_in', ticket_id: first.body.ticket.id }]);
  });

  it('gives a late citizen an ordinary ticket that says so', async () => {
    const code = await book('09:00');
    clock = at('09:11');
    const late = await checkIn(code);
    expect(late.status).toBe(201);
    expect(late.body.late).toBe(true);
    expect(late.body.ticket.appointment).toBeUndefined();
    expect(late.body.ticket.service).toBe('birth');
  });

  it('answers the same 404 for an unknown, unconfirmed or cancelled booking', async () => {
    clock = at('10:35');
    const pending = await book('10:40', 'birth', false);
    const cancelled = await book('10:40', 'marriage');
    clock = at('08:00');
    const bookingPhone = await s.db.sequelize.query<{ phone: string }>(
      'SELECT phone FROM bookings WHERE code = :code',
      { type: QueryTypes.SELECT, replacements: { code: cancelled } },
    );
    const gone = await request(s.url, 'DELETE', `${OFFICE}/bookings/${cancelled}`, {
      body: { phone: bookingPhone[0]?.phone },
    });
    expect(gone.status).toBe(200);
    clock = at('10:35');
    for (const code of ['12345678', pending, cancelled]) {
      const res = await checkIn(code);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect((await checkIn('1234')).status).toBe(400);
  });

  it('calls a checked-in booking at its slot time: after walk-ins who came before, before later ones', async () => {
    const token = await login(s.url, 'clerk1');
    // Empty the queue of what the tests above left.
    const callNext = () => request(s.url, 'POST', `${OFFICE}/counters/1/call-next`, { token });
    const drain = async (): Promise<string[]> => {
      const order: string[] = [];
      for (;;) {
        const res = await callNext();
        expect(res.status).toBe(200);
        if (!res.body.ticket) return order;
        order.push(res.body.ticket.id as string);
        await request(s.url, 'POST', `/api/tickets/${res.body.ticket.id as string}/complete`, {
          token,
        });
      }
    };
    await drain();
    const code = await book('11:00');
    clock = at('10:50');
    const w1 = (await walkIn()).body.ticket.id as string;
    clock = at('10:58');
    const w2 = (await walkIn()).body.ticket.id as string;
    clock = at('11:02');
    const w3 = (await walkIn()).body.ticket.id as string;
    clock = at('11:05');
    const b = (await checkIn(code)).body.ticket.id as string; // due at 11:00
    clock = at('11:06');
    const w4 = (await walkIn()).body.ticket.id as string;
    const p = (await walkIn('birth', 'elderly')).body.ticket.id as string;
    expect(await drain()).toEqual([p, w1, w2, b, w3, w4]);
  });

  it('never hands one ticket to two windows while bookings and walk-ins interleave', async () => {
    const tokens = await Promise.all(['clerk2', 'clerk3'].map((u) => login(s.url, u)));
    const codes = [await book('13:00'), await book('13:20'), await book('13:40')];
    const expected: string[] = [];
    for (const [i, code] of codes.entries()) {
      clock = new Date(at('13:00').getTime() + i * 20 * 60_000 - 5 * 60_000);
      expected.push((await walkIn()).body.ticket.id as string);
      clock = new Date(clock.getTime() + 30_000);
      expected.push((await walkIn()).body.ticket.id as string);
      clock = new Date(clock.getTime() + 30_000);
      expected.push((await checkIn(code)).body.ticket.id as string);
    }
    const calledBy: Record<string, string[]> = { '2': [], '3': [] };
    await Promise.all(
      (['2', '3'] as const).map(async (counter, i) => {
        for (;;) {
          const res = await request(s.url, 'POST', `${OFFICE}/counters/${counter}/call-next`, {
            token: tokens[i],
          });
          expect(res.status).toBe(200);
          if (!res.body.ticket) return;
          calledBy[counter]?.push(res.body.ticket.id as string);
          await request(s.url, 'POST', `/api/tickets/${res.body.ticket.id as string}/complete`, {
            token: tokens[i],
          });
        }
      }),
    );
    const all = [...(calledBy['2'] ?? []), ...(calledBy['3'] ?? [])];
    expect(all.sort()).toEqual([...expected].sort());
    // Each window calls in queue order: the order of `expected` (a booking after the two walk-ins
    // who came 5 minutes before its slot).
    for (const list of Object.values(calledBy)) {
      const places = list.map((id) => expected.indexOf(id));
      expect(places).toEqual([...places].sort((x, y) => x - y));
    }
  });
});
