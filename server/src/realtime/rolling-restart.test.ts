/**
 * A rolling restart behind HAProxy while a kiosk taps: two real nodes (the product's entry point)
 * on MariaDB and Redis, behind the README's HAProxy configuration (server/src/testing/haproxy.ts),
 * the kiosk's own request and retries (kiosk/src/kiosk-send.ts) at 20 taps a second, and the hall
 * display's own store (ui/queue-store.ts). Each node in turn is stopped with SIGTERM, kept down past
 * HAProxy's retries of its connections, and started again. Every tap is one ticket, the display
 * comes back each time and counts them all, and with no node up HAProxy answers in the contract's
 * error shape.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshDatabase, seedTestDemo, testDialects, type TestDatabase } from '../testing/harness';
import { request } from '../testing/client';
import { bannerUrl, clusterNodeEnv, freePort, spawnMain } from '../testing/main-process';
import { HAPROXY, haproxyConfig, serversUp, type ProxyPorts } from '../testing/haproxy';
import { ISSUE_RETRIES, sendIntent, withRetries } from '../../../kiosk/src/kiosk-send';
import { waitFor } from '../testing/wait';
import { QueueStore } from '../../../ui/queue-store';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Longer than HAProxy's three retries of a refused connection (a second apart), so that they fail. */
const DOWN_MS = 5_000;
const TAP_EVERY_MS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What one tap ended as: its ticket's id, or the refusal the citizen would have seen. */
type Tap = { id: string } | { error: string };

const describeMysql = testDialects().includes('mysql') ? describe : describe.skip;

describeMysql('a rolling restart of two nodes behind HAProxy (MariaDB, Redis)', () => {
  let tdb: TestDatabase;
  let ports: ProxyPorts;
  let dir: string;
  let haproxy: ChildProcess | undefined;
  const nodes: Array<ChildProcess | undefined> = [];
  const realFetch = globalThis.fetch;
  const redisKey = `navbat-test-${randomBytes(4).toString('hex')}`;
  /** Every refused attempt through the balancer, status and body. */
  const refusals: string[] = [];

  async function startNode(i: number): Promise<void> {
    const env = clusterNodeEnv(tdb.url, { url: REDIS_URL, key: redisKey }, ports.nodes[i]);
    const child = spawnMain({ ...env, TRUST_PROXY: '1' });
    nodes[i] = child;
    await bannerUrl(child, 60_000);
  }

  /** SIGTERM; resolves with the exit code. */
  function stopNode(i: number): Promise<number | null> {
    const child = nodes[i];
    if (!child || child.exitCode !== null) return Promise.resolve(child?.exitCode ?? null);
    return new Promise((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  }

  const upCount = () => serversUp(ports.stats).catch(() => -1);
  const front = () => `http://127.0.0.1:${ports.front}`;

  beforeAll(async () => {
    if (!fs.existsSync(HAPROXY)) {
      throw new Error(`${HAPROXY} is missing: apt-get install -y haproxy (.ci/run installs it)`);
    }
    const [frontPort, stats, n1, n2] = await Promise.all([1, 2, 3, 4].map(() => freePort()));
    ports = { front: frontPort!, stats: stats!, nodes: [n1!, n2!] };
    tdb = await freshDatabase('mysql');
    await seedTestDemo(tdb.db);
    await Promise.all([startNode(0), startNode(1)]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbat-haproxy-'));
    const config = path.join(dir, 'haproxy.cfg');
    fs.writeFileSync(config, haproxyConfig(ports));
    haproxy = spawn(HAPROXY, ['-f', config, '-db'], { stdio: 'ignore' });
    await waitFor(async () => (await upCount()) === 2, 'both nodes UP in HAProxy', 20_000);
    // The kiosk's client speaks page-relative paths: the page is served through the balancer.
    globalThis.fetch = async (input, init) => {
      const page = typeof input === 'string' && input.startsWith('/');
      const res = await realFetch(page ? front() + input : input, init);
      if (page && !res.ok) refusals.push(`${res.status} ${await res.clone().text()}`);
      return res;
    };
  }, 90_000);

  afterAll(async () => {
    globalThis.fetch = realFetch;
    await Promise.all([stopNode(0), stopNode(1)]);
    haproxy?.kill('SIGTERM');
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await tdb?.drop();
  });

  it('turns every tap into one ticket, each counted on the hall display, while each node in turn stops and starts again', async () => {
    // The hall display's own store, through the balancer: sent elsewhere by each stopping node.
    const display = new QueueStore({
      namespace: '/display',
      auth: { office: 'kulob' },
      url: front(),
      withCredentials: true,
    });
    const seen = { drops: 0, wasConnected: false };
    display.subscribe((state) => {
      if (seen.wasConnected && !state.connected) seen.drops++;
      seen.wasConnected = state.connected;
    });
    display.connect();
    await waitFor(() => display.state.ready, 'the display store ready');
    const taps: Array<Promise<Tap>> = [];
    let tapping = true;
    const tapper = (async () => {
      while (tapping) {
        const intent = { body: { service: 'birth' }, key: randomUUID() };
        taps.push(
          withRetries(() => sendIntent('kulob', intent, undefined), ISSUE_RETRIES).then(
            (issued) => ({ id: issued.ticket.id }),
            (error: Error & { code?: string }) => ({ error: `${error.code}: ${error.message}` }),
          ),
        );
        await sleep(TAP_EVERY_MS);
      }
    })();
    await sleep(1_000);
    const exits: Array<number | null> = [];
    for (const i of [0, 1]) {
      exits.push(await stopNode(i));
      await sleep(DOWN_MS);
      await startNode(i);
      await waitFor(async () => (await upCount()) === 2, 'both nodes UP in HAProxy', 20_000);
    }
    await sleep(1_000);
    tapping = false;
    await tapper;
    const results = await Promise.all(taps);

    expect(exits).toEqual([0, 0]);
    // HAProxy itself never refused: a connection a stopped node refused went to the other node
    // (`option redispatch`), not into 503 until the check noticed. What the kiosk may have met is
    // a stopping node's own 503 on a kept-alive connection, which it sends again.
    expect(refusals.filter((r) => !r.includes('the server is shutting down'))).toEqual([]);
    const failed = results.flatMap((r) => ('error' in r ? [r.error] : []));
    expect(failed).toEqual([]);
    const ids = results.flatMap((r) => ('id' in r ? [r.id] : []));
    expect(ids.length).toBeGreaterThan(200);
    expect(new Set(ids).size).toBe(ids.length);
    const [rows] = await tdb.db.sequelize.query(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT number) AS numbers FROM tickets',
    );
    const [count] = rows as Array<{ n: unknown; numbers: unknown }>;
    expect([Number(count?.n), Number(count?.numbers)]).toEqual([ids.length, ids.length]);
    // The display lost its node twice or more, came back each time, and counts every ticket: not
    // one too many (a snapshot's seq and counts are read at one moment, snapshot-at-one-moment).
    const waitingBirths = () => display.state.services.find((svc) => svc.code === 'birth')?.waiting;
    try {
      await waitFor(() => {
        const shown = waitingBirths();
        return display.state.connected && shown === ids.length;
      }, `the display counting ${ids.length} waiting (it counts ${waitingBirths()})`);
    } finally {
      display.disconnect();
    }
    expect(seen.drops).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('answers in the contract error shape, with Retry-After, when no node is up', async () => {
    expect(await Promise.all([stopNode(0), stopNode(1)])).toEqual([0, 0]);
    const res = await request(
      `http://127.0.0.1:${ports.front}`,
      'POST',
      '/api/offices/kulob/tickets',
      {
        body: { service: 'birth' },
        headers: { 'idempotency-key': randomUUID() },
      },
    );
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      error: {
        code: 'unavailable',
        message: 'no server is available: try again',
        details: { retryAfterSeconds: 1 },
      },
    });
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  }, 30_000);
});
