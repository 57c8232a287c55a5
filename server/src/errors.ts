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
