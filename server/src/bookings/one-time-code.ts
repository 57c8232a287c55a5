/**
 * The one-time codes a booking and a remote join send by SMS: drawing them, keeping only their hash,
 * comparing in constant time, and the answer to a wrong one (five wrong codes cancel).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { digitsFrom, MAX_WRONG_CODES, type wrongCode } from '../../protocol/booking-rules';
import { AppError, validationFailed } from '../errors';

/** `length` random decimal digits; with `noLeadingZero`, the first is never 0. */
export function randomDigits(length: number, noLeadingZero = false): string {
  for (;;) {
    const d = digitsFrom(randomBytes(length * 3), length);
    if (d && !(noLeadingZero && d[0] === '0')) return d;
  }
}

/** The hex SHA-256 of a text. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What is stored of the code sent for row `id`: never the code itself. */
export function otpHash(id: string, otp: string): string {
  return sha256(`${id}:${otp}`);
}

/** Whether two hex hashes are equal, in time that does not depend on where they differ. */
export function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** The error for a wrong code: how many tries are left, or that `what` is now cancelled. */
export function wrongCodeRefusal(wrong: ReturnType<typeof wrongCode>, what: string): AppError {
  return wrong.cancel
    ? new AppError('conflict', `five wrong codes: the ${what} is cancelled`, {
        reason: 'cancelled',
      })
    : validationFailed('otp: not the code we sent', {
        issues: [{ field: 'otp', message: 'not the code we sent' }],
        attemptsLeft: MAX_WRONG_CODES - wrong.attempts,
      });
}
