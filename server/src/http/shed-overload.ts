/**
 * An office that is behind refuses its next commands at the door, before a byte of them is parsed
 * or logged (503 `overloaded`, `Retry-After: 1`): under overload a refusal must cost next to
 * nothing, or refusing becomes the overload (bench/overload.ts). The rule is the admission's own
 * (queue/admission.ts); what passes here is still admitted or refused by it.
 */
import type { RequestHandler } from 'express';
import type { CommandAdmission } from '../queue/admission';

/** Office commands (`POST /api/offices/:office/…`) of an office its admission would refuse: 503. */
export function shedOverload(admission: CommandAdmission): RequestHandler {
  const command = /^\/api\/offices\/([a-z][a-z0-9_]{0,39})\/(tickets|counters\/)/;
  return (req, res, next) => {
    const office = req.method === 'POST' ? command.exec(req.path)?.[1] : undefined;
    if (!office || !admission.shedEarly(office)) return next();
    res.setHeader('Retry-After', '1');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.status(503).json({
      error: {
        code: 'overloaded',
        message: `office ${office} is behind: try again shortly`,
        details: { retryAfterSeconds: 1 },
      },
    });
  };
}
