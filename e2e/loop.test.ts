/**
 * The backbone loop in a real browser against a real server: a citizen takes a ticket at the kiosk, a
 * clerk calls it at window 3, the hall display shows it. Every page is checked with axe-core.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { armed, launchChromium, seriousViolations } from './browser';

// On SQLite only: what the pages do here does not depend on the database. The same commands run on
// both databases in server/src/http/api.test.ts and server/src/queue/clerk-day.test.ts, and on
// MariaDB in chromium too: the kiosk in kiosk.test.ts, two hall displays in office-day.test.ts.
describe('the queue loop in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // jest's global setup has built dist/web from the current sources.
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    context = await browser.newContext();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  async function open(url: string, width: number, height: number): Promise<Page> {
    const page = await context.newPage();
    await page.setViewportSize({ width, height });
    page.on('pageerror', (error) => pageErrors.push(`${url}: ${error.message}`));
    page.on('console', (message) => {
      // CSP refusals and failed scripts show up here; a 409 shown to the clerk is expected.
      if (message.type() === 'error' && !/status of 409/.test(message.text())) {
        pageErrors.push(`${url}: ${message.text()}`);
      }
    });
    await page.goto(server.url + url);
    return page;
  }

  it('issues a ticket at the kiosk, calls it at window 3 and shows it on the display', async () => {
    const display = await open('/display/?office=kulob', 1920, 1080);
    await display.getByTestId('waiting-birth').waitFor();
    expect(await seriousViolations(display)).toEqual([]);

    const kiosk = await open('/kiosk/?office=kulob&kiosk=K1', 1080, 1920);
    await kiosk.getByTestId('service-birth').waitFor();
    expect(await seriousViolations(kiosk)).toEqual([]);
    await kiosk.getByTestId('service-birth').click();
    await armed(kiosk, 'kiosk-priority-step');
    await kiosk.getByTestId('priority-none').click();
    const numberText = kiosk.getByTestId('ticket-number');
    await numberText.waitFor();
    const number = (await numberText.textContent())?.trim() ?? '';
    expect(number).toMatch(/^A\d{3}$/);
    expect(await seriousViolations(kiosk)).toEqual([]);

    const counter = await open('/counter/?office=kulob', 1366, 768);
    await counter.locator('input[name="username"]').fill('clerk1');
    await counter.locator('input[name="password"]').fill('demo');
    expect(await seriousViolations(counter)).toEqual([]);
    await counter.getByTestId('login-submit').click();
    await counter.getByTestId('window-3').waitFor();
    expect(await seriousViolations(counter)).toEqual([]);
    await counter.getByTestId('window-3').click();
    await counter.getByTestId('cmd-call-next').waitFor();

    const called = Date.now();
    await counter.keyboard.press('F1');
    await Promise.all([
      counter.getByTestId('current-number').filter({ hasText: number }).waitFor({ timeout: 5_000 }),
      display.getByTestId('latest-number').filter({ hasText: number }).waitFor({ timeout: 5_000 }),
    ]);
    expect(Date.now() - called).toBeLessThan(5_000);
    expect((await display.getByTestId('latest-counter').textContent())?.trim()).toBe('3');
    expect(await seriousViolations(counter)).toEqual([]);
    expect(await seriousViolations(display)).toEqual([]);

    expect(pageErrors).toEqual([]);
  });
});
