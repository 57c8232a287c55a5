/**
 * Per-address limits on public routes (an SMS sent, a code guessed): past `limit` requests in
 * `windowMs`, the contract's 429 `rate_limited` with `message`. The counts live in the node's
 * {@link RateStore} — Redis when several nodes share one (REDIS_URL) — so a client that the
 * balancer sends to another node, or that drops its sticky cookie, meets the same count.
 */
import type { Request, RequestHandler } from 'express';
import { rateLimit, type ClientRateLimitInfo, type Options, type Store } from 'express-rate-limit';
import { AppError } from '../errors';
import type { RateStore } from '../security/rate-store';

/** express-rate-limit's store over a {@link RateStore}, its keys under `limit:<name>:`. */
class SharedLimitStore implements Store {
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

/** Seconds until a refused request's window ends (as `Retry-After` says), at least 1. */
function retryAfterSeconds(req: Request): number {
  const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  return reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 1;
}

/**
 * The refusal of a limit past its count: the contract's 429 `rate_limited` with `message` and, as
 * an open-mode ticket's refusal has them, the seconds to wait in `details.retryAfterSeconds`.
 */
function refuseWith(message: string): Options['handler'] {
  return (req, _res, next) =>
    next(new AppError('rate_limited', message, { retryAfterSeconds: retryAfterSeconds(req) }));
}

/**
 * A limit named `name` (its counts apart from every other limit's, in the shared store) with the
 * contract's 429 and `message` past its count; `options` say how many, per what and for how long.
 */
export function sharedLimit(
  rates: RateStore,
  name: string,
  message: string,
  options: Pick<Partial<Options>, 'limit' | 'keyGenerator' | 'skip'> & { windowMs: number },
): RequestHandler {
  return rateLimit({
    ...options,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    store: new SharedLimitStore(rates, name),
    handler: refuseWith(message),
  });
}

/** A per-address limit: past `limit` requests from one address in `windowMs`, 429 `message`. */
export function addressLimit(
  rates: RateStore,
  name: string,
  windowMs: number,
  limit: number,
  message: string,
): RequestHandler {
  return sharedLimit(rates, name, message, { windowMs, limit });
}
