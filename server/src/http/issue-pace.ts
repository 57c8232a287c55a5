/**
 * Addresses this node has just refused an open-mode ticket for (429, their pace spent): their next
 * tickets are refused at the door, before they take a slot of the office's admission, until the
 * pace gives them one again. Refused only after the body and the shared count, a stranger's flood
 * of refusals held the office's slots, and the real kiosks and the clerks' calls got 503
 * `overloaded` (a tester: 200 requests in flight from one laptop, a kiosk's tap took 17 s).
 */
import type { Response } from 'express';

/** More addresses than a node keeps: the expired ones are dropped first. */
const MAX_ADDRESSES = 10_000;

/** One ticket per `intervalMs` on average, with bursts of `burst` (a family at the kiosk). */
export interface IssueRate {
  intervalMs: number;
  burst: number;
}

/** ISSUE_RATE=0 (and the tests'): no open-mode limits at all, of tickets or of their SMS. */
export const NO_ISSUE_LIMIT: IssueRate = { intervalMs: 1, burst: 1e9 };

export class IssuePace {
  private readonly until = new Map<string, number>();

  constructor(
    /** The pace (for the refusal's `RateLimit` headers). */
    readonly rate: IssueRate,
    private readonly clock: () => number = Date.now,
  ) {}

  /** `address` may not issue for `waitMs` (its pace said so). */
  hold(address: string, waitMs: number): void {
    if (this.until.size >= MAX_ADDRESSES) this.forgetExpired();
    if (this.until.size >= MAX_ADDRESSES) return;
    this.until.set(address, this.clock() + waitMs);
  }

  /** Milliseconds `address` must still wait, or 0. */
  waitOf(address: string): number {
    const until = this.until.get(address);
    if (until === undefined) return 0;
    const left = until - this.clock();
    if (left > 0) return left;
    this.until.delete(address);
    return 0;
  }

  private forgetExpired(): void {
    const now = this.clock();
    for (const [address, until] of this.until) if (until <= now) this.until.delete(address);
  }
}

/**
 * The headers of an open-mode ticket refused for its pace: `RateLimit` and `RateLimit-Policy` (IETF
 * draft 7, as the other public limits send them; the window is a full burst's refill).
 */
export function issueLimitHeaders(res: Response, rate: IssueRate, waitMs: number): number {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const window = Math.max(1, Math.ceil((rate.burst * rate.intervalMs) / 1000));
  res.setHeader('Retry-After', String(seconds));
  res.setHeader('RateLimit-Policy', `${rate.burst};w=${window}`);
  res.setHeader('RateLimit', `limit=${rate.burst}, remaining=0, reset=${seconds}`);
  return seconds;
}

/** The contract's 429 for an open-mode ticket past its pace, with the seconds to wait. */
export function refuseIssue(res: Response, rate: IssueRate, waitMs: number): void {
  const seconds = issueLimitHeaders(res, rate, waitMs);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.status(429).json({
    error: {
      code: 'rate_limited',
      message: 'too many tickets from here; wait a moment',
      details: { retryAfterSeconds: seconds },
    },
  });
}
