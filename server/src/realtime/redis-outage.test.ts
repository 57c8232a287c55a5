/**
 * Redis goes away under two real nodes (the product's entry point) on MariaDB, and comes back: a
 * private `redis-server` on its own port, killed and started again. Until 2026-12-07 both nodes
 * exited within two seconds of losing Redis (a failed publish of the Socket.IO adapter was a
 * rejection nobody handled), so one Redis restart took every office of a deployment down. Then the
 * same behind the README's HAProxy configuration: with every node out (not ready without Redis),
 * the first node alive serves every kiosk and display, also when the first node dies too, and the
 * display stays true.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import net from 'node:net';
import { freshDatabase, seedTestDemo, testDialects, type TestDatabase } from '../testing/harness';
import { request } from '../testing/client';
import { bannerUrl, clusterNodeEnv, freePort, spawnMain } from '../testing/main-process';
import { waitFor } from '../testing/wait';
import { QueueStore } from '../../../ui/queue-store';
import { HAPROXY, haproxyConfig, proxyStats, serversUp, type ProxyPorts } from '../testing/haproxy';
import { ISSUE_RETRIES, sendIntent, withRetries } from '../../../kiosk/src/kiosk-send';

const OFFICE = '/api/offices/kulob';
/** Longer than ioredis takes to fail a command after three reconnection attempts (~1.3 s here). */
const OUTAGE_MS = 4_000;

/** Whether something accepts connections on `port` (Redis is listening). */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(socket.destroy() && true));
    socket.once('error', () => resolve(false));
  });
}

const describeMysql = testDialects().includes('mysql') ? describe : describe.skip;

describeMysql('two nodes while their Redis goes away and comes back (MariaDB)', () => {
  let tdb: TestDatabase;
  let redisPort: number;
  let redis: ChildProcess | undefined;
  let ports: ProxyPorts;
  const nodes: Array<{ url: string; child: ChildProcess; env: Record<string, string> }> = [];

  async function startRedis(): Promise<void> {
    redis = spawn(
      'redis-server',
      ['--port', String(redisPort), '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    await waitFor(() => listening(redisPort), 'redis-server listening');
  }

  beforeAll(async () => {
    redisPort = await freePort();
    await startRedis();
    tdb = await freshDatabase('mysql');
    await seedTestDemo(tdb.db);
    const shared = {
      url: `redis://127.0.0.1:${redisPort}`,
      key: `navbat-test-${randomBytes(4).toString('hex')}`,
    };
    const [front, stats, n1, n2] = await Promise.all([1, 2, 3, 4].map(() => freePort()));
    ports = { front: front!, stats: stats!, nodes: [n1!, n2!] };
    for (const port of ports.nodes) {
      const env = { ...clusterNodeEnv(tdb.url, shared, port), TRUST_PROXY: '1' };
      const child = spawnMain(env);
      nodes.push({ child, env, url: await bannerUrl(child, 60_000) });
    }
  }, 90_000);

  afterAll(async () => {
    await Promise.all(
      nodes.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    redis?.kill('SIGKILL');
    await tdb?.drop();
  });

  /** Nodes HAProxy holds UP; -1 while its statistics page does not answer yet. */
  const upCount = (statsPort: number) => serversUp(statsPort).catch(() => -1);

  /** Kills Redis; resolves once HAProxy has taken both nodes out (they say they are not ready). */
  async function redisAway(statsPort: number): Promise<void> {
    redis!.kill('SIGKILL');
    const out = async () => {
      const nodesSeen = await proxyStats(statsPort);
      return nodesSeen.length === 2 && nodesSeen.every((s) => s.status === 'DOWN');
    };
    await waitFor(() => out().catch(() => false), 'both nodes DOWN in HAProxy', 15_000);
  }

  const issue = (url: string) =>
    request(url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'birth' },
      headers: { 'idempotency-key': randomUUID() },
    });
  const ready = (url: string) => request(url, 'GET', '/api/ready').then((res) => res.status);

  it('keeps both nodes up and issuing, says not ready, and is ready again with Redis back', async () => {
    const [a, b] = [nodes[0]!, nodes[1]!];
    // A display on node B, with the pages' own store: it must count what node A issues.
    const display = new QueueStore({
      namespace: '/display',
      auth: { office: 'kulob' },
      url: b.url,
    });
    display.connect();
    try {
      await waitFor(() => display.state.ready, 'the display store ready');
      expect((await issue(a.url)).status).toBe(201);

      redis!.kill('SIGKILL');
      const statuses: number[] = [];
      const until = Date.now() + OUTAGE_MS;
      while (Date.now() < until) {
        statuses.push((await issue(a.url)).status, (await issue(b.url)).status);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(nodes.map((n) => n.child.exitCode)).toEqual([null, null]);
      expect(new Set(statuses)).toEqual(new Set([201]));
      // Not ready: a balancer sends nobody here while events cannot reach the other node.
      expect([await ready(a.url), await ready(b.url)]).toEqual([503, 503]);

      await startRedis();
      await waitFor(
        async () => (await ready(a.url)) === 200 && (await ready(b.url)) === 200,
        'both nodes ready again',
        20_000,
      );
      expect((await issue(a.url)).status).toBe(201);
      const issued = 2 + statuses.length;
      const waiting = () => display.state.services.find((s) => s.code === 'birth')?.waiting;
      await waitFor(
        () => display.state.connected && waiting() === issued,
        () => `the display on node B counting ${issued} waiting (it counts ${waiting()})`,
      );
      expect(nodes.map((n) => n.child.exitCode)).toEqual([null, null]);
    } finally {
      display.disconnect();
    }
  }, 60_000);

  it('serves every office from one node behind HAProxy while Redis is away, its displays true', async () => {
    if (!fs.existsSync(HAPROXY))
      throw new Error(`${HAPROXY} is missing: apt-get install -y haproxy`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbat-haproxy-'));
    fs.writeFileSync(path.join(dir, 'haproxy.cfg'), haproxyConfig(ports));
    const haproxy = spawn(HAPROXY, ['-f', path.join(dir, 'haproxy.cfg'), '-db'], {
      stdio: 'ignore',
    });
    const front = `http://127.0.0.1:${ports.front}`;
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) =>
      realFetch(typeof input === 'string' && input.startsWith('/') ? front + input : input, init);
    const display = new QueueStore({
      namespace: '/display',
      auth: { office: 'kulob' },
      url: front,
      withCredentials: true,
    });
    const tap = () =>
      withRetries(
        () => sendIntent('kulob', { body: { service: 'birth' }, key: randomUUID() }, undefined),
        ISSUE_RETRIES,
      ).then(
        () => 'issued',
        (error: Error & { code?: string }) => `${error.code}: ${error.message}`,
      );
    const waiting = () => display.state.services.find((s) => s.code === 'birth')?.waiting;
    try {
      await waitFor(async () => (await upCount(ports.stats)) === 2, 'both nodes UP', 20_000);
      display.connect();
      await waitFor(() => display.state.ready, 'the display store ready');
      const before = waiting() ?? 0;
      await redisAway(ports.stats);
      // Both nodes out: HAProxy sends everyone to the first node alive, the display too.
      const outcomes: string[] = [];
      for (let i = 0; i < 20; i++) outcomes.push(await tap());
      expect(outcomes.filter((o) => o !== 'issued')).toEqual([]);
      await waitFor(
        () => display.state.connected && waiting() === before + 20,
        () =>
          `the display counting ${before + 20} waiting while Redis is away (it counts ${waiting()})`,
      );
      // The node serving alone crashes too: the next one alive serves, the display follows it.
      // (Until 2026-12-07 the backup was the first node only, and then nothing served.)
      const first = nodes[0]!;
      first.child.kill('SIGKILL');
      for (let i = 0; i < 10; i++) outcomes.push(await tap());
      expect(outcomes.filter((o) => o !== 'issued')).toEqual([]);
      await waitFor(
        () => display.state.connected && waiting() === before + 30,
        () =>
          `the display counting ${before + 30} waiting on the second node (it counts ${waiting()})`,
      );
      // A node starts only with its Redis: Redis first, then the first node again.
      await startRedis();
      first.child = spawnMain(first.env);
      await bannerUrl(first.child, 60_000);
      await waitFor(async () => (await upCount(ports.stats)) === 2, 'both nodes UP again', 20_000);
      for (let i = 0; i < 10; i++) outcomes.push(await tap());
      expect(outcomes.filter((o) => o !== 'issued')).toEqual([]);
      await waitFor(
        () => display.state.connected && waiting() === before + 40,
        () =>
          `the display counting ${before + 40} waiting with Redis back (it counts ${waiting()})`,
      );
    } finally {
      display.disconnect();
      globalThis.fetch = realFetch;
      haproxy.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
