/** The one error type services throw; HTTP and Socket.IO map it to the contract's error shape. */
import { type ErrorCode, ErrorStatus } from '../protocol';

export class AppError extends Error {
  /** HTTP status for this error's code. */
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ErrorStatus[code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'your role may not do this') =>
  new AppError('forbidden', message);
export const unauthorized = (message = 'log in first') => new AppError('unauthorized', message);
export const illegalTransition = (message: string) => new AppError('illegal_transition', message);
export const validationFailed = (message: string, details?: unknown) =>
  new AppError('validation_failed', message, details);

/** Issues a refusal lists at most; the rest are counted (`details.moreIssues`). */
export const MAX_ISSUES = 20;
/** Characters of one issue's field or message at most (a list of 10,000 unknown keys is one). */
export const MAX_ISSUE_TEXT = 300;

const bounded = (text: string) =>
  text.length > MAX_ISSUE_TEXT ? `${text.slice(0, MAX_ISSUE_TEXT - 1)}…` : text;

/**
 * `validation_failed` naming each field, its answer bounded whatever the request: a body of unknown
 * keys or a thousand wrong items gets a refusal of a few kilobytes, not one larger than itself.
 */
export function validationIssues(
  issues: ReadonlyArray<{ field: string; message: string; [more: string]: unknown }>,
): AppError {
  const listed = issues.slice(0, MAX_ISSUES).map((i) => ({
    ...i,
    field: bounded(i.field),
    message: bounded(i.message),
  }));
  const first = listed[0];
  const more = issues.length - listed.length;
  return new AppError(
    'validation_failed',
    first ? `${first.field}: ${first.message}` : 'invalid input',
    more > 0 ? { issues: listed, moreIssues: more } : { issues: listed },
  );
}
