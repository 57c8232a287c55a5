/** The one place where errors become the contract's `{"error":{"code","message"}}` answers. */
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { type z } from 'zod';
import { DatabaseBusyError } from '../../../db/database';
import { AppError, validationIssues } from '../errors';

/**
 * Parses `value` with `schema` or throws `validation_failed` naming the fields; an issue of the
 * whole value (an unknown key) is named `(body)`, or `(query)` for a query string.
 */
export function parse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  whole: '(body)' | '(query)' | `header ${string}` = '(body)',
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({
    field: i.path.join('.') || whole,
    message: i.message,
    // A text over its limit says the limit, so a form can name it in the page's words.
    ...(i.code === 'too_big' && i.origin === 'string' ? { maxLength: Number(i.maximum) } : {}),
  }));
  throw validationIssues(issues);
}

/** Path parameters that do not fit name no resource: 404, not 400. */
export function parseParams<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const result = schema.safeParse(req.params);
  if (!result.success) throw new AppError('not_found', `nothing at ${req.path}`);
  return result.data;
}

export const unknownRoute: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `no route ${req.method} ${req.path}`));
};

/** Maps any error to the error shape; unexpected ones are logged and answered as 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const appError = toAppError(err);
    if (appError.status >= 500 && appError.code !== 'unavailable' && appError.code !== 'overloaded')
      logger.error({ err }, 'request failed');
    const retryAfter = (appError.details as { retryAfterSeconds?: unknown } | undefined)
      ?.retryAfterSeconds;
    // Whoever says when to come back (overload, a rate limit) says it in the standard header too.
    if (typeof retryAfter === 'number') {
      res.setHeader('Retry-After', String(retryAfter));
    }
    const body: { error: { code: string; message: string; details?: unknown } } = {
      error: { code: appError.code, message: appError.message },
    };
    if (appError.details !== undefined) body.error.details = appError.details;
    res.status(appError.status).json(body);
  };
}

/** Body-parser, database and unknown errors in the contract's codes. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number; name?: string; message?: string } | undefined;
  if (e?.type === 'entity.too.large')
    return new AppError('payload_too_large', 'the body is over 1 MiB');
  if (e?.type === 'entity.parse.failed')
    return new AppError('validation_failed', 'the body is not valid JSON');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new AppError('validation_failed', 'the body must be UTF-8 JSON');
  }
  if (err instanceof DatabaseBusyError) return new AppError('unavailable', err.message);
  if (e?.name === 'SequelizeUniqueConstraintError')
    return new AppError('conflict', 'that already exists');
  if (
    e?.name === 'SequelizeConnectionError' ||
    e?.name === 'SequelizeConnectionRefusedError' ||
    e?.name === 'SequelizeConnectionAcquireTimeoutError' ||
    e?.name === 'SequelizeHostNotReachableError' ||
    e?.name === 'SequelizeAccessDeniedError'
  ) {
    return new AppError('unavailable', 'the database is not reachable');
  }
  if (lostDatabase(err)) return new AppError('unavailable', 'the database connection was lost');
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new AppError('validation_failed', e.message ?? 'bad request');
  }
  return new AppError('internal', 'internal error');
}

// Driver codes of a database that went away during a statement (killed, restarted, network cut).
const LOST_CODES = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_CONNECTION_KILLED',
]);

/** The database went away mid-command: the client may retry (503), it is not our bug (500). */
function lostDatabase(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; message?: unknown; parent?: unknown } | undefined, i = 0;
    e && i < 4;
    i++
  ) {
    if (typeof e.code === 'string' && LOST_CODES.has(e.code)) return true;
    if (
      typeof e.message === 'string' &&
      /closed state|Connection lost|connection is closed/i.test(e.message)
    ) {
      return true;
    }
    e = e.parent as typeof e;
  }
  return false;
}
