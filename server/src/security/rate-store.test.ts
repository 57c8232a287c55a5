/**
 * The issue limit's step over several streams at once (an address and a kiosk): in process and in
 * a real Redis, one event is counted against every key or against none, and a refusal answers the
 * longest wait.
 */
import { randomBytes } from 'node:crypto';
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
