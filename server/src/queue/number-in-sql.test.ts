/**
 * A ticket's number taken in SQL with the rest of its issue (MySQL: one round trip; SQLite and a
 * ticket with a phone take it first): the stored row, the audit row, the answer and the hall's
 * event all say the same number, past 999 too, under a burst of taps on one service, and a tap
 * repeated with its key gets the number it had.
 */
import { QueryTypes } from 'sequelize';
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { connectSocket, request, type QueueSocket } from '../testing/client';
import { officeDay } from './office-day';

const OFFICE = '/api/offices/kulob';

describe.each(testDialects())('ticket numbers taken with the issue on %s', (dialect) => {
  let s: TestServer;
  let display: QueueSocket;
  const issued = new Map<string, string>();
  beforeAll(async () => {
    s = await startTestServer({ database: dialect });
    ({ socket: display } = await connectSocket(s.url, '/display', { office: 'kulob' }));
    display.on('ticket:issued', (e) => issued.set(e.ticket.id, e.ticket.number));
  });
  afterAll(async () => {
    display.close();
    await s.close();
  });

  async function stored(id: string) {
    const [row] = await s.db.sequelize.query<{ number: string }>(
      'SELECT number FROM tickets WHERE id = :id',
      { type: QueryTypes.SELECT, replacements: { id } },
    );
    const audit = await s.db.sequelize.query<{ subject: string; after: string }>(
      "SELECT subject, `after` FROM audit_log WHERE entity_id = :id AND action = 'ticket.issue'",
      { type: QueryTypes.SELECT, replacements: { id } },
    );
    return {
      number: row?.number,
      audit: audit.map((a) => ({ subject: a.subject, number: JSON.parse(a.after).number })),
    };
  }

  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  };

  it('stores, audits, answers and announces the same number for 40 taps at once', async () => {
    const taps = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        request(s.url, 'POST', `${OFFICE}/tickets`, {
          body: { service: 'marriage', ...(i % 4 === 0 ? { kiosk: 'K1' } : {}) },
          headers: { 'Idempotency-Key': `burst-${dialect}-${i}` },
        }),
      ),
    );
    expect(taps.map((t) => t.status)).toEqual(Array(40).fill(201));
    const numbers = taps.map((t) => t.body.ticket.number as string);
    // 40 distinct numbers, 1 to 40 of the service's series, without a gap.
    const prefix = numbers[0]!.replace(/\d+$/, '');
    expect(numbers.map((n) => Number(n.slice(prefix.length))).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    await until(() => taps.every((t) => issued.has(t.body.ticket.id)));
    for (const tap of taps) {
      const { id, number } = tap.body.ticket as { id: string; number: string };
      expect(await stored(id)).toEqual({ number, audit: [{ subject: number, number }] });
      expect(issued.get(id)).toBe(number);
    }
    // The same key again: the ticket and number it had, nothing new.
    const again = await request(s.url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'marriage' },
      headers: { 'Idempotency-Key': `burst-${dialect}-1` },
    });
    expect(again.status).toBe(200);
    expect(again.body.ticket.number).toBe(numbers[1]);
  });

  it('numbers past 999 as A1000, in the row, the audit row, the answer and the event', async () => {
    const [office] = await s.db.sequelize.query<{ time_zone: string }>(
      "SELECT time_zone FROM offices WHERE code = 'kulob'",
      { type: QueryTypes.SELECT },
    );
    const day = officeDay(new Date(), office!.time_zone);
    // The birth line has had 998 tickets today (one more is issued here first).
    await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } });
    await s.db.sequelize.query(
      "UPDATE number_series SET last = 998 WHERE office_code = 'kulob' AND day = :day AND prefix = 'A'",
      { replacements: { day } },
    );
    const numbers: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } });
      expect(res.status).toBe(201);
      const { id, number } = res.body.ticket as { id: string; number: string };
      await until(() => issued.has(id));
      expect(await stored(id)).toEqual({ number, audit: [{ subject: number, number }] });
      expect(issued.get(id)).toBe(number);
      numbers.push(number);
    }
    expect(numbers).toEqual(['A999', 'A1000']);
  });
});
