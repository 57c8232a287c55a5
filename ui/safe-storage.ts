/** The browser's localStorage where a page may use it: missing or refusing (private mode, quota) is `undefined`. */

/** The part of a storage the pages use (tests pass a Map-backed one). */
export type Store = Pick<Storage, 'getItem' | 'setItem'>;

/** `window.localStorage`, or `undefined` where reading it throws; settings then live for the page only. */
export function safeStorage(): Store | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
