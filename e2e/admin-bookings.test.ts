/**
 * The admin's Bookings tab in a real browser: a day's bookings per service (time, code, status,
 * masked phone), then one cancelled on the citizen's behalf with a reason; the audit has it; remote
 * join switched on with a daily cap. Checked with axe-core.
 */
import type { Browser, Page } from 'playwright-core';
import type { Transaction } from 'sequelize';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { login, request } from '../server/src/testing/client';
import { officeInstant } from '../server/protocol/booking-rules';
import type { BookingNotifier } from '../server/src/bookings/booking-service';
import { launchChromium, screenshotFile, seriousViolations } from './browser';

const OFFICE = '/api/offices/kulob';
const DAY = '2026-12-10';
const at = (day: string, hhmm: string): Date => {
  const [h, m] = hhmm.split(':').map(Number);
  return officeInstant(day, (h ?? 0) * 60 + (m ?? 0), 'Asia/Dushanbe');
};

describe('the admin bookings tab in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
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
      startTestServer({
        database: 'sqlite',
        now: () => at('2026-12-02', '12:00'),
        bookingNotifier: notifier,
      }),
      launchChromium(),
    ]);
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function book(service: string, hhmm: string, phone: string): Promise<string> {
    const created = await request(server.url, 'POST', `${OFFICE}/bookings`, {
      body: { service, start: at(DAY, hhmm).toISOString(), phone, language: 'tg' },
    });
    expect(created.status).toBe(201);
    const code = created.body.booking.code as string;
    const ok = await request(server.url, 'POST', `${OFFICE}/bookings/${code}/confirm`, {
      body: { otp: otps.get(code) },
    });
    expect(ok.status).toBe(200);
    return code;
  }

  async function show(service: string): Promise<void> {
    await page.locator('input[name="day"]').fill(DAY);
    await page.locator('select[name="service"]').selectOption(service);
    await page.getByRole('button', { name: 'Show' }).click();
  }

  it('lists a day’s bookings per service and cancels one for the citizen', async () => {
    const birth = await book('birth', '09:40', '+992901112567');
    const marriage = await book('marriage', '10:00', '+992901112568');

    await page.goto(`${server.url}/admin/?office=kulob&lang=en`);
    await page.locator('input[name="username"]').fill('admin');
    await page.locator('input[name="password"]').fill('demo');
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: 'Bookings' }).click();
    await page.getByRole('heading', { name: 'Bookings', level: 2 }).waitFor();
    // The tab opens on the office's today (none booked): loaded, so our choice is not overwritten.
    await page.getByTestId('bookings-none').waitFor();

    await show('birth');
    const row = page.getByTestId(`booking-${birth}`);
    await row.waitFor();
    const cells = (await row.locator('td').allTextContents()).map((t) => t.trim());
    expect(cells.slice(0, 5)).toEqual([
      '09:40–10:00',
      birth,
      expect.stringMatching(/birth/i),
      'Confirmed',
      '+•••••••••567',
    ]);
    expect(await page.getByTestId(`booking-${marriage}`).count()).toBe(0);

    await show('');
    await page.getByTestId(`booking-${marriage}`).waitFor();
    expect(await page.getByTestId('bookings-table').locator('tbody tr').count()).toBe(2);

    await page.getByTestId(`cancel-${birth}`).click();
    await page.locator('input[name="reason"]').fill('the citizen phoned');
    await page.getByRole('button', { name: `Cancel booking ${birth}` }).click();
    await page.getByText(`Booking ${birth} is cancelled.`).waitFor();
    await row.locator('td', { hasText: 'Cancelled' }).waitFor();
    expect(await page.getByTestId(`cancel-${birth}`).count()).toBe(0);
    expect(await page.getByTestId(`cancel-${marriage}`).count()).toBe(1);

    const audit = await server.db.models.AuditEntry.findAll({
      where: { action: 'booking.cancel' },
    });
    expect(audit.map((a) => [a.subject, a.actor])).toEqual([[birth, 'admin']]);
    expect(JSON.parse(audit[0]!.after ?? '{}')).toMatchObject({ reason: 'the citizen phoned' });

    await page.screenshot({ path: screenshotFile('admin-bookings.png') });
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('turns remote join on with a daily cap, and the check-in window stays', async () => {
    const form = page.getByTestId('remote-join');
    await form.waitFor();
    expect(await form.getByRole('checkbox').isChecked()).toBe(false);
    await form.getByRole('checkbox').check();
    await form.getByRole('spinbutton').fill('40');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Remote join saved.').waitFor();
    const token = await login(server.url, 'admin');
    const res = await request(server.url, 'GET', `${OFFICE}/booking-settings`, { token });
    expect(res.body.settings).toEqual({
      earlyMinutes: 15,
      lateMinutes: 10,
      remoteJoin: { enabled: true, dailyCap: 40 },
    });
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
