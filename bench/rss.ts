/** Benchmark 3: resident memory of the server process with many idle /display sockets. */
import { SocketFleet } from './lib/fleet';
import type { ServerChild } from './lib/ipc';
import { OFFICE } from './lib/config';
import { keepAliveAgent, pool, requestJson } from './lib/http';
import { log, sleep } from './lib/stats';

export interface RssResult {
  label: string;
  sockets: number;
  failed: number;
  before: number;
  after: number;
  /** After a forced full GC. */
  afterGc: number;
  peak: number;
  /** Anonymous (heap, malloc) and file-backed (code, libraries) parts of `after`. */
  anonAfter: number;
  fileAfter: number;
  perSocketKb: number;
  heapBefore: number;
  heapAfter: number;
}

export async function runRss(
  label: string,
  server: ServerChild,
  sockets: number,
  batch: number,
): Promise<RssResult> {
  // A lived-in server: a few tickets issued and a few displays come and gone, then settle.
  const agent = keepAliveAgent(4);
  await pool(Array.from({ length: 30 }), 4, (_x, i) =>
    requestJson(agent, 'POST', `${server.url}/api/offices/${OFFICE}/tickets`, {
      service: i % 2 ? 'birth' : 'pickup',
    }),
  );
  agent.destroy();
  const warm = await SocketFleet.connect({
    url: server.url,
    namespace: '/display',
    auth: { office: OFFICE },
    count: 20,
    batch: 20,
  });
  await warm.close();
  await sleep(1000);
  await server.call('gc');
  await sleep(200);
  const before = server.memory().rss;
  const heapBefore = (await server.call<{ heapUsed: number }>('stats')).heapUsed;

  const fleet = await SocketFleet.connect({
    url: server.url,
    namespace: '/display',
    auth: { office: OFFICE },
    count: sockets,
    batch,
  });
  const c = fleet.connected;
  log(
    `  ${label}: ${c.connected}/${sockets} idle display sockets connected in ${c.connectMs.toFixed(0)} ms` +
      ` (${c.snapshots} snapshots${c.failed ? `, ${c.failed} failed: ${c.errors.join('; ')}` : ''})`,
  );
  try {
    await sleep(2000);
    const mem = server.memory();
    await server.call('gc');
    await sleep(500);
    const afterGc = server.memory().rss;
    const heapAfter = (await server.call<{ heapUsed: number }>('stats')).heapUsed;
    return {
      label,
      sockets: c.connected,
      failed: c.failed,
      before,
      after: mem.rss,
      afterGc,
      peak: mem.hwm,
      anonAfter: mem.anon,
      fileAfter: mem.file,
      perSocketKb: c.connected ? (mem.rss - before) / 1024 / c.connected : NaN,
      heapBefore,
      heapAfter,
    };
  } finally {
    await fleet.close();
  }
}
