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
  await page.evaluate(AXE_SOURCE);
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
  const dir = path.join(__dirname, '..', ...folder);
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
