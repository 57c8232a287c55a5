/** The applicant's phone as the clerk types it, made into the international form the server takes. */
import { E164 } from '../../../server/protocol/schemas';

/** Tajikistan's country code, added to a number typed without one. */
export const COUNTRY_CODE = '+992';

/**
 * `90 123 45 67`, `(90) 123-45-67`, `992901234567` or `+992 90 123 4567` → `+992901234567`;
 * undefined when it is not a whole international number.
 */
export function normalizePhone(raw: string): string | undefined {
  const compact = raw.replace(/[\s()-]/g, '');
  let phone = compact;
  if (/^\d{9}$/.test(compact)) phone = `${COUNTRY_CODE}${compact}`;
  else if (/^992\d{9}$/.test(compact)) phone = `+${compact}`;
  return E164.safeParse(phone).success ? phone : undefined;
}
