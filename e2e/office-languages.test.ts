/**
 * The office's languages (Admin → Settings) are the languages its public pages offer: the kiosk, the
 * booking page and the join page showed all four whatever the setting said (a tester's find). A
 * kiosk follows a change at once; a page asked for a language the office does not offer starts in
 * the first it does.
 */
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { login, request } from '../server/src/testing/client';
import { launchChromium } from './browser';

const LANGUAGES = ['tg', 'ru', 'uz', 'en'] as const;

describe('the office’s languages on its public pages', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({ database: 'sqlite' }),
      launchChromium(),
    ]);
    admin = await login(server.url, 'admin');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function setLanguages(languages: string[]): Promise<void> {
    const res = await request(server.url, 'PATCH', '/api/offices/kulob/settings', {
      token: admin,
      body: { languages },
    });
    expect(res.status).toBe(200);
  }

  /** The kiosk's language buttons now shown, in order. */
  async function kioskButtons(page: Page): Promise<string[]> {
    const shown: string[] = [];
    for (const l of LANGUAGES) if (await page.getByTestId(`lang-${l}`).isVisible()) shown.push(l);
    return shown;
  }

  const pageLanguage = (page: Page) => page.locator('html').getAttribute('lang');
  const speaks = (page: Page, lang: string) =>
    page.waitForFunction(`document.documentElement.lang === '${lang}'`, undefined, {
      timeout: 5000,
    });

  function watch(page: Page): string[] {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    return errors;
  }

  it('the kiosk offers only them, starts in one of them and follows a change', async () => {
    await setLanguages(['tg', 'ru']);
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    const errors = watch(page);
    // Asked for English, which the office does not offer: Tajik, its first.
    await page.goto(`${server.url}/kiosk/?office=kulob&kiosk=K1&lang=en`);
    // All four until the office's settings arrive with the live store; then its two.
    await page.getByTestId('lang-ru').waitFor();
    await page.getByTestId('lang-uz').waitFor({ state: 'detached' });
    expect(await kioskButtons(page)).toEqual(['tg', 'ru']);
    expect(await pageLanguage(page)).toBe('tg');

    await page.getByTestId('lang-ru').click();
    await speaks(page, 'ru');
    // The administrator takes Russian away while a citizen reads it: the kiosk turns to Tajik.
    await setLanguages(['tg', 'uz']);
    await page.getByTestId('lang-uz').waitFor({ timeout: 5000 });
    await speaks(page, 'tg');
    expect(await kioskButtons(page)).toEqual(['tg', 'uz']);

    // One language: nothing to choose, no buttons; the kiosk speaks it.
    await setLanguages(['ru']);
    await speaks(page, 'ru');
    expect(await kioskButtons(page)).toEqual([]);
    await page.getByTestId('lang-tg').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the booking and join pages offer only them', async () => {
    await setLanguages(['tg', 'ru']);
    for (const [path, lang, starts] of [
      ['book', 'en', 'tg'],
      ['join', 'ru', 'ru'],
    ] as const) {
      const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
      const errors = watch(page);
      await page.goto(`${server.url}/${path}/?office=kulob&lang=${lang}`);
      await page.getByTestId('office-name').waitFor();
      const nav = page.getByRole('navigation');
      const buttons = await nav
        .getByRole('button')
        .evaluateAll((els) => els.map((e) => [e.getAttribute('lang'), e.ariaPressed]));
      expect({ path, buttons }).toEqual({
        path,
        buttons: [
          ['tg', String(starts === 'tg')],
          ['ru', String(starts === 'ru')],
        ],
      });
      expect(await pageLanguage(page)).toBe(starts);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('the ticket page speaks one of them, open or finished, with the office named', async () => {
    await setLanguages(['tg', 'ru']);
    const issue = (language: string) =>
      request(server.url, 'POST', '/api/offices/kulob/tickets', {
        body: { service: 'consultation', language },
      }).then((res) => res.body.ticket as { id: string; number: string });
    const english = await issue('en');
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    const errors = watch(page);
    // Neither the address's Uzbek nor the ticket's English is offered: Tajik, the office's first.
    await page.goto(`${server.url}/t/${english.id}?lang=uz`);
    await page.getByTestId('ticket-number').filter({ hasText: english.number }).waitFor();
    await speaks(page, 'tg');
    await page.getByTestId('lang-uz').waitFor({ state: 'detached' });
    expect(await kioskButtons(page)).toEqual(['tg', 'ru']);

    // Finished, the page has no live store: it reads the office itself.
    const clerk = await login(server.url, 'clerk1');
    const at1 = `/api/offices/kulob/counters/1`;
    const called = await request(server.url, 'POST', `${at1}/call`, {
      token: clerk,
      body: { ticketId: english.id },
    });
    expect(called.status).toBe(200);
    const done = await request(server.url, 'POST', `/api/tickets/${english.id}/complete`, {
      token: clerk,
    });
    expect(done.status).toBe(200);
    await page.goto(`${server.url}/t/${english.id}`);
    await page
      .getByTestId('ticket-brand')
      .filter({ hasText: 'Куляб' })
      .or(page.getByTestId('ticket-brand').filter({ hasText: 'Кӯлоб' }))
      .waitFor();
    await speaks(page, 'tg');
    expect(await kioskButtons(page)).toEqual(['tg', 'ru']);

    // Russian alone: a ticket taken in Tajik reads in Russian, with no switch.
    await setLanguages(['ru']);
    const tajik = await issue('tg');
    await page.goto(`${server.url}/t/${tajik.id}`);
    await page.getByTestId('ticket-number').filter({ hasText: tajik.number }).waitFor();
    await speaks(page, 'ru');
    expect(await kioskButtons(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
