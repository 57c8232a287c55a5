/**
 * The kiosk page's weight and first render: `npx tsx bench/kiosk-size.ts [--render[=5]]`.
 *
 * Size: every script the built page loads (its module entry and the chunks it preloads, from
 * dist/web/kiosk/index.html), gzipped at level 9 — the target is at most 100 KB. Build first
 * (`npm run build:web`). With `--render`, also the first render in Debian's chromium against a real
 * server on SQLite: navigation start → the first service tile on screen, median of N cold page loads
 * (target < 1 s).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** Budget of the kiosk's JavaScript, gzipped. */
export const KIOSK_JS_BUDGET_BYTES = 100 * 1024;

/** One script of the page with its raw and gzipped sizes. */
export interface ScriptSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** The scripts `dist/web/kiosk/index.html` loads, with their sizes. */
export function kioskScriptSizes(
  webRoot = path.join(__dirname, '..', 'dist', 'web'),
): ScriptSize[] {
  const htmlFile = path.join(webRoot, 'kiosk', 'index.html');
  if (!fs.existsSync(htmlFile)) throw new Error(`${htmlFile} is missing: run npm run build:web`);
  const html = fs.readFileSync(htmlFile, 'utf8');
  const refs = [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
  ].map((m) => m[1]!);
  return [...new Set(refs)].map((ref) => {
    const data = fs.readFileSync(path.join(webRoot, ref.replace(/^\//, '')));
    return {
      file: ref,
      bytes: data.length,
      gzipBytes: zlib.gzipSync(data, { level: 9 }).length,
    };
  });
}

const TILES_AT = `(() => {
  const tick = () => {
    const app = document.querySelector('kiosk-app');
    const home = app && app.shadowRoot && app.shadowRoot.querySelector('kiosk-home');
    const tile = home && home.shadowRoot && home.shadowRoot.querySelector('kiosk-service-tile');
    const button = tile && tile.shadowRoot && tile.shadowRoot.querySelector('button');
    if (button && button.getBoundingClientRect().height > 0) window.__tilesAt = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

/** Milliseconds from navigation start to the first tile on screen, one cold load per run. */
async function measureFirstRender(runs: number): Promise<number[]> {
  const { startTestServer } = await import('../server/src/testing/harness');
  const { launchChromium } = await import('../e2e/browser');
  const [server, browser] = await Promise.all([
    startTestServer({ database: 'sqlite' }),
    launchChromium(),
  ]);
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      // A new context each time: nothing cached, like a kiosk after a restart.
      const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
      const page = await context.newPage();
      await page.addInitScript(TILES_AT);
      await page.goto(`${server.url}/kiosk/?office=kulob&kiosk=K1`);
      let at: number | undefined;
      for (let tries = 0; tries < 200 && at === undefined; tries++) {
        at = await page.evaluate<number | undefined>('window.__tilesAt');
        if (at === undefined) await page.waitForTimeout(25);
      }
      await context.close();
      if (at === undefined) throw new Error('the tiles never showed');
      times.push(at);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return times;
}

async function main(): Promise<void> {
  const sizes = kioskScriptSizes();
  const total = sizes.reduce((sum, s) => sum + s.gzipBytes, 0);
  for (const s of sizes) {
    console.log(
      `${s.file.padEnd(40)} ${(s.bytes / 1024).toFixed(1).padStart(7)} KB  gzip ${(s.gzipBytes / 1024).toFixed(1).padStart(6)} KB`,
    );
  }
  const verdict = total <= KIOSK_JS_BUDGET_BYTES ? 'within' : 'OVER';
  console.log(
    `kiosk JavaScript, gzipped: ${(total / 1024).toFixed(1)} KB (${verdict} the 100 KB budget)`,
  );

  const flag = process.argv.find((a) => a.startsWith('--render'));
  if (flag) {
    const runs = Number(flag.split('=')[1] ?? 5) || 5;
    const times = await measureFirstRender(runs);
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(
      `first render (navigation start → tiles visible), ${runs} cold loads: median ${median.toFixed(0)} ms, ` +
        `min ${sorted[0]!.toFixed(0)} ms, max ${sorted[sorted.length - 1]!.toFixed(0)} ms (target < 1000 ms)`,
    );
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
