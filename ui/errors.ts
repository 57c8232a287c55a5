/** Which catalogue message explains an error code or a ticket status. */
import type { TicketStatus } from '../server/protocol';
import { ErrorCode } from '../server/protocol/constants';
import { ApiError, NETWORK_ERROR } from './api';
import type { MessageKey } from './i18n';

/** The message for one of the contract's error codes (or the network failure). */
export function errorMessageKey(code: string): MessageKey {
  if (code === NETWORK_ERROR) return 'errorNetwork';
  if (!isErrorCode(code)) return 'errorUnknown';
  switch (code) {
    case ErrorCode.validationFailed:
      return 'errorValidationFailed';
    case ErrorCode.unauthorized:
      return 'errorUnauthorized';
    case ErrorCode.forbidden:
      return 'errorForbidden';
    case ErrorCode.notFound:
      return 'errorNotFound';
    case ErrorCode.illegalTransition:
      return 'errorIllegalTransition';
    case ErrorCode.staleVersion:
      return 'errorStaleVersion';
    case ErrorCode.counterBusy:
      return 'errorCounterBusy';
    case ErrorCode.conflict:
      return 'errorConflict';
    case ErrorCode.payloadTooLarge:
      return 'errorPayloadTooLarge';
    case ErrorCode.rateLimited:
      return 'errorRateLimited';
    case ErrorCode.unavailable:
    case ErrorCode.overloaded:
      return 'errorUnavailable';
    case ErrorCode.internal:
      return 'errorInternal';
  }
}

function isErrorCode(code: string): code is ErrorCode {
  return (Object.values(ErrorCode) as string[]).includes(code);
}

/** A refusal as a page shows it: the localized sentence, and the server's own words beside it. */
export interface ShownError {
  key: MessageKey;
  code: string;
  detail: string;
}

/** Turns anything thrown by a command into what the page shows. */
export function toShownError(error: unknown): ShownError {
  if (error instanceof ApiError) {
    return { key: errorMessageKey(error.code), code: error.code, detail: error.message };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { key: 'errorUnknown', code: 'unknown', detail };
}

/** The message naming a ticket status; undefined for a status this build does not know. */
export function statusMessageKey(status: string): MessageKey | undefined {
  const known = status as TicketStatus;
  switch (known) {
    case 'waiting':
      return 'statusWaiting';
    case 'called':
      return 'statusCalled';
    case 'serving':
      return 'statusServing';
    case 'done':
      return 'statusDone';
    case 'no_show':
      return 'statusNoShow';
    case 'cancelled':
      return 'statusCancelled';
    case 'expired':
      return 'statusExpired';
    default:
      return undefined;
  }
}
