/**
 * What a kiosk ticket means for the screen: a refusal's words, an appointment's time (the request
 * of one tap and its retries are in kiosk-send.ts). No rendering here.
 */
import type { Ticket } from '../../server/protocol';
import { ApiError, type IssuedTicket } from '../../ui/api';
import type { Intent } from './kiosk-send';
import { failureOf, type Failure } from './kiosk-failure';
import type { BookingProblem } from './kiosk-booking-keypad';
import { officeClock, officeWhen } from './office-time';

export { PICKUP_SERVICE } from '../../server/protocol/constants';

export type { Intent };

/** A ticket the kiosk got: with `late` when a booking checked in after its window closed. */
export type KioskTicket = IssuedTicket;

/** What a refused request means: a message on the step itself, or a failure banner. */
export type Refusal =
  | { kind: 'case'; caseNumber: string }
  | { kind: 'booking'; problem: BookingProblem }
  | { kind: 'failure'; failure: Failure };

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

/** `?idle=5`: seconds before the kiosk returns home (tests and trials; the office setting otherwise). */
export function readIdleOverride(): number | undefined {
  const value = Number(new URLSearchParams(window.location.search).get('idle'));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
