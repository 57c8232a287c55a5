/**
 * A clerk's browser is lost mid-ticket (closed, crashed, a new PC): signed in again, the window list
 * says the window is theirs and that the citizen they called still stands there, not "Free"; another
 * clerk sees who holds it and the same citizen. In Chromium, on the real server (SQLite).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { request } from '../server/src/testing/client';
import { launchChromium, screenshotFile, seriousViolations } from './browser';

const OFFICE = '/api/offices/kulob';

describe('back at the window list after a lost browser', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function signIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${username}: ${error.message}`));
    await page.goto(`${server.url}/counter/?office=kulob`);
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill('demo');
    await page.getByTestId('login-submit').click();
    return { context, page };
  }

  it('says the window is the clerk’s own and who is still at it', async () => {
    const first = await signIn('clerk1');
    await first.page.getByTestId('window-1').click();
    await first.page.getByTestId('cmd-call-next').waitFor();
    const issued = await request(server.url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'birth' },
    });
    expect(issued.status).toBe(201);
    const number = issued.body.ticket.number as string;
    await first.page.keyboard.press('F1');
    await first.page.getByTestId('current-number').filter({ hasText: number }).waitFor();
    // The browser is gone, the ticket is still called at window 1.
    await first.context.close();

    const again = await signIn('clerk1');
    const mine = again.page.getByTestId('window-1-clerk');
    await mine.filter({ hasText: 'Равзанаи шумо' }).waitFor();
    expect(await mine.textContent()).toContain(`${number} дар назди ин равзана`);
    expect(await again.page.getByTestId('window-2-clerk').textContent()).toBe('Холӣ');
    await again.page.screenshot({ path: screenshotFile('counter-window-return.png') });
    expect(await seriousViolations(again.page)).toEqual([]);

    const other = await signIn('clerk3');
    const held = other.page.getByTestId('window-1-clerk');
    await held.filter({ hasText: 'Зарина Раҳимова' }).waitFor();
    expect(await held.textContent()).toContain(`${number} дар назди ин равзана`);

    // Back at the window, the clerk finds the citizen where they left them.
    await again.page.getByTestId('window-1').click();
    await again.page.getByTestId('current-number').filter({ hasText: number }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
