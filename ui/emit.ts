/**
 * Dispatches a component's event, typed by the global `HTMLElementEventMap` each component extends:
 * the name and the detail are checked together, and every event bubbles out of shadow roots.
 */

/** The `detail` an event of the map carries. */
export type EventDetail<K extends keyof HTMLElementEventMap> =
  HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Events whose detail is nothing. */
type NoDetail = void | undefined;

/** Fires `type` on `target` (bubbling, composed) with its typed `detail`. */
export function emit<K extends keyof HTMLElementEventMap>(
  target: EventTarget,
  type: K,
  ...detail: EventDetail<K> extends NoDetail ? [] : [EventDetail<K>]
): boolean {
  return target.dispatchEvent(
    new CustomEvent(type, { detail: detail[0], bubbles: true, composed: true }),
  );
}
