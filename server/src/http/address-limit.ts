/**
 * Per-address limits on public routes (an SMS sent, a code guessed): past `limit` requests in
 * `windowMs`, the contract's 429 `rate_limited` with `message`. The counts live in the node's
 * {@link RateStore} — Redis when several nodes share one (REDIS_URL) — so a client that the
 * balancer sends to another node, or that drops its sticky cookie, meets the same count.
 */
import type { RequestHandler } from 'express';
import { rateLimit, type ClientRateLimitInfo, type Options, type Store } from 'express-rate-limit';
import { AppError } from '../errors';
import type { RateStore } from '../security/rate-store';

/** express-rate-limit's store over a {@link RateStore}, its keys under `limit:<name>:`. */
export class SharedLimitStore implements Store {
  /** The counts are shared by every node (the library then checks nothing per process). */
  readonly localKeys = false;
  private windowMs = 60_000;

  constructor(
    private readonly rates: RateStore,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const id = this.key(key);
    const totalHits = await this.rates.count(id);
    if (totalHits === 0) return undefined;
    return { totalHits, resetTime: new Date(Date.now() + (await this.rates.remainingMs(id))) };
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const { count, leftMs } = await this.rates.hit(this.key(key), this.windowMs);
    return { totalHits: count, resetTime: new Date(Date.now() + leftMs) };
  }

  decrement(key: string): Promise<void> {
    return this.rates.decrement(this.key(key));
  }

  resetKey(key: string): Promise<void> {
    return this.rates.reset(this.key(key));
  }

  private key(key: string): string {
    return `limit:${this.prefix}:${key}`;
  }
}

/**
 * A per-address limit named `name` (its counts apart from every other limit's) with the contract's
 * 429 and `message` past `limit` requests in `windowMs`.
 */
export function addressLimit(
  rates: RateStore,
  name: string,
  windowMs: number,
  limit: number,
  message: string,
): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    store: new SharedLimitStore(rates, name),
    handler: (_req, _res, next) => next(new AppError('rate_limited', message)),
  });
}
