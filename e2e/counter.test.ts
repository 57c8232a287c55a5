/**
 * The single window in a real browser: a clerk opens and submits a birth case at window 3, the back
 * office registers it and marks it ready, and at pickup the clerk at window 5 gets the same case and
 * marks it issued. Pages are checked with axe-core; screenshots go to docs/screenshots.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { login, request } from '../server/src/testing/client';
import { waitFor } from '../server/src/testing/wait';
import { launchChromium, screenshotFile, seriousViolations } from './browser';

describe('the counter console on sqlite', () => {
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

  async function signIn(username: string, where: BrowserContextOptions = {}): Promise<Page> {
    // A fresh context per person: its own session and remembered window.
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, ...where });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${username}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 409/.test(message.text())) {
        pageErrors.push(`${username}: ${message.text()} (${message.location().url})`);
      }
    });
    await page.goto(`${server.url}/counter/?office=kulob`);
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill('demo');
    await page.getByTestId('login-submit').click();
    return page;
  }

  async function takeWindow(page: Page, n: string): Promise<void> {
    await page.getByTestId(`window-${n}`).click();
    await page.getByTestId('cmd-call-next').waitFor();
  }

  async function issue(body: Record<string, string>): Promise<string> {
    const res = await request(server.url, 'POST', '/api/offices/kulob/tickets', { body });
    expect(res.status).toBe(201);
    return res.body.ticket.number as string;
  }

  async function fill(page: Page, name: string, value: string): Promise<void> {
    await page.locator(`[name="${name}"]`).fill(value);
  }

  /** The birth date box of a person of the form (`applicant`, `child`, …), found by its label. */
  function birthDate(page: Page, person: string) {
    return page.getByTestId(`person-${person}`).getByLabel('Санаи таваллуд');
  }

  it('opens, fills and submits a case; the back office registers it; pickup issues it', async () => {
    // An American browser: its own date boxes would want 04/12/1996; the office types 12.04.1996.
    const clerk = await signIn('clerk1', { locale: 'en-US', timezoneId: 'America/New_York' });
    await takeWindow(clerk, '3');
    const number = await issue({ service: 'birth' });
    await clerk.getByTestId(`call-${number}`).waitFor();
    await clerk.keyboard.press('F1');
    await clerk.getByTestId('current-number').filter({ hasText: number }).waitFor();
    await clerk.getByTestId('service-timer').waitFor();

    // F2: the case of the citizen at the window, created on the spot (one key).
    await clerk.keyboard.press('F2');
    await clerk.getByTestId('case-number').waitFor();
    const caseNumber = ((await clerk.getByTestId('case-number').textContent()) ?? '').match(
      /[A-Z]+-\d{4}-\d+/,
    )?.[0];
    expect(caseNumber).toBeDefined();
    // Submitting an empty case lists what is missing instead.
    await clerk.getByTestId('case-to-submitted').click();
    await clerk.getByTestId('blockers').filter({ hasText: 'аризадиҳанда' }).waitFor();
    await fill(clerk, 'applicant.lastName', 'Раҳимова');
    await fill(clerk, 'applicant.firstName', 'Мавҷуда');
    await clerk.locator('[name="applicant.idType"]').selectOption('passport');
    await fill(clerk, 'applicant.idNumber', 'A1234567');
    await birthDate(clerk, 'applicant').fill('12.04.1996');
    await fill(clerk, 'child.lastName', 'Раҳимов');
    await fill(clerk, 'child.firstName', 'Фирӯз');
    await birthDate(clerk, 'child').fill('20.11.2026');
    await clerk.locator('[name="child.sex"]').selectOption('m');
    // A newborn is asked no passport, address or phone; the birth date is entered once.
    expect(await clerk.locator('[name="child.idNumber"], [name="child.phone"]').count()).toBe(0);
    expect(await clerk.locator('[name="details.birthDate"]').count()).toBe(0);
    await fill(clerk, 'mother.lastName', 'Раҳимова');
    await fill(clerk, 'mother.firstName', 'Мавҷуда');
    await birthDate(clerk, 'mother').fill('1996-04-12');
    await clerk.locator('[name="mother.idType"]').selectOption('passport');
    await fill(clerk, 'mother.idNumber', 'A1234567');
    await fill(clerk, 'details.placeOfBirth', 'Кӯлоб');
    await clerk.locator('[name="doc.medical_birth_notice"]').check();
    await clerk.locator('[name="doc.mother_passport"]').check();
    // Autosave: the edits reach the server without a "save" button.
    await clerk.getByTestId('save-state').filter({ hasText: 'Нигоҳ дошта шуд' }).waitFor();
    await clerk.locator('counter-case-panel .body').evaluate((el) => el.scrollTo(0, 0));
    await clerk.screenshot({ path: screenshotFile('counter-case.png') });
    expect(await seriousViolations(clerk)).toEqual([]);

    // Someone else saves while the clerk's typing is not saved yet: the change arrives live, the
    // panel freezes as a conflict, the typing stays on screen and nothing of theirs is overwritten.
    const other = await login(server.url, 'clerk4');
    const seen = await request(server.url, 'GET', `/api/cases/${caseNumber}`, { token: other });
    // The days typed dd.mm.yyyy (or pasted as stored) reach the server as calendar dates.
    expect(seen.body.case.applicant.birthDate).toBe('1996-04-12');
    expect(seen.body.case.details.birthDate).toBe('2026-11-20');
    expect(await birthDate(clerk, 'mother').inputValue()).toBe('12.04.1996');
    await fill(clerk, 'applicant.address', 'ш. Кӯлоб');
    const theirs = await request(server.url, 'PATCH', `/api/cases/${caseNumber}`, {
      token: other,
      body: { version: seen.body.case.version, fee: { paid: true, receipt: '77-123' } },
    });
    expect(theirs.status).toBe(200);
    await clerk.getByTestId('conflict').waitFor();
    expect(await clerk.locator('[name="applicant.address"]').inputValue()).toBe('ш. Кӯлоб');
    const kept = await request(server.url, 'GET', `/api/cases/${caseNumber}`, { token: other });
    expect(kept.body.case.applicant.address).toBeUndefined();
    expect(kept.body.case.fee).toEqual({ paid: true, receipt: '77-123' });
    await clerk.getByTestId('conflict').getByRole('button').click();
    await clerk.getByTestId('conflict').waitFor({ state: 'detached' });
    expect(await clerk.locator('[name="fee.receipt"]').inputValue()).toBe('77-123');
    // Typed and the page reloaded at once (F5 within the autosave's moment): nothing is lost.
    await fill(clerk, 'applicant.address', 'ш. Кӯлоб, кӯч. Сомонӣ 5');
    await clerk.reload();
    await clerk.locator('[name="applicant.address"]').waitFor();
    // (The save left with the old page; the new one may have read the case a moment before it.)
    await waitFor(async () => {
      const now = await request(server.url, 'GET', `/api/cases/${caseNumber}`, { token: other });
      return now.body.case.applicant.address === 'ш. Кӯлоб, кӯч. Сомонӣ 5' || undefined;
    }, 'the edit typed before the reload, saved');
    await waitFor(
      async () =>
        (await clerk.locator('[name="applicant.address"]').inputValue()) ===
          'ш. Кӯлоб, кӯч. Сомонӣ 5' || undefined,
      'the edit on screen after the reload',
    );
    // Typing the server cannot take yet (the first name emptied: the section is not sent) is kept
    // by the tab over a reload, still marked, and saved once the section is whole.
    await fill(clerk, 'applicant.firstName', '');
    await fill(clerk, 'applicant.middleName', 'Каримовна');
    await clerk.getByTestId('save-state').filter({ hasText: 'Майдонҳои қайдшударо' }).waitFor();
    await clerk.reload();
    await waitFor(
      async () =>
        (await clerk.locator('[name="applicant.middleName"]').inputValue()) === 'Каримовна' ||
        undefined,
      'the unsaved typing back after the reload',
    );
    expect(await clerk.locator('[name="applicant.firstName"]').inputValue()).toBe('');
    await fill(clerk, 'applicant.firstName', 'Мавҷуда');
    await waitFor(async () => {
      const now = await request(server.url, 'GET', `/api/cases/${caseNumber}`, { token: other });
      return now.body.case.applicant.middleName === 'Каримовна' || undefined;
    }, 'the kept typing saved once whole');

    await clerk.getByTestId('case-to-submitted').click();
    await clerk
      .getByTestId('case-status')
      .filter({ hasText: /Фиристода/ })
      .waitFor();

    // The receipt is a printable page of the documents received.
    await clerk.getByTestId('print-receipt').click();
    await clerk.getByTestId('receipt').filter({ hasText: 'Шаҳодатномаи тиббӣ' }).waitFor();
    await clerk.screenshot({ path: screenshotFile('counter-receipt.png') });
    expect(await seriousViolations(clerk)).toEqual([]);
    await clerk.getByTestId('receipt-close').click();
    await clerk.keyboard.press('KeyC');
    await clerk.getByTestId('current').filter({ hasNotText: number }).waitFor();

    const back = await signIn('back1');
    // Cases listed, none open yet: the empty side asks for one rather than saying there are none.
    await back.getByTestId('worklist').locator(`[data-case="${caseNumber}"]`).waitFor();
    await back
      .getByTestId('bo-no-case')
      .filter({ hasText: 'Парвандаро аз рӯйхат интихоб кунед.' })
      .waitFor();
    await back.getByTestId('worklist').locator(`[data-case="${caseNumber}"]`).click();
    await back.getByTestId('history').waitFor();
    // The details' dates read the office's way, as the people's do (the child's day was ISO).
    const facts = (await back.getByTestId('case-facts').textContent()) ?? '';
    expect(facts).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // The birth's date (the child's) once, on its own "date of birth" line.
    expect(facts.split('20.11.2026')).toHaveLength(2);
    expect(facts).toMatch(/Санаи таваллуд\s*20\.11\.2026/);
    // All the registrar registers from: the child's sex, the applicant's passport and address.
    expect(facts).toContain('Раҳимов Фирӯз, Мард');
    expect(facts).toContain('Шиноснома A1234567, Суроға: ш. Кӯлоб, кӯч. Сомонӣ 5');
    expect(await seriousViolations(back)).toEqual([]);
    await back.screenshot({ path: screenshotFile('counter-backoffice.png') });
    await back.getByTestId('bo-to-registered').click();
    // Registering cannot be undone: it asks first.
    await back.getByTestId('dialog-confirm').click();
    await back.getByTestId('act-record').waitFor();
    await back.getByTestId('bo-to-ready').click();
    await back.getByTestId('certificate').waitFor();
    await back.getByTestId('case-search').fill('Раҳимова');
    await back.getByTestId('case-status-filter').selectOption('');
    await back.getByTestId('worklist').locator(`[data-case="${caseNumber}"]`).waitFor();

    const receipt = await request(server.url, 'GET', `/api/cases/${caseNumber}`, {
      token: await login(server.url, 'clerk2'),
    });
    const pickup = await issue({
      service: 'pickup',
      caseNumber: caseNumber ?? '',
      pickupCode: receipt.body.case.pickupCode as string,
    });
    const clerk5 = await signIn('clerk2');
    await takeWindow(clerk5, '5');
    await clerk5.keyboard.press('F1');
    await clerk5.getByTestId('current-number').filter({ hasText: pickup }).waitFor();
    await clerk5
      .getByTestId('case-number')
      .filter({ hasText: caseNumber ?? '' })
      .waitFor();
    await clerk5.getByTestId('case-to-issued').click();
    await clerk5.getByTestId('dialog-confirm').click();
    await clerk5
      .getByTestId('case-status')
      .filter({ hasText: /Супорида/ })
      .waitFor();
    expect(await seriousViolations(clerk5)).toEqual([]);

    expect(pageErrors).toEqual([]);
  });

  it('transfers with a note, calls from the list and pauses the window', async () => {
    const clerk = await signIn('clerk3');
    await takeWindow(clerk, '1');
    const first = await issue({ service: 'consultation' });
    const second = await issue({ service: 'consultation' });
    await clerk.getByTestId(`call-${second}`).click();
    await clerk.getByTestId('current-number').filter({ hasText: second }).waitFor();

    await clerk.keyboard.press('KeyT');
    await clerk.getByTestId('transfer-service').selectOption('birth');
    await clerk.getByTestId('transfer-note').fill('Ҳуҷҷатҳо санҷида шуданд');
    expect(await seriousViolations(clerk)).toEqual([]);
    await clerk.getByTestId('dialog-confirm').click();
    await clerk.getByTestId('info').waitFor();
    const ticket = await request(server.url, 'GET', '/api/offices/kulob/queue', {
      token: await login(server.url, 'clerk4'),
    });
    const moved = (ticket.body.tickets as { number: string; service: string }[]).find(
      (t) => t.number === second,
    );
    expect(moved?.service).toBe('birth');

    await clerk.keyboard.press('KeyP');
    // Typed over the suggestion as a clerk types (it was appended to it; a tester's find).
    await clerk.getByTestId('pause-reason').waitFor();
    await clerk.keyboard.type('Танаффуси нисфирӯзӣ');
    expect(await clerk.getByTestId('pause-reason').inputValue()).toBe('Танаффуси нисфирӯзӣ');
    await clerk.getByTestId('dialog-confirm').click();
    await clerk.getByTestId('paused').filter({ hasText: 'Танаффуси нисфирӯзӣ' }).waitFor();
    expect(await seriousViolations(clerk)).toEqual([]);
    // Paused, the window calls nobody: its button is off, and F1 gets the hint to resume first.
    expect(await clerk.getByTestId('cmd-call-next').isDisabled()).toBe(true);
    await clerk.keyboard.press('F1');
    await clerk.getByTestId('error').waitFor();
    // Resuming takes a moment (held back here); F1 pressed meanwhile is kept and runs after it.
    await clerk.route('**/resume', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 700));
      await route.continue();
    });
    await clerk.keyboard.press('KeyP');
    await clerk.keyboard.press('F1');
    await clerk.keyboard.press('F1');
    await clerk.getByTestId('paused').waitFor({ state: 'detached' });
    await clerk.getByTestId('current-number').filter({ hasText: first }).waitFor();
    // The second F1 repeated the kept one: no second citizen was called, no error shown.
    await clerk.waitForTimeout(500);
    expect(await clerk.getByTestId('error').count()).toBe(0);
    const after = await request(server.url, 'GET', '/api/offices/kulob/queue', {
      token: await login(server.url, 'clerk4'),
    });
    const atWindow = (after.body.tickets as { counter?: string; status: string }[]).filter(
      (t) => t.counter === '1' && (t.status === 'called' || t.status === 'serving'),
    );
    expect(atWindow).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });
});
