/**
 * Unconfirmed bookings one address may hold at once (address-holds.ts): a sixth from an address
 * whose five wait for their codes is refused with 429 and Retry-After, and nothing of it is stored;
 * a confirmed booking frees its share, a lapsed one too; another address is not touched. Through
 * HTTP, with the codes sent to an in-process SMSC.
 */
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { request } from '../testing/client';
import { FakeSmsc } from '../testing/fake-smsc';
import { waitFor } from '../testing/wait';
import { officeInstant } from '../../protocol/booking-rules';
import { MAX_PENDING_PER_ADDRESS } from './address-holds';

const OFFICE = '/api/offices/kulob';
const TZ = 'Asia/Dushanbe';

let phoneSeq = 0;
const nextPhone = () => `+99294${String(1_000_000 + phoneSeq++)}`;

describe.each(testDialects())('unconfirmed bookings per address on %s', (dialect) => {
  let smsc: FakeSmsc;
  let s: TestServer;
  /** Wednesday 9 December 2026, 09:00 in Dushanbe. */
  const clock = { now: officeInstant('2026-12-09', 9 * 60, TZ) };

  beforeAll(async () => {
    smsc = new FakeSmsc({ autoReceipt: true });
    await smsc.start();
    s = await startTestServer({
      database: dialect,
      now: () => clock.now,
      messaging: { smsUrl: smsc.url },
      // One trusted proxy hop: X-Forwarded-For names the client, as behind the office's balancer.
      trustProxy: 1,
    });
  });
  afterAll(async () => {
    await s.close();
    await smsc.stop();
  });

  /** The day's free slot starts of birth, Thursday 10 December. */
  const freeSlots = async (): Promise<string[]> => {
    const res = await request(
      s.url,
      'GET',
      `${OFFICE}/slots?service=birth&from=2026-12-10&to=2026-12-10`,
    );
    return (res.body.slots as { start: string; free: number }[])
      .filter((slot) => slot.free > 0)
      .map((slot) => slot.start);
  };
  const book = (start: string, phone: string, from: string) =>
    request(s.url, 'POST', `${OFFICE}/bookings`, {
      body: { service: 'birth', start, phone, language: 'en' },
      headers: { 'X-Forwarded-For': from },
    });
  const otpOf = async (phone: string): Promise<string> => {
    await s.app.messages.drain();
    const sms = await waitFor(
      () => smsc.messages().find((m) => m.to === phone.slice(1)),
      'the one-time code at the SMSC',
    );
    return /(\d{6})/.exec(sms.text)![1]!;
  };

  it('refuses the sixth unconfirmed booking of one address until one is confirmed or lapses', async () => {
    const slots = await freeSlots();
    const held: { code: string; phone: string }[] = [];
    for (let i = 0; i < MAX_PENDING_PER_ADDRESS; i++) {
      const phone = nextPhone();
      const res = await book(slots[i]!, phone, '203.0.113.7');
      expect([res.status, res.body.error]).toEqual([201, undefined]);
      held.push({ code: res.body.booking.code as string, phone });
    }
    const sixth = await book(slots[5]!, nextPhone(), '203.0.113.7');
    expect(sixth.status).toBe(429);
    expect(sixth.body.error).toMatchObject({
      code: 'rate_limited',
      details: { reason: 'pending_bookings', retryAfterSeconds: 600 },
    });
    expect(sixth.headers.get('retry-after')).toBe('600');
    // Nothing of it was kept: its slot is still free.
    expect(await freeSlots()).toContain(slots[5]);

    // Another address is not held back.
    const elsewhere = await book(slots[6]!, nextPhone(), '198.51.100.20');
    expect(elsewhere.status).toBe(201);

    // A confirmed booking frees its share.
    const first = held[0]!;
    const confirmed = await request(s.url, 'POST', `${OFFICE}/bookings/${first.code}/confirm`, {
      body: { otp: await otpOf(first.phone) },
    });
    expect(confirmed.status).toBe(200);
    expect((await book(slots[5]!, nextPhone(), '203.0.113.7')).status).toBe(201);
    expect((await book(slots[7]!, nextPhone(), '203.0.113.7')).status).toBe(429);

    // The unconfirmed ones lapse after ten minutes, and with them the address's holds.
    clock.now = new Date(clock.now.getTime() + 10 * 60_000 + 1_000);
    expect((await book(slots[7]!, nextPhone(), '203.0.113.7')).status).toBe(201);
  });
});
