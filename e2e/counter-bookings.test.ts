/**
 * The counter console marks tickets that came with a booking: a booking made and confirmed over the
 * API, checked in at the kiosk's endpoint on time, shows in the clerk's waiting list with its booked
 * time on the office clock; a walk-in beside it has no mark. The server's clock is injected.
 */
import type { Browser, Page } from 'playwright-core';
import type { Transaction } from 'sequelize';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { request } from '../server/src/testing/client';
import { officeInstant } from '../server/protocol/booking-rules';
import type { BookingNotifier } from '../server/src/bookings/booking-service';
import { launchChromium, screenshotFile, seriousViolations } from './browser';

const OFFICE = '/api/offices/kulob';
/** Thursday 3 December 2026 on the office clock (Asia/Dushanbe), `hh:mm`. */
const at = (hhmm: string): Date => {
  const [h, m] = hhmm.split(':').map(Number);
  return officeInstant('2026-12-03', (h ?? 0) * 60 + (m ?? 0), 'Asia/Dushanbe');
};

describe('booking marks in the counter console on sqlite', () => {
  let server: TestServer;
  let browser: Browser;
  let clock = at('08:00');
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
      startTestServer({ database: 'sqlite', now: () => clock, bookingNotifier: notifier }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function bookAndCheckIn(service: string, slot: string): Promise<string> {
    clock = at('08:00');
    const created = await request(server.url, 'POST', `${OFFICE}/bookings`, {
      body: { service, start: at(slot).toISOString(), phone: '+992907770001', language: 'tg' },
    });
    expect(created.status).toBe(201);
    const code = created.body.booking.code as string;
    const ok = await request(server.url, 'POST', `${OFFICE}/bookings/${code}/confirm`, {
      body: { otp: otps.get(code) },
    });
    expect(ok.status).toBe(200);
    clock = at('10:05');
    const ticket = await request(server.url, 'POST', `${OFFICE}/tickets`, {
      body: { booking: code },
    });
    expect(ticket.status).toBe(201);
    expect(ticket.body.ticket.appointment).toEqual({ code, start: at(slot).toISOString() });
    return ticket.body.ticket.number as string;
  }

  async function signIn(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.url}/counter/?office=kulob`);
    await page.locator('input[name="username"]').fill('clerk1');
    await page.locator('input[name="password"]').fill('demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('window-1').click();
    await page.getByTestId('cmd-call-next').waitFor();
    return page;
  }

  it('marks a checked-in booking with its booked time, in the console’s language', async () => {
    const booked = await bookAndCheckIn('birth', '10:20');
    const walkIn = await request(server.url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'birth' },
    });
    expect(walkIn.status).toBe(201);
    const walkInNumber = walkIn.body.ticket.number as string;

    const page = await signIn();
    const mark = page.getByTestId(`booked-${booked}`);
    await mark.waitFor();
    expect(await mark.locator('svg').count()).toBe(1);
    expect((await mark.textContent())?.replace(/\s+/g, ' ').trim()).toBe('Қайд 10:20');
    await page.getByTestId(`row-${walkInNumber}`).waitFor();
    expect(await page.getByTestId(`booked-${walkInNumber}`).count()).toBe(0);

    // Another language: the same mark in its words.
    await page.locator('header select').selectOption('en');
    await page.getByTestId(`booked-${booked}`).filter({ hasText: 'Booked 10:20' }).waitFor();
    await page
      .getByTestId('waiting-list')
      .screenshot({ path: screenshotFile('counter-booked.png') });
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
