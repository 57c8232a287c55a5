/**
 * Citizen messages in a real browser: the kiosk's "Send me an SMS" keypad in each language, the
 * ticket page's opt-in (then its stop button; no Telegram offer without a bot), and the admin's
 * template editor with its live length and part count; links the admin pages build (preview,
 * pairing) start with the server's PUBLIC_URL. Messages go out through the demo `log` channel; the
 * outbox is read back from the API.
 */
import type { Browser, Page } from 'playwright-core';
import type { MessageDto } from '../server/protocol';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { login, request } from '../server/src/testing/client';
import { waitFor } from '../server/src/testing/wait';
import { DEMO_OFFICE } from '../db/seed/demo-office';
import { armed, clippedTexts, launchChromium, screenshotFile, seriousViolations } from './browser';

const KIOSK = '/kiosk/?office=kulob&kiosk=K1';
const LANGS = ['tg', 'ru', 'uz', 'en'];

describe('citizen messages in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let admin: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({ publicUrl: 'https://navbat.example.tj' }),
      launchChromium(),
    ]);
    admin = await login(server.url, 'admin');
    page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(() => expect(pageErrors).toEqual([]));

  async function outboxFor(ticketId: string): Promise<MessageDto[]> {
    const r = await request(server.url, 'GET', `/api/offices/kulob/messages?ticket=${ticketId}`, {
      token: admin,
    });
    return r.body.messages as MessageDto[];
  }

  async function typeNumber(digits: string): Promise<void> {
    for (const d of digits) await page.locator(`kiosk-sms-keypad button[data-key="${d}"]`).click();
  }

  const done: Record<string, RegExp> = {
    tg: /Ба \+992 90 123 45 4\d менависем/,
    ru: /Мы напишем на \+992 90 123 45 4\d/,
    uz: /\+992 90 123 45 4\d raqamiga yozamiz/,
    en: /We will text \+992 90 123 45 4\d/,
  };
  const firstWords: Record<string, string> = {
    tg: 'Чиптаи шумо',
    ru: 'Ваш талон',
    uz: 'Taloningiz',
    en: 'Your ticket',
  };

  it.each(['tg', 'ru', 'uz', 'en'])(
    'takes a phone on the kiosk keypad in %s and texts the ticket in that language',
    async (language) => {
      await page.goto(server.url + KIOSK);
      await page.getByTestId('service-birth').waitFor();
      if (language !== 'tg') await page.getByTestId(`lang-${language}`).click();
      await page.getByTestId('service-birth').click();
      // A tap in the first moments of a step counts as the second half of a double tap.
      await armed(page, 'kiosk-priority-step');
      const issued = page.waitForResponse((r) => r.url().endsWith('/tickets'));
      await page.getByTestId('priority-none').click();
      const ticket = ((await (await issued).json()) as { ticket: { id: string } }).ticket;
      await page.getByTestId('sms-offer').click();
      const number = page.getByTestId('sms-number');
      await expect(number.textContent()).resolves.toContain('+992');
      // Nine digits, the last one corrected with "delete"; Send stays off until all nine are in.
      await typeNumber('90123459');
      expect(await page.getByTestId('sms-send').isDisabled()).toBe(true);
      await page.getByTestId('sms-delete').click();
      await typeNumber(`4${LANGS.indexOf(language)}`);
      await expect(number.textContent()).resolves.toMatch(/\+992 90 123 45 4\d/);
      // "4" then the language's digit: 901234540 … 901234543 — one number per language.
      await page.getByTestId('sms-send').click();
      await page.getByTestId('sms-done').waitFor();
      // The number is kept on one line (no-break spaces inside it).
      const said = (await page.getByTestId('sms-done').textContent()) ?? '';
      expect(said.replaceAll('\u00a0', ' ')).toMatch(done[language]!);
      expect(said).toContain('+992\u00a090\u00a0123');
      if (language === 'tg') {
        expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: screenshotFile('kiosk-sms-tg.png') });
      }
      const [message] = await waitFor(async () => {
        const rows = await outboxFor(ticket.id);
        return rows[0]?.status === 'sent' ? rows : undefined;
      }, 'the message through the log channel');
      expect(message).toMatchObject({ language, template: 'ticket_issued', gateway: 'log' });
      expect(message!.text.startsWith(firstWords[language]!)).toBe(true);
      expect(message!.to).toMatch(new RegExp(`^\\+•+54${LANGS.indexOf(language)}$`));
    },
  );

  it('offers the same opt-in on the ticket page /t/<id>', async () => {
    const issued = await request(server.url, 'POST', '/api/offices/kulob/tickets', {
      body: { service: 'birth', language: 'ru' },
    });
    const id = (issued.body.ticket as { id: string }).id;
    await page.setViewportSize({ width: 360, height: 740 });
    // As the QR code links it: with the holder's key, which the stop below needs.
    await page.goto(`${server.url}/t/${id}#${issued.body.holderKey as string}`);
    await page.getByTestId('sms-offer').click();
    await typeNumber('901234599');
    // The keypad and the whole number fit a 360-pixel phone in every language: nothing cut, no
    // sideways scroll (its right column and the number ran 70 px past the screen).
    // (A phone's height that shows the whole page: the check counts what lies off screen as cut.)
    await page.setViewportSize({ width: 360, height: 1800 });
    for (const language of ['tg', 'uz', 'en', 'ru'] as const) {
      await page.getByTestId(`lang-${language}`).click();
      await page.locator(`html[lang="${language}"]`).waitFor();
      const wide = await page.evaluate('document.documentElement.scrollWidth');
      expect({ language, wide, cut: await clippedTexts(page) }).toEqual({
        language,
        wide: 360,
        cut: [],
      });
      if (language === 'tg')
        await page.screenshot({ path: screenshotFile('ticket-keypad-tg.png') });
    }
    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByTestId('sms-send').click();
    await page.getByTestId('sms-done').waitFor();
    await expect(page.getByTestId('sms-done').textContent()).resolves.toContain(
      'Мы напишем на +992\u00a090\u00a0123\u00a045\u00a099',
    );
    // The page reads where messages go again: the stop button, and no Telegram offer (no bot here).
    // The number is said once: the keypad's in full, not again masked by the messages panel.
    await page.getByTestId('messages-stop').waitFor();
    expect(await page.getByTestId('messages-to').count()).toBe(0);
    expect(await page.getByTestId('telegram-offer').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotFile('ticket-page-sms.png') });
    // Back later (the keypad's words are gone): the panel says where messages go, masked.
    await page.reload();
    await page.getByTestId('messages-to').filter({ hasText: '599' }).waitFor();
    expect(await page.getByTestId('sms-done').count()).toBe(0);
    const rows = await waitFor(async () => {
      const r = await outboxFor(id);
      return r.length ? r : undefined;
    }, 'the ticket page’s message');
    expect(rows[0]).toMatchObject({ language: 'ru', to: '+•••••••••599' });
  });

  it('previews a template’s length and SMS parts as the administrator types', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${server.url}/admin/?office=kulob&lang=en`);
    await page.locator('input[name="username"]').fill('admin');
    await page.locator('input[name="password"]').fill('demo');
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: 'Messages' }).click();
    const text = page.getByTestId('template-text');
    await text.waitFor();
    // The default Tajik "issued" text with its link runs past 70 UCS-2 characters: 2 parts.
    await waitFor(
      async () => (await text.inputValue()).includes('Чиптаи шумо {ticket}'),
      'the default template in the editor',
    );
    const count = page.getByTestId('preview-count');
    await expect(count.getAttribute('data-parts')).resolves.toBe('2');
    await expect(count.textContent()).resolves.toContain('UCS-2');
    await text.fill('{ticket} — пеш аз шумо {ahead} нафар');
    await expect(page.getByTestId('preview-text').textContent()).resolves.toBe(
      'A014 — пеш аз шумо 12 нафар',
    );
    await expect(count.getAttribute('data-parts')).resolves.toBe('1');
    await expect(count.textContent()).resolves.toContain('27 characters');
    // {office}: the office's name in the template's language, as the message will carry it.
    await text.fill('{ticket} дар {office}');
    await expect(page.getByTestId('preview-text').textContent()).resolves.toBe(
      `A014 дар ${DEMO_OFFICE.names.tg}`,
    );
    // A name "issued" is never given ({window}: a call's), or a stray brace: said beside the
    // text as it is typed, and Save waits (the server refuses them too).
    const save = page.getByTestId('template-form').getByRole('button', { name: 'Save' });
    for (const [wrong, said] of [
      ['Ticket {ticket}: window {window}', '{window}: not filled in for this message'],
      ['Ticket {ticket} {evil}', '{evil}: not filled in'],
      ['Ticket {{ticket}}', 'A brace outside a placeholder'],
    ] as const) {
      await text.fill(wrong);
      await page.getByTestId('template-problem').filter({ hasText: said }).waitFor();
      expect(await save.isDisabled()).toBe(true);
    }
    await text.fill('Ticket {ticket}: {ahead} ahead');
    await expect(count.textContent()).resolves.toContain('GSM-7');
    expect(await page.getByTestId('template-problem').count()).toBe(0);
    await save.click();
    await waitFor(async () => {
      const r = await request(server.url, 'GET', '/api/offices/kulob/message-templates', {
        token: admin,
      });
      const row = (r.body.templates as Array<{ key: string; language: string; text: string }>).find(
        (t) => t.key === 'ticket_issued' && t.language === 'tg',
      );
      return row?.text === 'Ticket {ticket}: {ahead} ahead';
    }, 'the saved template');
    // A test message: "queued" stays said while the outbox reloads behind it (the reload's own
    // start once wiped it).
    await page.locator('input[name="phone"]').fill('+992 90 555 0101');
    const reloaded = page.waitForResponse((r) => r.url().includes('/messages/totals'));
    await page.getByTestId('send-test').click();
    await reloaded;
    await page.getByText('The test message is queued.').waitFor();
    // The outbox lists the kiosk's messages, masked.
    await page.getByTestId('outbox').locator('tr[data-status]').first().waitFor();
    expect(await page.getByTestId('outbox').textContent()).not.toContain('901234540');
    // Statuses and templates in the page's words, not the API's keys.
    const pill = page.getByTestId('outbox').locator('tr[data-status] .pill').first();
    expect(['Queued', 'Sending', 'Sent', 'Delivered', 'Failed', 'Expired']).toContain(
      (await pill.textContent())?.trim(),
    );
    expect(await page.getByTestId('outbox').textContent()).not.toContain('ticket_issued');
    const picked = page.locator('select[name="key"] option:checked');
    expect((await picked.textContent())?.trim()).toBe('Ticket issued');
    // Days the office's way, dd.mm.yyyy: the totals per day here and the report's messages table.
    const day = /^\d{2}\.\d{2}\.\d{4}$/;
    const firstDay = (table: string) =>
      page.getByTestId(table).locator('tbody td').first().textContent();
    expect((await firstDay('totals'))?.trim()).toMatch(day);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotFile('admin-messages.png'), fullPage: true });
    await page.getByRole('tab', { name: 'Reports' }).click();
    await page.getByTestId('report-messages').locator('tbody td').first().waitFor();
    expect((await firstDay('report-messages'))?.trim()).toMatch(day);
  });

  it('builds the preview’s link and a pairing link on PUBLIC_URL, not on the page’s address', async () => {
    // The admin page of the test before, still signed in (it ends on the Reports tab).
    await page.getByRole('tab', { name: 'Messages' }).click();
    await page.getByTestId('template-text').fill('{link}');
    // The tab reads the office's public address when it opens: wait for the preview to use it.
    let preview: string | null = null;
    await waitFor(async () => {
      preview = await page.getByTestId('preview-text').textContent();
      return /^https:\/\/navbat\.example\.tj\/t\/[\w-]{36}#[\w-]{12}$/.test(preview ?? '');
    }, 'the preview link on PUBLIC_URL').catch(async (err: Error) => {
      const alerts = await page.locator('[role="alert"]').allTextContents();
      throw new Error(
        `${err.message}; the preview shows ${JSON.stringify(preview)}, alerts: ${JSON.stringify(alerts)}`,
      );
    });
    // A reload of the tab (here the outbox filter) keeps the unsaved text in the editor.
    const reloaded = page.waitForResponse((r) =>
      /\/messages\/totals$/.test(new URL(r.url()).pathname),
    );
    await page.locator('form[role="search"]').getByRole('button').click();
    await reloaded;
    await page.waitForTimeout(100);
    expect(await page.getByTestId('template-text').inputValue()).toBe('{link}');
    // Another page language changes the words; it does not load the open tab again.
    const loads: string[] = [];
    const onRequest = (r: { url(): string }) => {
      if (new URL(r.url()).pathname.startsWith('/api/')) loads.push(r.url());
    };
    page.on('request', onRequest);
    const language = page.locator('counter-admin-app header select');
    for (const lang of ['ru', 'en']) {
      await language.selectOption(lang);
      await page.waitForFunction(`document.documentElement.lang === '${lang}'`);
      await page.waitForTimeout(200);
      const picked = await page.locator('select[name="key"] option:checked').textContent();
      expect(picked?.trim()).toBe(lang === 'ru' ? 'Талон выдан' : 'Ticket issued');
    }
    page.off('request', onRequest);
    expect(loads).toEqual([]);
    expect(await page.getByTestId('template-text').inputValue()).toBe('{link}');
    await page.getByRole('tab', { name: 'Devices' }).click();
    await page.getByRole('button', { name: 'Pair: D1' }).click();
    const link = await page.getByTestId('pairing-link').locator('input').inputValue();
    expect(link).toMatch(
      /^https:\/\/navbat\.example\.tj\/display\/\?office=kulob&device=[\w-]{32}$/,
    );
    // An outbox filter that finds nothing says so, instead of an empty table.
    await page.getByRole('tab', { name: 'Messages' }).click();
    const search = page.locator('form[role="search"]');
    await search.locator('input[name="ticket"]').fill('Z999');
    await search.getByRole('button').click();
    await expect(page.getByTestId('outbox-empty').textContent()).resolves.toContain('No messages.');
  });

  it('tells a citizen whose address asked too often to wait, not to try again', async () => {
    // Last in this file: it spends this address's sign-ups without a key (5 per 15 minutes).
    const issue = async () => {
      const res = await request(server.url, 'POST', '/api/offices/kulob/tickets', {
        body: { service: 'birth', language: 'en' },
      });
      return (res.body.ticket as { id: string }).id;
    };
    for (let i = 0; i < 5; i++) {
      const res = await request(server.url, 'POST', `/api/tickets/${await issue()}/notify`, {
        body: { phone: `+99290123460${i}`, language: 'en' },
      });
      expect(res.status).toBe(202);
    }
    // A ticket nobody follows, opened from an address without its key (a link passed on): the
    // keypad is offered, and its sign-up is the address's sixth.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${server.url}/t/${await issue()}`);
    await page.getByTestId('lang-en').click();
    await page.getByTestId('sms-offer').click();
    await typeNumber('901234610');
    const refused = page.waitForResponse((r) => r.url().endsWith('/notify'));
    await page.getByTestId('sms-send').click();
    expect((await refused).status()).toBe(429);
    // It used to say "could not be ordered, please try again", which fails again for 15 minutes.
    await expect(page.getByTestId('sms-failed').textContent()).resolves.toContain(
      'Too many attempts. Please wait a few minutes',
    );
  });
});
