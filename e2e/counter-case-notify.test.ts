/**
 * The applicant's phone for case messages, taken at the window only with their consent (#18): the
 * button waits for the consent box, a phone that is not whole is refused in the clerk's language,
 * and the phone, the consent and who took it are recorded with the case (its history says so); the
 * printed receipt then carries a one-time Telegram link (a fake Bot API) whose /start binds the chat.
 */
import type { Browser, Page } from 'playwright-core';
import { CaseRecipientRepository } from '../db/repositories/case-recipient-repository';
import { login, request } from '../server/src/testing/client';
import { startTestServer, testDialects, type TestServer } from '../server/src/testing/harness';
import { waitFor } from '../server/src/testing/wait';
import { FakeTelegram } from '../server/src/testing/fake-telegram';
import { launchChromium, screenshotFile, seriousViolations } from './browser';

describe.each(testDialects())('the case consent at the window on %s', (dialect) => {
  let server: TestServer;
  let browser: Browser;
  const pageErrors: string[] = [];
  const bot = new FakeTelegram('navbat_kulob_bot');

  beforeAll(async () => {
    await bot.start();
    const messaging = { smsUrl: 'log', telegramBotToken: '42:xyz', telegramApiUrl: bot.url };
    [server, browser] = await Promise.all([
      startTestServer({ database: dialect, messaging }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await bot.close();
  });

  async function clerkWithCase(): Promise<{ page: Page; number: string }> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.url}/counter/?office=kulob`);
    await page.locator('input[name="username"]').fill('clerk1');
    await page.locator('input[name="password"]').fill('demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('window-3').click();
    await page.getByTestId('cmd-call-next').waitFor();
    const issued = await request(server.url, 'POST', '/api/offices/kulob/tickets', {
      body: { service: 'birth' },
    });
    expect(issued.status).toBe(201);
    await page.keyboard.press('F1');
    await page
      .getByTestId('current-number')
      .filter({ hasText: issued.body.ticket.number })
      .waitFor();
    await page.keyboard.press('F2');
    await page.getByTestId('case-number').waitFor();
    const text = (await page.getByTestId('case-number').textContent()) ?? '';
    const number = text.match(/[A-Z]+-\d{4}-\d+/)?.[0];
    if (!number) throw new Error(`no case number in ${text}`);
    return { page, number };
  }

  it('records the consent while a field typed before is not valid yet, and keeps that typing', async () => {
    const { page, number } = await clerkWithCase();
    const tooLong = 'Ш'.repeat(150);
    await page.locator('[name="applicant.firstName"]').fill(tooLong);
    const notify = page.getByTestId('notify');
    await notify.locator('input[name="notify.phone"]').fill('90 765 43 21');
    await notify.locator('input[name="notify.consent"]').check();
    await page.getByTestId('notify-save').click();
    // It did nothing here, and said nothing.
    await page.getByTestId('notify-recorded').filter({ hasText: '+992907654321' }).waitFor();
    expect(await new CaseRecipientRepository(server.db).find(number)).toMatchObject({
      phone: '+992907654321',
    });
    expect(await page.locator('[name="applicant.firstName"]').inputValue()).toBe(tooLong);
    await page.context().close();
    // The window is free for the next test's citizen.
    const token = await login(server.url, 'clerk1');
    const queue = await request(server.url, 'GET', '/api/offices/kulob/queue', { token });
    const held = (queue.body.counters as Array<{ number: string; ticket?: { id: string } }>).find(
      (w) => w.number === '3',
    )?.ticket;
    const done = await request(server.url, 'POST', `/api/tickets/${held!.id}/complete`, { token });
    expect(done.status).toBe(200);
  });

  // A browser and a dozen requests on a shared CI machine: more than the default minute.
  it('records the phone only with the consent box ticked, and says where messages go', async () => {
    const { page, number } = await clerkWithCase();
    const notify = page.getByTestId('notify');
    await notify.waitFor();
    // Without consent the button does nothing: it is disabled.
    expect(await page.getByTestId('notify-save').isDisabled()).toBe(true);
    await notify.locator('input[name="notify.phone"]').fill('12 34');
    await notify.locator('input[name="notify.consent"]').check();
    await page.getByTestId('notify-save').click();
    // A phone that is not whole is refused here, in Tajik, and nothing is recorded.
    await notify.getByRole('alert').filter({ hasText: '+992' }).waitFor();
    const recipients = new CaseRecipientRepository(server.db);
    expect(await recipients.find(number)).toBeUndefined();

    await notify.locator('input[name="notify.phone"]').fill('90 123 45 67');
    await notify.locator('select[name="notify.language"]').selectOption('ru');
    await page.getByTestId('notify-save').click();
    await page.getByTestId('notify-recorded').filter({ hasText: '+992901234567' }).waitFor();
    await page.screenshot({ path: screenshotFile(`counter-case-notify-${dialect}.png`) });
    expect(await seriousViolations(page)).toEqual([]);

    expect(await recipients.find(number)).toMatchObject({
      phone: '+992901234567',
      language: 'ru',
    });
    const token = await login(server.url, 'clerk1');
    const c = await request(server.url, 'GET', `/api/cases/${number}`, { token });
    const history = c.body.case.history as Array<{ action: string; changes?: string[] }>;
    expect(history.some((h) => h.action === 'edited' && h.changes?.includes('notify'))).toBe(true);
    // The case says it has a consented phone, masked but the last 3 digits.
    expect(c.body.case.notify).toEqual({ phone: '+•••••••••567', language: 'ru' });
    // The form stays in step with the server: what is ticked after the consent still saves.
    await page.locator('input[name="doc.medical_birth_notice"]').check();
    await waitFor(async () => {
      const now = await request(server.url, 'GET', `/api/cases/${number}`, { token });
      const docs = now.body.case.documents as Array<{ code: string; received: boolean }>;
      return docs.some((d) => d.code === 'medical_birth_notice' && d.received);
    }, 'a document saved after the consent');
    // A reload mid-case: the console still says where the case's messages go.
    await page.reload();
    await page.getByTestId('case-number').filter({ hasText: number }).waitFor();
    await page.getByTestId('notify-recorded').filter({ hasText: '567' }).waitFor();
    // The receipt carries the case's one-time Telegram link; the applicant's /start binds the chat.
    await page.getByTestId('print-receipt').click();
    const href = await page.getByTestId('receipt-telegram').locator('a').getAttribute('href');
    const code = /^https:\/\/t\.me\/navbat_kulob_bot\?start=([\w-]+)$/.exec(href ?? '')?.[1];
    expect(code).toBeDefined();
    // A draft's receipt says it is not sent yet (not that the documents went to the registrar).
    expect(await page.getByTestId('receipt-next').textContent()).toContain(
      'Ариза ҳоло фиристода нашудааст',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotFile(`counter-receipt-telegram-${dialect}.png`) });
    bot.write(2718, `/start ${code}`);
    await waitFor(
      async () => (await recipients.find(number))?.telegramChat === 'tg:2718',
      'the chat bound to the case',
    );
    await page.getByTestId('receipt-close').click();
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
