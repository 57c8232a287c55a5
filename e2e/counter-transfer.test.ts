/**
 * Transferring a ticket to another window, in a real browser with two clerks signed in: the dialog
 * says who is at each window (staffed open ones first), and a window nobody holds takes a second
 * confirm after a warning, while a staffed one still goes with one.
 */
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { login, request } from '../server/src/testing/client';
import { launchChromium, screenshotFile, seriousViolations } from './browser';

const OFFICE = '/api/offices/kulob';

// On SQLite only: the transfer itself runs on both databases in the server's tests; here the
// console's dialog is under test.
describe('transferring a ticket to another window', () => {
  let server: TestServer;
  let browser: Browser;
  let zarina: Page; // clerk1, window 3: transfers
  let nigora: Page; // clerk3, window 5: the staffed target

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    zarina = await signIn('clerk1', '3');
    nigora = await signIn('clerk3', '5');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(username: string, window: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/counter/?office=kulob`);
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill('demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId(`window-${window}`).click();
    await page.getByTestId('cmd-call-next').waitFor();
    return page;
  }

  /** Issues a marriage ticket and calls it to Zarina's window. */
  async function callOne(): Promise<{ id: string; number: string }> {
    const res = await request(server.url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'marriage' },
    });
    expect(res.status).toBe(201);
    const ticket = res.body.ticket as { id: string; number: string };
    await zarina.keyboard.press('F1');
    await zarina.getByTestId('current-number').filter({ hasText: ticket.number }).waitFor();
    return ticket;
  }

  async function openTransferToWindow(): Promise<void> {
    await zarina.keyboard.press('KeyT');
    await zarina.locator('counter-window-dialog input[value="counter"]').check();
    await zarina.getByTestId('transfer-counter').waitFor();
  }

  /** The ticket as staff see it in the office's queue (with the window it was sent to). */
  async function ticket(id: string): Promise<{ status: string; targetCounter?: string }> {
    const token = await login(server.url, 'clerk4');
    const queue = await request(server.url, 'GET', `${OFFICE}/queue`, { token });
    const tickets = queue.body.tickets as Array<{ id: string; status: string }>;
    return tickets.find((t) => t.id === id) ?? { status: 'gone' };
  }

  it('lists the staffed window first with its clerk, and marks the windows nobody holds', async () => {
    await callOne();
    await openTransferToWindow();
    const options = await zarina
      .getByTestId('transfer-counter')
      .locator('option')
      .evaluateAll((all) =>
        all.map((o) => ({
          value: o.getAttribute('value'),
          warning: o.getAttribute('data-warning'),
          text: (o.textContent ?? '').trim(),
        })),
      );
    expect(options.map((o) => o.value)).toEqual(['5', '1', '2', '4', '6']);
    expect(options[0]).toEqual({
      value: '5',
      warning: 'none',
      text: 'Равзанаи 5 — Нигора Саидова',
    });
    for (const unstaffed of options.slice(1)) {
      expect(unstaffed).toEqual({
        value: unstaffed.value,
        warning: 'empty',
        text: `Равзанаи ${unstaffed.value} — дар равзана касе нест`,
      });
    }
    await zarina.getByTestId('dialog-cancel').click();
    await zarina.keyboard.press('KeyC');
    await zarina.getByTestId('current-number').waitFor({ state: 'detached' });
  });

  it('asks again before sending a citizen to a window nobody holds', async () => {
    const sent = await callOne();
    await openTransferToWindow();
    await zarina.getByTestId('transfer-counter').selectOption('4');
    await zarina.getByTestId('dialog-confirm').click();
    // Warned, not sent: the citizen is still at Zarina's window.
    await zarina.getByTestId('transfer-warning').filter({ hasText: 'равзанаи 4' }).waitFor();
    await zarina.getByTestId('dialog-confirm').filter({ hasText: 'Бо вуҷуди ин' }).waitFor();
    await zarina.screenshot({ path: screenshotFile('counter-transfer-warning.png') });
    expect(await seriousViolations(zarina)).toEqual([]);
    expect(await ticket(sent.id)).toMatchObject({ status: 'called' });
    // The second confirm sends them.
    await zarina.getByTestId('dialog-confirm').click();
    await zarina.getByTestId('info').filter({ hasText: sent.number }).waitFor();
    expect(await ticket(sent.id)).toMatchObject({ status: 'waiting', targetCounter: '4' });
    // The note turns with the console's language (it stayed in the one it was shown in).
    const language = zarina.locator('counter-header select');
    await language.selectOption('ru');
    await zarina
      .getByTestId('info')
      .filter({ hasText: `Талон ${sent.number} переведён` })
      .waitFor();
    await language.selectOption('tg');
  });

  it('sends to a staffed window with one confirm, also after a warning about another', async () => {
    const sent = await callOne();
    await openTransferToWindow();
    await zarina.getByTestId('transfer-counter').selectOption('6');
    await zarina.getByTestId('dialog-confirm').click();
    await zarina.getByTestId('transfer-warning').waitFor();
    // Another choice drops the warning: Nigora's window takes the citizen at once.
    await zarina.getByTestId('transfer-counter').selectOption('5');
    await zarina.getByTestId('transfer-warning').waitFor({ state: 'detached' });
    await zarina.getByTestId('dialog-confirm').click();
    await zarina.getByTestId('info').filter({ hasText: sent.number }).waitFor();
    expect(await ticket(sent.id)).toMatchObject({ status: 'waiting', targetCounter: '5' });
    await nigora.getByTestId(`call-${sent.number}`).waitFor();
    expect(await nigora.getByTestId(`call-${sent.number}`).isEnabled()).toBe(true);
    // Sent to window 5: no other window offers to call it (the server refuses such a call).
    await zarina.getByTestId(`call-${sent.number}`).waitFor();
    expect(await zarina.getByTestId(`call-${sent.number}`).isDisabled()).toBe(true);
    // L (call from the list) passes over the tickets sent elsewhere, above (it focused nothing).
    const next = await request(server.url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'marriage' },
    });
    const nextNumber = (next.body.ticket as { number: string }).number;
    const nextCall = `[data-testid="call-${nextNumber}"]`;
    await zarina.locator(nextCall).waitFor();
    await zarina.keyboard.press('KeyL');
    await zarina.locator(`${nextCall}:focus`).waitFor();
    // Enter calls it; C completes it.
    await zarina.keyboard.press('Enter');
    await zarina.getByTestId('current-number').filter({ hasText: nextNumber }).waitFor();
    await zarina.keyboard.press('KeyC');
    await zarina.getByTestId('current-number').waitFor({ state: 'detached' });
    const token = await login(server.url, 'clerk4');
    const elsewhere = await request(server.url, 'POST', `${OFFICE}/counters/4/call`, {
      token,
      body: { ticketId: sent.id },
    });
    expect([elsewhere.status, elsewhere.body.error.details]).toEqual([
      409,
      { reason: 'sent_to_window', counter: '5' },
    ]);
  });

  it('follows the windows while open: a clerk sitting down moves their window up, the pick stays', async () => {
    const sent = await callOne();
    await openTransferToWindow();
    const list = zarina.getByTestId('transfer-counter');
    await list.selectOption('6');
    await zarina.getByTestId('dialog-confirm').click();
    await zarina.getByTestId('transfer-warning').filter({ hasText: 'равзанаи 6' }).waitFor();
    // Firuz takes window 4 (and then window 6) while the dialog stays open.
    const firuz = await login(server.url, 'clerk2');
    const took = await request(server.url, 'POST', `${OFFICE}/counters/4/session`, {
      token: firuz,
    });
    expect(took.status).toBe(200);
    await list.locator('option[value="4"][data-warning="none"]').waitFor({ state: 'attached' });
    const values = () =>
      list.locator('option').evaluateAll((all) => all.map((o) => o.getAttribute('value')));
    expect(await values()).toEqual(['4', '5', '1', '2', '6']);
    // The clerk's pick is still window 6, though it moved down the list.
    expect(await list.inputValue()).toBe('6');
    await zarina.getByTestId('transfer-warning').filter({ hasText: 'равзанаи 6' }).waitFor();
    expect(await ticket(sent.id)).toMatchObject({ status: 'called' });
    // Firuz moves to window 6: the warning about it no longer holds, and one confirm sends there.
    const moved = await request(server.url, 'POST', `${OFFICE}/counters/6/session`, {
      token: firuz,
    });
    expect(moved.status).toBe(200);
    await list.locator('option[value="6"][data-warning="none"]').waitFor({ state: 'attached' });
    await zarina.getByTestId('transfer-warning').waitFor({ state: 'detached' });
    expect(await list.inputValue()).toBe('6');
    await zarina.getByTestId('dialog-confirm').click();
    await zarina.getByTestId('info').filter({ hasText: sent.number }).waitFor();
    expect(await ticket(sent.id)).toMatchObject({ status: 'waiting', targetCounter: '6' });
  });

  it('keeps a priority ticket sent to a window whole in its row at 1024×768, tags inside', async () => {
    const token = await login(server.url, 'clerk1');
    const res = await request(server.url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'marriage', priority: 'disability' },
    });
    const { id, number } = res.body.ticket as { id: string; number: string };
    const call = { token, body: { ticketId: id } };
    expect((await request(server.url, 'POST', `${OFFICE}/counters/3/call`, call)).status).toBe(200);
    const sent = { token, body: { counter: '4' } };
    expect((await request(server.url, 'POST', `/api/tickets/${id}/transfer`, sent)).status).toBe(
      200,
    );
    await nigora.setViewportSize({ width: 1024, height: 768 });
    await nigora.locator('counter-header select').selectOption('ru');
    const row = nigora.getByTestId(`row-${number}`);
    await row.locator('.tag.sent').waitFor();
    // Each tag ends before the minutes begin (a long priority and "В окно 4" ran over them).
    const waited = (await row.locator('.waited').boundingBox())!;
    for (const tag of await row.locator('.tag').all()) {
      const box = (await tag.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(waited.x);
    }
    await nigora.screenshot({ path: screenshotFile('counter-row-tags-1024.png') });
    await nigora.locator('counter-header select').selectOption('tg');
    await nigora.setViewportSize({ width: 1366, height: 768 });
  });
});
