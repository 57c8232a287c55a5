/**
 * Completing a ticket whose case holds typing the server has not taken (a marked field: a last name
 * without the first name) asks first. Enter completed it and called the next citizen without a
 * word, and the case stayed as last saved (a tester's find).
 */
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { login, request } from '../server/src/testing/client';
import { launchChromium, screenshotFile } from './browser';
import { waitFor } from '../server/src/testing/wait';

describe('a case with typing not saved', () => {
  let server: TestServer;
  let browser: Browser;
  const pageErrors: string[] = [];

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

  async function issue(service: string): Promise<{ id: string; number: string }> {
    const res = await request(server.url, 'POST', '/api/offices/kulob/tickets', {
      body: { service },
    });
    expect(res.status).toBe(201);
    return res.body.ticket;
  }

  /** `username` at `window` calls `ticket` (F1) and opens its case (F2). */
  async function openCase(
    username: string,
    window: string,
    ticket: string,
  ): Promise<{ page: Page; caseNumber: string | undefined }> {
    const page: Page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.url}/counter/?office=kulob&lang=en`);
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill('demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId(`window-${window}`).click();
    await page.getByTestId(`call-${ticket}`).waitFor();
    await page.keyboard.press('F1');
    await page.getByTestId('current-number').filter({ hasText: ticket }).waitFor();
    await page.keyboard.press('F2');
    await page.getByTestId('case-number').waitFor();
    const caseNumber = ((await page.getByTestId('case-number').textContent()) ?? '').match(
      /[A-Z]+-\d{4}-\d+/,
    )?.[0];
    return { page, caseNumber };
  }

  async function statusOf(id: string): Promise<string | undefined> {
    return (await server.db.models.Ticket.findByPk(id))?.status;
  }

  it('asks before Enter completes it, and Escape keeps the citizen at the window', async () => {
    const marriage = await issue('marriage');
    const next = await issue('marriage');
    const { page, caseNumber } = await openCase('clerk1', '4', marriage.number);
    expect(caseNumber).toBeDefined();
    // A last name without the first: the applicant cannot be saved yet.
    await page.locator('[name="applicant.lastName"]').fill('Назарова');
    await page.getByTestId('current-number').click();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('dialog-text');
    await dialog.waitFor();
    expect(await page.locator('counter-window-dialog h2').innerText()).toContain(caseNumber!);
    expect(await statusOf(marriage.id)).not.toBe('done');
    await page.screenshot({ path: screenshotFile('counter-unsaved-case.png') });
    // Escape: nothing happens, the citizen and the typing are still there.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await statusOf(marriage.id)).not.toBe('done');
    expect(await page.locator('[name="applicant.lastName"]').inputValue()).toBe('Назарова');

    // Filled in, the case saves and Enter completes at once, and calls the next citizen.
    await page.locator('[name="applicant.firstName"]').fill('Зарина');
    await page.getByTestId('current-number').click();
    await page.keyboard.press('Enter');
    await page.getByTestId('current-number').filter({ hasText: next.number }).waitFor();
    expect(await statusOf(marriage.id)).toBe('done');
    const saved = await request(server.url, 'GET', `/api/cases/${caseNumber}`, {
      token: await login(server.url, 'clerk1'),
    });
    expect(saved.body.case.applicant).toMatchObject({ lastName: 'Назарова', firstName: 'Зарина' });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('sends typing of a connection outage once the server answers again', async () => {
    const death = await issue('death');
    const { page, caseNumber } = await openCase('clerk2', '2', death.number);
    const token = await login(server.url, 'clerk2');
    const saved = async () =>
      (await request(server.url, 'GET', `/api/cases/${caseNumber}`, { token })).body.case;
    await page.locator('[name="applicant.lastName"]').fill('Назарова');
    await page.locator('[name="applicant.firstName"]').fill('Зарина');
    await waitFor(async () => (await saved()).applicant?.firstName === 'Зарина', 'the name saved');
    // The server goes away (a restart): the case's saves find no one.
    await page.route('**/api/cases/**', (route) =>
      route.request().method() === 'PATCH' ? route.abort('connectionrefused') : route.continue(),
    );
    await page.locator('[name="applicant.middleName"]').fill('Каримовна');
    await page.locator('[name="applicant.middleName"]').press('Tab');
    await page.getByRole('alert').first().waitFor();
    await page.screenshot({ path: screenshotFile('counter-case-outage.png') });
    // Back: the patronymic goes by itself, and the notice goes with it.
    await page.unroute('**/api/cases/**');
    await waitFor(
      async () => (await saved()).applicant?.middleName === 'Каримовна',
      'the patronymic typed in the outage saved',
    );
    await page.getByTestId('save-state').filter({ hasText: 'Saved' }).waitFor();
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
