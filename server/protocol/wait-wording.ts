/**
 * What a citizen is told about their wait, decided once for the kiosk screen, the phone page and the
 * paper: nobody ahead is "you are next" (never "~0 min"); otherwise at least one minute.
 */

/** The wait as told: next in line, about N minutes, or not known. */
export type WaitWording =
  | { readonly kind: 'next' }
  | { readonly kind: 'minutes'; readonly minutes: number }
  | { readonly kind: 'unknown' };

/** The wording for a waiting ticket's `peopleAhead` and `estimatedWaitMinutes`. */
export function waitWording(peopleAhead?: number, estimatedWaitMinutes?: number): WaitWording {
  if (peopleAhead === 0) return { kind: 'next' };
  if (estimatedWaitMinutes === undefined) return { kind: 'unknown' };
  return { kind: 'minutes', minutes: Math.max(1, Math.ceil(estimatedWaitMinutes)) };
}
