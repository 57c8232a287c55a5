/**
 * An office that is behind refuses its next commands at the door, before a byte of them is parsed
 * or logged (503 `overloaded`, `Retry-After: 1`): under overload a refusal must cost next to
 * nothing, or refusing becomes the overload (bench/overload.ts). A command let in holds its office's
 * admission slot from here until its response is done (queue/admission.ts), so the time it spends
 * on its body and session counts as wait, and it cannot be refused later for the same office — as
 * long as its body arrives: a slot left waiting for one is given back (slow-senders.ts).
 */
import type { RequestHandler } from 'express';
import { AppError } from '../errors';
import type { CommandAdmission } from '../queue/admission';
import { refuseIssue, type IssuePace } from './issue-pace';
import { SlowSenders } from './slow-senders';

/**
 * Office commands (`POST /api/offices/:office/…`): admitted here, or 503 when the office is behind;
 * a ticket from an address whose pace is spent (`pace`) is refused 429 first, without a slot.
 */
export function shedOverload(
  admission: CommandAdmission,
  pace?: IssuePace,
  slow = new SlowSenders(),
): RequestHandler {
  const command = /^\/api\/offices\/([a-z][a-z0-9_]{0,39})\/(tickets|counters\/)/;
  return (req, res, next) => {
    const found = req.method === 'POST' ? command.exec(req.path) : null;
    const office = found?.[1];
    if (!office) return next();
    const address = req.ip ?? 'unknown';
    if (pace && req.path === `/api/offices/${office}/tickets`) {
      const wait = pace.waitOf(address);
      if (wait > 0) return refuseIssue(res, pace.rate, wait);
    }
    try {
      if (slow.isSlow(address)) {
        admission.assertRoom(office);
        return next();
      }
      const leave = once(admission.atDoor(office));
      const stopWatching = slow.watch(req, address, leave);
      res.once('close', () => {
        stopWatching();
        leave();
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      res.setHeader('Retry-After', '1');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.status(503).json({
        error: {
          code: 'overloaded',
          message: `office ${office} is behind: try again shortly`,
          details: { retryAfterSeconds: 1 },
        },
      });
      return;
    }
    next();
  };
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
