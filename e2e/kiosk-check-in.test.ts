/**
 * Checking in at the kiosk with a booking code (#19), in chromium against a real server whose clock
 * is set (Wednesday 3 December 2026 on the office clock): on time → a ticket marked with the booked
 * time; too early → the keypad says from when; late → an ordinary ticket that says so.
 */
import type { Transaction } from 'sequelize';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { request } from '../server/src/testing/client';
import { officeInstant } from '../server/protocol/booking-rules';
import type { BookingNotifier } from '../server/src/bookings/booking-service';
import { armed, clippedTexts, launchChromium, screenshotFile, seriousViolations } from './browser';

const OFFICE = '/api/offices/kulob';
const at = (hhmm: string): Date => {
  const [h, m] = hhmm.split(':').map(Number);
  return officeInstant('2026-12-03', (h ?? 0) * 60 + (m ?? 0), 'Asia/Dushanbe');
};

describe('checking in with a booking at the kiosk', () => {
  let server: TestServer;
  let browser: Browser;
  let clock = at('08:00');
  let phone = 902000000;
  const otps = new Map<string, string>();
  const notifier: BookingNotifier = {
    code: (_t: Transaction, m) => {
      otps.set(m.booking.code, m.otp);
      return Promise.resolve();
    },
    confirmed: () => Promise.resolve(),
  };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({ now: () => clock, bookingNotifier: notifier }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A confirmed booking of `slot` (office time), made at 08:00; its code. */
  async function book(slot: string): Promise<string> {
    const before = clock;
    clock = at('08:00');
    const created = await request(server.url, 'POST', `${OFFICE}/bookings`, {
      body: {
        service: 'birth',
        start: at(slot).toISOString(),
        phone: `+992${phone++}`,
        language: 'tg',
      },
    });
    expect(created.status).toBe(201);
    const code = created.body.booking.code as string;
    const confirmed = await request(server.url, 'POST', `${OFFICE}/bookings/${code}/confirm`, {
      body: { otp: otps.get(code) },
    });
    expect(confirmed.status).toBe(200);
    clock = before;
    return code;
  }

  /** The kiosk, "I have a booking", the code typed on the keypad and sent. */
  async function typeCode(code: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/kiosk/?office=kulob&kiosk=K1`);
    await page.getByTestId('have-booking').click();
    // A tap in a step's first moments is taken for the second half of a double tap.
    await armed(page, 'kiosk-booking-keypad');
    for (const digit of code) await page.getByTestId(`key-${digit}`).click();
    await page.getByTestId('booking-submit').click();
    return page;
  }

  it('gives a ticket marked with the booked time when the citizen comes on time', async () => {
    const code = await book('10:20');
    clock = at('10:10');
    const page = await typeCode(code);
    await page.getByTestId('ticket-number').waitFor();
    expect(await page.getByTestId('ticket-appointment').textContent()).toContain('10:20');
    await page.screenshot({ path: screenshotFile('kiosk-check-in.png') });
    expect(await clippedTexts(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    const tickets = await server.db.models.Ticket.findAll({ where: { appointmentCode: code } });
    expect(tickets).toHaveLength(1);
    await page.close();
  });

  it('says from when it opens when the citizen is too early, and issues nothing', async () => {
    const code = await book('11:00');
    clock = at('10:30');
    const page = await typeCode(code);
    const problem = page.getByTestId('booking-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('10:45');
    expect(await server.db.models.Ticket.count({ where: { appointmentCode: code } })).toBe(0);
    await page.close();
  });

  it('gives a late citizen an ordinary ticket that says so', async () => {
    const code = await book('09:00');
    clock = at('09:40');
    const page = await typeCode(code);
    await page.getByTestId('ticket-number').waitFor();
    await page.getByTestId('ticket-late').waitFor();
    expect(await page.getByTestId('ticket-appointment').count()).toBe(0);
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
