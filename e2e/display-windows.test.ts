/**
 * The hall display's strip of windows in an office with more windows than the demo's six: with
 * ten, then twelve, every window's tile, number and ticket lie whole inside the screen and the tile
 * (none overflows past the strip's heading or its neighbours), at 1920×1080, 1366×768 and
 * 1280×720, in each language; the numbers stay large enough to read across the hall. The previous
 * calls to windows 10–12 ("B003 → 11") fit their cards too.
 */
import type { Browser, Page } from 'playwright-core';
import type { Language } from '../server/protocol';
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { login, request } from '../server/src/testing/client';
import { clippedTexts, launchChromium } from './browser';

const SIZES = [
  [1920, 1080],
  [1366, 768],
  [1280, 720],
] as const;
const LANGUAGES: Language[] = ['tg', 'ru', 'uz', 'en'];

/** A box as the page measured it. */
interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** One window's tile: its box inside the border, and each text part's box and font size. */
interface Tile {
  id: string;
  box: Box;
  inner: Box;
  parts: Array<{ text: string; kind: string; box: Box; fontVh: number }>;
}

/** Page-side source: the strip's heading box and every window tile's boxes. */
const MEASURE_STRIP = `(() => {
  const app = document.querySelector('display-app').shadowRoot;
  const list = app.querySelector('display-windows').shadowRoot;
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  };
  const tiles = [...list.querySelectorAll('li')].map((li) => {
    const cs = getComputedStyle(li);
    const outer = box(li);
    const bw = parseFloat(cs.borderLeftWidth);
    const inner = { left: outer.left + bw, right: outer.right - bw, top: outer.top + bw, bottom: outer.bottom - bw };
    const parts = [...li.querySelectorAll('.number, .ticket, .state')].map((el) => ({
      text: el.textContent.trim(),
      kind: el.className.replace('num', '').trim(),
      box: box(el),
      fontVh: (parseFloat(getComputedStyle(el).fontSize) / innerHeight) * 100,
    }));
    return { id: li.dataset.testid, box: outer, inner, parts };
  });
  // The previous calls' cards ("B003 → 11"), their call inside the padding.
  const recent = app.querySelector('display-recent-calls').shadowRoot;
  const calls = [...recent.querySelectorAll('li:not(.empty)')].map((li) => {
    const cs = getComputedStyle(li);
    const outer = box(li);
    const pad = parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft);
    const inner = { left: outer.left + pad, right: outer.right - pad, top: outer.top, bottom: outer.bottom };
    const parts = [...li.querySelectorAll('.number, .window')].map((el) => ({
      text: el.textContent.trim(), kind: 'call', box: box(el), fontVh: 0,
    }));
    return { id: 'recent ' + parts.map((p) => p.text).join('→'), box: outer, inner, parts };
  });
  return { heading: box(app.querySelector('.windows h2')), tiles, calls };
})()`;

describe('the display’s windows strip with more than six windows', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let admin: string;
  let clerk: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    [admin, clerk] = await Promise.all([login(server.url, 'admin'), login(server.url, 'clerk1')]);
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function api(method: 'POST' | 'PUT', path: string, token?: string, body?: unknown) {
    const res = await request(server.url, method, path, { token, body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status}`);
    return res.body as { ticket?: { id: string; number: string } };
  }

  /** Adds windows `from`…`to` (as an administrator would) and calls a ticket to each. */
  async function addWindowsAndCall(from: number, to: number): Promise<void> {
    for (let n = from; n <= to; n++) {
      await api('PUT', `/api/offices/kulob/counters/${n}`, admin, {
        services: ['birth', 'marriage', 'certificate'],
      });
    }
    for (let n = from; n <= to; n++) {
      await api('POST', '/api/offices/kulob/tickets', undefined, { service: 'birth' });
      await api('POST', `/api/offices/kulob/counters/${n}/call-next`, clerk);
    }
  }

  function inside(inner: Box, outer: Box): boolean {
    return (
      inner.left >= outer.left - 0.5 &&
      inner.right <= outer.right + 0.5 &&
      inner.top >= outer.top - 0.5 &&
      inner.bottom <= outer.bottom + 0.5
    );
  }

  /** Every tile and its texts whole, on screen, clear of the heading and of each other. */
  async function expectWholeStrip(windows: number, language: Language): Promise<void> {
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await page.goto(`${server.url}/display/?office=kulob&sound=0&lang=${language}`);
      await page
        .getByTestId(`window-${windows}`)
        .filter({ hasText: /[A-Z]\d{3}/ })
        .waitFor();
      const where = `${width}×${height} ${language}, ${windows} windows`;
      const strip = await page.evaluate<{ heading: Box; tiles: Tile[]; calls: Tile[] }>(
        MEASURE_STRIP,
      );
      expect({ where, tiles: strip.tiles.length }).toEqual({ where, tiles: windows });
      const screen = { left: 0, top: 0, right: width, bottom: height };
      const wrong: string[] = [];
      strip.tiles.forEach((tile, i) => {
        if (!inside(tile.box, screen)) wrong.push(`${tile.id} off the screen`);
        if (tile.box.left < strip.heading.right) wrong.push(`${tile.id} over the heading`);
        for (const part of tile.parts) {
          if (!inside(part.box, tile.inner)) wrong.push(`${tile.id} cuts "${part.text}"`);
          // Read from across the hall: a ticket at 4 vh or more, a window's number at 3.5 vh.
          const least = { ticket: 4, number: 3.5 }[part.kind] ?? 0;
          if (part.fontVh < least - 0.01)
            wrong.push(`${tile.id} "${part.text}" at ${part.fontVh}vh`);
        }
        for (const other of strip.tiles.slice(i + 1)) {
          const apart =
            other.box.left >= tile.box.right - 0.5 ||
            other.box.right <= tile.box.left + 0.5 ||
            other.box.top >= tile.box.bottom - 0.5 ||
            other.box.bottom <= tile.box.top + 0.5;
          if (!apart) wrong.push(`${tile.id} overlaps ${other.id}`);
        }
      });
      // Two-digit windows make the previous calls a letter longer: they are not cut either.
      expect(strip.calls.length).toBeGreaterThan(0);
      for (const call of strip.calls) {
        for (const part of call.parts) {
          if (!inside(part.box, call.inner)) wrong.push(`${call.id} cuts "${part.text}"`);
        }
      }
      expect({ where, wrong }).toEqual({ where, wrong: [] });
      expect({ where, cut: await clippedTexts(page) }).toEqual({ where, cut: [] });
    }
  }

  it('shows ten windows with every number and ticket whole, at each TV size', async () => {
    await addWindowsAndCall(7, 10);
    for (const n of [1, 2, 3]) {
      await api('POST', '/api/offices/kulob/tickets', undefined, { service: 'marriage' });
      await api('POST', `/api/offices/kulob/counters/${n}/call-next`, clerk);
    }
    await expectWholeStrip(10, 'tg');
  });

  it('holds twelve windows, a closed one among them, in each language', async () => {
    await addWindowsAndCall(11, 12);
    // A paused window reads "closed" in its tile: a word, not a ticket, that must not be cut either.
    await api('POST', '/api/offices/kulob/counters/5/pause', clerk, { reason: 'break' });
    for (const language of LANGUAGES) await expectWholeStrip(12, language);
  }, 60_000);
});
