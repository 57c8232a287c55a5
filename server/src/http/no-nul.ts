/**
 * Refuses any request that carries a NUL character (in the path, the query or the JSON body) with
 * 400 validation_failed, naming where it was as a parse error names a field (`names.tg`, a query's
 * `q`, or `(path)`). SQLite's driver reads an inlined NUL as the end of the statement (a 500), and
 * no field of the contract has a use for one: the class is closed here, before any route.
 */
import type { RequestHandler } from 'express';
import { AppError } from '../errors';

/** Where in `value` a NUL is (a key or a string), as a dotted path; undefined when nowhere. */
export function nulField(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : undefined;
  if (path.length > 64 || typeof value !== 'object' || value === null) return undefined;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k.includes('\u0000')) return [...path, k.replaceAll('\u0000', '\\0')].join('.');
    const found = nulField(v, [...path, k]);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function hasNul(value: unknown): boolean {
  return nulField(value) !== undefined;
}

function pathHasNul(url: string): boolean {
  try {
    return decodeURIComponent(url).includes('\u0000');
  } catch {
    return /%00/i.test(url);
  }
}

export const refuseNul: RequestHandler = (req, _res, next) => {
  const field = pathHasNul(req.path)
    ? '(path)'
    : (nulField(req.query) ??
      nulField(req.body) ??
      (pathHasNul(req.originalUrl) ? '(query)' : undefined));
  if (field !== undefined) {
    const where = field === '' ? '(body)' : field;
    next(
      new AppError('validation_failed', `${where}: contains a NUL character`, {
        issues: [{ field: where, message: 'contains a NUL character' }],
      }),
    );
    return;
  }
  next();
};
