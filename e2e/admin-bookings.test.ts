/**
 * The admin's Bookings tab in a real browser: a day's bookings per service (time, code, status,
 * masked phone), then one cancelled on the citizen's behalf with a reason; the audit has it; remote
 * join switched on with a daily cap; a service's booking plan set in the form and the public slots
 * following it, a service linked to the ceremony hall, the hall's removal refused while it is booked,
 * a room added and removed. Checked with axe-core, at 1280×800 and 1920×1080.
 */
import type { Browser, Page } from 'playwright-core';
import type { Transaction } from 'sequelize';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { login, request } from '../server/src/testing/client';
import { officeInstant } from '../server/protocol/booking-rules';
import type { BookingNotifier } from '../server/src/bookings/booking-service';
import { formatIsoDay } from '../ui/format';
import { launchChromium, screenshotFile, seriousViolations } from './browser';

const OFFICE = '/api/offices/kulob';
const DAY = '2026-12-10';
const at = (day: string, hhmm: string): Date => {
  const [h, m] = hhmm.split(':').map(Number);
  return officeInstant(day, (h ?? 0) * 60 + (m ?? 0), 'Asia/Dushanbe');
};
/** The server's today is Wednesday 2026-12-02: the next Monday and Saturday. */
const MONDAY = '2026-12-07';
const SATURDAY = '2026-12-05';

/** `count` slots of `minutes` from `first` on `day`, each for `capacity`, as [start, end, capacity]. */
function expectedSlots(
  day: string,
  first: string,
  count: number,
  minutes: number,
  capacity: number,
): [number, number, number][] {
  const start = at(day, first).getTime();
  return Array.from({ length: count }, (_, i) => {
    const from = start + i * minutes * 60_000;
    return [from, from + minutes * 60_000, capacity];
  });
}

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

  /** The public slots of `service` over days `from`…`to`, as [start, end, capacity]. */
  async function slots(service: string, from: string, to: string) {
    const res = await request<{ slots: { start: string; end: string; capacity: number }[] }>(
      server.url,
      'GET',
      `${OFFICE}/slots?service=${service}&from=${from}&to=${to}`,
    );
    expect(res.status).toBe(200);
    return res.body.slots.map((s) => [Date.parse(s.start), Date.parse(s.end), s.capacity]);
  }

  async function show(service: string): Promise<void> {
    // Typed the office's way, as `dd.mm.yyyy`.
    await page.locator('nb-date-field[name="day"]').getByRole('textbox').fill(formatIsoDay(DAY));
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
    // The box stands before its words, on their one line (it stood large above them).
    const box = await form.getByRole('checkbox').boundingBox();
    const label = await form.locator('label', { has: page.getByRole('checkbox') }).boundingBox();
    expect(label!.height).toBeLessThan(box!.height * 1.5);
    expect(box!.x - label!.x).toBeLessThan(8);
    await form.getByRole('checkbox').check();
    // On with no tickets a day would tell every citizen "all taken": said, nothing sent.
    await form.getByRole('spinbutton').fill('0');
    await form.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Remote join is on: set how many tickets a day' })
      .waitFor();
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

  it('sets a service’s booking plan in the form, and the public slots follow it', async () => {
    const plans = page.getByTestId('booking-plans');
    const row = plans.getByTestId('plan-birth');
    await row.getByText('Mon–Fri 08:00–17:00 · 20 min · 1 per slot · 14 days ahead').waitFor();
    await row.getByRole('button', { name: 'Edit the booking plan of Birth registration' }).click();
    const form = page.getByTestId('plan-form');
    for (const day of ['Tuesday', 'Wednesday', 'Thursday', 'Friday'])
      await form.getByLabel(`${day}: takes bookings`).uncheck();
    await form.getByLabel('Monday: Opens at', { exact: true }).fill('09:00');
    await form.getByLabel('Monday: Closes at', { exact: true }).fill('12:00');
    await form.getByLabel('Bookings per slot').fill('2');
    // Out of range: the server refuses it, and the form says which field in the page's words.
    await form.getByLabel('Slot length, min').fill('3');
    await form.getByRole('button', { name: 'Save' }).click();
    await form
      .getByTestId('plan-problems')
      .getByText('Slot length, min: a whole number from 5 to 240.')
      .waitFor();
    expect(await slots('birth', MONDAY, MONDAY)).toHaveLength(27);

    await form.getByLabel('Slot length, min').fill('30');
    // A closed day typed the office's way: Monday 14 December takes no bookings.
    await form.locator('textarea[name="closedDays"]').fill('14.12.2026');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The booking plan of Birth registration is saved.').waitFor();
    await row.getByText('Mon 09:00–12:00 · 30 min · 2 per slot · 14 days ahead').waitFor();
    expect(await slots('birth', MONDAY, '2026-12-14')).toEqual(
      expectedSlots(MONDAY, '09:00', 6, 30, 2),
    );
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('links marriage to the ceremony hall, and refuses to remove the hall while it is booked', async () => {
    expect(await slots('marriage', SATURDAY, SATURDAY)).toEqual([]);
    const row = page.getByTestId('booking-plans').getByTestId('plan-marriage');
    await row
      .getByRole('button', { name: 'Edit the booking plan of Marriage registration' })
      .click();
    const form = page.getByTestId('plan-form');
    await form.getByLabel('Books room: Ceremony hall').check();
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The booking plan of Marriage registration is saved.').waitFor();
    await row.locator('td', { hasText: /^\s*Ceremony hall\s*$/ }).waitFor();
    // The hall's Saturday: 30-minute ceremonies from 10:00 to 16:00, one each.
    expect(await slots('marriage', SATURDAY, SATURDAY)).toEqual(
      expectedSlots(SATURDAY, '10:00', 12, 30, 1),
    );

    const rooms = page.getByTestId('booking-rooms');
    const hall = rooms.getByTestId('room-hall');
    await hall.getByText('Marriage registration').waitFor();
    await hall.getByRole('button', { name: 'Remove room Ceremony hall' }).click();
    await rooms
      .getByTestId('room-problems')
      .getByText(
        'Ceremony hall cannot be removed: Marriage registration still books it. Give that service another plan first.',
      )
      .waitFor();
    const token = await login(server.url, 'admin');
    const left = await request(server.url, 'GET', `${OFFICE}/booking-resources`, { token });
    expect(left.body.resources.map((r: { code: string }) => r.code)).toEqual(['hall']);

    // Birth's form open beside the refusal, for the picture.
    await page.getByRole('button', { name: 'Edit the booking plan of Birth registration' }).click();
    await page.getByTestId('plan-form').waitFor();
    for (const [width, height] of [
      [1920, 1080],
      [1280, 800],
    ] as const) {
      await page.setViewportSize({ width, height });
      // No sideways scrolling: neither the page nor a booking card is wider than the window.
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth'),
      ).toBeLessThanOrEqual(width);
      for (const card of ['booking-plans', 'booking-rooms', 'plan-form']) {
        const overflow = await page
          .getByTestId(card)
          .evaluate(
            (el: { scrollWidth: number; clientWidth: number }) => el.scrollWidth - el.clientWidth,
          );
        expect([card, overflow]).toEqual([card, 0]);
      }
    }
    await page.screenshot({ path: screenshotFile('admin-booking-plans.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('adds a room with names and a calendar, and removes it while no service books it', async () => {
    const rooms = page.getByTestId('booking-rooms');
    await rooms.getByRole('button', { name: 'New room' }).click();
    const form = page.getByTestId('room-form');
    await form.getByLabel('Room code').fill('small_hall');
    const names = { Тоҷикӣ: 'Толори хурд', Русский: 'Малый зал', Oʻzbekcha: 'Kichik zal' };
    for (const [language, name] of Object.entries(names))
      await form.getByLabel(`Name (${language})`).fill(name);
    await form.getByRole('button', { name: 'Save' }).click();
    await form
      .getByTestId('room-problems')
      .getByText('Fill in the room’s name in every language.')
      .waitFor();
    await form.getByLabel('Name (English)').fill('Small hall');
    await form.getByLabel('Saturday: takes bookings').check();
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Room Small hall is saved.').waitFor();
    const row = rooms.getByTestId('room-small_hall');
    await row.getByText('Mon–Sat 08:00–17:00 · 20 min · 1 per slot · 14 days ahead').waitFor();
    await row.getByText('no service').waitFor();
    // A new room is a choice in every service's plan form at once.
    await page.getByRole('button', { name: 'Edit the booking plan of Death registration' }).click();
    await page.getByTestId('plan-form').getByLabel('Books room: Small hall').waitFor();

    await row.getByRole('button', { name: 'Remove room Small hall' }).click();
    await page.getByText('Room Small hall is removed.').waitFor();
    expect(await rooms.getByTestId('room-small_hall').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
