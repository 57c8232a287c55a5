/**
 * The clerk's day in a real browser, two consoles side by side: one window one clerk (who holds which
 * window, asking before a takeover, the other console dropped to the window list at once), live case
 * work between the window and the back office, why each ticket was called, the no-show undo,
 * messages in the UI language that go when they stop being true (never a code or the server's
 * English), confirmations before what cannot be undone, Enter after F2 on a pickup, the kiosk
 * printer's state, and the waiting list at 1366×768 with 0, 9 and 40 tickets (axe).
 */
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { login, request } from '../server/src/testing/client';
import { launchChromium, screenshotFile, seriousViolations } from './browser';
import { DEMO_SERVICES } from '../db/seed/demo-office';
import { STAFF_WAITING_HEAD } from '../server/src/queue/snapshot';
import { counter as tgCounter } from '../ui/i18n/tg/counter';

const OFFICE = '/api/offices/kulob';
const mother = {
  lastName: 'Ғафурова',
  firstName: 'Зулфия',
  birthDate: '1996-04-12',
  sex: 'f',
  idDocument: { type: 'passport', number: 'A12345678' },
};
const child = { lastName: 'Ҷӯраев', firstName: 'Фирӯз', birthDate: '2026-11-20', sex: 'm' };

/** Every text a person can read on the page, shadow roots included. */
async function pageText(page: Page): Promise<string> {
  // A string, evaluated in the page (this file is compiled without the DOM types).
  return page.evaluate<string>(`(() => {
    const parts = [];
    const walk = (node) => {
      if (node.nodeType === 1 && ['STYLE', 'SCRIPT'].includes(node.tagName)) return;
      if (node.nodeType === 3) parts.push(node.textContent || '');
      if (node.nodeType === 1 && node.shadowRoot) walk(node.shadowRoot);
      node.childNodes.forEach(walk);
    };
    walk(document.body);
    return parts.join(' ');
  })()`);
}

// On SQLite only: what the consoles do here does not depend on the database. The commands behind
// them run on both databases in server/src/queue/counter-sessions.test.ts (who holds a window),
// clerk-day.test.ts (calls, no-show undo), server/src/http/counter-window.test.ts,
// server/src/registry/case-service.test.ts and server/src/printing/print-queue.test.ts; the case
// consent's console runs on MariaDB in chromium too (counter-case-notify.test.ts).
describe("the clerk's day in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  /** What the server said in refusals: none of it may reach a screen. */
  const serverWords = new Set<string>();
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${username}: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() < 400 || !response.url().includes('/api/')) return;
      void response
        .json()
        .then((body: { error?: { code?: string; message?: string } }) => {
          if (body.error?.message) serverWords.add(body.error.message);
          if (body.error?.code) serverWords.add(body.error.code);
        })
        .catch(() => undefined);
    });
    await page.goto(`${server.url}/counter/?office=kulob`);
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill('demo');
    await page.getByTestId('login-submit').click();
    return page;
  }

  async function issue(body: Record<string, string>): Promise<{ id: string; number: string }> {
    const res = await request(server.url, 'POST', `${OFFICE}/tickets`, { body });
    expect(res.status).toBe(201);
    return res.body.ticket;
  }

  /** Fails when a server refusal's words or code is on the page. */
  async function expectNoServerWords(page: Page): Promise<void> {
    const text = await pageText(page);
    for (const words of serverWords) expect(text).not.toContain(words);
    expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
  }

  let zarina: Page; // clerk1
  let nigora: Page; // clerk3

  it('gives one window to one clerk, asks before a takeover and drops the other console', async () => {
    zarina = await signIn('clerk1');
    await zarina.getByTestId('window-3').click();
    await zarina.getByTestId('cmd-call-next').waitFor();

    nigora = await signIn('clerk3');
    await nigora.getByTestId('window-3-clerk').filter({ hasText: 'Зарина Раҳимова' }).waitFor();
    await nigora.getByTestId('window-3').click();
    await nigora.getByTestId('dialog-text').filter({ hasText: 'Зарина Раҳимова' }).waitFor();
    await nigora.screenshot({ path: screenshotFile(`counter-takeover.png`) });
    expect(await seriousViolations(nigora)).toEqual([]);
    await nigora.getByTestId('dialog-confirm').click();
    await nigora.getByTestId('cmd-call-next').waitFor();
    await nigora.getByTestId('window-label').filter({ hasText: '3' }).waitFor();

    // The first console learns it at once and is back at the window list, told by whom.
    await zarina.getByTestId('error').filter({ hasText: 'Нигора Саидова' }).waitFor();
    await zarina.getByTestId('window-3-clerk').filter({ hasText: 'Нигора Саидова' }).waitFor();
    await zarina.screenshot({ path: screenshotFile(`counter-taken-over.png`) });
    expect(await seriousViolations(zarina)).toEqual([]);
    // Asking again and saying no changes nothing; another window is free to take.
    await zarina.getByTestId('window-3').click();
    await zarina.getByTestId('dialog-cancel').click();
    await zarina.getByTestId('window-5').click();
    await zarina.getByTestId('cmd-call-next').waitFor();
    await zarina.getByTestId('error').waitFor({ state: 'detached' });
    const audit = await request(server.url, 'GET', `${OFFICE}/audit?action=counter.takeover`, {
      token: await login(server.url, 'admin'),
    });
    expect(JSON.stringify(audit.body)).toContain('Нигора Саидова');
  });

  it('shows priority in the list and why each ticket was called; undoes a no-show', async () => {
    const ordinary = await issue({ service: 'marriage' });
    const elderly = await issue({ service: 'marriage', priority: 'elderly' });
    await nigora.getByTestId(`priority-${elderly.number}`).waitFor();
    await nigora.keyboard.press('F1');
    await nigora.getByTestId('current-number').filter({ hasText: elderly.number }).waitFor();
    await nigora.getByTestId('call-reason').filter({ hasText: 'имтиёз' }).waitFor();
    // A reload mid-ticket keeps the ticket and still says why it was called.
    const said = await nigora.getByTestId('call-reason').textContent();
    await nigora.reload();
    await nigora.getByTestId('current-number').filter({ hasText: elderly.number }).waitFor();
    await nigora
      .getByTestId('call-reason')
      .filter({ hasText: said ?? '' })
      .waitFor();
    await nigora.keyboard.press('KeyX');
    await nigora.getByTestId('undo-no-show').click();
    await nigora.getByTestId('info').filter({ hasText: elderly.number }).waitFor();
    await nigora.getByTestId('current-number').filter({ hasText: elderly.number }).waitFor();
    await nigora.getByTestId('current-status').filter({ hasText: 'Даъват' }).waitFor();
    await nigora.keyboard.press('KeyC');
    await nigora.getByTestId('current-number').filter({ hasText: ordinary.number }).waitFor({
      state: 'detached',
    });
    await nigora.keyboard.press('F1');
    await nigora.getByTestId('current-number').filter({ hasText: ordinary.number }).waitFor();
    await nigora.getByTestId('call-reason').waitFor();

    // R four times: the fourth is refused, said in Tajik with what to do.
    for (let i = 0; i < 4; i++) {
      await nigora.keyboard.press('KeyR');
      await nigora.getByTestId('cmd-recall').and(nigora.locator(':enabled')).waitFor();
    }
    await nigora.getByTestId('error').filter({ hasText: 'Наомад' }).waitFor();
    await expectNoServerWords(nigora);
    await nigora.keyboard.press('KeyC');

    // A transfer to another window carries its note there.
    const sent = await issue({ service: 'marriage' });
    await nigora.keyboard.press('F1');
    await nigora.getByTestId('current-number').filter({ hasText: sent.number }).waitFor();
    await nigora.keyboard.press('KeyT');
    await nigora.locator('counter-window-dialog input[value="counter"]').check();
    await nigora.getByTestId('transfer-counter').selectOption('5');
    await nigora.getByTestId('transfer-note').fill('Ҳуҷҷатҳо санҷида шуданд');
    await nigora.getByTestId('dialog-confirm').click();
    await zarina.getByTestId(`note-${sent.number}`).filter({ hasText: 'санҷида' }).waitFor();
    await zarina.keyboard.press('F1');
    await zarina.getByTestId('current-note').filter({ hasText: 'санҷида' }).waitFor();
    await zarina.getByTestId('call-reason').waitFor();
    await zarina.keyboard.press('KeyC');
  });

  it('calls the next citizen when a complete sent twice finds its ticket done already', async () => {
    await issue({ service: 'marriage' });
    await issue({ service: 'marriage' });
    await nigora.keyboard.press('F1');
    const number = nigora.getByTestId('current-number');
    await number.waitFor();
    const first = (await number.textContent())?.trim() ?? '';
    const held = await request(server.url, 'GET', `${OFFICE}/queue`, {
      token: await login(server.url, 'clerk3'),
    });
    const id = (held.body.tickets as Array<{ id: string; number: string }>).find(
      (t) => t.number === first,
    )!.id;
    // The browser sends the complete again after its answer was lost: the server did the first,
    // and refuses the second (done already), which is the answer the console gets.
    const complete = `**/api/tickets/${id}/complete`;
    await nigora.route(complete, async (route) => {
      await route.fetch();
      await route.fulfill({ response: await route.fetch() });
    });
    await nigora.keyboard.press('Enter');
    await nigora.getByTestId('current-number').filter({ hasNotText: first }).waitFor();
    expect(await nigora.getByTestId('error').count()).toBe(0);
    await nigora.unroute(complete);
    await nigora.keyboard.press('KeyC');
    await nigora.getByTestId('current-number').waitFor({ state: 'detached' });
  });

  it('says a paused window, a lost connection and an idle window in Tajik, and takes it back', async () => {
    await nigora.keyboard.press('KeyP');
    await nigora.getByTestId('dialog-confirm').click();
    await nigora.getByTestId('paused').waitFor();
    const marriage = await issue({ service: 'marriage' });
    await nigora.keyboard.press('F1');
    await nigora.getByTestId('error').filter({ hasText: 'P' }).waitFor();
    await expectNoServerWords(nigora);
    await nigora.getByTestId('cmd-pause').click();
    // Resumed: the message that the window is paused is no longer true, and it goes.
    await nigora.getByTestId('paused').waitFor({ state: 'detached' });
    await nigora.getByTestId('error').waitFor({ state: 'detached' });
    await nigora.keyboard.press('F1');
    await nigora.getByTestId('current-status').waitFor();
    // A citizen called here: no pause and no leaving the window until they are seen to (the hall
    // would send nobody to this window while they walk up to it).
    const { number } = marriage;
    await nigora.getByTestId('current-number').filter({ hasText: number }).waitFor();
    await nigora.keyboard.press('KeyP');
    await nigora
      .getByTestId('error')
      .filter({ hasText: `${number} ҳоло дар равзанаи шумост` })
      .waitFor();
    expect(await nigora.getByTestId('dialog-confirm').count()).toBe(0);
    await nigora.getByRole('button', { name: 'Иваз кардани равзана' }).click();
    await nigora.getByTestId('error').filter({ hasText: number }).waitFor();
    await nigora.getByTestId('current-status').waitFor();
    const still = await request(server.url, 'GET', `/api/tickets/${marriage.id}`);
    expect(still.body.ticket).toMatchObject({ status: 'called', counter: '3' });
    await nigora.keyboard.press('KeyC');

    // Offline: said in Tajik, gone once the connection is back.
    await nigora.context().setOffline(true);
    await nigora.keyboard.press('F1');
    await nigora.getByTestId('error').filter({ hasText: 'сервер' }).waitFor();
    expect(await pageText(nigora)).not.toContain('Failed to fetch');
    await nigora.context().setOffline(false);
    await nigora.getByTestId('error').waitFor({ state: 'detached' });

    // Nobody waits for this window while others wait elsewhere: said so, not "nobody waiting".
    await issue({ service: 'pickup' });
    await nigora.keyboard.press('F1');
    await nigora.getByTestId('info').filter({ hasText: 'ин равзана' }).waitFor();
    await issue({ service: 'marriage' });
    await nigora.getByTestId('info').waitFor({ state: 'detached' });
    await expectNoServerWords(nigora);
    await nigora.keyboard.press('F1');
    await nigora.getByTestId('current-status').waitFor();
    await nigora.keyboard.press('KeyC');
    await nigora.getByTestId('current').filter({ hasNotText: 'M' }).waitFor();
    // The pickup ticket is window 5's: Zarina takes it.
    await zarina.keyboard.press('F1');
    await zarina.keyboard.press('KeyC');
  });

  it('keeps case work live between the window and the back office, asking before registering', async () => {
    const back = await signIn('back1');
    await back.getByTestId('case-search').waitFor();
    const t = await issue({ service: 'birth' });
    await nigora.getByTestId(`call-${t.number}`).click();
    await nigora.getByTestId('current-number').filter({ hasText: t.number }).waitFor();
    await nigora.keyboard.press('F2');
    await nigora.getByTestId('case-number').waitFor();
    const number = ((await nigora.getByTestId('case-number').textContent()) ?? '').match(
      /[A-Z]+-\d{4}-\d+/,
    )?.[0];
    if (!number) throw new Error('no case number');

    // Filled and submitted elsewhere (the clerk's other session): the open panel follows at once.
    const other = await login(server.url, 'clerk3');
    const seen = await request(server.url, 'GET', `/api/cases/${number}`, { token: other });
    const filled = await request(server.url, 'PATCH', `/api/cases/${number}`, {
      token: other,
      body: {
        version: seen.body.case.version,
        applicant: mother,
        subjects: [
          { role: 'child', person: child },
          { role: 'mother', person: mother },
        ],
        details: { placeOfBirth: 'Кӯлоб', birthDate: '2026-11-20' },
        documents: [
          { code: 'medical_birth_notice', received: true },
          { code: 'mother_passport', received: true },
        ],
      },
    });
    expect(filled.status).toBe(200);
    const submitted = await request(server.url, 'POST', `/api/cases/${number}/transitions`, {
      token: other,
      body: { to: 'submitted', version: filled.body.case.version },
    });
    expect(submitted.status).toBe(200);
    await nigora.getByTestId('case-status').filter({ hasText: 'Фиристода' }).waitFor();
    // The back office's worklist shows it without a search, with the child it is about (one
    // mother's cases were identical rows).
    const row = back.getByTestId('worklist').locator(`[data-case="${number}"]`);
    expect(await row.getByTestId('bo-subject').textContent()).toBe(
      'Кӯдак: Ҷӯраев Фирӯз, 20.11.2026',
    );
    await row.click();
    // The note box takes what the server takes (1,000 characters), not more.
    await back.getByTestId('bo-note').fill('ш'.repeat(1500));
    expect((await back.getByTestId('bo-note').inputValue()).length).toBe(1000);
    await back.getByTestId('bo-note').fill('Санаи таваллуд нодуруст');
    await back.getByTestId('bo-to-returned').click();
    await nigora.getByTestId('case-status').filter({ hasText: 'Баргардонида' }).waitFor();
    await nigora.getByTestId('returned-note').filter({ hasText: 'нодуруст' }).waitFor();
    await nigora.screenshot({ path: screenshotFile(`counter-live-case.png`) });
    await nigora.getByTestId('case-to-submitted').click();
    await back.getByTestId('bo-status').filter({ hasText: 'Фиристода' }).waitFor();
    await back.getByTestId('bo-to-registered').click();
    await back.getByTestId('dialog-text').waitFor();
    await back.screenshot({ path: screenshotFile(`counter-confirm-register.png`) });
    expect(await seriousViolations(back)).toEqual([]);
    await back.getByTestId('dialog-confirm').click();
    await back.getByTestId('act-record').waitFor();
    await nigora.getByTestId('case-status').filter({ hasText: 'қайд' }).waitFor();
    await back.getByTestId('bo-to-ready').click();
    await back.getByTestId('certificate').waitFor();
    await expectNoServerWords(back);
    await nigora.keyboard.press('KeyC');

    // Pickup at window 5: F2 then Enter completes and calls next; the certificate is not issued.
    // The citizen types the case number and the pickup code printed on their receipt.
    const { pickupCode } = (
      await request<{ case: { pickupCode: string } }>(server.url, 'GET', `/api/cases/${number}`, {
        token: other,
      })
    ).body.case;
    const pickup = await issue({ service: 'pickup', caseNumber: number, pickupCode });
    await zarina.keyboard.press('F1');
    await zarina.getByTestId('current-number').filter({ hasText: pickup.number }).waitFor();
    await zarina.keyboard.press('F2');
    await zarina.getByTestId('case-number').filter({ hasText: number }).waitFor();
    await zarina.keyboard.press('Enter');
    await zarina.getByTestId('current-number').filter({ hasText: pickup.number }).waitFor({
      state: 'detached',
    });
    const still = await request(server.url, 'GET', `/api/cases/${number}`, { token: other });
    expect(still.body.case.status).toBe('ready');
    await back.context().close();
  });

  it('fits 8 waiting rows at 1366×768 and passes axe with 0, 9 and 40 waiting', async () => {
    const list = nigora.locator('counter-waiting-list');
    // Everything waiting is called away first: 0 tickets.
    const token = await login(server.url, 'clerk4');
    const q = await request(server.url, 'GET', `${OFFICE}/queue`, { token });
    for (const t of q.body.tickets as Array<{ id: string; status: string }>) {
      if (t.status === 'waiting') {
        await request(server.url, 'POST', `${OFFICE}/counters/6/call`, {
          token,
          body: { ticketId: t.id },
        }).then(() => request(server.url, 'POST', `/api/tickets/${t.id}/complete`, { token }));
      }
    }
    await nigora.getByTestId('waiting-total').filter({ hasText: /\b0\b/ }).waitFor();
    expect(await seriousViolations(nigora)).toEqual([]);
    for (const [count, total] of [
      [9, 9],
      [31, 40],
    ] as const) {
      // Every service of the office (their Tajik names are long) and priority tags among them.
      for (let i = 0; i < count; i++) {
        await issue({
          service: DEMO_SERVICES[i % DEMO_SERVICES.length]!.code,
          ...(i % 3 === 0 ? { priority: 'pregnant' } : {}),
        });
      }
      await nigora
        .getByTestId('waiting-total')
        .filter({ hasText: String(total) })
        .waitFor();
      expect(await seriousViolations(nigora)).toEqual([]);
    }
    await nigora.screenshot({ path: screenshotFile(`counter-40-waiting.png`) });
    const visible = await nigora.evaluate<number>(`(() => {
      const ol = document.querySelector('counter-app').shadowRoot
        .querySelector('counter-waiting-list').shadowRoot.querySelector('ol');
      const box = ol.getBoundingClientRect();
      return [...ol.querySelectorAll('li')].filter((li) => {
        const r = li.getBoundingClientRect();
        return r.top >= box.top - 1 && r.bottom <= box.bottom + 1 && r.bottom <= innerHeight;
      }).length;
    })()`);
    expect(visible).toBeGreaterThanOrEqual(8);
    // The list scrolls with the keyboard: it takes focus.
    await list.locator('ol').focus();
    await list.locator('ol:focus').waitFor();
  });

  it('counts every waiting ticket, also past the head of a line the list shows (50)', async () => {
    const total = nigora.getByTestId('waiting-total');
    const before = Number(/\d+/.exec((await total.textContent()) ?? '')?.[0]);
    const waitingFor = async (service: string) => {
      const q = await request(server.url, 'GET', `${OFFICE}/queue`, {
        token: await login(server.url, 'clerk4'),
      });
      return (
        (q.body.services as Array<{ code: string; waiting: number }>).find(
          (s) => s.code === service,
        )?.waiting ?? 0
      );
    };
    const death = await waitingFor('death');
    const names = DEMO_SERVICES.find((s) => s.code === 'death')!.names;
    const DEATH_NAME = new RegExp(Object.values(names).join('|'));
    for (let i = 0; i < STAFF_WAITING_HEAD + 5 - death; i++) await issue({ service: 'death' });
    const all = before + STAFF_WAITING_HEAD + 5 - death;
    await total.filter({ hasText: String(all) }).waitFor();
    const row = nigora
      .locator('counter-waiting-list')
      .locator('.counts li', { hasText: DEATH_NAME });
    await row.filter({ hasText: String(STAFF_WAITING_HEAD + 5) }).waitFor();
    // A console opened now (a reload mid-day) gets the head of that line in its snapshot, and the
    // counts of all of it.
    await nigora.reload();
    await total.filter({ hasText: String(all) }).waitFor();
    await row.filter({ hasText: String(STAFF_WAITING_HEAD + 5) }).waitFor();
    expect(
      await nigora
        .locator('counter-waiting-list')
        .locator('.tickets li', { hasText: DEATH_NAME })
        .count(),
    ).toBe(STAFF_WAITING_HEAD);
  });

  it('says the session ended when the clerk is disabled, and then that the account is disabled', async () => {
    const page = await signIn('clerk4');
    await page.getByTestId('login-submit').waitFor({ state: 'detached' });
    const admin = await login(server.url, 'admin', 'demo');
    const off = await request(server.url, 'PATCH', '/api/users/clerk4', {
      token: admin,
      body: { disabled: true },
    });
    expect(off.status).toBe(200);
    const said = page.getByTestId('login-error');
    await said.filter({ hasText: tgCounter.sessionExpired }).waitFor();
    await page.locator('input[name="username"]').fill('clerk4');
    await page.locator('input[name="password"]').fill('a-wrong-one');
    await page.getByTestId('login-submit').click();
    await said.filter({ hasText: tgCounter.loginFailed }).waitFor();
    // The right password: told why, not a wrong password again.
    await page.locator('input[name="password"]').fill('demo');
    await page.getByTestId('login-submit').click();
    await said.filter({ hasText: tgCounter.loginDisabled }).waitFor();
    await expectNoServerWords(page);
    await request(server.url, 'PATCH', '/api/users/clerk4', {
      token: admin,
      body: { disabled: false },
    });
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-submit').waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('tells the clerk when the kiosk printer stops, and when it is back', async () => {
    await server.app.queue.setPrinterStatus('kulob', 'K1', 'offline');
    await nigora.getByTestId('printer-offline').filter({ hasText: 'K1' }).waitFor();
    await server.app.queue.setPrinterStatus('kulob', 'K1', 'online');
    await nigora.getByTestId('printer-offline').waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });
});
