/**
 * A paired kiosk's or display's device token. The administrator's pairing link carries it once as
 * `&device=<token>`; the page keeps it in the browser (localStorage, per office) and takes it out of
 * the address, so it is not left on screen or in the history.
 */
import { safeStorage, type Store } from './safe-storage';

function storageKey(office: string): string {
  return `navbat.device.${office}`;
}

/** The device token for `office`: from the address (remembered), else the remembered one. */
export function readDeviceToken(
  office: string | undefined,
  storage: Store | undefined = safeStorage(),
): string | undefined {
  if (!office) return undefined;
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('device')?.trim();
  if (fromUrl) {
    try {
      storage?.setItem(storageKey(office), fromUrl);
    } catch {
      // Kept for this page's life only: the link has to be opened again after a restart.
    }
    url.searchParams.delete('device');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return storage?.getItem(storageKey(office)) ?? undefined;
  } catch {
    return undefined;
  }
}
