/**
 * The kiosk's red banner for a refused ticket: the words for why, and whether "try again" may send
 * the same tap (only when the network failed). No DOM here.
 */
import { ApiError, NETWORK_ERROR } from '../../ui/api-client';
import { toShownError, type ShownError } from '../../ui/errors';
import type { MessageKey } from '../../ui/i18n';

export interface Failure {
  message: MessageKey;
  /** The message's values ({number}: the ticket a case already has). */
  params?: Record<string, string>;
  /**
   * The small line under the message: the refusal in the contract's general words. None when the
   * message says it all (a case's ticket, a closed case or service): "This already exists" under
   * "You already have ticket D006" only puzzles the reader.
   */
  detail?: ShownError;
  retry: boolean;
}

/** The banner for a failed request: "try again" only when the network failed. */
export function failureOf(error: unknown): Failure {
  const code = error instanceof ApiError ? error.code : 'unknown';
  const network = code === NETWORK_ERROR || (error instanceof ApiError && error.status >= 502);
  const details = (error instanceof ApiError ? error.details : undefined) as
    { reason?: unknown; number?: unknown } | undefined;
  // A case that already has a ticket in the queue, or that is closed: said as such.
  if (code === 'conflict' && details?.reason === 'case_has_ticket') {
    const number = typeof details.number === 'string' ? details.number : '';
    return { message: 'kioskCaseHasTicket', params: { number }, retry: false };
  }
  if (!network && code === 'conflict') {
    const closedCase = details?.reason === 'case_closed';
    return { message: closedCase ? 'kioskCaseClosed' : 'kioskServiceClosedNow', retry: false };
  }
  // A node that refused before doing anything (busy, or stopping): not a lost connection.
  const busy = code === 'overloaded' || code === 'unavailable';
  return {
    message: busy ? 'kioskBusy' : network ? 'kioskNetworkFailed' : 'issueFailed',
    detail: toShownError(error),
    retry: network,
  };
}
