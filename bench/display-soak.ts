/**
 * Benchmark 5 (hall display, issue #6): memory of the display page over many events. One display
 * page in chromium (sound on: the announcement queue works too) follows a real server while six
 * windows issue, call, sometimes recall, and complete tickets over HTTP until the page has been sent
 * `events` events; the page's JS heap (after a forced GC, through the DevTools protocol) and its DOM
 * node and listener counts are printed before, during and after.
 */
import { chromium, type CDPSession } from 'playwright-core';
import { io } from 'socket.io-client';
import type { ServerChild } from './lib/ipc';
import { OFFICE } from './lib/config';
import { keepAliveAgent, requestJson } from './lib/http';
import { log, mb, sleep } from './lib/stats';

/** Debian's chromium, with the flags of e2e/browser.ts plus sound without a gesture (as in a hall). */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

/** A service each demo window calls, so each window's loop finds its own tickets. */
const WINDOW_SERVICES: ReadonlyArray<[string, string]> = [
  ['1', 'paternity'],
  ['2', 'death'],
  ['3', 'marriage'],
  ['4', 'divorce'],
  ['5', 'pickup'],
  ['6', 'consultation'],
];
const RECALL_EVERY = 10;

/** The page's memory at one moment, after a full garbage collection. */
export interface PageMemory {
  events: number;
  heapUsed: number;
  heapTotal: number;
  nodes: number;
  listeners: number;
}

export interface SoakResult {
  events: number;
  seconds: number;
  before: PageMemory;
  after: PageMemory;
  samples: PageMemory[];
  announcements: { played: number; dropped: number; other: number };
  errors: Record<string, number>;
}

async function measure(cdp: CDPSession, events: number): Promise<PageMemory> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  return {
    events,
    heapUsed: heap.usedSize,
    heapTotal: heap.totalSize,
    nodes: dom.nodes,
    listeners: dom.jsEventListeners,
  };
}

function row(m: PageMemory): string {
  return `${String(m.events).padStart(6)} events: JS heap ${mb(m.heapUsed)} MB used (${mb(m.heapTotal)} MB allocated), DOM nodes ${m.nodes}, listeners ${m.listeners}`;
}

export async function runDisplaySoak(
  server: ServerChild,
  options: { events: number; sampleEvery: number },
): Promise<SoakResult> {
  const agent = keepAliveAgent(12);
  const errors: Record<string, number> = {};
  const fail = (what: string): void => {
    errors[what] = (errors[what] ?? 0) + 1;
  };
  const login = await requestJson<{ token: string }>(
    agent,
    'POST',
    `${server.url}/api/auth/login`,
    {
      username: 'clerk1',
      password: 'demo',
    },
  );
  const auth = { authorization: `Bearer ${login.body.token}` };

  // Counts what the page is sent: a display socket of its own, in this process.
  let delivered = 0;
  const watcher = io(`${server.url}/display`, {
    auth: { office: OFFICE },
    transports: ['websocket'],
  });
  watcher.onAny((event: string) => {
    if (event !== 'queue:snapshot') delivered++;
  });

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('pageerror', (e) => fail(`page error: ${e.message}`));
    await page.goto(`${server.url}/display/?office=${OFFICE}&sound=1&volume=0`);
    await page.getByTestId('waiting-birth').waitFor();
    const cdp = await page.context().newCDPSession(page);

    let stop = false;
    let target = 0;
    const windowLoop = async ([counter, service]: [string, string]): Promise<void> => {
      for (let cycle = 1; !stop; cycle++) {
        const issued = await requestJson(
          agent,
          'POST',
          `${server.url}/api/offices/${OFFICE}/tickets`,
          {
            service,
          },
        );
        if (issued.status !== 201) fail(`issue ${issued.status}`);
        const called = await requestJson<{ ticket: { id: string } | null }>(
          agent,
          'POST',
          `${server.url}/api/offices/${OFFICE}/counters/${counter}/call-next`,
          undefined,
          auth,
        );
        const id = called.body?.ticket?.id;
        if (called.status !== 200 || !id) {
          // Windows share some services: another window may have called this one's ticket.
          fail(called.status === 200 ? 'call-next found nobody' : `call-next ${called.status}`);
          continue;
        }
        if (cycle % RECALL_EVERY === 0) {
          const r = await requestJson(
            agent,
            'POST',
            `${server.url}/api/tickets/${id}/recall`,
            undefined,
            auth,
          );
          if (r.status !== 200) fail(`recall ${r.status}`);
        }
        const done = await requestJson(
          agent,
          'POST',
          `${server.url}/api/tickets/${id}/complete`,
          undefined,
          auth,
        );
        if (done.status !== 200) fail(`complete ${done.status}`);
        if (delivered >= target) return;
      }
    };
    const drive = async (events: number): Promise<void> => {
      target = delivered + events;
      stop = false;
      const loops = WINDOW_SERVICES.map(windowLoop);
      while (delivered < target) await sleep(20);
      stop = true;
      await Promise.all(loops);
    };

    // Warm up (first renders, clips fetched and decoded), then the baseline.
    await drive(300);
    await sleep(1500);
    const before = await measure(cdp, 0);
    log(`  ${row(before)}`);
    const samples: PageMemory[] = [];
    const started = Date.now();
    let sent = delivered;
    while (delivered - sent < options.events) {
      const chunk = Math.min(options.sampleEvery, options.events - (delivered - sent));
      await drive(chunk);
      await sleep(500);
      const m = await measure(cdp, delivered - sent);
      samples.push(m);
      log(`  ${row(m)}`);
    }
    const seconds = (Date.now() - started) / 1000;
    // Let the page settle (flash over, queued announcements played or dropped), then the final figure.
    await sleep(10_000);
    const after = await measure(cdp, delivered - sent);
    log(`  ${row(after)} (10 s later)`);
    const statuses = await page.evaluate<string[]>(
      '(window.__navbatAnnouncements ?? []).map((a) => a.status)',
    );
    sent = delivered - sent;
    return {
      events: sent,
      seconds,
      before,
      after,
      samples,
      announcements: {
        played: statuses.filter((s) => s === 'played').length,
        dropped: statuses.filter((s) => s === 'dropped').length,
        other: statuses.filter((s) => s !== 'played' && s !== 'dropped').length,
      },
      errors,
    };
  } finally {
    watcher.close();
    agent.destroy();
    await browser.close();
  }
}
