/**
 * The console shows the office's services as the live store has them: an administrator's rename
 * reaches an open console at once, as it reaches kiosks and displays (the console kept the names it
 * read at sign-in until a reload; a tester's find).
 */
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { login, request } from '../server/src/testing/client';
import { launchChromium } from './browser';

describe('service names on an open console', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({ database: 'sqlite' }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('follow an administrator’s rename without a reload', async () => {
    const issued = await request(server.url, 'POST', '/api/offices/kulob/tickets', {
      body: { service: 'consultation' },
    });
    expect(issued.status).toBe(201);
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.url}/counter/?office=kulob&lang=en`);
    await page.locator('input[name="username"]').fill('clerk1');
    await page.locator('input[name="password"]').fill('demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('window-1').click();
    await page.getByTestId(`call-${issued.body.ticket.number as string}`).waitFor();
    await page.getByText('Consultation', { exact: true }).first().waitFor();
    const renamed = await request(server.url, 'PATCH', '/api/offices/kulob/services/consultation', {
      token: await login(server.url, 'admin'),
      body: {
        names: { tg: 'Машварат', ru: 'Консультация', uz: 'Maslahat', en: 'Consultation (general)' },
      },
    });
    expect(renamed.status).toBe(200);
    await page.getByText('Consultation (general)').first().waitFor({ timeout: 5000 });
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
