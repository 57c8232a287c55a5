/** Debian's chromium for browser tests (playwright-core; `npx playwright install` cannot run here). */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where chromium is; `CHROMIUM_PATH` overrides Debian's default. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet headless chromium in a container: no sandbox, GPU, QUIC or background traffic. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless chromium; fails with a hint when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Serious and critical axe-core violations of the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through DevTools, so the page's strict CSP (no inline scripts) does not block it.
  // Loaded once per document: a second evaluation of its 500 kB would only cost the time.
  if (!(await page.evaluate('typeof axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<
    AxeViolation[]
  >(`axe.run(document, { resultTypes: ['violations'] }).then(
    (r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => String(n.target)),
    })))`);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Where a test's screenshot goes: the README's `docs/screenshots/` with `SCREENSHOTS=1`, else the
 * ignored `.e2e-artifacts/` (so `npm test` leaves the checkout clean).
 */
export function screenshotFile(name: string): string {
  const folder = process.env.SCREENSHOTS ? ['docs', 'screenshots'] : ['.e2e-artifacts'];
  const file = path.join(__dirname, '..', ...folder, name);
  // A name may hold a sub-folder (`hall/…`): make the folder the file goes into.
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

/**
 * Page-side source: `check` called on every visible text node of the page, shadow roots included
 * (hidden, screen-reader-only, script and style content skipped).
 */
const VISIT_TEXTS = `const visit = (node) => {
      if (node.nodeType === 3) return check(node);
      if (node.nodeType === 1) {
        const cs = getComputedStyle(node);
        if (cs.display === 'none' || cs.visibility === 'hidden' || node.classList.contains('sr-only')) return;
        if (['SCRIPT', 'STYLE', 'TEMPLATE'].includes(node.tagName)) return;
        if (node.shadowRoot) visit(node.shadowRoot);
      }
      for (const child of node.childNodes) visit(child);
    };
    visit(document.body);`;

/** A text that does not lie inside its box: what it says, where it is cut. */
export interface ClippedText {
  text: string;
  /** `viewport`, or the tag and class of the element that cuts it. */
  by: string;
}

/**
 * Every visible text node of the page (shadow roots included) whose box is not inside each ancestor
 * that clips its content (overflow other than visible; a vertical scroller only across) and inside
 * the viewport (only across, inside a vertical scroller). Screen-reader-only texts are skipped: they are meant to be clipped.
 */
export async function clippedTexts(page: Page): Promise<ClippedText[]> {
  return page.evaluate<ClippedText[]>(`(() => {
    const out = [];
    const parentOf = (el) => el.parentElement ?? (el.parentNode instanceof ShadowRoot ? el.parentNode.host : null);
    const name = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    const inside = (r, b) => r.left >= b.left - 1 && r.right <= b.right + 1 && r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
    const check = (node) => {
      const text = node.textContent.trim();
      if (!text) return;
      const range = document.createRange();
      range.selectNodeContents(node);
      const r = range.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return;
      // Below or above the screen inside a vertical scroller is reached by scrolling, not cut.
      let scrolled = false;
      for (let el = parentOf(node); el && !scrolled; el = parentOf(el)) {
        scrolled = ['auto', 'scroll'].includes(getComputedStyle(el).overflowY);
      }
      const screen = scrolled
        ? { left: 0, top: -Infinity, right: innerWidth, bottom: Infinity }
        : { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
      if (!inside(r, screen)) {
        out.push({ text, by: 'viewport' });
        return;
      }
      // Past a vertical scroller, what is outside it up or down is reached by scrolling: the boxes
      // around it are checked only across.
      let acrossOnly = false;
      for (let el = parentOf(node); el; el = parentOf(el)) {
        const cs = getComputedStyle(el);
        if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
        const b = el.getBoundingClientRect();
        // A scrolling box does not cut what it holds: it is reached by scrolling.
        if (['auto', 'scroll'].includes(cs.overflowY) && ['auto', 'scroll', 'hidden', 'clip'].includes(cs.overflowX)) {
          if (r.left >= b.left - 1 && r.right <= b.right + 1) {
            acrossOnly = true;
            continue;
          }
        }
        const box = acrossOnly ? { left: b.left, right: b.right, top: -Infinity, bottom: Infinity } : b;
        if (!inside(r, box)) {
          out.push({ text, by: name(el) });
          return;
        }
      }
    };
    ${VISIT_TEXTS}
    return out;
  })()`);
}

/**
 * Words of the page's visible texts (shadow roots included) that the layout breaks across two
 * lines ("следую- / щий"): a word whose characters lie on more than one line box.
 */
export async function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const out = [];
    const check = (node) => {
      const text = node.textContent;
      for (const m of text.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) out.push(m[0]);
      }
    };
    ${VISIT_TEXTS}
    return out;
  })()`);
}

/**
 * Test ids (searched through shadow roots) of elements that something else covers: the centre and
 * four points a quarter inside each must hit the element itself or one of its descendants.
 */
export async function coveredElements(page: Page, selector: string): Promise<string[]> {
  return page.evaluate<string[]>(`((sel) => {
    const all = [];
    const collect = (root) => {
      all.push(...root.querySelectorAll(sel));
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) collect(el.shadowRoot);
    };
    collect(document);
    const deepest = (x, y) => {
      let hit = document.elementFromPoint(x, y);
      while (hit && hit.shadowRoot) {
        const inner = hit.shadowRoot.elementFromPoint(x, y);
        if (!inner || inner === hit) break;
        hit = inner;
      }
      return hit;
    };
    const within = (inner, outer) => {
      for (let e = inner; e; e = e.parentNode instanceof ShadowRoot ? e.parentNode.host : e.parentNode) {
        if (e === outer) return true;
      }
      return false;
    };
    return all
      .filter((el) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) return false;
        // Inside the rounded corners of pill buttons: the centre and four points a quarter in.
        const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
        const points = [
          [cx, cy], [r.left + r.width / 4, cy], [r.right - r.width / 4, cy],
          [cx, r.top + r.height / 4], [cx, r.bottom - r.height / 4],
        ];
        return points.some(([x, y]) => !within(deepest(x, y), el));
      })
      .map((el) => el.getAttribute('data-testid') || el.textContent.trim() || el.tagName);
  })(${JSON.stringify(selector)})`);
}

/**
 * Waits until the kiosk step `tag` takes taps: its ghost-tap guard (a tap in a step's first
 * moments is the second half of the double tap that brought it up) has passed.
 */
export async function armed(page: Page, tag: string): Promise<void> {
  await page.locator(`${tag}[data-armed]`).waitFor();
}
