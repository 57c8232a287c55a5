/**
 * The registrar reads why an action was refused: a birth registered already by another case, or a
 * case another registrar moved a moment before. The worklist reloads after every action (and every
 * 20 s); that reload once wiped the refusal before it was drawn, so Register seemed to do nothing.
 */
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { login, request } from '../server/src/testing/client';
import { launchChromium, screenshotFile } from './browser';

const OFFICE = '/api/offices/kulob';
const mother = {
  lastName: 'Саидова',
  firstName: 'Нигора',
  birthDate: '1995-03-02',
  sex: 'f',
  idDocument: { type: 'passport', number: 'B7654321' },
};

describe('refusals in the back office', () => {
  let server: TestServer;
  let browser: Browser;
  let clerk: string;
  let back: string;
  let births = 0;
  const pageErrors: string[] = [];
  const api = (method: string, path: string, token: string, body?: unknown) =>
    request(server.url, method, path, { token, body });

  /** A birth case opened from a called ticket, filled and submitted; `day`: the child's birthday. */
  async function submittedBirth(day: string): Promise<{ number: string; version: number }> {
    const issued = await request(server.url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'birth' },
    });
    expect((await api('POST', `${OFFICE}/counters/1/call-next`, clerk)).status).toBe(200);
    const opened = await api('POST', '/api/cases', clerk, {
      ticketId: issued.body.ticket.id,
      type: 'birth',
    });
    expect(opened.status).toBe(201);
    await api('POST', `/api/tickets/${issued.body.ticket.id}/complete`, clerk);
    const child = { lastName: 'Саидова', firstName: 'Малика', birthDate: day, sex: 'f' };
    const filled = await api('PATCH', `/api/cases/${opened.body.case.number}`, clerk, {
      version: opened.body.case.version,
      applicant: { ...mother, idDocument: { type: 'passport', number: `B76543${births++}` } },
      subjects: [
        { role: 'child', person: child },
        { role: 'mother', person: mother },
      ],
      details: { placeOfBirth: 'Кӯлоб', birthDate: day },
      documents: [
        { code: 'medical_birth_notice', received: true },
        { code: 'mother_passport', received: true },
      ],
    });
    expect(filled.status).toBe(200);
    const submitted = await api(
      'POST',
      `/api/cases/${opened.body.case.number}/transitions`,
      clerk,
      {
        to: 'submitted',
        version: filled.body.case.version,
      },
    );
    expect(submitted.status).toBe(200);
    return submitted.body.case;
  }

  async function registrar(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.url}/counter/?office=kulob&lang=en`);
    await page.locator('input[name="username"]').fill('back1');
    await page.locator('input[name="password"]').fill('demo');
    await page.getByTestId('login-submit').click();
    return page;
  }

  /** Presses Register on the case shown and confirms; waits for the worklist's reload after it. */
  async function register(page: Page): Promise<void> {
    const reloaded = page.waitForResponse(
      (r) => r.url().includes('/api/cases?') && r.request().method() === 'GET',
    );
    await page.getByTestId('bo-to-registered').click();
    await page.getByTestId('dialog-confirm').click();
    await reloaded;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({ database: 'sqlite' }),
      launchChromium(),
    ]);
    clerk = await login(server.url, 'clerk1');
    back = await login(server.url, 'back1');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('names the case that registered the same birth, and the refused case stays submitted', async () => {
    const first = await submittedBirth('2026-12-01');
    const second = await submittedBirth('2026-12-01');
    const won = await api('POST', `/api/cases/${first.number}/transitions`, back, {
      to: 'registered',
      version: first.version,
    });
    expect(won.status).toBe(200);

    const page = await registrar();
    await page.getByTestId('worklist').locator(`[data-case="${second.number}"]`).click();
    await page.getByTestId('bo-status').filter({ hasText: 'Submitted' }).waitFor();
    await register(page);
    const shown = page.getByTestId('bo-error');
    await shown.waitFor();
    expect(await shown.innerText()).toContain(first.number);
    expect(await page.getByTestId('bo-status').innerText()).toBe('Submitted');
    await page.screenshot({ path: screenshotFile('counter-back-office-refused.png') });
    // The worklist's next reload (every 20 s, here by hand) leaves the message in place.
    await page.getByTestId('case-status-filter').selectOption('');
    await page.getByTestId('worklist').locator(`[data-case="${first.number}"]`).waitFor();
    expect(await shown.innerText()).toContain(first.number);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('says another registrar moved the case first, and shows the case as it is now', async () => {
    const c = await submittedBirth('2026-12-02');
    const page = await registrar();
    await page.getByTestId('worklist').locator(`[data-case="${c.number}"]`).click();
    await page.getByTestId('bo-status').filter({ hasText: 'Submitted' }).waitFor();
    // A colleague registers it between this registrar's press and the request reaching the server.
    await page.route(`**/api/cases/${c.number}/transitions`, async (route) => {
      const moved = await api('POST', `/api/cases/${c.number}/transitions`, back, {
        to: 'registered',
        version: c.version,
      });
      expect(moved.status).toBe(200);
      await route.continue();
    });
    await register(page);
    const shown = page.getByTestId('bo-error');
    await shown.waitFor();
    expect(await shown.innerText()).toContain('Someone else changed this');
    await page.getByTestId('bo-status').filter({ hasText: 'Registered' }).waitFor();
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
