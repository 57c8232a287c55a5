/**
 * Counters behind the rate limits (failed logins, pickup-code guesses, ticket issue, and the public
 * routes' per-address limits through http/address-limit.ts): in memory for one process, in Redis
 * when REDIS_URL is set so that every node sees the same counts.
 */
import type { Redis } from 'ioredis';

export interface RateStore {
  /** Adds one to `key` in a window of `windowMs` that starts at its first hit; the new count. */
  increment(key: string, windowMs: number): Promise<number>;
  /** {@link increment}, answering with the count the milliseconds left of its window. */
  hit(key: string, windowMs: number): Promise<{ count: number; leftMs: number }>;
  /** Takes one back from `key`'s count in its current window (never below 0). */
  decrement(key: string): Promise<void>;
  /** The current count of `key` (0 when its window is over). */
  count(key: string): Promise<number>;
  reset(key: string): Promise<void>;
  /** Milliseconds left of `key`'s current window (0: none). */
  remainingMs(key: string): Promise<number>;
  /**
   * One event of a stream limited to one per `intervalMs` on average with bursts of `burst`
   * (generic cell rate algorithm): 0 when it may happen now (and is counted), else ms to wait.
   */
  take(key: string, intervalMs: number, burst: number): Promise<number>;
  /**
   * One event counted against every key at once, or against none: 0 when each key's stream may
   * take it now, else the longest wait in ms (one round trip to Redis for all of them).
   */
  takeAll(keys: readonly string[], intervalMs: number, burst: number): Promise<number>;
}

/** A try counted up front on several keys ({@link countTry}). */
export interface CountedTry {
  /** Each key's count with this try, in the keys' order. */
  counts: number[];
  /** Takes the try back from every key (it was refused, or it was no failure after all). */
  undo: () => Promise<void>;
}

/**
 * Counts a try against every key before it is checked, so that tries sent at the same moment meet
 * a limit too (counted after the check, they all passed it); the caller refuses on `counts` and
 * takes the try back with `undo` when it does, or when the try turns out no failure.
 */
export async function countTry(
  store: RateStore,
  keys: readonly string[],
  windowMs: number,
): Promise<CountedTry> {
  const counts = await Promise.all(keys.map((k) => store.increment(k, windowMs)));
  return {
    counts,
    undo: async () => {
      await Promise.all(keys.map((k) => store.decrement(k)));
    },
  };
}

/** A process's own counters (a single node, and tests). */
export class MemoryRateStore implements RateStore {
  private readonly counts = new Map<string, { n: number; until: number }>();
  private readonly tats = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async increment(key: string, windowMs: number): Promise<number> {
    return (await this.hit(key, windowMs)).count;
  }

  hit(key: string, windowMs: number): Promise<{ count: number; leftMs: number }> {
    const t = this.now();
    let entry = this.counts.get(key);
    if (!entry || entry.until <= t) {
      this.sweep(t);
      entry = { n: 0, until: t + windowMs };
      this.counts.set(key, entry);
    }
    entry.n += 1;
    return Promise.resolve({ count: entry.n, leftMs: entry.until - t });
  }

  decrement(key: string): Promise<void> {
    const entry = this.counts.get(key);
    if (entry && entry.until > this.now() && entry.n > 0) entry.n -= 1;
    return Promise.resolve();
  }

  count(key: string): Promise<number> {
    const entry = this.counts.get(key);
    return Promise.resolve(entry && entry.until > this.now() ? entry.n : 0);
  }

  remainingMs(key: string): Promise<number> {
    const entry = this.counts.get(key);
    return Promise.resolve(entry ? Math.max(0, entry.until - this.now()) : 0);
  }

  reset(key: string): Promise<void> {
    this.counts.delete(key);
    this.tats.delete(key);
    return Promise.resolve();
  }

  take(key: string, intervalMs: number, burst: number): Promise<number> {
    return this.takeAll([key], intervalMs, burst);
  }

  takeAll(keys: readonly string[], intervalMs: number, burst: number): Promise<number> {
    const t = this.now();
    const tats = keys.map((key) => Math.max(this.tats.get(key) ?? t, t));
    const wait = Math.max(...tats.map((tat) => tat - (burst - 1) * intervalMs - t));
    if (wait > 0) return Promise.resolve(Math.ceil(wait));
    if (this.tats.size > 100_000) this.tats.clear();
    keys.forEach((key, i) => this.tats.set(key, tats[i]! + intervalMs));
    return Promise.resolve(0);
  }

  // Expired windows would otherwise pile up with every new address.
  private sweep(t: number): void {
    if (this.counts.size < 10_000) return;
    for (const [k, v] of this.counts) if (v.until <= t) this.counts.delete(k);
  }
}

// The GCRA step on the server's own clock, atomically over every key (each holds its stream's
// theoretical arrival time): all take the event, or none does and the longest wait is answered.
const TAKE_SCRIPT = `
local now = redis.call('TIME')
local t = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local tats = {}
local wait = 0
for i, key in ipairs(KEYS) do
  local tat = tonumber(redis.call('GET', key) or t)
  if tat < t then tat = t end
  tats[i] = tat
  local w = tat - (burst - 1) * interval - t
  if w > wait then wait = w end
end
if wait > 0 then return math.ceil(wait) end
for i, key in ipairs(KEYS) do
  redis.call('SET', key, tats[i] + interval, 'PX', math.ceil(tats[i] + interval - t))
end
return 0
`;

// The count and the milliseconds left of its window, in one round trip.
const INCREMENT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}
`;

// A count that has expired is left alone (DECR would start it again, with no window).
const DECREMENT_SCRIPT = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 0 then redis.call('DECR', KEYS[1]) end
return 0
`;

/** What a {@link RedisRateStore} does when Redis fails or is slow. */
export interface RedisRateOptions {
  /** How long one call may take before the node counts by itself (ms, default 250). */
  deadlineMs?: number;
  /** After a failure, how long the node counts by itself before it asks Redis again (ms, 5 s). */
  pauseMs?: number;
  /** Told once each time the node starts counting by itself. */
  onFallback?: (err: unknown) => void;
}

/**
 * Counters every node shares, in Redis under `prefix`. Redis that fails or does not answer within
 * the deadline never holds a request up: the node counts in its own memory for a few seconds (the
 * limits still hold, per node, as without Redis), then asks Redis again. A hall's kiosk keeps
 * issuing and the public routes keep answering while Redis is down.
 */
export class RedisRateStore implements RateStore {
  private readonly local = new MemoryRateStore();
  private readonly deadlineMs: number;
  private readonly pauseMs: number;
  /** Until when the node counts by itself (0: Redis is asked). */
  private localUntil = 0;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly options: RedisRateOptions = {},
  ) {
    this.deadlineMs = options.deadlineMs ?? 250;
    this.pauseMs = options.pauseMs ?? 5_000;
  }

  async increment(key: string, windowMs: number): Promise<number> {
    return (await this.hit(key, windowMs)).count;
  }

  hit(key: string, windowMs: number): Promise<{ count: number; leftMs: number }> {
    return this.shared(
      async () => {
        const [count, leftMs] = (await this.redis.eval(
          INCREMENT_SCRIPT,
          1,
          this.k(key),
          windowMs,
        )) as [number, number];
        return { count: Number(count), leftMs: Math.max(0, Number(leftMs)) };
      },
      () => this.local.hit(key, windowMs),
    );
  }

  decrement(key: string): Promise<void> {
    return this.shared(
      async () => {
        await this.redis.eval(DECREMENT_SCRIPT, 1, this.k(key));
      },
      () => this.local.decrement(key),
    );
  }

  count(key: string): Promise<number> {
    return this.shared(
      async () => Number((await this.redis.get(this.k(key))) ?? 0),
      () => this.local.count(key),
    );
  }

  reset(key: string): Promise<void> {
    // Both: a count the node kept while Redis was away is cleared too.
    return this.shared(
      async () => {
        await this.redis.del(this.k(key));
        await this.local.reset(key);
      },
      () => this.local.reset(key),
    );
  }

  remainingMs(key: string): Promise<number> {
    return this.shared(
      async () => Math.max(0, Number(await this.redis.pttl(this.k(key)))),
      () => this.local.remainingMs(key),
    );
  }

  take(key: string, intervalMs: number, burst: number): Promise<number> {
    return this.takeAll([key], intervalMs, burst);
  }

  takeAll(keys: readonly string[], intervalMs: number, burst: number): Promise<number> {
    const redisKeys = keys.map((key) => this.k(key));
    return this.shared(
      async () =>
        Number(
          await this.redis.eval(TAKE_SCRIPT, redisKeys.length, ...redisKeys, intervalMs, burst),
        ),
      () => this.local.takeAll(keys, intervalMs, burst),
    );
  }

  /** Redis's answer within the deadline; else, and for a pause after, the node's own count. */
  private async shared<T>(remote: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    if (Date.now() < this.localUntil) return local();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Refused after one more turn of the event loop: a node that was busy past the deadline (a
    // pause of its own, not Redis's) reads an answer already in its socket before giving up on it.
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          setImmediate(() =>
            reject(new Error(`Redis did not answer within ${this.deadlineMs} ms`)),
          ),
        this.deadlineMs,
      );
    });
    const asked = remote();
    try {
      return await Promise.race([asked, late]);
    } catch (err) {
      // A late answer of the abandoned call is of no use now.
      asked.catch(() => undefined);
      if (Date.now() >= this.localUntil) this.options.onFallback?.(err);
      this.localUntil = Date.now() + this.pauseMs;
      return local();
    } finally {
      clearTimeout(timer);
    }
  }

  private k(key: string): string {
    return `${this.prefix}:rate:${key}`;
  }
}
