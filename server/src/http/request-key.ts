/** A request's `Idempotency-Key` header, checked (400 naming the header when it is not one). */
import type { Request } from 'express';
import { IDEMPOTENCY_HEADER, IdempotencyKey } from '../../protocol';
import { parse } from './errors';

/** The key a client sent to make its request safe to repeat, if it sent one. */
export function requestKey(req: Request): string | undefined {
  const raw = req.get(IDEMPOTENCY_HEADER);
  return raw === undefined ? undefined : parse(IdempotencyKey, raw, `header ${IDEMPOTENCY_HEADER}`);
}
