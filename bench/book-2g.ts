/**
 * The booking page on a slow mobile connection: `npx tsx bench/book-2g.ts [--runs=5]`.
 *
 * Debian's chromium at 360×740 against a real server on SQLite, the network throttled through the
 * DevTools protocol to a 2G (EDGE) link: 300 ms round trip, 240 kbit/s down, 120 kbit/s up, no
 * cache. Prints the bytes that crossed the wire and navigation start → the first service button on
 * screen, median of N cold loads (target: first render ≤ 3 s, page ≤ 50 KB). The same loads
 * unthrottled run beside them as the floor.
 */
import type { Browser } from 'playwright-core';

const EDGE = { latency: 300, downloadThroughput: 240_000 / 8, uploadThroughput: 120_000 / 8 };

const BUTTON_AT = `(() => {
  const tick = () => {
    const app = document.querySelector('book-app');
    const button = app && app.shadowRoot && app.shadowRoot.querySelector('button.choice');
    if (button && button.getBoundingClientRect().height > 0) window.__buttonAt = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

async function load(
  browser: Browser,
  url: string,
  throttle: boolean,
): Promise<{ ms: number; bytes: number }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttle) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...EDGE });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
  });
  await page.addInitScript(BUTTON_AT);
  await page.goto(url);
  let at: number | undefined;
  for (let tries = 0; tries < 600 && at === undefined; tries++) {
    at = await page.evaluate<number | undefined>('window.__buttonAt');
    if (at === undefined) await page.waitForTimeout(25);
  }
  await context.close();
  if (at === undefined) throw new Error('the services never showed');
  return { ms: at, bytes };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 5) || 5;
  const { startTestServer } = await import('../server/src/testing/harness');
  const { launchChromium } = await import('../e2e/browser');
  const [server, browser] = await Promise.all([
    startTestServer({ database: 'sqlite' }),
    launchChromium(),
  ]);
  try {
    const url = `${server.url}/book/?office=kulob&lang=tg`;
    for (const throttle of [false, true]) {
      const results = [];
      for (let i = 0; i < runs; i++) results.push(await load(browser, url, throttle));
      const ms = results.map((r) => r.ms);
      const label = throttle ? '2G (EDGE: 300 ms RTT, 240 kbit/s)' : 'unthrottled loopback (floor)';
      console.log(
        `${label.padEnd(36)} first render median ${median(ms).toFixed(0)} ms ` +
          `(min ${Math.min(...ms).toFixed(0)}, max ${Math.max(...ms).toFixed(0)}), ` +
          `${(median(results.map((r) => r.bytes)) / 1024).toFixed(1)} KB over the wire` +
          (throttle ? ' — target ≤ 3000 ms, ≤ 50 KB' : ''),
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
