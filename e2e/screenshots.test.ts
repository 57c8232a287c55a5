/**
 * The hall's README screenshots, from one command and in a fixed order (no other test's state):
 *   SCREENSHOTS=1 npx jest e2e/screenshots.test.ts
 * writes docs/screenshots/hall/ (without SCREENSHOTS they go to the ignored .e2e-artifacts/hall/):
 * the display at 1920×1080 and 1280×720 with 14 and 20 services and the kiosk at 1080×1920 and
 * 1920×1080, in each language, on a lived-in office (calls at several windows, a paused window, two
 * closed services, a ticker). Each shot is also checked: nothing cut, axe finds nothing serious.
 */
import fs from 'node:fs';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Browser, Page } from 'playwright-core';
import type { Language } from '../server/protocol';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { login, request } from '../server/src/testing/client';
import { translate } from '../ui/i18n';
import { addExtraServices } from './hall-services';
import { clippedTexts, launchChromium, screenshotFile, seriousViolations } from './browser';

const LANGUAGES: Language[] = ['tg', 'ru', 'uz', 'en'];
const TICKER = 'Ҳуҷҷатҳои тайёрро аз равзанаи 6 гиред · Готовые документы — в окне 6';

/**
 * Writes a screenshot: Tajik (the README's) as a full-size PNG, the other languages as half-size
 * WebP, so that the folder stays small (a full-size TV shot is 150–250 kB as PNG, ~40 kB so). A plain
 * test run (no SCREENSHOTS) keeps them all as PNG in .e2e-artifacts.
 */
async function shot(page: Page, name: string, language: Language): Promise<void> {
  const png = await page.screenshot();
  // Without SCREENSHOTS the shots are only a test run's artifacts: no time spent on WebP.
  if (language === 'tg' || !process.env.SCREENSHOTS) {
    fs.writeFileSync(screenshotFile(`hall/${name}.png`), png);
    return;
  }
  const image = await loadImage(png);
  const canvas = createCanvas(Math.round(image.width / 2), Math.round(image.height / 2));
  canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
  fs.writeFileSync(screenshotFile(`hall/${name}.webp`), await canvas.encode('webp', 82));
}

describe('the README screenshots of the hall', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let clerk: string;
  let admin: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    [clerk, admin] = await Promise.all([login(server.url, 'clerk1'), login(server.url, 'admin')]);
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function api<T = unknown>(
    method: 'POST' | 'PATCH',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const token = path.includes('/services') || path.endsWith('/settings') ? admin : clerk;
    const res = await request<T>(server.url, method, path, { token, body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status}`);
    return res.body;
  }

  /** A morning's queue: tickets for most services, five windows calling, one paused. */
  async function liveOffice(): Promise<void> {
    await addExtraServices(server.url, 0, 4);
    for (const code of ['death', 'extra_y']) {
      await api('PATCH', `/api/offices/kulob/services/${code}`, {
        open: false,
        closedReason: 'Таъмир',
      });
    }
    await api('PATCH', '/api/offices/kulob/settings', { ticker: TICKER });
    const services = ['birth', 'marriage', 'certificate', 'pickup', 'consultation', 'extra_x'];
    for (let i = 0; i < 40; i++) {
      await api('POST', '/api/offices/kulob/tickets', { service: services[(i * 5) % 6] });
    }
    const held = new Map<string, string>();
    for (const window of ['6', '2', '4', '5', '1', '4', '3']) {
      const before = held.get(window);
      if (before) await api('POST', `/api/tickets/${before}/complete`);
      const called = await api<{ ticket: { id: string } }>(
        'POST',
        `/api/offices/kulob/counters/${window}/call-next`,
      );
      held.set(window, called.ticket.id);
    }
    await api('POST', `/api/tickets/${held.get('6')}/complete`);
    await api('POST', '/api/offices/kulob/counters/6/pause', { reason: 'break' });
  }

  async function displays(services: number): Promise<void> {
    for (const [width, height] of [
      [1920, 1080],
      [1280, 720],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const language of LANGUAGES) {
        await page.goto(`${server.url}/display/?office=kulob&sound=0&lang=${language}`);
        await page.getByTestId('waiting-birth').waitFor();
        await page.locator('display-latest-call [data-testid="latest-number"]').waitFor();
        await page.locator('[data-testid="latest-call"]:not([data-flashing])').waitFor();
        await page.evaluate('document.fonts.ready.then(() => undefined)');
        await shot(page, `display-${width}x${height}-${services}-${language}`, language);
        // A ticker line longer than the screen scrolls through it: it is cut on purpose.
        const scrolls = await page.locator('display-ticker').getAttribute('scrolling');
        const cut = (await clippedTexts(page)).filter((c) => scrolls === null || c.text !== TICKER);
        expect({ language, width, cut }).toEqual({ language, width, cut: [] });
        // Axe reads the same document at either size: once per language is enough.
        if (width === 1920) expect(await seriousViolations(page)).toEqual([]);
      }
    }
  }

  async function kiosks(services: number): Promise<void> {
    for (const [width, height] of [
      [1080, 1920],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`${server.url}/kiosk/?office=kulob&kiosk=K1`);
      await page.getByTestId('service-birth').waitFor();
      for (const language of LANGUAGES) {
        const name = translate(language, 'languageName');
        await page.getByRole('button', { name, exact: true }).click();
        await page.evaluate('document.fonts.ready.then(() => undefined)');
        await shot(page, `kiosk-${width}x${height}-${services}-${language}`, language);
        const cut = await clippedTexts(page);
        expect({ language, width, cut }).toEqual({ language, width, cut: [] });
      }
      expect(await seriousViolations(page)).toEqual([]);
    }
  }

  // One test, so that a filtered run cannot take the 20-service shots of a 14-service office.
  it('shows the display and the kiosk with 14, then 20 services, at each size and language', async () => {
    await liveOffice();
    await displays(14);
    await kiosks(14);
    await addExtraServices(server.url, 4, 10);
    await displays(20);
    await kiosks(20);
  }, 300_000);
});
