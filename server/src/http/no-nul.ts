/**
 * Refuses any request that carries a NUL character (in the path, the query or the JSON body) with
 * 400 validation_failed. SQLite's driver reads an inlined NUL as the end of the statement (a 500),
 * and no field of the contract has a use for one: the class is closed here, before any route.
 */
import type { RequestHandler } from 'express';
import { AppError } from '../errors';

export function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || typeof value !== 'object' || value === null) return false;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k.includes('\u0000') || hasNul(v, depth + 1)) return true;
  }
  return false;
}

function pathHasNul(url: string): boolean {
  try {
    return decodeURIComponent(url).includes('\u0000');
  } catch {
    return /%00/i.test(url);
  }
}

export const refuseNul: RequestHandler = (req, _res, next) => {
  if (pathHasNul(req.originalUrl) || hasNul(req.body) || hasNul(req.query)) {
    next(new AppError('validation_failed', 'the request contains a NUL character'));
    return;
  }
  next();
};
