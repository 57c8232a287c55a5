/**
 * The public booking page on a phone (360×740) in Chromium against a real server: service → day →
 * time → phone → the SMS code → the booking code with its QR and what to bring, then the cancel
 * link; each language's words; axe-core on each step.
 */
import http from 'node:http';
import type { Browser, Page } from 'playwright-core';
import type { Transaction } from 'sequelize';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { login, request } from '../server/src/testing/client';
import type { BookingNotifier } from '../server/src/bookings/booking-service';
import { bookText, type BookLanguage } from '../book/src/book-i18n';
import { DEMO_OFFICE, DEMO_SERVICES } from '../db/seed/demo-office';
import { launchChromium, screenshotFile, seriousViolations } from './browser';
import { waitFor } from '../server/src/testing/wait';

describe('the booking page on a phone', () => {
  let server: TestServer;
  let browser: Browser;
  /** The codes the server would send by SMS, by phone (written when the booking commits). */
  const codes = new Map<string, string>();
  const notifier: BookingNotifier = {
    code: (t: Transaction, m) => {
      t.afterCommit(() => {
        codes.set(m.phone, m.otp);
      });
      return Promise.resolve();
    },
    confirmed: () => Promise.resolve(),
  };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({ bookingNotifier: notifier }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(query: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/book/?office=kulob&${query}`);
    return page;
  }

  async function expectAccessible(page: Page): Promise<void> {
    expect(await seriousViolations(page)).toEqual([]);
  }

  it('books the first free time in Tajik, shows the code, the QR and the documents, and cancels it', async () => {
    const page = await open('lang=tg');
    // The language bar is named in the reader's language, as the kiosk's is.
    const languages = page.getByRole('navigation', { name: 'Забон', exact: true });
    await languages.waitFor();
    // On a phone its four buttons stand apart (they touched): a thumb takes one at a time.
    type Box = { left: number; right: number; top: number; bottom: number };
    const boxes = await languages.getByRole('button').evaluateAll((els) =>
      els.map((e) => {
        const r = (e as unknown as { getBoundingClientRect(): Box }).getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      }),
    );
    const apart = (a: Box, b: Box) =>
      Math.max(b.left - a.right, a.left - b.right, b.top - a.bottom, a.top - b.bottom) >= 6;
    const touching = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => !apart(a, b)));
    expect(touching).toEqual([]);
    // The page names its office (a phone may hold links of several), in the page's language.
    await page.getByTestId('office-name').filter({ hasText: DEMO_OFFICE.names.tg }).waitFor();
    const birth = DEMO_SERVICES.find((s) => s.code === 'birth')!;
    await page.getByRole('button', { name: birth.names.tg, exact: true }).click();
    await page.getByRole('heading', { name: new RegExp(bookText('tg', 'chooseDay')) }).waitFor();
    await expectAccessible(page);
    await page.locator('button.choice:not([disabled])').first().click();
    await page.getByRole('heading', { name: new RegExp(bookText('tg', 'chooseTime')) }).waitFor();
    await page.locator('button.choice:not([disabled])').first().click();
    // A mistyped number first: the code step leads back to the number, and the time it held is let go.
    await page.getByLabel(bookText('tg', 'phoneTitle')).fill('90 999 99 99');
    await page.getByRole('button', { name: bookText('tg', 'send') }).click();
    await page.getByRole('heading', { name: bookText('tg', 'codeTitle') }).waitFor();
    await page.getByRole('button', { name: bookText('tg', 'changePhone') }).click();
    await page.getByLabel(bookText('tg', 'phoneTitle')).waitFor();
    const [mistyped] = await server.db.sequelize.query(
      "SELECT status FROM bookings WHERE phone = '+992909999999'",
    );
    expect(mistyped).toEqual([{ status: 'cancelled' }]);
    await page.getByLabel(bookText('tg', 'phoneTitle')).fill('90 123 45 67');
    await expectAccessible(page);
    await page.getByRole('button', { name: bookText('tg', 'send') }).click();
    await page.getByRole('heading', { name: bookText('tg', 'codeTitle') }).waitFor();
    // The code's field keeps to the column, as the button under it (it ran 20 px past it).
    const field = await page.locator('#otp').boundingBox();
    const confirm = await page
      .getByRole('button', { name: bookText('tg', 'confirm') })
      .boundingBox();
    expect(field!.x + field!.width).toBeLessThanOrEqual(confirm!.x + confirm!.width + 0.5);
    const otp = codes.get('+992901234567');
    expect(otp).toMatch(/^\d{6}$/);
    // A wrong code first: the page says how many tries are left.
    await page.locator('#otp').fill(otp === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: bookText('tg', 'confirm') }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: bookText('tg', 'codeWrong', { n: 4 }) })
      .waitFor();
    await page.locator('#otp').fill(otp!);
    // Enter (a phone keyboard's "Go") confirms, as the button does.
    await page.locator('#otp').press('Enter');
    await page.getByRole('heading', { name: bookText('tg', 'doneTitle') }).waitFor();
    const code = (await page.locator('.code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^\d{8}$/);
    await page.locator('svg.qr').waitFor();
    // The birth case's checklist, in Tajik: what is required, then, apart, what helps if at hand
    // (a father's passport, a marriage certificate: listed with the rest, they read as required).
    const { body } = await request(
      server.url,
      'GET',
      '/api/offices/kulob/services/birth/documents',
    );
    const listed = body.documents as Array<{ name: { tg: string }; required: boolean }>;
    const names = (required: boolean) =>
      listed.filter((d) => d.required === required).map((d) => d.name.tg);
    expect(names(true).length).toBeGreaterThan(0);
    expect(names(false).length).toBeGreaterThan(0);
    expect(await page.getByTestId('bring-required').locator('li').allTextContents()).toEqual(
      names(true),
    );
    expect(await page.getByTestId('bring-optional').locator('li').allTextContents()).toEqual(
      names(false),
    );
    await page.getByRole('heading', { name: bookText('tg', 'bringIfAny') }).waitFor();
    await expectAccessible(page);
    await page.screenshot({ path: screenshotFile('book-done.png'), fullPage: true });

    await page.getByRole('link', { name: bookText('tg', 'cancelLink') }).click();
    // Cancelling asks for the number booked with; it sends no code, and does not say it would.
    await page
      .locator('#phone-hint')
      .filter({ hasText: bookText('tg', 'cancelHint') })
      .waitFor();
    expect(await page.getByText(bookText('tg', 'phoneHint')).count()).toBe(0);
    await page.getByLabel(bookText('tg', 'phoneTitle')).fill('901234567');
    await page.getByRole('button', { name: bookText('tg', 'cancel') }).click();
    await page.getByRole('heading', { name: bookText('tg', 'cancelled') }).waitFor();
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it('takes "Get code" again after its answer was lost: the same booking, whose code came', async () => {
    const page = await open('lang=ru');
    const birth = DEMO_SERVICES.find((s) => s.code === 'birth')!;
    await page.getByRole('button', { name: birth.names.ru, exact: true }).click();
    await page.locator('button.choice:not([disabled])').first().click();
    await page.getByRole('heading', { name: new RegExp(bookText('ru', 'chooseTime')) }).waitFor();
    await page.locator('button.choice:not([disabled])').first().click();
    await page.getByLabel(bookText('ru', 'phoneTitle')).fill('90 555 66 77');
    // The request reaches the server (the booking is made, its code sent), its answer does not.
    let lost = 0;
    await page.route('**/api/offices/kulob/bookings', async (route) => {
      if (route.request().method() !== 'POST' || lost > 0) return route.continue();
      lost++;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: bookText('ru', 'send') }).click();
    await page.getByRole('alert').waitFor();
    await page.getByRole('button', { name: bookText('ru', 'send') }).click();
    await page.getByRole('heading', { name: bookText('ru', 'codeTitle') }).waitFor();
    // "Change number" cancels it; the same number typed again is a new booking with a new code.
    const first = codes.get('+992905556677');
    await page.getByRole('button', { name: bookText('ru', 'changePhone') }).click();
    await page.getByLabel(bookText('ru', 'phoneTitle')).fill('90 555 66 77');
    await page.getByRole('button', { name: bookText('ru', 'send') }).click();
    await page.getByRole('heading', { name: bookText('ru', 'codeTitle') }).waitFor();
    await waitFor(() => codes.get('+992905556677') !== first, 'a second code');
    const otp = codes.get('+992905556677');
    expect(otp).toMatch(/^\d{6}$/);
    await page.locator('#otp').fill(otp!);
    await page.getByRole('button', { name: bookText('ru', 'confirm') }).click();
    await page.getByRole('heading', { name: bookText('ru', 'doneTitle') }).waitFor();
    const [rows] = await server.db.sequelize.query(
      "SELECT status FROM bookings WHERE phone = '+992905556677'",
    );
    expect(rows).toEqual(
      expect.arrayContaining([{ status: 'cancelled' }, { status: 'confirmed' }]),
    );
    expect(rows).toHaveLength(2);
    await page.close();
  });

  it('comes back to "type the code" after a reload, and the code confirms it', async () => {
    const page = await open('lang=en');
    const death = DEMO_SERVICES.find((s) => s.code === 'death')!;
    await page.getByRole('button', { name: death.names.en, exact: true }).click();
    await page.locator('button.choice:not([disabled])').first().click();
    await page.getByRole('heading', { name: new RegExp(bookText('en', 'chooseTime')) }).waitFor();
    await page.locator('button.choice:not([disabled])').first().click();
    await page.getByLabel(bookText('en', 'phoneTitle')).fill('90 444 44 43');
    await page.getByRole('button', { name: bookText('en', 'send') }).click();
    await page.getByRole('heading', { name: bookText('en', 'codeTitle') }).waitFor();
    // The phone's browser reloads the page (or was closed while the SMS app was open).
    await page.reload();
    await page.getByRole('heading', { name: bookText('en', 'codeTitle') }).waitFor();
    // Back from there: the days (asked again: the reload lost them), and on to another time, whose
    // booking replaces the first (the number is not held for it).
    const first = await waitFor(() => codes.get('+992904444443'), 'the first code');
    await page.goBack();
    await page.getByRole('heading', { name: new RegExp(bookText('en', 'chooseDay')) }).waitFor();
    await page.locator('button.choice:not([disabled])').first().click();
    await page.getByRole('heading', { name: new RegExp(bookText('en', 'chooseTime')) }).waitFor();
    await page.locator('button.choice:not([disabled])').nth(1).click();
    await page.getByLabel(bookText('en', 'phoneTitle')).fill('90 444 44 43');
    await page.getByRole('button', { name: bookText('en', 'send') }).click();
    await page.getByRole('heading', { name: bookText('en', 'codeTitle') }).waitFor();
    const otp = await waitFor(() => {
      const code = codes.get('+992904444443');
      return code !== first ? code : undefined;
    }, 'the second code');
    await page.locator('#otp').fill(otp);
    await page.getByRole('button', { name: bookText('en', 'confirm') }).click();
    await page.getByRole('heading', { name: bookText('en', 'doneTitle') }).waitFor();
    // Done: a reload now starts a new booking.
    await page.reload();
    await page.getByRole('button', { name: death.names.en, exact: true }).waitFor();
    await page.close();
  });

  it('goes back one step with the phone’s Back button, and with its own', async () => {
    const page = await open('lang=en');
    const heading = (key: 'chooseService' | 'chooseDay' | 'chooseTime') =>
      page.getByRole('heading', { name: new RegExp(bookText('en', key)) });
    const birth = DEMO_SERVICES.find((s) => s.code === 'birth')!;
    await page.getByRole('button', { name: birth.names.en, exact: true }).click();
    await heading('chooseDay').waitFor();
    await page.locator('button.choice:not([disabled])').first().click();
    await heading('chooseTime').waitFor();
    await page.locator('button.choice:not([disabled])').first().click();
    await page.getByLabel(bookText('en', 'phoneTitle')).waitFor();
    await page.goBack();
    await heading('chooseTime').waitFor();
    await page.goBack();
    await heading('chooseDay').waitFor();
    // The page's own Back agrees with the browser's: to the services, still on the page.
    await page.getByRole('button', { name: bookText('en', 'back') }).click();
    await heading('chooseService').waitFor();
    expect(new URL(page.url()).pathname).toBe('/book/');
    // Forward again and on: the steps stack anew.
    await page.getByRole('button', { name: birth.names.en, exact: true }).click();
    await heading('chooseDay').waitFor();
    await page.goBack();
    await heading('chooseService').waitFor();
    await page.close();
  });

  it('says something before its script has come, and without one, on the booking, join and ticket pages', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      for (const path of [
        '/book/?office=kulob',
        '/join/?office=kulob',
        '/t/00000000-0000-4000-8000-000000000000',
      ]) {
        await page.goto(`${server.url}${path}`);
        const text = await page.locator('body').innerText();
        // The loading line (left by a script that never comes) and why nothing more comes.
        expect({ path, text }).toEqual({ path, text: expect.stringContaining('Загрузка…') });
        expect(text).toContain('Барои ин саҳифа JavaScript лозим аст.');
      }
    } finally {
      await context.close();
    }
  });

  it('loads in at most 50 KB over the wire (gzip), the QR encoder left for later', async () => {
    const bytes = (path: string) =>
      new Promise<{ size: number; body: string; encoding: string | undefined }>(
        (resolve, reject) => {
          http
            .get(`${server.url}${path}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () => {
                const raw = Buffer.concat(chunks);
                resolve({
                  size: raw.length,
                  body: res.headers['content-encoding'] ? '' : raw.toString('utf8'),
                  encoding: res.headers['content-encoding'],
                });
              });
            })
            .on('error', reject);
        },
      );
    const page = await fetch(`${server.url}/book/?office=kulob`);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    // The QR encoder's own chunk (`qr-<hash>.js`; a hash may hold the letters "qr" by chance).
    expect(assets.some((a) => /\/qr-[^/]+\.js$/.test(a))).toBe(false);
    let total = (await bytes('/book/?office=kulob')).size;
    for (const a of assets) {
      const r = await bytes(a);
      // Below 1 KB compression does not pay; everything larger goes gzipped.
      if (r.size > 1024) expect(r.encoding).toBe('gzip');
      total += r.size;
    }
    expect(total).toBeLessThanOrEqual(50 * 1024);
  });

  it.each(['ru', 'uz', 'en'] as BookLanguage[])(
    'speaks %s, service names included',
    async (lang) => {
      const page = await open(`lang=${lang}`);
      await page.getByRole('heading', { name: bookText(lang, 'chooseService') }).waitFor();
      for (const s of DEMO_SERVICES.slice(0, 3))
        await page.getByRole('button', { name: s.names[lang], exact: true }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      await expectAccessible(page);
      await page.close();
    },
  );

  it('offers the ceremony hall’s days a month ahead, and a service of its own plan its 14 days', async () => {
    const token = await login(server.url, 'admin');
    const plan = await request(
      server.url,
      'PUT',
      '/api/offices/kulob/services/marriage/booking-plan',
      { token, body: { resource: 'hall' } },
    );
    expect(plan.status).toBe(200);
    try {
      const days = async (service: string) => {
        const page = await open('lang=en');
        const name = DEMO_SERVICES.find((s) => s.code === service)!.names.en;
        await page.getByRole('button', { name, exact: true }).click();
        await page.locator('button.choice').first().waitFor();
        const n = await page.locator('button.choice').count();
        await page.close();
        return n;
      };
      // The hall: Tuesday–Saturday over the next 31 days (at least 20 of them).
      expect(await days('marriage')).toBeGreaterThanOrEqual(20);
      // Its own plan: Monday–Friday of today and the 14 days after it.
      expect(await days('birth')).toBeLessThanOrEqual(11);
    } finally {
      await request(server.url, 'DELETE', '/api/offices/kulob/services/marriage/booking-plan', {
        token,
      });
    }
    expect(pageErrors).toEqual([]);
  });

  it('offers only the services that take appointments, and says so when none does', async () => {
    const token = await login(server.url, 'admin');
    const plans = '/api/offices/kulob/booking-plans';
    const saved = (await request(server.url, 'GET', plans, { token })).body.plans as Record<
      string,
      object
    >;
    const setPlans = async (keep: (code: string) => boolean) => {
      for (const code of Object.keys(saved)) {
        const path = `/api/offices/kulob/services/${code}/booking-plan`;
        const res = keep(code)
          ? await request(server.url, 'PUT', path, { token, body: saved[code] })
          : await request(server.url, 'DELETE', path, { token });
        expect([code, res.status]).toEqual([code, 200]);
      }
    };
    const offered = async () => {
      const page = await open('lang=en');
      // The list of services, or the words that there is none.
      await page
        .locator('book-app button.choice')
        .first()
        .or(page.getByText(bookText('en', 'noBookable')))
        .waitFor();
      await page.waitForLoadState('networkidle');
      const names = (await page.locator('button.choice').allTextContents()).map((t) => t.trim());
      const said = await page.getByText(bookText('en', 'noBookable')).count();
      await page.close();
      return { names, said };
    };
    const en = (code: string) => DEMO_SERVICES.find((s) => s.code === code)!.names.en;
    try {
      await setPlans((code) => code !== 'birth');
      const listed = await request(server.url, 'GET', '/api/offices/kulob/bookable-services');
      expect(listed.status).toBe(200);
      expect(listed.body.services).not.toContain('birth');
      expect(listed.body.services).toContain('death');
      const some = await offered();
      expect(some.names).not.toContain(en('birth'));
      expect(some.names).toContain(en('death'));
      expect(some.said).toBe(0);
      await setPlans(() => false);
      expect(await offered()).toEqual({ names: [], said: 1 });
    } finally {
      await setPlans(() => true);
    }
    expect(Object.keys((await request(server.url, 'GET', plans, { token })).body.plans)).toEqual(
      Object.keys(saved),
    );
    expect(pageErrors).toEqual([]);
  });

  it('says so when the phone number is short, and when the address names no office', async () => {
    const page = await open('lang=en');
    await page.getByRole('button', { name: DEMO_SERVICES[0]!.names.en, exact: true }).click();
    await page.locator('button.choice:not([disabled])').first().click();
    await page.locator('button.choice:not([disabled])').first().click();
    await page.getByLabel(bookText('en', 'phoneTitle')).fill('90 12');
    await page.getByRole('button', { name: bookText('en', 'send') }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: bookText('en', 'phoneWrong') })
      .waitFor();
    await page.goto(`${server.url}/book/?lang=ru`);
    await page.getByText(bookText('ru', 'missingOffice')).waitFor();
    await page.close();
  });
});
