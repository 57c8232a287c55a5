/**
 * The hall display in chromium against a real server (SQLite): calls appear within 2 s and are
 * announced in order (chime, Tajik, Russian), recalls flash and speak again, the call in words is in
 * the display's language and a second one (Tajik, or Russian for Tajik, as on paper) and axe passes
 * in each language, the ticker and paused windows follow the office live, a server restart is
 * survived without a reload, nothing personal reaches the page, and the layout fits 1920×1080 and
 * 1280×720 without scrolling. The server plays the shipped voice pack's clips cut short (VOICE_DIR).
 */
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  freshDatabase,
  seedTestDemo,
  startTestServer,
  type TestDatabase,
  type TestServer,
} from '../server/src/testing/harness';
import { login, request } from '../server/src/testing/client';
import type { Language } from '../server/protocol';
import { translate } from '../ui/i18n';
import { CHROMIUM_ARGS, CHROMIUM_PATH, screenshotFile, seriousViolations } from './browser';
import { quickVoicePack } from './voice-pack';

interface Announcement {
  ticket: string;
  window: string;
  clips: string[];
  status: string;
  startedAt?: number;
  endedAt?: number;
}

describe('the hall display in the browser on sqlite', () => {
  let tdb: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let voice: Page;
  let token: string;
  const frames: string[] = [];
  const voiceResponses: Array<{ url: string; status: number }> = [];
  const pageErrors: string[] = [];
  /** The shipped clips cut short: the announcements' clips and order, in half the time. */
  let quickPack: ReturnType<typeof quickVoicePack>;

  beforeAll(async () => {
    quickPack = quickVoicePack();
    tdb = await freshDatabase('sqlite');
    await seedTestDemo(tdb.db);
    [server, browser] = await Promise.all([
      startTestServer({ shared: tdb, voiceDir: quickPack.dir }),
      // What the README tells an office to start its display with: sound without a gesture.
      chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
      }),
    ]);
    token = await login(server.url, 'clerk1');
    // The silent display takes most checks; a speaking one (opened later) the announcements.
    page = await openDisplay('sound=0');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await tdb?.drop();
    quickPack?.remove();
  });

  async function openDisplay(query: string): Promise<Page> {
    const p = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    p.on('pageerror', (e) => pageErrors.push(e.message));
    p.on('console', (m) => {
      // The restart test takes the server away on purpose: its failed reconnects are expected.
      if (m.type() === 'error' && !/ERR_CONNECTION_REFUSED|WebSocket/.test(m.text())) {
        pageErrors.push(m.text());
      }
    });
    p.on('websocket', (ws) => {
      ws.on('framereceived', (f) => frames.push(String(f.payload)));
    });
    p.on('response', (r) => {
      if (r.url().includes('/display/voice/')) {
        voiceResponses.push({ url: r.url(), status: r.status() });
      }
    });
    await p.goto(`${server.url}/display/?office=kulob&${query}`);
    await p.getByTestId('waiting-birth').waitFor();
    return p;
  }

  async function until(
    what: string,
    check: () => Promise<boolean>,
    timeoutMs: number,
  ): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function connectionMark(p: Page): Promise<string> {
    return p.evaluate<string>(
      `document.querySelector('display-app').shadowRoot.querySelector('nb-connection-mark').shadowRoot.textContent.trim()`,
    );
  }

  async function issue(service: string): Promise<{ id: string; number: string }> {
    const res = await request(server.url, 'POST', '/api/offices/kulob/tickets', {
      body: { service },
    });
    expect(res.status).toBe(201);
    return res.body.ticket;
  }

  async function callNext(counter: string): Promise<{ id: string; number: string }> {
    const res = await request(
      server.url,
      'POST',
      `/api/offices/kulob/counters/${counter}/call-next`,
      {
        token,
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.ticket).not.toBeNull();
    return res.body.ticket;
  }

  async function complete(id: string): Promise<void> {
    const res = await request(server.url, 'POST', `/api/tickets/${id}/complete`, { token });
    expect(res.status).toBe(200);
  }

  async function announcements(p: Page): Promise<Announcement[]> {
    return p.evaluate<Announcement[]>(
      'JSON.parse(JSON.stringify(window.__navbatAnnouncements ?? []))',
    );
  }

  /** Waits until the `nth` announcement of `ticket` has been played (or, `begun`, has started). */
  async function played(p: Page, ticket: string, nth = 1, begun = false): Promise<Announcement> {
    const end = Date.now() + 25_000;
    for (;;) {
      const mine = (await announcements(p)).filter((a) => a.ticket === ticket);
      const it = mine[nth - 1];
      const waiting = begun ? ['queued'] : ['queued', 'playing'];
      if (it && !waiting.includes(it.status)) return it;
      if (Date.now() > end)
        throw new Error(`announcement ${nth} of ${ticket}: ${JSON.stringify(mine)}`);
      await p.waitForTimeout(200);
    }
  }

  async function noScroll(width: number, height: number): Promise<void> {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(200);
    // Evaluated as source: the tests compile without the DOM library.
    const box = await page.evaluate<{
      scroll: number[];
      client: number[];
      bottoms: number[];
    }>(`(() => {
      const root = document.documentElement;
      const app = document.querySelector('display-app');
      const bottoms = ['header', 'main', '.windows', 'display-ticker'].map((sel) => {
        const el = app.shadowRoot.querySelector(sel);
        return el ? el.getBoundingClientRect().bottom : 0;
      });
      return {
        scroll: [root.scrollWidth, root.scrollHeight],
        client: [root.clientWidth, root.clientHeight],
        bottoms,
      };
    })()`);
    expect(box.scroll).toEqual(box.client);
    expect(box.client).toEqual([width, height]);
    for (const bottom of box.bottoms) expect(bottom).toBeLessThanOrEqual(height + 0.5);
  }

  it('shows a call as it is made (pushed, within 5 s on a busy CI machine), large and in words, fits 1920×1080 and 1280×720, and passes axe', async () => {
    await issue('birth');
    const started = Date.now();
    const ticket = await callNext('3');
    await page
      .getByTestId('latest-number')
      .filter({ hasText: ticket.number })
      .waitFor({ timeout: 5_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await page.getByTestId('latest-counter').textContent())?.trim()).toBe('3');
    const words = (await page.getByTestId('latest-words').textContent()) ?? '';
    expect(words).toContain(`Чиптаи ${ticket.number}`);
    expect(words).toContain(`Талон ${ticket.number}, пройдите к окну 3`);
    await expect(page.getByTestId('window-3').textContent()).resolves.toContain(ticket.number);

    await noScroll(1920, 1080);
    expect(await seriousViolations(page)).toEqual([]);
    await noScroll(1280, 720);
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await complete(ticket.id);
  });

  it('announces two quick calls one after the other (chime, Tajik, Russian), and a recall again', async () => {
    voice = await openDisplay('sound=1&volume=0.4');
    await issue('birth');
    await issue('birth');
    const first = await callNext('1');
    const second = await callNext('2');
    // Screen and voice agree: while the first is announced the panel shows it, the second waits
    // visibly in the "next" strip (not on the panel, where the hall would read one number and hear another).
    await voice
      .getByTestId('next-calls')
      .filter({ hasText: second.number })
      .waitFor({ timeout: 3_000 });
    expect(await voice.getByTestId('latest-number').textContent()).toContain(first.number);
    const a = await played(voice, first.number);
    await voice.getByTestId('latest-number').filter({ hasText: second.number }).waitFor();
    const b = await played(voice, second.number);
    expect([a.status, b.status]).toEqual(['played', 'played']);
    // Never cut off: the second starts when the first has ended.
    expect(b.startedAt!).toBeGreaterThanOrEqual(a.endedAt!);
    const log = await announcements(voice);
    expect(log.findIndex((x) => x.ticket === first.number)).toBeLessThan(
      log.findIndex((x) => x.ticket === second.number),
    );
    // A00n at window 1: "Чиптаи а n — равзанаи як", then "Талон а n — окно один".
    const clips = (x: Announcement) => x.clips.map((u) => u.replace(/^.*voice\//, ''));
    const n = Number(first.number.slice(1));
    expect(clips(a)).toEqual([
      'chime.wav',
      'tg/ticket.wav',
      'tg/letter-a.wav',
      `tg/n${n}.wav`,
      'tg/window.wav',
      'tg/n1.wav',
      'ru/ticket.wav',
      'ru/letter-a.wav',
      `ru/n${n}.wav`,
      'ru/window.wav',
      'ru/n1.wav',
    ]);
    expect(clips(b).slice(0, 2)).toEqual(['chime.wav', 'tg/ticket.wav']);
    expect(clips(b).at(-1)).toBe('ru/n2.wav');
    // Every clip came from the server's voice pack.
    const asked = new Set(voiceResponses.map((r) => r.url.replace(/^.*voice\//, '')));
    for (const clip of clips(a)) expect(asked).toContain(clip);
    expect(voiceResponses.filter((r) => r.status >= 400)).toEqual([]);

    expect(
      (await request(server.url, 'POST', `/api/tickets/${second.id}/recall`, { token })).status,
    ).toBe(200);
    const again = await played(voice, second.number, 2, true);
    expect(['playing', 'played']).toContain(again.status);
    expect(again.clips).toEqual(b.clips);
    await complete(first.id);
    await complete(second.id);
  });

  it('re-highlights a recalled ticket', async () => {
    await issue('marriage');
    const ticket = await callNext('4');
    await page
      .getByTestId('latest-number')
      .filter({ hasText: ticket.number })
      .waitFor({ timeout: 5_000 });
    const card = page.getByTestId('latest-call');
    const before = await card.getAttribute('data-flash');

    const res = await request(server.url, 'POST', `/api/tickets/${ticket.id}/recall`, { token });
    expect(res.status).toBe(200);
    await page
      .locator(`[data-testid="latest-call"][data-flashing]:not([data-flash="${before}"])`)
      .waitFor({ timeout: 5_000 });
    await complete(ticket.id);
  });

  it('repeats the call in Tajik for every other reader (Russian for a Tajik one), and passes axe in each language', async () => {
    await issue('certificate');
    const ticket = await callNext('2');
    // The paper's rule (layout.ts): a Tajik second line for Russian, Uzbek and English readers.
    const second: Record<Language, Language> = { tg: 'ru', ru: 'tg', uz: 'tg', en: 'tg' };
    const p = await openDisplay('sound=0&lang=tg');
    for (const language of ['tg', 'ru', 'uz', 'en'] as const) {
      if (language !== 'tg')
        await p.goto(`${server.url}/display/?office=kulob&sound=0&lang=${language}`);
      await p.getByTestId('latest-number').filter({ hasText: ticket.number }).waitFor();
      const spans = await p.locator('[data-testid="latest-words"] span').all();
      const lines = await Promise.all(
        spans.map(async (s) => [await s.getAttribute('lang'), (await s.textContent())?.trim()]),
      );
      const words = (l: Language) =>
        translate(l, 'goToWindow', { ticket: ticket.number, window: '2' });
      expect({ language, lines }).toEqual({
        language,
        lines: [
          [language, words(language)],
          [second[language], words(second[language])],
        ],
      });
      expect({ language, axe: await seriousViolations(p) }).toEqual({ language, axe: [] });
    }
    await p.close();
    await complete(ticket.id);
  });

  it('shows paused windows as closed and the ticker as the office sets it, live', async () => {
    await server.app.queue.configure('kulob', async (t, _office, changes) => {
      await tdb.db.models.Counter.update(
        { status: 'paused', pauseReason: 'обед' },
        { where: { officeCode: 'kulob', number: '5' }, transaction: t },
      );
      await tdb.db.models.Office.update(
        { ticker: 'Қабул то соати 17:00 · Приём до 17:00' },
        { where: { code: 'kulob' }, transaction: t },
      );
      changes.push({ kind: 'counter:updated', counter: '5' }, { kind: 'office:updated' });
    });
    await page
      .getByTestId('ticker')
      .filter({ hasText: 'Қабул то соати 17:00' })
      .waitFor({ timeout: 5_000 });
    await page.getByTestId('window-5').filter({ hasText: 'Пӯшида' }).waitFor({ timeout: 5_000 });
    expect(await seriousViolations(page)).toEqual([]);

    await server.app.queue.configure('kulob', async (t, _office, changes) => {
      await tdb.db.models.Office.update(
        { ticker: null },
        { where: { code: 'kulob' }, transaction: t },
      );
      changes.push({ kind: 'office:updated' });
    });
    await page.getByTestId('ticker').waitFor({ state: 'detached', timeout: 2_000 });
  });

  it('never receives a case number, even for a ticket linked to a case', async () => {
    await issue('pickup');
    const ticket = await callNext('6');
    const opened = await request(server.url, 'POST', '/api/cases', {
      token,
      body: { ticketId: ticket.id, type: 'birth' },
    });
    expect(opened.status).toBe(201);
    const caseNumber: string = opened.body.case.number;
    const seen = frames.length;
    // The recall publishes the ticket again; staff see its case number, the display must not.
    expect(
      (await request(server.url, 'POST', `/api/tickets/${ticket.id}/recall`, { token })).status,
    ).toBe(200);
    await page.locator('[data-testid="latest-call"][data-flashing]').waitFor({ timeout: 5_000 });
    const after = frames.slice(seen).join('\n');
    expect(after).toContain(ticket.number);
    expect(frames.join('\n')).not.toMatch(/caseNumber/);
    expect(frames.join('\n')).not.toContain(caseNumber);
    await complete(ticket.id);
  });

  it('recovers from a server restart without a reload: the next call still shows', async () => {
    await page.evaluate('window.__sameDocument = true');
    const port = server.port;
    await server.app.close();
    let markError: unknown;
    let markPlace: unknown;
    try {
      // A discreet mark says the connection is lost, after a short grace period: in the header,
      // over no window's number, and the page no wider than the screen.
      await until('the connection mark', async () => (await connectionMark(page)) !== '', 10_000);
      markPlace = await page.evaluate(`(() => {
        const root = document.querySelector('display-app').shadowRoot;
        const mark = root.querySelector('nb-connection-mark').shadowRoot.querySelector('.mark');
        const m = mark.getBoundingClientRect();
        const over = (el) => {
          const r = el.getBoundingClientRect();
          return m.left < r.right && r.left < m.right && m.top < r.bottom && r.top < m.bottom;
        };
        return {
          overWindows: over(root.querySelector('section.windows')),
          overCall: over(root.querySelector('display-latest-call')),
          wider: document.documentElement.scrollWidth > window.innerWidth,
        };
      })()`);
    } catch (err) {
      markError = err;
    }
    // Whatever the page did, the next tests need the server back.
    server = await startTestServer({ shared: tdb, port, voiceDir: quickPack.dir });
    token = await login(server.url, 'clerk1');
    expect(markError).toBeUndefined();
    expect(markPlace).toEqual({ overWindows: false, overCall: false, wider: false });
    await until('the reconnection', async () => (await connectionMark(page)) === '', 20_000);

    await issue('death');
    const started = Date.now();
    const ticket = await callNext('2');
    await page
      .getByTestId('latest-number')
      .filter({ hasText: ticket.number })
      .waitFor({ timeout: 5_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    // The speaking display comes back too, when its own reconnection backoff (up to ~7.5 s) lets it.
    await voice
      .getByTestId('latest-number')
      .filter({ hasText: ticket.number })
      .waitFor({ timeout: 20_000 });
  });

  it('takes the screenshot of the README (1920×1080, a few calls, a ticker, a closed window)', async () => {
    for (const service of ['birth', 'certificate', 'pickup', 'amendment', 'birth'])
      await issue(service);
    await server.app.queue.configure('kulob', async (t, _office, changes) => {
      await tdb.db.models.Office.update(
        { ticker: 'Ҳуҷҷатҳои тайёрро аз равзанаи 6 гиред · Готовые документы — в окне 6' },
        { where: { code: 'kulob' }, transaction: t },
      );
      changes.push({ kind: 'office:updated' });
    });
    await callNext('3');
    const last = await callNext('1');
    // A speaking display, as an office runs it (a silent one says so in its header).
    const hall = await openDisplay('sound=1&volume=0.4');
    await hall.getByTestId('latest-number').filter({ hasText: last.number }).waitFor();
    await hall
      .locator('[data-testid="latest-call"]:not([data-flashing])')
      .waitFor({ timeout: 8_000 });
    const file = screenshotFile('display.png');
    await hall.screenshot({ path: file });
    expect(await seriousViolations(hall)).toEqual([]);
    expect(fs.statSync(file).size).toBeLessThan(300 * 1024);
    expect(pageErrors).toEqual([]);
    await hall.close();
  });

  it('skips a voice clip whose request never ends, and goes on announcing', async () => {
    // A fresh speaking display (its clips not loaded yet) whose request for one clip hangs, as
    // one to a server going down mid-answer can.
    const hall = await openDisplay('sound=1&volume=0.4');
    let hung = 0;
    await hall.route('**/display/voice/tg/window.wav', () => {
      hung++; // never answered
    });
    try {
      await issue('death');
      await issue('pickup');
      const first = await callNext('4');
      const second = await callNext('6');
      // The first is announced without the clip once its request gives up (5 s), then the second.
      await hall
        .getByTestId('latest-number')
        .filter({ hasText: second.number })
        .waitFor({ timeout: 20_000 });
      expect(hung).toBeGreaterThan(0);
      const a = await played(hall, first.number);
      expect(a.endedAt! - a.startedAt!).toBeGreaterThanOrEqual(4_000);
      // Goes on announcing: the second has begun (its whole clip list is the test before's).
      expect((await played(hall, second.number, 1, true)).status).not.toBe('failed');
    } finally {
      await hall.close();
    }
  });
});
