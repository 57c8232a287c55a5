/**
 * Nothing the hall reads is cut: the display at 1920×1080 and 1280×720 with 14 and 20 services (long
 * names, closed ones) and the kiosk at 1080×1920, 1920×1080 and 1280×800 (low-reach mode included),
 * in each language, on a lived-in office (calls at five windows, a paused window, a ticker). One page,
 * resized and switched between languages; every text node's box must lie inside each box that clips
 * it and inside the screen; axe finds nothing serious on the states visited.
 *
 * The same visits take the README's hall screenshots, in a fixed order on this file's own server:
 *   SCREENSHOTS=1 npx jest e2e/hall-layout.test.ts
 * writes docs/screenshots/hall/ (without SCREENSHOTS they go to the ignored .e2e-artifacts/hall/).
 */
import type { Browser, Page } from 'playwright-core';
import type { Language } from '../server/protocol';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { login, request } from '../server/src/testing/client';
import { waitFor } from '../server/src/testing/wait';
import { translate } from '../ui/i18n';
import { TICKER, addExtraServices, hallShot, liveOffice } from './hall-services';
import { clippedTexts, coveredElements, launchChromium, seriousViolations } from './browser';

const LANGUAGES: Language[] = ['tg', 'ru', 'uz', 'en'];
/** The smallest service name on the display, in vh (MIN_NAME_VH of display-waiting-list.ts). */
const MIN_NAME_VH = 2.4;
/** Seconds a page of services stays on the display (PAGE_SECONDS of display-waiting-list.ts). */
const PAGE_SECONDS = 10;

describe('the hall layout: nothing is cut', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    // The page's own clock: the display's pages of services follow each other every 10 s, and the
    // test moves that clock on instead of waiting for it.
    await page.clock.install();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  function addServices(from: number, to: number): Promise<void> {
    return addExtraServices(server.url, from, to);
  }

  async function expectNothingCut(where: string): Promise<void> {
    // A ticker line longer than the screen scrolls through it: it is cut on purpose.
    const scrolls = await page.locator('display-ticker[scrolling]').count();
    const cut = (await clippedTexts(page)).filter((c) => !scrolls || c.text !== TICKER);
    expect({ where, cut }).toEqual({ where, cut: [] });
  }

  /** Every service name on screen is set at 2.4 vh or more (read from 5 m; MIN_NAME_VH). */
  async function expectReadableNames(where: string): Promise<void> {
    const sizes = await page.evaluate<number[]>(`(() => {
      const list = document.querySelector('display-app').shadowRoot.querySelector('display-waiting-list');
      return [...list.shadowRoot.querySelectorAll('.name')].map(
        (n) => (parseFloat(getComputedStyle(n).fontSize) / innerHeight) * 100);
    })()`);
    expect(sizes.length).toBeGreaterThan(0);
    const small = sizes.filter((vh) => vh < MIN_NAME_VH - 0.01);
    expect({ where, small }).toEqual({ where, small: [] });
  }

  async function checkDisplay(services: number): Promise<void> {
    for (const [width, height] of [
      [1920, 1080],
      [1280, 720],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const language of LANGUAGES) {
        await page.goto(`${server.url}/display/?office=kulob&sound=0&lang=${language}`);
        await page.getByTestId('waiting-birth').waitFor();
        await page.locator('display-latest-call [data-testid="latest-number"]').waitFor();
        await page.locator('[data-testid="latest-call"]:not([data-flashing])').waitFor();
        await hallShot(page, `display-${width}x${height}-${services}-${language}`, language);
        // Axe reads the same document at either size: each language once, Tajik at both.
        if (width === 1920 || language === 'tg') expect(await seriousViolations(page)).toEqual([]);
        const where = `display ${width}×${height} ${services} services ${language}`;
        await expectNothingCut(where);
        await expectReadableNames(where);
        const list = page.locator('display-waiting-list [data-testid="waiting-list"]');
        const pages = (await list.getAttribute('data-page')) ?? '1/1';
        // Services that take turns say so by the heading: "1/2".
        const mark = page.getByTestId('waiting-page');
        if (pages === '1/1') expect(await mark.count()).toBe(0);
        else expect({ where, mark: await mark.textContent() }).toEqual({ where, mark: pages });
        if (language === 'tg' && pages !== '1/1') {
          // More services than rows: the next page follows by itself, and it is not cut either.
          const seen = new Set<string>();
          let forwardedAt = '';
          const last = await waitFor(
            async () => {
              const now = (await list.getAttribute('data-page')) ?? '1/1';
              seen.add(now);
              const [at, of] = now.split('/');
              if (of !== '1' && at === of) return of;
              // One page's time on the page's clock, once the last jump has turned the page.
              if (now !== forwardedAt) {
                forwardedAt = now;
                await page.clock.fastForward(PAGE_SECONDS * 1000);
              }
              return false;
            },
            `${where}: the last page of services`,
            15_000,
          ).catch((err: Error) => {
            throw new Error(`${err.message} (seen: ${[...seen].join(', ')})`);
          });
          await expectNothingCut(`${where}, page ${last}`);
          await expectReadableNames(`${where}, page ${last}`);
          expect(await mark.textContent()).toBe(`${last}/${last}`);
        }
      }
    }
  }

  /**
   * Tiles never overlap (each tile clips its own text, so an overflow is a cut) and every one can be
   * reached: where they do not all fit, "more services below" scrolls until the last is in view.
   */
  async function expectEveryTileReachable(where: string): Promise<void> {
    // The tile's list is the kiosk-home's <ul>, in the same shadow root (read in the page).
    type List = { scrollTop: number; getBoundingClientRect(): { top: number; bottom: number } };
    type Root = { querySelector(q: string): List };
    const tiles = page.locator('kiosk-service-tile');
    const last = tiles.nth((await tiles.count()) - 1);
    const more = page.getByTestId('more-services');
    const inView = () =>
      last.evaluate((tile) => {
        const box = tile.getBoundingClientRect();
        const list = (tile.getRootNode() as Root).querySelector('ul').getBoundingClientRect();
        return box.top >= list.top - 1 && box.bottom <= list.bottom + 1;
      });
    for (let taps = 0; (await more.count()) > 0 && taps < 10; taps++) {
      // The button follows the list's scroll event, a frame after the scroll itself (on a busy
      // machine, several): let it settle before asking whether it is still there.
      await waitFor(
        async () => (await more.count()) === 0 || !(await inView()),
        `${where}: "more services" gone once the last tile is in view`,
      );
      // The button sits under the list (it never covers a tile); it and the list read in one go:
      // between two reads the button could go (the last scroll coming to rest) and the list take
      // its room back (CI of e64773d, under load).
      const placed = await last.evaluate((tile) => {
        type Box = { getBoundingClientRect(): { top: number; bottom: number } };
        const root = tile.getRootNode() as unknown as { querySelector(q: string): Box | null };
        const button = root.querySelector('[data-testid="more-services"]');
        const list = root.querySelector('ul');
        if (!button || !list) return 'gone';
        const under = button.getBoundingClientRect().top >= list.getBoundingClientRect().bottom - 1;
        return under ? 'under' : 'over';
      });
      if (placed === 'gone') break;
      expect({ where, lastInView: await inView() }).toEqual({ where, lastInView: false });
      expect({ where, placed }).toEqual({ where, placed: 'under' });
      const scrollTop = () =>
        last.evaluate((tile) => (tile.getRootNode() as Root).querySelector('ul').scrollTop);
      const before = await scrollTop();
      await more.click();
      // The list scrolls smoothly: wait until it has moved and come to rest.
      let previous = before;
      await waitFor(async () => {
        const now = await scrollTop();
        const rested = now > before && now === previous;
        previous = now;
        return rested;
      }, `${where}: a scroll after "more services"`);
      await expectNothingCut(`${where}, scrolled ${taps + 1}`);
    }
    expect({ where, lastInView: await inView(), more: await more.count() }).toEqual({
      where,
      lastInView: true,
      more: 0,
    });
  }

  /**
   * The kiosk's home at one size, in each language: nothing cut, no word broken; at the README's
   * two sizes a shot of each.
   */
  async function kioskHome(width: number, height: number, services: number): Promise<void> {
    await page.setViewportSize({ width, height });
    await page.goto(`${server.url}/kiosk/?office=kulob&kiosk=K1`);
    await page.getByTestId('service-birth').waitFor();
    for (const language of LANGUAGES) {
      const where = `kiosk ${width}×${height} ${services} services ${language}`;
      await page.getByRole('button', { name: languageName(language), exact: true }).click();
      if (width !== 1280)
        await hallShot(page, `kiosk-${width}x${height}-${services}-${language}`, language);
      await expectNothingCut(where);
      // Names wrap between words: none had to fall back to breaking a word.
      const broken = await page.evaluate<string[]>(`[...document.querySelector('kiosk-app')
        .shadowRoot.querySelector('kiosk-home').shadowRoot.querySelectorAll('kiosk-service-tile')]
        .map((t) => t.shadowRoot.querySelector('.name'))
        .filter((n) => n.style.overflowWrap === 'break-word').map((n) => n.textContent)`);
      expect({ where, broken }).toEqual({ where, broken: [] });
    }
  }

  async function checkKiosk(services: number): Promise<void> {
    for (const [width, height] of [
      [1080, 1920],
      [1920, 1080],
      [1280, 800],
    ] as const) {
      await kioskHome(width, height, services);
      expect(await seriousViolations(page)).toEqual([]);
      await expectEveryTileReachable(`kiosk ${width}×${height}`);
      // Low reach: every control low on the screen, and the ticket's number and buttons in full.
      await page.getByTestId('low-reach').click();
      await expectNothingCut(`kiosk ${width}×${height} low reach`);
      await page.getByTestId('service-birth').click();
      const priority = page.getByTestId('priority-none');
      await priority.waitFor();
      await expectNothingCut(`kiosk ${width}×${height} low reach, priority`);
      // The kiosk ignores a tap in a step's first moments (the second half of a double tap): tap
      // again until the ticket shows.
      const number = page.getByTestId('ticket-number');
      for (let tries = 0; tries < 10 && !(await number.isVisible()); tries++) {
        // The tap that took may show the ticket just after the wait: then the button is gone.
        await priority.click({ timeout: 2_000 }).catch(() => undefined);
        await number.waitFor({ timeout: 700 }).catch(() => undefined);
      }
      await expectNothingCut(`kiosk ${width}×${height} low reach, ticket`);
      // Nothing lies over the number or any button (the header and the footer did).
      expect(await coveredElements(page, '[data-testid="ticket-number"], button')).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
    }
  }

  // One test, so that a filtered run cannot take the 20-service shots of a 14-service office.
  it('shows every service name in full on the display and the kiosk with 14, and the display with 20 services', async () => {
    // 14 services, two closed (one with a reason: the closed row must not shrink the name).
    await liveOffice(server.url);
    await checkDisplay(14);
    for (const [width, height] of [
      [1080, 1920],
      [1920, 1080],
    ] as const) {
      await kioskHome(width, height, 14);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await addServices(4, 10);
    await checkDisplay(20);
  }, 240_000);

  it('makes only its own row taller for a very long service name, and cuts none of it', async () => {
    const admin = await login(server.url, 'admin');
    const long =
      'Государственная регистрация установления отцовства и выдача повторных свидетельств ' +
      'о государственной регистрации актов гражданского состояния и справок об этом';
    const names = { tg: long, ru: long, uz: long, en: long };
    const renamed = await request(server.url, 'PATCH', '/api/offices/kulob/services/birth', {
      token: admin,
      body: { names },
    });
    expect(renamed.status).toBe(200);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${server.url}/display/?office=kulob&sound=0&lang=ru`);
    const birth = page.getByTestId('waiting-birth');
    await birth.waitFor();
    const where = 'display 1920×1080 with one very long name';
    await expectNothingCut(where);
    await expectReadableNames(where);
    // Its row (and its neighbour's in the other column) is taller; the others keep their height.
    const heights = await page
      .locator('display-waiting-list ul.shown > li')
      .evaluateAll((rows) =>
        rows.map((r) => (r as unknown as { offsetHeight: number }).offsetHeight),
      );
    const tall = Math.max(...heights);
    const lower = heights.filter((h) => h < tall * 0.8);
    // (Alone on its row in one column; in two, its neighbour shares the row.)
    expect(lower.length).toBeGreaterThanOrEqual(heights.length - 2);
    // Rows alike at its height held three a page here; now most of the office fits on one.
    expect(heights.length).toBeGreaterThanOrEqual(6);
  });

  it('shows every kiosk label in full, in portrait and landscape, in each language', async () => {
    await checkKiosk(20);
  }, 120_000);
});

function languageName(language: Language): string {
  return translate(language, 'languageName');
}
