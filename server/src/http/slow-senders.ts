/**
 * Addresses whose request bodies did not arrive soon after their headers. The door holds an
 * office's admission slot from the headers on (shed-overload.ts); a client that sent headers and
 * trickled its body, or never sent it, held the slot until the request timeout (30 s), and sixteen
 * such requests — no sign-in, no rate limit — shut an office's kiosks and clerks out (a tester).
 * Now a slot whose body has not arrived within {@link BODY_GRACE_MS} is given back, and for
 * {@link SLOW_FOR_MS} that address's requests take no slot at the door: their commands take one
 * when they run, after the body and the sign-in, or are refused there.
 */
import type { Request } from 'express';

/** How long a door slot waits for its request's body (a lost segment's retransmit fits). */
export const BODY_GRACE_MS = 1_000;
/** How long an address that kept a slot waiting takes none at the door. */
export const SLOW_FOR_MS = 10_000;
/** More addresses than a node keeps: the expired ones are dropped first. */
const MAX_ADDRESSES = 10_000;

export class SlowSenders {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly graceMs = BODY_GRACE_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Whether `address` kept a door slot waiting for its body lately. */
  isSlow(address: string): boolean {
    const until = this.until.get(address);
    if (until === undefined) return false;
    if (until > this.clock()) return true;
    this.until.delete(address);
    return false;
  }

  /**
   * Watches a request let in with a door slot: if its body has not arrived within the grace,
   * `giveBack` is called (the slot returns to the office) and the address is marked slow.
   * Returns the function that stops watching (the response is done).
   */
  watch(req: Request, address: string, giveBack: () => void): () => void {
    if (req.complete) return () => undefined;
    const timer = setTimeout(() => {
      if (req.complete) return;
      giveBack();
      this.mark(address);
    }, this.graceMs);
    timer.unref();
    return () => clearTimeout(timer);
  }

  private mark(address: string): void {
    if (this.until.size >= MAX_ADDRESSES) {
      const now = this.clock();
      for (const [a, until] of this.until) if (until <= now) this.until.delete(a);
    }
    if (this.until.size < MAX_ADDRESSES) this.until.set(address, this.clock() + SLOW_FOR_MS);
  }
}
