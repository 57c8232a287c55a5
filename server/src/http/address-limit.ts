/**
 * A per-address limit on a public route (an SMS sent, a code guessed): past `limit` requests in
 * `windowMs`, the contract's 429 `rate_limited` with `message`.
 */
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../errors';

export function addressLimit(windowMs: number, limit: number, message: string): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError('rate_limited', message)),
  });
}
