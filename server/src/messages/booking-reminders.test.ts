/**
 * Appointment reminders end to end: booked and confirmed over HTTP (the one-time code read at the
 * in-process SMSC), then the injected clock moved to each reminder's time and the outbox drained,
 * as the worker does when it wakes. Cancelled and checked-in bookings get none; two nodes on one
 * database send each reminder once.
 */
import {
  freshDatabase,
  seedTestDemo,
  startTestServer,
  testDialects,
  type TestDatabase,
  type TestServer,
} from '../testing/harness';
import { login, request } from '../testing/client';
import { FakeSmsc } from '../testing/fake-smsc';
import { waitFor } from '../testing/wait';
import { officeInstant } from '../../protocol/booking-rules';
import type { MessageDto } from '../../protocol';
import type { Booking } from '../../protocol/bookings';
import { BookingMessages } from './booking-messages';

const TZ = 'Asia/Dushanbe';
const OFFICE = '/api/offices/kulob';
/** `day` `hh:mm` on the office clock. */
const at = (day: string, hhmm: string): Date => {
  const [h, m] = hhmm.split(':').map(Number);
  return officeInstant(day, (h ?? 0) * 60 + (m ?? 0), TZ);
};
/** Booked on Wednesday 2 December 2026 for Thursday 10 December (both office days). */
const BOOKED_AT = at('2026-12-02', '12:00');
const DAY = '2026-12-10';

let phoneSeq = 0;
const nextPhone = () => `+99291${String(7_000_000 + phoneSeq++)}`;

/** Drains every node's outbox at `when`, as their workers would, and lets the SMSC catch up. */
async function drainAt(clock: { now: Date }, nodes: TestServer[], when: Date): Promise<void> {
  clock.now = when;
  await Promise.all(nodes.map((n) => n.app.messages.drain()));
}

/** Books `service` at `hhmm` on DAY and confirms it with the code the SMSC received. */
async function bookAndConfirm(
  s: TestServer,
  smsc: FakeSmsc,
  clock: { now: Date },
  opts: { hhmm: string; service: string; language: string; phone: string },
): Promise<string> {
  clock.now = BOOKED_AT;
  const created = await request(s.url, 'POST', `${OFFICE}/bookings`, {
    body: {
      service: opts.service,
      start: at(DAY, opts.hhmm).toISOString(),
      phone: opts.phone,
      language: opts.language,
    },
  });
  expect(created.status).toBe(201);
  const code = created.body.booking.code as string;
  const sms = await waitFor(
    () => smsc.messages().find((m) => m.to === opts.phone.slice(1)),
    'the one-time code at the SMSC',
  ).catch(async (err: Error) => {
    // Seen once in CI (two nodes on MariaDB, beside a browser file): say where the message stood.
    const [rows] = await s.db.sequelize.query(
      `SELECT template, status, attempts, sending, claimed_until, next_attempt_at, error
         FROM messages WHERE to_address IN (:to, :bare)`,
      { replacements: { to: opts.phone, bare: opts.phone.slice(1) } },
    );
    throw new Error(`${err.message}; its rows: ${JSON.stringify(rows)}`);
  });
  const otp = /(\d{6})/.exec(sms.text)?.[1];
  const ok = await request(s.url, 'POST', `${OFFICE}/bookings/${code}/confirm`, { body: { otp } });
  expect(ok.status).toBe(200);
  // The confirmation goes at once: counted before any reminder.
  await waitFor(() => textsTo(smsc, opts.phone).length === 2, 'the confirmation at the SMSC');
  return code;
}

const textsTo = (smsc: FakeSmsc, phone: string) =>
  smsc
    .messages()
    .filter((m) => m.to === phone.slice(1))
    .map((m) => m.text);

describe.each(testDialects())('appointment reminders on %s', (dialect) => {
  const clock = { now: BOOKED_AT };
  let smsc: FakeSmsc;
  let s: TestServer;
  // A fresh login each time: the clock jumps days ahead, past a session's end.
  const admin = () => login(s.url, 'admin');

  beforeAll(async () => {
    smsc = new FakeSmsc({ autoReceipt: true });
    await smsc.start();
    s = await startTestServer({
      database: dialect,
      now: () => clock.now,
      messaging: { smsUrl: smsc.url },
      publicUrl: 'https://navbat.example.tj',
      messagePollMs: 3_600_000,
    });
  });
  afterAll(async () => {
    await s.close();
    await smsc.stop();
  });

  async function messagesOf(code: string): Promise<MessageDto[]> {
    const res = await request(s.url, 'GET', `${OFFICE}/messages?limit=500`, {
      token: await admin(),
    });
    expect(res.status).toBe(200);
    return (res.body.messages as MessageDto[]).filter(
      (m) => m.template.startsWith('booking_reminder') && m.text.includes(code),
    );
  }

  it('reminds at 18:00 the day before and an hour before, in the booking’s language, once each', async () => {
    const phone = nextPhone();
    const code = await bookAndConfirm(s, smsc, clock, {
      hhmm: '10:20',
      service: 'birth',
      language: 'ru',
      phone,
    });
    expect((await messagesOf(code)).map((m) => [m.template, m.status]).sort()).toEqual([
      ['booking_reminder_day', 'queued'],
      ['booking_reminder_hour', 'queued'],
    ]);
    const before = textsTo(smsc, phone).length;

    await drainAt(clock, [s], at('2026-12-09', '17:59'));
    expect(textsTo(smsc, phone)).toHaveLength(before);
    await drainAt(clock, [s], at('2026-12-09', '18:00'));
    await waitFor(() => textsTo(smsc, phone).length > before, 'the day-before reminder');
    expect(textsTo(smsc, phone).slice(before)).toEqual([
      `Напоминаем: ваша запись ${code} (Регистрация рождения) завтра, 10:20, Сектор ЗАГС города Куляб. Отменить: https://navbat.example.tj/book/?office=kulob&cancel=${code}`,
    ]);

    await drainAt(clock, [s], at(DAY, '09:19'));
    expect(textsTo(smsc, phone)).toHaveLength(before + 1);
    await drainAt(clock, [s], at(DAY, '09:20'));
    await waitFor(() => textsTo(smsc, phone).length > before + 1, 'the hour-before reminder');
    expect(textsTo(smsc, phone).slice(before + 1)).toEqual([
      `Через час, в 10:20, ваша запись. Введите в киоске код ${code}.`,
    ]);
    // Later passes and a repeated confirmation send nothing again.
    await drainAt(clock, [s], at(DAY, '10:00'));
    expect(textsTo(smsc, phone)).toHaveLength(before + 2);
    const statuses = (await messagesOf(code)).map((m) => m.status);
    expect(statuses.every((x) => x === 'sent' || x === 'delivered')).toBe(true);
  });

  it('sends a Tajik reminder as UCS-2, its placeholders filled', async () => {
    const phone = nextPhone();
    const code = await bookAndConfirm(s, smsc, clock, {
      hhmm: '11:00',
      service: 'marriage',
      language: 'tg',
      phone,
    });
    await drainAt(clock, [s], at(DAY, '10:00'));
    const text = await waitFor(
      () => textsTo(smsc, phone).find((x) => x.startsWith('Пас аз')),
      'the Tajik hour-before reminder',
    );
    expect(text).toBe(
      `Пас аз як соат, 11:00, навбати шумо. Дар киоск рамзи ${code}-ро ворид кунед.`,
    );
    const submit = smsc.submits.find((p) => p.to === phone.slice(1) && p.dataCoding === 8);
    expect(submit).toBeDefined();
  });

  it('withdraws the reminders of a cancelled booking: none is sent', async () => {
    const phone = nextPhone();
    const code = await bookAndConfirm(s, smsc, clock, {
      hhmm: '13:00',
      service: 'death',
      language: 'en',
      phone,
    });
    const cancelled = await request(s.url, 'DELETE', `${OFFICE}/bookings/${code}`, {
      body: { phone },
    });
    expect(cancelled.status).toBe(200);
    const rows = await messagesOf(code);
    expect(rows).toHaveLength(2);
    for (const m of rows)
      expect(m).toMatchObject({ status: 'expired', error: 'withdrawn: the booking was cancelled' });
    const sent = textsTo(smsc, phone).length;
    await drainAt(clock, [s], at('2026-12-09', '18:00'));
    await drainAt(clock, [s], at(DAY, '12:00'));
    expect(textsTo(smsc, phone)).toHaveLength(sent);
  });

  it('withdraws the hour-before reminder of a booking that checked in before it', async () => {
    const settings = await request(s.url, 'PUT', `${OFFICE}/booking-settings`, {
      token: await admin(),
      body: { earlyMinutes: 120, lateMinutes: 10 },
    });
    expect(settings.status).toBe(200);
    const phone = nextPhone();
    const code = await bookAndConfirm(s, smsc, clock, {
      hhmm: '15:00',
      service: 'pickup',
      language: 'uz',
      phone,
    });
    await drainAt(clock, [s], at('2026-12-09', '18:00'));
    await waitFor(() => textsTo(smsc, phone).some((x) => x.startsWith('Eslatma')), 'day reminder');
    const sent = textsTo(smsc, phone).length;
    clock.now = at(DAY, '13:30');
    const ticket = await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { booking: code } });
    expect(ticket.status).toBe(201);
    const hour = (await messagesOf(code)).find((m) => m.template === 'booking_reminder_hour');
    expect(hour).toMatchObject({ status: 'expired', error: 'withdrawn: the booking checked in' });
    await drainAt(clock, [s], at(DAY, '14:00'));
    expect(textsTo(smsc, phone)).toHaveLength(sent);
    await request(s.url, 'PUT', `${OFFICE}/booking-settings`, {
      token: await admin(),
      body: { earlyMinutes: 15, lateMinutes: 10 },
    });
  });
});

describe.each(testDialects())('appointment reminders with two nodes on %s', (dialect) => {
  const clock = { now: BOOKED_AT };
  let smsc: FakeSmsc;
  let tdb: TestDatabase;
  let nodes: TestServer[];

  beforeAll(async () => {
    smsc = new FakeSmsc({ autoReceipt: true });
    await smsc.start();
    tdb = await freshDatabase(dialect);
    await seedTestDemo(tdb.db);
    nodes = [];
    for (let i = 0; i < 2; i++)
      nodes.push(
        await startTestServer({
          shared: tdb,
          now: () => clock.now,
          messaging: { smsUrl: smsc.url },
          publicUrl: 'https://navbat.example.tj',
          messagePollMs: 3_600_000,
        }),
      );
  });
  afterAll(async () => {
    for (const n of nodes) await n.close();
    await tdb.drop();
    await smsc.stop();
  });

  it('sends each reminder once though both nodes drain at its time and its messages were written again', async () => {
    const [a, b] = nodes as [TestServer, TestServer];
    const phone = nextPhone();
    const code = await bookAndConfirm(a, smsc, clock, {
      hhmm: '16:00',
      service: 'birth',
      language: 'en',
      phone,
    });
    // Confirming again answers the booking and writes nothing; and should the other node write the
    // confirmation's messages once more (a retried command), the dedupe keys keep one row each.
    const again = await request(b.url, 'POST', `${OFFICE}/bookings/${code}/confirm`, {
      body: { otp: '000000' },
    });
    expect(again.status).toBe(200);
    clock.now = BOOKED_AT;
    const retried = new BookingMessages(b.app.messages);
    // (Confirmations of one booking never run at once: each locks the booking's row.)
    for (const node of [a, b])
      await node.db.transaction((t) =>
        retried.confirmed(t, {
          officeCode: 'kulob',
          phone,
          language: 'en',
          booking: again.body.booking as Booking,
        }),
      );
    // The confirmation says what, where and when: a citizen may hold bookings at two offices.
    expect(textsTo(smsc, phone)[1]).toBe(
      `Your appointment ${code}: Birth registration, Kulob City Civil Registry Sector, ${DAY.slice(8)}.${DAY.slice(5, 7)} 16:00. Cancel: https://navbat.example.tj/book/?office=kulob&cancel=${code}`,
    );
    const before = textsTo(smsc, phone).length;
    for (let round = 0; round < 3; round++) await drainAt(clock, nodes, at('2026-12-09', '18:00'));
    for (let round = 0; round < 3; round++) await drainAt(clock, nodes, at(DAY, '15:00'));
    await waitFor(() => textsTo(smsc, phone).length >= before + 2, 'both reminders');
    await drainAt(clock, nodes, at(DAY, '15:30'));
    const reminders = textsTo(smsc, phone).slice(before);
    expect(reminders.sort()).toEqual([
      `Reminder: your appointment ${code} (Birth registration) is tomorrow, 16:00, Kulob City Civil Registry Sector. Cancel: https://navbat.example.tj/book/?office=kulob&cancel=${code}`,
      `Your appointment is in an hour, at 16:00. Type ${code} at the kiosk.`,
    ]);
    const [rows] = await tdb.db.sequelize.query(
      `SELECT template FROM messages WHERE dedupe_key LIKE 'b:kulob:${code}:remind:%'
          OR dedupe_key = 'b:${code}:confirmed' ORDER BY template`,
    );
    expect(rows).toEqual([
      { template: 'booking_confirmed' },
      { template: 'booking_reminder_day' },
      { template: 'booking_reminder_hour' },
    ]);
  });
});
