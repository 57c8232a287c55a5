/**
 * The API reference page in a real browser: /api/docs renders the generated document with the
 * self-hosted Swagger UI under the page CSP (no CDN, no violation), an operation opens to show its
 * schema, and the page is photographed (api-docs.png).
 */
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { launchChromium, screenshotFile } from './browser';

let server: TestServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];
const foreign: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url)) foreign.push(r.url());
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('renders every section of the generated document, from this server only', async () => {
  await page.goto(`${server.url}/api/docs`);
  await page.locator('.information-container .title').waitFor();
  expect(await page.locator('.information-container .title').innerText()).toContain('Navbat API');
  const tags = await page.locator('.opblock-tag-section h3').allInnerTexts();
  for (const tag of ['queue', 'windows', 'cases', 'bookings', 'admin', 'socket.io']) {
    expect(tags.join('\n')).toContain(tag);
  }
  expect(foreign).toEqual([]);
  expect(problems).toEqual([]);
});

it('opens an operation to its parameters and body schema', async () => {
  await page.locator('.opblock-tag-section h3', { hasText: 'queue' }).first().click();
  const issue = page.locator('#operations-queue-issueTicket');
  await issue.locator('.opblock-summary').click();
  await issue.locator('.parameters').first().waitFor();
  const text = await issue.innerText();
  expect(text).toContain('Idempotency-Key');
  expect(text).toContain('pickupCode');
  await page.screenshot({ path: screenshotFile('api-docs.png'), fullPage: false });
  expect(problems).toEqual([]);
});
