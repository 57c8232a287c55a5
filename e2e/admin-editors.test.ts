/**
 * Administration without developer knowledge, in a real browser against a real server (MariaDB when
 * TEST_MYSQL_URL is set, else SQLite): the document picker, the "no window calls it" warning on the
 * services and windows tabs, opening hours as weekday rows and priorities as a table (each saved,
 * shown again after a reload and published in the office info the kiosk reads), the audit found by
 * a ticket's and a case's number and told in words, and the report's CSV parsed as a table.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { login, request } from '../server/src/testing/client';
import { launchChromium, screenshotFile, seriousViolations } from './browser';
import { parseCsv } from '../server/src/testing/csv';
import type { TicketStatus } from '../server/protocol';
import { waitFor } from '../server/src/testing/wait';

describe('administration editors, audit and CSV in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  // Wednesday 11:00 in Dushanbe, inside the hours the test sets.
  let clock = new Date('2026-11-25T06:00:00Z');
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({
        database: process.env.TEST_MYSQL_URL ? 'mysql' : 'sqlite',
        now: () => clock,
      }),
      launchChromium(),
    ]);
    // An American browser far from the office: dates and times must still read the office's way.
    page = await browser.newPage({
      viewport: { width: 1366, height: 900 },
      locale: 'en-US',
      timezoneId: 'America/New_York',
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.goto(`${server.url}/admin/?office=kulob&lang=en`);
    await page.locator('input[name="username"]').fill('admin');
    await page.locator('input[name="password"]').fill('demo');
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: 'Services' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openTab(name: string): Promise<void> {
    await page.getByRole('tab', { name }).click();
    await page.getByRole('heading', { name, level: 2 }).waitFor();
    await page.waitForLoadState('networkidle');
  }

  it('picks documents by name and warns while no window calls an open service', async () => {
    await page.locator('form.service[data-code="birth"]').waitFor();
    const add = page.locator('form[aria-labelledby="new-svc"]');
    await add.locator('input[name="code"]').fill('adoption');
    await add.locator('input[name="prefix"]').fill('X');
    await add.locator('input[name="name-tg"]').fill('Фарзандхонӣ');
    await add.locator('input[name="name-ru"]').fill('Усыновление');
    await add.locator('input[name="name-uz"]').fill('Farzandlikka olish');
    await add.locator('input[name="name-en"]').fill('Adoption');
    await add.locator('details.documents summary').click();
    await add.getByLabel("Mother's passport", { exact: true }).check();
    await add.getByLabel('Marriage certificate', { exact: true }).check();
    await add.locator('button[type="submit"]').click();

    const warning = page.getByTestId('no-window-adoption');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('No window calls “Adoption”');
    const admin = await login(server.url, 'admin');
    const saved = await request(server.url, 'GET', '/api/offices/kulob/admin/services', {
      token: admin,
    });
    const adoption = saved.body.services.find((s: { code: string }) => s.code === 'adoption');
    expect(adoption.documents).toEqual(['mother_passport', 'marriage_certificate']);
    // Shown by name, not by code, also after a reload.
    await page.reload();
    const summary = page.locator('form.service[data-code="adoption"] details.documents summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/Mother's passport; Marriage certificate/);
    await summary.click();
    await page
      .locator('form.service[data-code="adoption"]')
      .screenshot({ path: screenshotFile('admin-services.png') });
    expect(await seriousViolations(page)).toEqual([]);

    await openTab('Windows');
    const unserved = page.getByTestId('unserved-services');
    await unserved.waitFor();
    expect(await unserved.textContent()).toContain('Adoption');
    expect(await seriousViolations(page)).toEqual([]);
    const window1 = page.locator('form[aria-labelledby="ctr-1"]');
    await window1.getByLabel('X Adoption').check();
    await window1.locator('button[type="submit"]').click();
    await unserved.waitFor({ state: 'detached' });
    await openTab('Services');
    await page.locator('form.service[data-code="adoption"]').waitFor();
    expect(await page.getByTestId('no-window-adoption').count()).toBe(0);
  });

  it('shows a refusal of the form at the end of the page where the administrator looks, naming its field', async () => {
    const errorsBefore = pageErrors.length;
    const add = page.locator('form[aria-labelledby="new-svc"]');
    await add.locator('input[name="code"]').fill('blank');
    await add.locator('input[name="prefix"]').fill('Y');
    // A name that passes `required` but draws nothing: the kiosk would show an empty tile.
    await add.locator('input[name="name-tg"]').fill('\u200b');
    await add.locator('input[name="name-ru"]').fill('Пусто');
    await add.locator('input[name="name-uz"]').fill('Boʻsh');
    await add.locator('input[name="name-en"]').fill('Blank');
    await add.locator('button[type="submit"]').scrollIntoViewIfNeeded();
    await add.locator('button[type="submit"]').click();
    const alert = page.locator('counter-admin-services [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      'The request was not accepted: check the field “Name (tg)”.',
    );
    // In view, though the notes sit at the top of the section and the form at its end.
    await page.waitForTimeout(300);
    const box = await alert.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(900);
    const admin = await login(server.url, 'admin');
    const saved = await request(server.url, 'GET', '/api/offices/kulob/admin/services', {
      token: admin,
    });
    expect(saved.body.services.map((s: { code: string }) => s.code)).not.toContain('blank');
    // The browser logs the refused request itself; nothing else may have gone wrong.
    const added = pageErrors.splice(errorsBefore);
    expect(added.filter((e) => !/status of 400 \(Bad Request\)/.test(e))).toEqual([]);
  });

  it('refuses a new window whose number exists, naming the field, and empties the form after a save', async () => {
    const errorsBefore = pageErrors.length;
    const admin = await login(server.url, 'admin');
    const windows = async () =>
      (
        await request(server.url, 'GET', '/api/offices/kulob/counters', { token: admin })
      ).body.counters.map((c: { number: string; services: string[]; name: string | null }) => ({
        number: c.number,
        services: c.services,
        name: c.name,
      }));
    const before = await windows();
    await openTab('Windows');
    const add = page.locator('form[aria-labelledby="ctr-new"]');
    await add.locator('input[name="number"]').fill('1');
    await add.locator('input[name="name"]').fill('Дубликат');
    await add.locator('input[name="service"]').last().check();
    await add.locator('button[type="submit"]').click();
    const alert = page.locator('counter-admin-counters [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      'The value of “Window” is taken already: choose another.',
    );
    // Window 1 calls what it called, under its own name.
    expect(await windows()).toEqual(before);

    await add.locator('input[name="number"]').fill('7');
    await add.locator('button[type="submit"]').click();
    await page.locator('form[aria-labelledby="ctr-7"]').waitFor();
    expect(await add.locator('input[name="number"]').inputValue()).toBe('');
    expect(await add.locator('input[name="name"]').inputValue()).toBe('');
    expect(await add.locator('input[name="service"]:checked').count()).toBe(0);
    const seven = (await windows()).find((w: { number: string }) => w.number === '7');
    expect(seven).toMatchObject({ name: 'Дубликат' });
    expect(seven.services).toHaveLength(1);
    const added = pageErrors.splice(errorsBefore);
    expect(added.filter((e) => !/status of 409 \(Conflict\)/.test(e))).toEqual([]);
  });

  it('keeps a service’s documents in its own order when it is saved', async () => {
    await openTab('Services');
    const admin = await login(server.url, 'admin');
    const documents = async () =>
      (
        (await request(server.url, 'GET', '/api/offices/kulob/admin/services', { token: admin }))
          .body.services as Array<{ code: string; documents: string[] }>
      ).find((x) => x.code === 'certificate')!.documents;
    const before = await documents();
    const form = page.locator('form.service[data-code="certificate"]');
    await form.locator('input[name="name-tg"]').fill('Шаҳодатномаи такрорӣ');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await waitFor(async () => {
      const list = (await request(server.url, 'GET', '/api/offices/kulob/services')).body as Array<{
        code: string;
        names: { tg: string };
      }>;
      return list.find((x) => x.code === 'certificate')?.names.tg === 'Шаҳодатномаи такрорӣ';
    }, 'the new name saved');
    // (The checklist lists them in another order: the form used to send that one.)
    expect(await documents()).toEqual(before);
  });

  it('writes the closed reason in each language, and the kiosk reads each reader its own', async () => {
    await openTab('Services');
    const form = page.locator('form.service[data-code="death"]');
    const reasons = page.getByTestId('reasons-death');
    await reasons.locator('input[name="reason-tg"]').fill('Таъмир');
    await reasons.locator('input[name="reason-ru"]').fill('Ремонт');
    await reasons.locator('input[name="reason-uz"]').fill("Ta'mir");
    await reasons.locator('input[name="reason-en"]').fill('Repairs');
    await form.getByRole('button', { name: 'Close', exact: true }).click();
    await form.locator('.pill.off').waitFor();
    const published = async () =>
      (await request(server.url, 'GET', '/api/offices/kulob/services')).body as Array<{
        code: string;
        closedReasons?: Record<string, string>;
      }>;
    expect((await published()).find((s) => s.code === 'death')?.closedReasons).toEqual({
      tg: 'Таъмир',
      ru: 'Ремонт',
      uz: "Ta'mir",
      en: 'Repairs',
    });
    // Shown again after a reload; corrected while closed with Save.
    await page.reload();
    const again = page.getByTestId('reasons-death');
    await again.locator('input[name="reason-ru"]').waitFor();
    expect(await again.locator('input[name="reason-ru"]').inputValue()).toBe('Ремонт');
    await form.screenshot({ path: screenshotFile('admin-closed-reasons.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await again.locator('input[name="reason-en"]').fill('Closed for repairs');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await waitFor(
      async () =>
        (await published()).find((s) => s.code === 'death')?.closedReasons?.en ===
        'Closed for repairs',
      'the corrected English reason',
    );
    await form.getByRole('button', { name: 'Reopen', exact: true }).click();
    await form.locator('.pill.off').waitFor({ state: 'detached' });
    expect((await published()).find((s) => s.code === 'death')?.closedReasons).toBeUndefined();
  });

  it('edits opening hours as weekday rows and priorities as a table; the office info follows', async () => {
    await openTab('Settings');
    await page.getByLabel('No set hours: tickets are issued at any time').uncheck();
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) {
      await page.getByLabel(`${day}: working day`).check();
    }
    await page.getByLabel('Friday: Closes at').fill('13:00');
    // A box of its own on the 24-hour clock: a native time input drew "01:00 PM" in this browser.
    expect(await page.getByLabel('Friday: Closes at').getAttribute('type')).toBe('text');
    // A day that closes before it opens is refused on the page, in words, and nothing is saved.
    await page.getByLabel('Saturday: working day').check();
    await page.getByLabel('Saturday: Opens at').fill('18:00');
    await page.getByLabel('Saturday: Closes at').fill('09:00');

    // Priorities: a new first category, one removed.
    await page.getByRole('button', { name: 'Add a category' }).click();
    await page.getByLabel('Code of category 4').fill('veteran');
    await page.getByLabel('Category 4: name in Тоҷикӣ').fill('Собиқадори ҷанг');
    await page.getByLabel('Category 4: name in Русский').fill('Ветеран войны');
    await page.getByLabel('Category 4: name in Oʻzbekcha').fill('Urush faxriysi');
    await page.getByLabel('Category 4: name in English').fill('War veteran');
    for (const n of [4, 3, 2])
      await page.getByRole('button', { name: `Move category ${n} up` }).click();
    await page.getByRole('button', { name: 'Remove category 4' }).click();
    expect(await seriousViolations(page)).toEqual([]);

    const save = page.locator('counter-admin-settings button[type="submit"]');
    await save.click();
    await page
      .getByText('Saturday: the opening time must be earlier than the closing time.')
      .waitFor();
    await page.getByLabel('Saturday: working day').uncheck();
    await save.click();
    await page.getByText('Saved.').waitFor();

    const office = (await request(server.url, 'GET', '/api/offices/kulob')).body.office;
    expect(office.openingHours).toEqual({
      mon: { open: '08:00', close: '17:00' },
      tue: { open: '08:00', close: '17:00' },
      wed: { open: '08:00', close: '17:00' },
      thu: { open: '08:00', close: '17:00' },
      fri: { open: '08:00', close: '13:00' },
    });
    expect(office.priorities.map((p: { code: string }) => p.code)).toEqual([
      'veteran',
      'disability',
      'elderly',
    ]);
    expect(office.priorities[0].names.tg).toBe('Собиқадори ҷанг');

    // After a reload, in Tajik: the weekday names of the office's language, the rows as saved.
    await page.goto(`${server.url}/admin/?office=kulob&lang=tg#settings`);
    const friday = page.locator('tr[data-day="fri"]');
    await friday.waitFor();
    expect((await friday.locator('th').textContent())?.trim()).toBe('Ҷумъа');
    expect(await friday.locator('input[name="day-to"]').inputValue()).toBe('13:00');
    expect(await page.locator('tr[data-day="sat"] input[name="day-open"]').isChecked()).toBe(false);
    expect(await page.locator('tbody.priorities input[name="p-code"]').first().inputValue()).toBe(
      'veteran',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotFile('admin-settings.png'), fullPage: true });
    // On a 1024-pixel screen every row's ↑ ↓ ✕ is in sight, inside its card.
    await page.setViewportSize({ width: 1024, height: 768 });
    const right = await page
      .locator('tbody.priorities td.row-actions button')
      .evaluateAll((buttons) => Math.max(...buttons.map((b) => b.getBoundingClientRect().right)));
    const card = await page
      .locator('tbody.priorities')
      .evaluate((el) => el.closest('section')!.getBoundingClientRect().right);
    expect(right).toBeLessThanOrEqual(card);
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('finds a ticket by its number and a case by its number and tells each step in words', async () => {
    const clerk = await login(server.url, 'clerk1');
    const step = async (method: string, path: string, body?: unknown) => {
      clock = new Date(clock.getTime() + 60_000);
      const res = await request(server.url, method, path, { token: clerk, body });
      expect([path, res.status]).toEqual([
        path,
        method === 'POST' && path === '/api/cases' ? 201 : 200,
      ]);
      return res.body;
    };
    const issued = await request(server.url, 'POST', '/api/offices/kulob/tickets', {
      body: { service: 'birth', kiosk: 'K1' },
    });
    const { id, number } = issued.body.ticket as { id: string; number: string };
    await step('POST', '/api/offices/kulob/counters/1/call', { ticketId: id });
    await step('POST', `/api/tickets/${id}/recall`);
    await step('POST', `/api/tickets/${id}/transfer`, { counter: '2' });
    await step('POST', '/api/offices/kulob/counters/2/call', { ticketId: id });
    const caseNumber = (await step('POST', '/api/cases', { ticketId: id, type: 'birth' })).case
      .number as string;
    await step('POST', `/api/tickets/${id}/complete`);

    await page.goto(`${server.url}/admin/?office=kulob&lang=en#audit`);
    // The log opens with the latest entries; the search runs once they are there.
    await page.locator('counter-admin-audit tbody tr').first().waitFor();
    const search = page.locator('counter-admin-audit input[name="q"]');
    await search.fill(number.toLowerCase());
    await search.press('Enter');
    const rows = page.locator('counter-admin-audit tbody tr');
    // Only the search's answer holds the case it opened.
    await rows.filter({ hasText: 'Case opened' }).waitFor();
    const what = (await rows.locator('td:nth-child(3)').allTextContents()).map((t) => t.trim());
    expect(what.reverse()).toEqual([
      'Ticket issued',
      'Called to a window',
      'Called again',
      'Transferred',
      'Called to a window',
      'Case opened',
      'Service completed',
    ]);
    const tap = rows.filter({ hasText: 'Ticket issued' });
    expect((await tap.locator('td:nth-child(2)').textContent())?.trim()).toBe('Kiosk K1');
    const call = rows.filter({ hasText: 'Called again' });
    expect(await call.locator('td:nth-child(2)').textContent()).toContain('Зарина Раҳимова');
    expect(await call.locator('td.about').textContent()).toContain(`${number} · ${caseNumber}`);
    const transfer = rows.filter({ hasText: 'Transferred' });
    expect(await transfer.textContent()).toMatch(/Status:\s*Called → Waiting/);
    expect(await transfer.textContent()).toMatch(/Window:\s*1 → —/);
    // Times on the office clock: the call at 11:02 in Dushanbe.
    expect(
      await rows.filter({ hasText: 'Called again' }).locator('td.num').textContent(),
    ).toContain('25.11.2026 11:0');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotFile('admin-audit.png'), fullPage: false });

    await search.fill(caseNumber);
    await search.press('Enter');
    await page.waitForLoadState('networkidle');
    await rows.filter({ hasText: 'Ticket issued' }).waitFor();
    const byCase = (await rows.locator('td:nth-child(3)').allTextContents()).map((t) => t.trim());
    expect(byCase).toEqual(expect.arrayContaining(['Ticket issued', 'Transferred', 'Case opened']));
    expect(byCase.filter((w) => w === 'Called to a window')).toHaveLength(2);
  });

  it('downloads the report as a table: one row per service and day, a column per figure', async () => {
    const services = await server.db.models.Service.findAll({ where: { officeCode: 'kulob' } });
    const idOf = (code: string) => services.find((s) => s.code === code)!.id;
    // Tuesday 24 November: two birth tickets and one death ticket, times in UTC (09:00 is 04:00Z).
    const at = (hms: string) => new Date(`2026-11-24T${hms}Z`);
    const ticket = (number: string, service: string, status: TicketStatus, t: string[]) => ({
      id: randomUUID(),
      officeCode: 'kulob',
      day: '2026-11-24',
      number,
      serviceId: idOf(service),
      priority: 'none',
      language: null,
      kiosk: null,
      status,
      issuedAt: at(t[0]!),
      calledAt: at(t[1]!),
      startedAt: status === 'done' ? at(t[1]!) : null,
      finishedAt: at(t[2]!),
      counterNumber: '1',
      targetCounter: null,
      calledBy: null,
      recalls: 0,
    });
    await server.db.models.Ticket.bulkCreate([
      ticket('A001', 'birth', 'done', ['04:00:00', '04:10:00', '04:20:00']),
      ticket('A002', 'birth', 'no_show', ['04:05:00', '04:35:00', '04:37:00']),
      ticket('D001', 'death', 'done', ['05:00:00', '05:02:00', '05:12:30']),
    ]);
    await page.goto(`${server.url}/admin/?office=kulob&lang=ru#reports`);
    // Today's report first; the range is asked once it stands.
    await page.locator('a.csv').waitFor();
    await page.waitForLoadState('networkidle');
    // Typed the office's way in an American browser (whose own date box wants 11/24/2026); a day
    // that does not exist is refused on the page, in words, before anything is asked.
    const reports = page.locator('counter-admin-reports');
    const from = reports.getByRole('textbox', { name: 'С', exact: true });
    const to = reports.getByRole('textbox', { name: 'По', exact: true });
    await from.fill('24.11.2026');
    await to.fill('31.11.2026');
    await to.press('Enter');
    // Said to be no such day (it said "enter the date as дд.мм.гггг", which it was).
    await page.getByText('Такого дня нет: проверьте день и месяц.').waitFor();
    await to.fill('31.11');
    await to.press('Enter');
    await page.getByText('Введите дату в виде дд.мм.гггг').waitFor();
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    await to.fill('25.11.2026');
    await page.locator('counter-admin-reports button[type="submit"]').click();
    await page.locator('a.csv[href*="from=2026-11-24"][href*="to=2026-11-25"]').waitFor();
    expect([await from.inputValue(), await to.inputValue()]).toEqual(['24.11.2026', '25.11.2026']);
    const href = await page.locator('a.csv').getAttribute('href');
    const csv = await page.evaluate(async (url) => {
      const res = await fetch(url);
      const bytes = new Uint8Array(await res.arrayBuffer());
      return {
        type: res.headers.get('content-type'),
        bom: [...bytes.slice(0, 3)],
        text: new TextDecoder().decode(bytes),
      };
    }, href!);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.bom).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(csv.text.replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual([
      'Дата',
      'Код услуги',
      'Услуга',
      'Выдано',
      'Обслужено',
      'Неявка',
      'Ожидание, среднее, с',
      'Ожидание, p50, с',
      'Ожидание, p90, с',
      'Обслуживание, среднее, с',
      'Обслуживание, p50, с',
      'Обслуживание, p90, с',
      'Вызваны в срок, %',
    ]);
    // Waits: birth 600 s and 1,800 s (target 15 min: one of two), death 120 s; the day before
    // today's birth visit of the audit test above.
    expect(rows.slice(1, 3)).toEqual([
      [
        '2026-11-24',
        'birth',
        'Регистрация рождения',
        '2',
        '1',
        '1',
        '1200',
        '1200',
        '1680',
        '600',
        '600',
        '600',
        '50',
      ],
      [
        '2026-11-24',
        'death',
        'Регистрация смерти',
        '1',
        '1',
        '0',
        '120',
        '120',
        '120',
        '630',
        '630',
        '630',
        '100',
      ],
    ]);
    expect(rows.slice(3).map((r) => [r[0], r[1], r[3]])).toEqual([['2026-11-25', 'birth', '1']]);
    expect(rows.every((r) => r.length === 13)).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('shows a service’s long names whole in its name fields at 1280×720 and 1366×768', async () => {
    // The demo's names (Tajik "Бақайдгирии бекор кардани никоҳ" the longest) and, typed into the
    // new service's form, the longest of the names the hall's layout test uses.
    const long = {
      tg: 'Бақайдгирии тағйир додани насаб, ном ва номи падар',
      ru: 'Регистрация перемены фамилии, имени и отчества',
      uz: 'Familiya, ism va otasining ismini o‘zgartirishni qayd etish',
      en: 'Registration of a change of surname, first name and patronymic',
    };
    // In Tajik, as the office's administrator reads it.
    await page.goto(`${server.url}/admin/?office=kulob&lang=tg#services`);
    await page.locator('form.service[data-code="paternity"]').waitFor();
    const add = page.locator('form[aria-labelledby="new-svc"]');
    for (const [language, name] of Object.entries(long)) {
      await add.locator(`input[name="name-${language}"]`).fill(name);
    }
    for (const [width, height] of [
      [1280, 720],
      [1366, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      const cut = await page
        .locator('input[name^="name-"]')
        .evaluateAll((inputs) =>
          (inputs as unknown as Array<{ value: string; scrollWidth: number; clientWidth: number }>)
            .filter((i) => i.scrollWidth > i.clientWidth)
            .map((i) => `${i.value}: ${i.scrollWidth} > ${i.clientWidth}`),
        );
      expect({ width, cut }).toEqual({ width, cut: [] });
      expect(await page.locator('input[name^="name-"]').count()).toBeGreaterThanOrEqual(44);
    }
    await page
      .locator('form.service[data-code="paternity"]')
      .screenshot({ path: screenshotFile('admin-service-names.png') });
    await page.setViewportSize({ width: 1366, height: 900 });
    expect(pageErrors).toEqual([]);
  });
  it('keeps what another administrator saved meanwhile: each save sends only its own changes', async () => {
    const signIn = async (hash: string) => {
      const other = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      other.on('pageerror', (e) => pageErrors.push(e.message));
      await other.goto(`${server.url}/admin/?office=kulob&lang=en#${hash}`);
      await other.locator('input[name="username"]').fill('admin');
      await other.locator('input[name="password"]').fill('demo');
      await other.keyboard.press('Enter');
      return other;
    };
    const [a, b] = [await signIn('services'), await signIn('services')];
    const marriage = (p: Page) => p.locator('form.service[data-code="marriage"]');
    await Promise.all([a, b].map((p) => marriage(p).waitFor()));
    // Both pages show the catalogue; A renames in Russian, then B (as loaded) in English.
    await marriage(a).locator('input[name="name-ru"]').fill('Регистрация брака (изм.)');
    await marriage(a).getByRole('button', { name: 'Save', exact: true }).click();
    await a.getByText('Saved').first().waitFor();
    await marriage(b).locator('input[name="name-en"]').fill('Marriage (edited)');
    await marriage(b).getByRole('button', { name: 'Save', exact: true }).click();
    const names = async () =>
      (
        (await request(server.url, 'GET', '/api/offices/kulob/services')).body as Array<{
          code: string;
          names: Record<string, string>;
        }>
      ).find((x) => x.code === 'marriage')?.names;
    await waitFor(async () => (await names())?.en === 'Marriage (edited)', 'B’s English name');
    expect((await names())?.ru).toBe('Регистрация брака (изм.)');
    // B's page shows A's name after its save.
    await waitFor(
      async () =>
        (await marriage(b).locator('input[name="name-ru"]').inputValue()) ===
        'Регистрация брака (изм.)',
      'A’s name on B’s page',
    );

    // A list saved whole (the documents): B, open before A's save, would put back what A took
    // out. B is told, its page shows A's list, and B's own change then goes on top of it.
    const documentsOf = async () =>
      (
        (
          await request(server.url, 'GET', '/api/offices/kulob/admin/services', {
            token: await login(server.url, 'admin'),
          })
        ).body.services as Array<{ code: string; documents: string[] }>
      ).find((x) => x.code === 'marriage')!.documents;
    const [first, second] = await documentsOf();
    const box = (p: Page, code: string) =>
      marriage(p).locator(`input[name="document"][value="${code}"]`);
    const untick = async (p: Page, code: string) => {
      await marriage(p).locator('details.documents summary').click();
      await box(p, code).uncheck();
      await marriage(p).getByRole('button', { name: 'Save', exact: true }).click();
    };
    await untick(a, first!);
    await waitFor(async () => !(await documentsOf()).includes(first!), 'A’s list saved');
    await untick(b, second!);
    await b.getByText('Another administrator changed this meanwhile').first().waitFor();
    expect(await documentsOf()).not.toContain(first);
    expect(await documentsOf()).toContain(second);
    expect(await box(b, first!).isChecked()).toBe(false);
    await box(b, second!).uncheck();
    await marriage(b).getByRole('button', { name: 'Save', exact: true }).click();
    await waitFor(async () => !(await documentsOf()).includes(second!), 'B’s change on top');
    expect(await documentsOf()).not.toContain(first);

    // Settings: A writes the ticker; B, open before, changes only the recall limit.
    await Promise.all([a, b].map((p) => p.getByRole('tab', { name: 'Settings' }).click()));
    await Promise.all([a, b].map((p) => p.locator('[name="recalls"]').waitFor()));
    await a.locator('[name="ticker"]').fill('Ҳуҷҷатҳоро омода кунед.');
    await a.locator('counter-admin-settings button[type="submit"]').click();
    await a.getByText('Saved').first().waitFor();
    await b.locator('[name="recalls"]').fill('2');
    await b.locator('counter-admin-settings button[type="submit"]').click();
    const admin = await login(server.url, 'admin');
    const settings = async () =>
      (await request(server.url, 'GET', '/api/offices/kulob/settings', { token: admin })).body
        .settings as { ticker: string | null; maxRecalls: number };
    await waitFor(async () => (await settings()).maxRecalls === 2, 'B’s recall limit');
    expect((await settings()).ticker).toBe('Ҳуҷҷатҳоро омода кунед.');
    // Both change the same field: the later is told, not saved over the other's. (A's page still
    // shows the limit of before B's save: A is told first, and sees B's 2.)
    await a.locator('[name="recalls"]').fill('5');
    await a.locator('counter-admin-settings button[type="submit"]').click();
    await a.getByText('Another administrator changed this meanwhile').first().waitFor();
    expect(await a.locator('[name="recalls"]').inputValue()).toBe('2');
    await a.locator('[name="recalls"]').fill('5');
    await b.locator('[name="recalls"]').fill('6');
    await a.locator('counter-admin-settings button[type="submit"]').click();
    await waitFor(async () => (await settings()).maxRecalls === 5, 'A’s recall limit');
    await b.locator('counter-admin-settings button[type="submit"]').click();
    await b.getByText('Another administrator changed this meanwhile').first().waitFor();
    expect((await settings()).maxRecalls).toBe(5);
    expect(await b.locator('[name="recalls"]').inputValue()).toBe('5');
    await Promise.all([a.close(), b.close()]);
  });
});
