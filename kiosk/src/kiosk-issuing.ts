/**
 * How the kiosk asks for a ticket: the request of one tap (a service, a case, or a booking code),
 * retries while the network fails, and what a refusal means for the screen. No rendering here.
 */
import type { IssueTicket, Ticket } from '../../server/protocol';
import type { CheckInBooking } from '../../server/protocol/bookings';
import { DEVICE_TOKEN_HEADER, IDEMPOTENCY_HEADER } from '../../server/protocol/constants';
import { ApiError, NETWORK_ERROR, apiRequest, type IssuedTicket } from '../../ui/api';
import { failureOf, type Failure } from './kiosk-failure';
import type { BookingProblem } from './kiosk-booking-keypad';
import { officeClock, officeWhen } from './office-time';

/** A ticket the kiosk got: with `late` when a booking checked in after its window closed. */
export type KioskTicket = IssuedTicket;

/** One tap's intent: the request and the key that makes every retry of it one ticket. */
export interface Intent {
  body: IssueTicket | CheckInBooking;
  key: string;
}

/** A request that failed; `retry` when it may be sent again as it is. */
/** What a refused request means: a message on the step itself, or a failure banner. */
export type Refusal =
  | { kind: 'case'; caseNumber: string }
  | { kind: 'booking'; problem: BookingProblem }
  | { kind: 'failure'; failure: Failure };

/** Sends one intent: a walk-in (or case) ticket, or a check-in with a booking code. */
export function sendIntent(
  office: string,
  intent: Intent,
  deviceToken: string | undefined,
): Promise<KioskTicket> {
  const headers: Record<string, string> = { [IDEMPOTENCY_HEADER]: intent.key };
  if (deviceToken) headers[DEVICE_TOKEN_HEADER] = deviceToken;
  return apiRequest<KioskTicket>(`/api/offices/${encodeURIComponent(office)}/tickets`, {
    method: 'POST',
    body: intent.body,
    headers,
  });
}

/** What the screen shows for a refused intent (`timeZone`: the office's, for "opens at"). */
export function refusalOf(intent: Intent, error: unknown, timeZone: string | undefined): Refusal {
  const code = error instanceof ApiError ? error.code : 'unknown';
  const body = intent.body;
  if ('booking' in body) {
    if (code === 'not_found')
      return { kind: 'booking', problem: { kind: 'not_found', code: body.booking } };
    const opensAt = tooEarlyOpensAt(error);
    if (opensAt) {
      const time = officeWhen(opensAt, timeZone);
      return { kind: 'booking', problem: { kind: 'too_early', code: body.booking, time } };
    }
  } else if (code === 'not_found' && body.caseNumber) {
    // An unknown number: no ticket, the keypad says so in the citizen's language.
    return { kind: 'case', caseNumber: body.caseNumber };
  }
  return { kind: 'failure', failure: failureOf(error) };
}

function tooEarlyOpensAt(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.code !== 'conflict') return undefined;
  const details = error.details as { reason?: unknown; opensAt?: unknown } | undefined;
  return details?.reason === 'too_early' && typeof details.opensAt === 'string'
    ? details.opensAt
    : undefined;
}

/** A checked-in booking's time on the office clock; empty for a walk-in. */
export function appointmentTime(ticket: Ticket, timeZone: string | undefined): string {
  return ticket.appointment ? officeClock(ticket.appointment.start, timeZone) : '';
}

/**
 * Runs `command`, repeating it up to `retries` times while the network fails or the server says it
 * is overloaded (after the `Retry-After` it gives): the citizen's one tap still becomes a ticket.
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

/** How long to wait before trying `error`'s request again; undefined: do not. */
function retryWait(error: unknown, attempt: number): number | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.code === NETWORK_ERROR) return 600 * (attempt + 1);
  if (error.code !== 'overloaded') return undefined;
  const seconds = Number((error.details as { retryAfterSeconds?: unknown })?.retryAfterSeconds);
  return 1000 * (Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 5) : 1);
}

/** `?idle=5`: seconds before the kiosk returns home (tests and trials; the office setting otherwise). */
export function readIdleOverride(): number | undefined {
  const value = Number(new URLSearchParams(window.location.search).get('idle'));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
