/**
 * One tap's request and its retries: the kiosk sends a tap with its idempotency key and sends it
 * again while the network fails, a node refuses before doing anything, or a balancer found no node
 * to answer. No DOM here: the rolling-restart test drives the same code through HAProxy.
 */
import type { IssueTicket } from '../../server/protocol';
import type { CheckInBooking } from '../../server/protocol/bookings';
import { DEVICE_TOKEN_HEADER, IDEMPOTENCY_HEADER } from '../../server/protocol/constants';
import { ApiError, NETWORK_ERROR, apiRequest, type IssuedTicket } from '../../ui/api';

/** Automatic retries of one tap; the same idempotency key makes them safe. */
export const ISSUE_RETRIES = 2;

/** One tap's intent: the request and the key that makes every retry of it one ticket. */
export interface Intent {
  body: IssueTicket | CheckInBooking;
  key: string;
}

/** Sends one intent: a walk-in (or case) ticket, or a check-in with a booking code. */
export function sendIntent(
  office: string,
  intent: Intent,
  deviceToken: string | undefined,
): Promise<IssuedTicket> {
  const headers: Record<string, string> = { [IDEMPOTENCY_HEADER]: intent.key };
  if (deviceToken) headers[DEVICE_TOKEN_HEADER] = deviceToken;
  return apiRequest<IssuedTicket>(`/api/offices/${encodeURIComponent(office)}/tickets`, {
    method: 'POST',
    body: intent.body,
    headers,
  });
}

/**
 * Runs `command`, repeating it up to `retries` times while the network fails, the server says it is
 * overloaded or stopping, or a balancer found no node to answer (after the `Retry-After` given):
 * the citizen's one tap still becomes a ticket, and, sent with its idempotency key, only one.
 */
export async function withRetries<T>(command: () => Promise<T>, retries: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await command();
    } catch (error) {
      const wait = retryWait(error, attempt);
      if (wait === undefined || attempt >= retries) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/**
 * How long to wait before trying `error`'s request again; undefined: do not. Again: no answer, a
 * node that refused before doing anything (`overloaded`, or `unavailable`: it is stopping, the next
 * try reaches another), or a balancer's 502/503/504 (no node answered; had one done the command,
 * the same key returns its ticket).
 */
export function retryWait(error: unknown, attempt: number): number | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.code === NETWORK_ERROR) return 600 * (attempt + 1);
  const gateway = error.status >= 502 && error.status <= 504 && error.code.startsWith('http_');
  if (gateway) return 600 * (attempt + 1);
  if (error.code !== 'overloaded' && error.code !== 'unavailable') return undefined;
  const seconds = Number((error.details as { retryAfterSeconds?: unknown })?.retryAfterSeconds);
  return 1000 * (Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 5) : 1);
}
