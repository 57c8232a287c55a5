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
    case ErrorCode.counterTaken:
      return 'errorCounterTaken';
    case ErrorCode.conflict:
    case ErrorCode.slotFull:
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

/**
 * A refusal as a page shows it: the localized sentence (`key` with `params`). `code` and `detail`
 * (the server's own English words) are for logic and logs, never for the screen.
 */
export interface ShownError {
  key: MessageKey;
  params?: Record<string, string | number>;
  code: string;
  detail: string;
}

/**
 * What a refused sign-in says: a disabled account (the right password: the server says so only
 * then), else a wrong name or password; any other refusal as usual.
 */
export function signInRefusalKey(error: unknown): MessageKey {
  const shown = toShownError(error);
  if (shown.code !== ErrorCode.unauthorized) return shown.key;
  const details = error instanceof ApiError ? error.details : undefined;
  const reason =
    typeof details === 'object' && details !== null
      ? (details as { reason?: unknown }).reason
      : undefined;
  return reason === 'account_disabled' ? 'loginDisabled' : 'loginFailed';
}

/** Turns anything thrown by a command into what the page shows. */
export function toShownError(error: unknown): ShownError {
  if (error instanceof ApiError) {
    const shown: ShownError = {
      key: errorMessageKey(error.code),
      code: error.code,
      detail: error.message,
    };
    const holder = holderOf(error.details);
    if (error.code === ErrorCode.counterTaken) shown.params = { name: holder?.name ?? '—' };
    const field =
      error.code === ErrorCode.validationFailed ? refusedField(error.details) : undefined;
    if (field) {
      const max = refusedLimit(error.details);
      shown.key = max === undefined ? 'errorValidationFailedField' : 'errorFieldTooLong';
      shown.params = max === undefined ? { field } : { field, max: String(max) };
    }
    const taken = error.code === ErrorCode.conflict ? takenField(error.details) : undefined;
    if (taken) {
      shown.key = 'errorConflictField';
      shown.params = { field: taken };
    }
    const registered = registeredBy(error.details);
    if (registered) {
      shown.key = 'errorAlreadyRegistered';
      shown.params = { case: registered };
    }
    const sentTo = sentToWindow(error.details);
    if (sentTo) {
      shown.key = 'errorSentToWindow';
      shown.params = { window: sentTo };
    }
    return shown;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { key: 'errorUnknown', code: 'unknown', detail };
}

/**
 * The first field a `validation_failed` refusal names (`names.en`, `ticker`), so a long form says
 * where to look; undefined when it names none (the whole body).
 */
function refusedField(details: unknown): string | undefined {
  if (typeof details !== 'object' || details === null || !('issues' in details)) return undefined;
  const issues = details.issues;
  if (!Array.isArray(issues)) return undefined;
  const field = (issues[0] as { field?: unknown } | undefined)?.field;
  return typeof field === 'string' && field !== '' && field !== '(body)' ? field : undefined;
}

/** The longest text the first refused field takes, when it was refused for its length. */
function refusedLimit(details: unknown): number | undefined {
  const issues = (details as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(issues)) return undefined;
  const max = (issues[0] as { maxLength?: unknown } | undefined)?.maxLength;
  return typeof max === 'number' && Number.isFinite(max) ? max : undefined;
}

/** The field whose value is taken, from an administrator's `conflict` refusal (`details.field`). */
function takenField(details: unknown): string | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const field = (details as { field?: unknown }).field;
  return typeof field === 'string' && field !== '' ? field : undefined;
}

/** The case that registered the same birth or death, from a `conflict` refusal's details. */
function registeredBy(details: unknown): string | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const { reason, case: other } = details as { reason?: unknown; case?: unknown };
  return reason === 'already_registered' && typeof other === 'string' ? other : undefined;
}

/** The window a transfer sent a ticket to, from a refused call of it elsewhere. */
function sentToWindow(details: unknown): string | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const { reason, counter } = details as { reason?: unknown; counter?: unknown };
  return reason === 'sent_to_window' && typeof counter === 'string' ? counter : undefined;
}

/** Who holds a window, from a `counter_taken` refusal's details. */
export function holderOf(
  details: unknown,
): { id: number; name: string; since?: string } | undefined {
  if (typeof details !== 'object' || details === null || !('user' in details)) return undefined;
  const user = details.user;
  if (typeof user !== 'object' || user === null) return undefined;
  const { id, name } = user as { id?: unknown; name?: unknown };
  if (typeof id !== 'number' || typeof name !== 'string') return undefined;
  const since = (details as { since?: unknown }).since;
  return { id, name, ...(typeof since === 'string' ? { since } : {}) };
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
