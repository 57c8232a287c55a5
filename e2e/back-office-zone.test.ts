/**
 * The back office tells time on the office's clock, not Dushanbe's by default: an office in another
 * zone sees its cases' times (worklist and history) as its own clocks show them.
 */
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { login, request } from '../server/src/testing/client';
import { formatDayTime } from '../ui/format';
import { launchChromium } from './browser';

describe('the back office in an office of another time zone', () => {
  let server: TestServer;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({ database: 'sqlite' }),
      launchChromium(),
    ]);
    // Five hours ahead of Dushanbe: a time shown on Dushanbe's clock would be off by five hours.
    await server.app.queue.configure('kulob', async (t, _office, changes) => {
      await server.db.models.Office.update(
        { timeZone: 'Asia/Tokyo' },
        { where: { code: 'kulob' }, transaction: t },
      );
      changes.push({ kind: 'office:updated' });
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the worklist and the history on the office’s clock', async () => {
    const clerk = await login(server.url, 'clerk1');
    const issued = await request(server.url, 'POST', '/api/offices/kulob/tickets', {
      body: { service: 'birth' },
    });
    const ticketId = issued.body.ticket.id as string;
    expect(
      (
        await request(server.url, 'POST', '/api/offices/kulob/counters/1/call', {
          token: clerk,
          body: { ticketId },
        })
      ).status,
    ).toBe(200);
    const opened = await request(server.url, 'POST', '/api/cases', {
      token: clerk,
      body: { ticketId, type: 'birth' },
    });
    expect(opened.status).toBe(201);
    const { number, createdAt, history } = opened.body.case as {
      number: string;
      createdAt: string;
      history: Array<{ at: string }>;
    };
    const tokyo = formatDayTime(createdAt, 'Asia/Tokyo');
    expect(tokyo).not.toBe(formatDayTime(createdAt, 'Asia/Dushanbe'));
    const opening = formatDayTime(history[0]!.at, 'Asia/Tokyo');

    const page: Page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.url}/counter/?office=kulob`);
    await page.locator('input[name="username"]').fill('back1');
    await page.locator('input[name="password"]').fill('demo');
    await page.getByTestId('login-submit').click();
    // Every status: the new case is a draft.
    await page.getByTestId('case-status-filter').selectOption('');
    const item = page.getByTestId('worklist').locator(`[data-case="${number}"]`);
    await item.filter({ hasText: tokyo }).waitFor();
    await item.click();
    await page.getByTestId('history').filter({ hasText: opening }).waitFor();
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
