/**
 * The citizen's side of a printed ticket in a real browser: the QR's page `/t/<id>` follows the ticket
 * live on a phone until a clerk calls it to window 3, and the virtual printer's paper page shows the
 * printed sheet. Both pages are checked with axe-core and photographed to /tmp/shots. The page's
 * say over its messages (#18) runs against the real outbox, an in-process SMSC and a fake Telegram
 * Bot API: the one-time Telegram link binds a chat, and "stop messages" silences the later call.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { StaffTicket } from '../server/protocol';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { FakeSmsc } from '../server/src/testing/fake-smsc';
import { FakeTelegram } from '../server/src/testing/fake-telegram';
import { waitFor } from '../server/src/testing/wait';
import type { IssuedTicket, LoginResult } from '../ui/api';
import {
  brokenWords,
  clippedTexts,
  launchChromium,
  screenshotFile,
  seriousViolations,
} from './browser';

const UNKNOWN_TICKET = '00000000-0000-4000-8000-000000000000';

describe('the public ticket page and the paper preview', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  const pageErrors: string[] = [];
  const smsc = new FakeSmsc();
  const bot = new FakeTelegram('navbat_kulob_bot');

  beforeAll(async () => {
    await Promise.all([smsc.start(), bot.start()]);
    const messaging = { smsUrl: smsc.url, telegramBotToken: '42:xyz', telegramApiUrl: bot.url };
    // jest's global setup has built dist/web from the current sources.
    [server, browser] = await Promise.all([startTestServer({ messaging }), launchChromium()]);
    context = await browser.newContext();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await Promise.all([smsc.stop(), bot.close()]);
  });

  async function api<T>(path: string, body: unknown, token?: string): Promise<T> {
    const response = await fetch(server.url + path, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    expect(response.ok).toBe(true);
    return (await response.json()) as T;
  }

  async function open(url: string, width: number, height: number): Promise<Page> {
    const page = await context.newPage();
    await page.setViewportSize({ width, height });
    page.on('pageerror', (error) => pageErrors.push(`${url}: ${error.message}`));
    page.on('console', (message) => {
      // The unknown ticket's 404 is the point of that page.
      if (message.type() === 'error' && !/status of 404/.test(message.text())) {
        pageErrors.push(`${url}: ${message.text()}`);
      }
    });
    await page.goto(server.url + url);
    return page;
  }

  function issue(): Promise<IssuedTicket> {
    return api<IssuedTicket>('/api/offices/kulob/tickets', {
      service: 'birth',
      language: 'ru',
      kiosk: 'K1',
    });
  }

  function callNext(token: string): Promise<{ ticket: StaffTicket | null }> {
    return api('/api/offices/kulob/counters/3/call-next', {}, token);
  }

  it('follows a ticket from the kiosk to "go to window 3" on a phone', async () => {
    const before = await issue();
    const issued = await issue();
    expect(issued.print.status).toBe('printed');
    const { id, number } = issued.ticket;

    const phone = await open(`/t/${id}`, 360, 740);
    await phone.getByTestId('ticket-number').filter({ hasText: number }).waitFor();
    // The ticket was taken in Russian: the page speaks Russian.
    expect(await phone.locator('html').getAttribute('lang')).toBe('ru');
    await phone.getByTestId('people-ahead').filter({ hasText: '1' }).waitFor();
    // Nobody sits at a window yet: no wait is told, only that a window will call them.
    await phone.getByTestId('wait-message').filter({ hasText: 'ни одно окно' }).waitFor();
    // The header names the office, as the kiosk's does.
    await phone
      .getByTestId('ticket-brand')
      .filter({ hasText: 'Сектор ЗАГС города Куляб' })
      .waitFor();
    expect(await seriousViolations(phone)).toEqual([]);
    await phone.screenshot({ path: screenshotFile('ticket-waiting.png'), animations: 'disabled' });

    // The ticket ahead is called and sent away: this one moves up without a reload.
    const { token } = await api<LoginResult>('/api/auth/login', {
      username: 'clerk1',
      password: 'demo',
    });
    expect((await callNext(token)).ticket?.id).toBe(before.ticket.id);
    await phone.getByTestId('people-ahead').filter({ hasText: '0' }).waitFor({ timeout: 4_000 });
    // Window 3 now has its clerk: the usual words are back.
    await phone.getByTestId('wait-message').filter({ hasText: 'Ожидайте' }).waitFor();
    // "You are next", the longest wait there is, in full on a 360-pixel phone in every language
    // (Tajik's "Навбати шумо баъдӣ аст" was cut at the card's edge).
    // (A phone's height that shows the whole page: the check counts what lies off screen as cut.)
    await phone.setViewportSize({ width: 360, height: 1600 });
    for (const language of ['tg', 'uz', 'en', 'ru'] as const) {
      await phone.getByTestId(`lang-${language}`).click();
      await phone.locator(`html[lang="${language}"]`).waitFor();
      // Nor broken inside a word (Russian's "следующий" was split "следующ / ий").
      expect({
        language,
        cut: await clippedTexts(phone),
        broken: await brokenWords(phone),
      }).toEqual({ language, cut: [], broken: [] });
    }
    await phone.setViewportSize({ width: 360, height: 740 });
    await api(`/api/tickets/${before.ticket.id}/no-show`, {}, token);

    const called = Date.now();
    expect((await callNext(token)).ticket?.id).toBe(id);
    await phone.getByTestId('ticket-window').filter({ hasText: '3' }).waitFor({ timeout: 5_000 });
    expect(Date.now() - called).toBeLessThan(5_000);
    await phone.getByTestId('ticket-call').getByText('Пройдите к окну 3').waitFor();
    expect(await seriousViolations(phone)).toEqual([]);
    await phone.screenshot({
      path: screenshotFile('ticket-page.png'),
      fullPage: true,
      animations: 'disabled',
    });

    // The holder may switch language; Tajik is spelt with its own letters.
    await phone.getByTestId('lang-tg').click();
    await phone.getByText('Навбати шумо расид!').waitFor();

    const paper = await open('/kiosk/printer.html?office=kulob&kiosk=K1', 1280, 900);
    await paper.getByTestId('paper-job').first().waitFor();
    // An image that has really loaded (the locator pierces the page's shadow root). Polled from
    // here: the page's CSP refuses waitForFunction's in-page evaluation once it has to poll.
    const image = paper.getByTestId('paper-job').first().locator('img');
    let loaded = false;
    for (let i = 0; i < 100 && !loaded; i++) {
      loaded = await image.evaluate((img) => {
        const el = img as unknown as { complete: boolean; naturalWidth: number };
        return el.complete && el.naturalWidth > 0;
      });
      if (!loaded) await paper.waitForTimeout(50);
    }
    expect(loaded).toBe(true);
    const alt = await paper.getByTestId('paper-job').first().locator('img').getAttribute('alt');
    expect(alt).toContain(number);
    expect(await seriousViolations(paper)).toEqual([]);
    await paper.screenshot({ path: screenshotFile('printer-page.png'), fullPage: true });

    expect(pageErrors).toEqual([]);
  });

  it('names the window a transfer sent the ticket to, its figures level in their boxes', async () => {
    const issued = await issue();
    const { token } = await api<LoginResult>('/api/auth/login', {
      username: 'clerk2',
      password: 'demo',
    });
    // Window 1 staffed: the birth line is served, but not window 2, where the ticket goes.
    await api('/api/offices/kulob/counters/1/session', {}, token);
    await api('/api/offices/kulob/counters/1/call', { ticketId: issued.ticket.id }, token);
    await api(`/api/tickets/${issued.ticket.id}/transfer`, { counter: '2' }, token);
    const phone = await open(`/t/${issued.ticket.id}`, 360, 740);
    // It said "please wait, your number will appear on the screen" (a tester's find): where now?
    await phone.getByTestId('wait-message').filter({ hasText: 'Вас направили к окну 2' }).waitFor();
    // Nobody at window 2: no wait is told there (it said "you are next"; a tester's find).
    const publicTicket = async () =>
      (await (await fetch(`${server.url}/api/tickets/${issued.ticket.id}`)).json()) as {
        ticket: { peopleAhead?: number; servingWindows?: number };
      };
    expect((await publicTicket()).ticket).toMatchObject({ peopleAhead: 0, servingWindows: 0 });
    await phone.locator('dd').nth(1).filter({ hasText: '—' }).waitFor();
    await phone.screenshot({ path: screenshotFile('ticket-transferred.png'), fullPage: true });
    // A clerk sits down at window 2: it serves the ticket now.
    const { token: clerk3 } = await api<LoginResult>('/api/auth/login', {
      username: 'clerk3',
      password: 'demo',
    });
    await api('/api/offices/kulob/counters/2/session', {}, clerk3);
    expect((await publicTicket()).ticket).toMatchObject({ peopleAhead: 0, servingWindows: 1 });
    for (const [window, who] of [
      ['1', token],
      ['2', clerk3],
    ] as const) {
      const left = await fetch(`${server.url}/api/offices/kulob/counters/${window}/session`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${who}` },
      });
      expect(left.ok).toBe(true);
    }
    // Both boxes' figures at one height, whatever lines the wait takes ("0" sat at the bottom).
    const middles = await phone.locator('dd').evaluateAll((els) =>
      els.map((el) => {
        const range = el.ownerDocument.createRange();
        range.selectNodeContents(el);
        const r = range.getBoundingClientRect();
        return Math.round(r.top + r.height / 2);
      }),
    );
    expect(middles).toHaveLength(2);
    expect(Math.abs(middles[0]! - middles[1]!)).toBeLessThanOrEqual(3);
    expect(pageErrors).toEqual([]);
  });

  it('gives a one-time Telegram link, and "stop messages" leaves the later call unsent', async () => {
    const issued = await api<IssuedTicket>('/api/offices/kulob/tickets', {
      service: 'birth',
      language: 'en',
      phone: '+992901230077',
    });
    const { id } = issued.ticket;
    await waitFor(() => smsc.messages().some((m) => m.to === '992901230077'), 'the issued SMS');
    // The id alone (as the hall's display shows it): where the messages go, but no say over them.
    const stranger = await open(`/t/${id}`, 360, 740);
    await stranger.getByTestId('messages-to').filter({ hasText: '077' }).waitFor();
    expect(await stranger.getByTestId('messages-stop').count()).toBe(0);
    expect(await stranger.getByTestId('telegram-offer').count()).toBe(0);
    expect(await stranger.getByTestId('sms-offer').count()).toBe(0);
    await stranger.close();
    // The SMS's own link carries the holder's key.
    const sms = smsc.messages().find((m) => m.to === '992901230077');
    const link = /\/t\/[\w-]+#[\w-]+/.exec(sms?.text ?? '')?.[0];
    expect(link).toBe(`/t/${id}#${issued.holderKey}`);
    const phone = await open(link ?? '', 360, 740);
    await phone.getByTestId('messages-to').filter({ hasText: '077' }).waitFor();
    // A phone follows already: no "send me an SMS" beside "messages go to …077".
    expect(await phone.getByTestId('sms-offer').count()).toBe(0);
    await phone.getByTestId('telegram-offer').click();
    const focused = (id: string) => phone.getByTestId(id).evaluate((el) => el.matches(':focus'));
    // The pressed button became the link: the focus went with it.
    await waitFor(() => focused('telegram-link'), 'the focus on the Telegram link');
    const href = (await phone.getByTestId('telegram-link').getAttribute('href')) ?? '';
    const code = /^https:\/\/t\.me\/navbat_kulob_bot\?start=([\w-]+)$/.exec(href)?.[1];
    expect(code).toBeDefined();
    // The citizen presses Start in Telegram: the code from the page binds their chat to the ticket.
    bot.write(3141, `/start ${code}`);
    const status = async () =>
      (await (await fetch(`${server.url}/api/tickets/${id}/notify`)).json()) as {
        notify: { phone: string | null; telegram: boolean };
      };
    await waitFor(async () => (await status()).notify.telegram, 'the chat bound to the ticket');

    await phone.getByTestId('messages-stop').click();
    await phone.getByTestId('messages-stopped').waitFor();
    await waitFor(() => focused('messages-stopped'), 'the focus on what the stop did');
    expect(await seriousViolations(phone)).toEqual([]);
    expect((await status()).notify).toMatchObject({ phone: null, telegram: false });
    // The keypad offers the SMS afresh; opened, it comes into view (it opened below the fold).
    await phone.evaluate('window.scrollTo(0, 0)');
    await phone.getByTestId('sms-offer').click();
    const number = await phone.getByTestId('sms-number').boundingBox();
    const height = phone.viewportSize()!.height;
    expect(number!.y).toBeGreaterThanOrEqual(0);
    expect(number!.y + number!.height).toBeLessThanOrEqual(height);
    await phone.getByTestId('sms-cancel').click();
    await phone.getByTestId('sms-offer').waitFor();
    const { token } = await api<LoginResult>('/api/auth/login', {
      username: 'clerk2',
      password: 'demo',
    });
    await api('/api/offices/kulob/counters/2/call', { ticketId: id }, token);
    await phone.getByTestId('ticket-window').filter({ hasText: '2' }).waitFor();
    // The call's transaction wrote no message for the stopped ticket: only the issued one exists.
    const [rows] = await server.db.sequelize.query(
      `SELECT template FROM messages WHERE ticket_id = '${id}'`,
    );
    expect(rows).toEqual([{ template: 'ticket_issued' }]);
    expect(bot.sent()).toEqual([]);
    expect(smsc.messages().filter((m) => m.to === '992901230077')).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });

  it('speaks the language a link asks for (?lang=), over the language the ticket was taken in', async () => {
    const { ticket, holderKey } = await issue();
    const phone = await open(`/t/${ticket.id}?lang=uz#${holderKey}`, 360, 740);
    await phone.getByTestId('ticket-number').filter({ hasText: ticket.number }).waitFor();
    await phone.locator('html[lang="uz"]').waitFor();
    // Still Uzbek once the ticket (taken in Russian) has been read.
    await phone.getByTestId('people-ahead').waitFor();
    expect(await phone.locator('html').getAttribute('lang')).toBe('uz');
    await phone.getByTestId('lang-en').click();
    await phone.locator('html[lang="en"]').waitFor();
    // The holder's choice outlives a reload (the address carries it; the key stays after '#').
    expect(new URL(phone.url()).searchParams.get('lang')).toBe('en');
    await phone.reload();
    await phone.getByTestId('people-ahead').waitFor();
    expect(await phone.locator('html').getAttribute('lang')).toBe('en');
    expect(new URL(phone.url()).hash).toBe(`#${holderKey}`);
    expect(pageErrors).toEqual([]);
  });

  it('offers the SMS on a phone with a button of the page’s scale, not a block, in every language', async () => {
    const { ticket, holderKey } = await issue();
    const phone = await open(`/t/${ticket.id}#${holderKey}`, 360, 740);
    await phone.getByTestId('ticket-number').filter({ hasText: ticket.number }).waitFor();
    // A touch target (44 px or more) on one line, as the page's other buttons: it was a 72-pixel
    // block in 26 px type, two lines on this phone.
    const wrong: string[] = [];
    const measure = async (language: string, testId: string) => {
      const box = (await phone.getByTestId(testId).boundingBox())!;
      if (box.height < 44 || box.height > 64 || box.x < 0 || box.x + box.width > 360) {
        wrong.push(`${language} ${testId}: ${box.width}×${box.height} at x ${box.x}`);
      }
    };
    for (const language of ['tg', 'ru', 'uz', 'en'] as const) {
      await phone.getByTestId(`lang-${language}`).click();
      await phone.locator(`html[lang="${language}"]`).waitFor();
      await measure(language, 'sms-offer');
      // The keypad's "send" below the keys is of the same scale.
      await phone.getByTestId('sms-offer').click();
      await measure(language, 'sms-send');
      await phone.getByTestId('sms-cancel').click();
    }
    expect(wrong).toEqual([]);
    // Its words whole (a phone's height that shows the whole page: off screen counts as cut).
    await phone.setViewportSize({ width: 360, height: 1600 });
    expect(await clippedTexts(phone)).toEqual([]);
    await phone.screenshot({ path: screenshotFile('ticket-sms-offer.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('says so in the page language when the ticket does not exist', async () => {
    const phone = await open(`/t/${UNKNOWN_TICKET}`, 360, 740);
    await phone.getByTestId('ticket-not-found').getByText('Чипта ёфт нашуд').waitFor();
    expect(await seriousViolations(phone)).toEqual([]);
    await phone.getByTestId('lang-en').click();
    await phone.getByTestId('ticket-not-found').getByText('Ticket not found').waitFor();
    await phone.screenshot({ path: screenshotFile('ticket-not-found.png') });
    expect(pageErrors).toEqual([]);
  });
});
