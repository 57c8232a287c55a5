/**
 * What a citizen is told about their wait, decided once for the kiosk screen, the phone page and the
 * paper: while no window serves the line (nobody signed in at an open window for the service) there
 * is no wait to tell, only that they will be called when a window opens; nobody ahead is "you are
 * next" (never "~0 min"); otherwise at least one minute.
 */

/** The wait as told: no window serving yet, next in line, about N minutes, or not known. */
export type WaitWording =
  | { readonly kind: 'noWindow' }
  | { readonly kind: 'next' }
  | { readonly kind: 'minutes'; readonly minutes: number }
  | { readonly kind: 'unknown' };

/** The wording for a waiting ticket's `peopleAhead`, `estimatedWaitMinutes` and `servingWindows`. */
export function waitWording(
  peopleAhead?: number,
  estimatedWaitMinutes?: number,
  servingWindows?: number,
): WaitWording {
  if (servingWindows === 0) return { kind: 'noWindow' };
  if (peopleAhead === 0) return { kind: 'next' };
  if (estimatedWaitMinutes === undefined) return { kind: 'unknown' };
  return { kind: 'minutes', minutes: Math.max(1, Math.ceil(estimatedWaitMinutes)) };
}
