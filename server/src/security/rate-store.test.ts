/**
 * The issue limit's step over several streams at once (an address and a kiosk): in process and in
 * a real Redis, one event is counted against every key or against none, and a refusal answers the
 * longest wait.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Redis } from 'ioredis';
import { MemoryRateStore, RedisRateStore, type RateStore } from './rate-store';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const INTERVAL = 60_000;
const BURST = 2;

describe.each(['memory', 'redis'] as const)(
  'taking one event from several streams (%s)',
  (kind) => {
    let store: RateStore;
    let redis: Redis | undefined;

    beforeAll(async () => {
      if (kind === 'memory') {
        store = new MemoryRateStore();
        return;
      }
      redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await redis.connect();
      store = new RedisRateStore(redis, `navbat-test-${randomBytes(4).toString('hex')}`);
    });
    afterAll(async () => {
      await redis?.quit();
    });

    it('counts against every key, and a refusal by one spends nothing of the others', async () => {
      // The kiosk's stream is spent by two other addresses.
      expect(await store.takeAll(['ip:a', 'kiosk:K1'], INTERVAL, BURST)).toBe(0);
      expect(await store.takeAll(['ip:b', 'kiosk:K1'], INTERVAL, BURST)).toBe(0);
      const wait = await store.takeAll(['ip:c', 'kiosk:K1'], INTERVAL, BURST);
      expect(wait).toBeGreaterThan(INTERVAL - 5_000);
      expect(wait).toBeLessThanOrEqual(INTERVAL);
      // Address c was refused with the kiosk, so its own burst is whole.
      expect(await store.take('ip:c', INTERVAL, BURST)).toBe(0);
      expect(await store.take('ip:c', INTERVAL, BURST)).toBe(0);
      expect(await store.take('ip:c', INTERVAL, BURST)).toBeGreaterThan(0);
      // Address a took one event with the kiosk: one is left of its burst.
      expect(await store.take('ip:a', INTERVAL, BURST)).toBe(0);
      expect(await store.take('ip:a', INTERVAL, BURST)).toBeGreaterThan(0);
    });

    it('counts hits in a window with the time left of it, and takes one back', async () => {
      const first = await store.hit('w', 60_000);
      expect(first.count).toBe(1);
      expect(first.leftMs).toBeGreaterThan(55_000);
      expect(first.leftMs).toBeLessThanOrEqual(60_000);
      expect((await store.hit('w', 60_000)).count).toBe(2);
      await store.decrement('w');
      expect(await store.count('w')).toBe(1);
      await store.decrement('w');
      await store.decrement('w');
      // Never below nothing: the next hit is the window's first again.
      expect(await store.count('w')).toBe(0);
      expect((await store.hit('w', 60_000)).count).toBe(1);
      // A key never hit stays unhit after a decrement.
      await store.decrement('never');
      expect(await store.count('never')).toBe(0);
    });

    it('answers the longest of the waits', async () => {
      const slow = { interval: 60_000, burst: 1 };
      expect(await store.takeAll(['x', 'y'], slow.interval, slow.burst)).toBe(0);
      // x was taken a minute's worth; z is fresh: the answer is x's wait.
      const wait = await store.takeAll(['z', 'x'], slow.interval, slow.burst);
      expect(wait).toBeGreaterThan(slow.interval - 5_000);
      expect(await store.take('z', slow.interval, slow.burst)).toBe(0);
    });
  },
);

describe('counting when Redis fails', () => {
  /** A TCP server that accepts and never answers: Redis hung, or a wrong service on its port. */
  let silent: net.Server;
  let silentPort = 0;
  const sockets: net.Socket[] = [];
  beforeAll(async () => {
    silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  function storeAt(port: number, fallbacks: unknown[]) {
    const redis = new Redis({
      host: '127.0.0.1',
      port,
      lazyConnect: true,
      maxRetriesPerRequest: 3,
    });
    // A connection that fails is what the store must live with; the client retries on its own.
    redis.on('error', () => undefined);
    redis.connect().catch(() => undefined);
    const store = new RedisRateStore(redis, 'navbat-test', {
      deadlineMs: 100,
      pauseMs: 60_000,
      onFallback: (err) => fallbacks.push(err),
    });
    return { redis, store };
  }

  it.each([
    ['a Redis that never answers', () => silentPort],
    ['a Redis that refuses the connection', () => 1],
  ])('answers at once from the node’s own count with %s, and still limits', async (_kind, port) => {
    const fallbacks: unknown[] = [];
    const { redis, store } = storeAt(port(), fallbacks);
    try {
      const started = performance.now();
      // A login's failures, an SMS sign-up's count, a ticket's pace: each still counted.
      expect((await store.hit('ip:a', 60_000)).count).toBe(1);
      expect((await store.hit('ip:a', 60_000)).count).toBe(2);
      expect(await store.count('ip:a')).toBe(2);
      expect(await store.takeAll(['ip:a', 'kiosk:K1'], 60_000, 1)).toBe(0);
      expect(await store.takeAll(['ip:b', 'kiosk:K1'], 60_000, 1)).toBeGreaterThan(0);
      // One deadline at most: the first call waits for it, the rest are answered locally.
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(fallbacks).toHaveLength(1);
    } finally {
      redis.disconnect();
    }
  });

  it('takes Redis’s answer when the node itself was too busy to read it in time', async () => {
    const redis = new Redis(REDIS_URL, { lazyConnect: true });
    await redis.connect();
    const fallbacks: unknown[] = [];
    const prefix = `navbat-test-${randomBytes(4).toString('hex')}`;
    const store = new RedisRateStore(redis, prefix, {
      deadlineMs: 50,
      onFallback: (err) => fallbacks.push(err),
    });
    try {
      const asked = store.hit('busy', 60_000);
      // The node's own pause (a long GC, a burst of work): Redis answered long before it ends.
      const until = Date.now() + 200;
      while (Date.now() < until);
      expect((await asked).count).toBe(1);
      expect(fallbacks).toEqual([]);
      expect(await redis.get(`${prefix}:rate:busy`)).toBe('1');
    } finally {
      await redis.quit();
    }
  });

  it('asks Redis again after the pause, and counts there once it answers', async () => {
    // A TCP hop in front of the real Redis that can hold Redis's answers back, as a stalled server.
    let stalled = false;
    const held: Array<() => void> = [];
    const hop = net.createServer((client) => {
      const upstream = net.connect(
        Number(new URL(REDIS_URL).port || 6379),
        new URL(REDIS_URL).hostname,
      );
      sockets.push(client, upstream);
      client.pipe(upstream);
      upstream.on('data', (chunk: Buffer) => {
        if (stalled) held.push(() => client.write(chunk));
        else client.write(chunk);
      });
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => hop.listen(0, '127.0.0.1', resolve));
    const port = (hop.address() as net.AddressInfo).port;
    const redis = new Redis({
      host: '127.0.0.1',
      port,
      lazyConnect: true,
    });
    const direct = new Redis(REDIS_URL, { lazyConnect: true });
    await Promise.all([redis.connect(), direct.connect()]);
    // Connected (the client's greeting answered), then Redis stalls.
    stalled = true;
    const prefix = `navbat-test-${randomBytes(4).toString('hex')}`;
    const fallbacks: unknown[] = [];
    // The deadline is generous: on a loaded CI machine the hop and Redis once took over 50 ms to
    // answer the call after the pause, which counted as a second fallback.
    const store = new RedisRateStore(redis, prefix, {
      deadlineMs: 500,
      pauseMs: 600,
      onFallback: (err) => fallbacks.push(err),
    });
    try {
      // Redis counted it, but its answer is late: the node answers from its own count.
      expect((await store.hit('k', 60_000)).count).toBe(1);
      expect(fallbacks).toHaveLength(1);
      stalled = false;
      for (const send of held.splice(0)) send();
      await new Promise((r) => setTimeout(r, 700));
      // After the pause, Redis again: its own count (the late call reached it), not the node's.
      expect((await store.hit('k', 60_000)).count).toBe(2);
      expect(await direct.get(`${prefix}:rate:k`)).toBe('2');
      expect(fallbacks).toHaveLength(1);
    } finally {
      redis.disconnect();
      await direct.quit();
      hop.close();
    }
  });
});
