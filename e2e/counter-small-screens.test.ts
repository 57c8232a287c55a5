/**
 * The counter console on the small screens of district offices (1024×768, 1280×720) and the larger
 * ones (1366×800, 1920×1080), in each of the four languages, with a ticket at the window: every
 * command key lies inside the screen, nothing covers it, and its label and key letter lie inside it.
 */
import type { Browser, Page } from 'playwright-core';
import type { Language } from '../server/protocol';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { request } from '../server/src/testing/client';
import { coveredElements, launchChromium, screenshotFile } from './browser';

const SIZES = [
  [1024, 768],
  [1280, 720],
  [1366, 800],
  [1920, 1080],
] as const;
const LANGUAGES: readonly Language[] = ['tg', 'ru', 'uz', 'en'];

/** A command key that is not wholly on the screen, or whose words run out of it. */
interface Misfit {
  key: string;
  why: 'off-screen' | 'text outside';
}

/** Every command key (`cmd-*`, inside the panel's shadow root) that does not fit. */
async function misfits(page: Page): Promise<Misfit[]> {
  return page.evaluate<Misfit[]>(`(() => {
    const panel = document.querySelector('counter-app').shadowRoot
      .querySelector('counter-panel').shadowRoot;
    const out = [];
    for (const button of panel.querySelectorAll('[data-testid^="cmd-"]')) {
      const key = button.dataset.testid;
      const r = button.getBoundingClientRect();
      if (r.width === 0 || r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight) {
        out.push({ key, why: 'off-screen' });
        continue;
      }
      for (const part of button.querySelectorAll('span, kbd')) {
        const p = part.getBoundingClientRect();
        if (p.left < r.left || p.right > r.right || p.top < r.top || p.bottom > r.bottom) {
          out.push({ key, why: 'text outside' });
          break;
        }
      }
    }
    return out;
  })()`);
}

// On SQLite only: the layout does not depend on the database.
describe('the counter console on small screens', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    page = await context.newPage();
    await page.goto(`${server.url}/counter/?office=kulob`);
    await page.locator('input[name="username"]').fill('clerk1');
    await page.locator('input[name="password"]').fill('demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('window-3').click();
    await page.getByTestId('cmd-call-next').waitFor();
    const issued = await request(server.url, 'POST', '/api/offices/kulob/tickets', {
      body: { service: 'marriage' },
    });
    expect(issued.status).toBe(201);
    await page.keyboard.press('F1');
    await page
      .getByTestId('current-number')
      .filter({ hasText: issued.body.ticket.number })
      .waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Each command key off the screen, covered, or with words outside it, in each language and size. */
  async function misplacedKeys(): Promise<string[]> {
    const wrong: string[] = [];
    for (const language of LANGUAGES) {
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.goto(`${server.url}/counter/?office=kulob&lang=${language}`);
      await page.getByTestId('cmd-call-next').waitFor();
      // Measured in the page's own font, not a fallback's narrower letters.
      await page.evaluate('document.fonts.ready.then(() => true)');
      for (const [width, height] of SIZES) {
        await page.setViewportSize({ width, height });
        const at = `${language} ${width}×${height}`;
        for (const { key, why } of await misfits(page)) wrong.push(`${at}: ${key} ${why}`);
        for (const key of await coveredElements(page, '[data-testid^="cmd-"]')) {
          wrong.push(`${at}: ${key} covered`);
        }
      }
    }
    await page.setViewportSize({ width: 1024, height: 768 });
    return wrong;
  }

  it('shows every command key whole and uncovered from 1024×768 to 1920×1080, in every language', async () => {
    expect(await misplacedKeys()).toEqual([]);
    await page.screenshot({ path: screenshotFile('counter-1024x768.png') });
  });

  it('takes a click on No-show and Pause at 1024×768', async () => {
    await page.goto(`${server.url}/counter/?office=kulob&lang=ru`);
    await page.getByTestId('current-number').waitFor();
    // A real click at the key's centre: it must reach the key, not the case panel beside it.
    await page.getByTestId('cmd-no-show').click({ timeout: 5_000 });
    await page.getByTestId('undo-no-show').waitFor();
    await page.getByTestId('current-number').waitFor({ state: 'detached' });
    await page.getByTestId('cmd-pause').click({ timeout: 5_000 });
    await page.getByTestId('pause-reason').waitFor();
    await page.getByTestId('dialog-cancel').click();
  });

  it('shows every command key whole with no ticket at the window too', async () => {
    expect(await misplacedKeys()).toEqual([]);
  });
});
