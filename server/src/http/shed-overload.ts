/**
 * An office that is behind refuses its next commands at the door, before a byte of them is parsed
 * or logged (503 `overloaded`, `Retry-After: 1`): under overload a refusal must cost next to
 * nothing, or refusing becomes the overload (bench/overload.ts). A command let in holds its office's
 * admission slot from here until its response is done (queue/admission.ts), so the time it spends
 * on its body and session counts as wait, and it cannot be refused later for the same office.
 */
import type { RequestHandler } from 'express';
import { AppError } from '../errors';
import type { CommandAdmission } from '../queue/admission';

/** Office commands (`POST /api/offices/:office/…`): admitted here, or 503 when the office is behind. */
export function shedOverload(admission: CommandAdmission): RequestHandler {
  const command = /^\/api\/offices\/([a-z][a-z0-9_]{0,39})\/(tickets|counters\/)/;
  return (req, res, next) => {
    const office = req.method === 'POST' ? command.exec(req.path)?.[1] : undefined;
    if (!office) return next();
    let leave: () => void;
    try {
      leave = admission.atDoor(office);
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
    res.once('close', leave);
    next();
  };
}
