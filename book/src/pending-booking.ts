/**
 * A booking waiting for its code, kept on the phone for the 10 minutes its place is held: a reload,
 * or a basic phone's browser closed while the SMS app was open, comes back to "type the code"
 * instead of the service list (the code on the phone had nowhere to go, and asking again was
 * refused for the phone's booking that day).
 */
import type { ServiceItem } from './book-api';

/** localStorage where the browser lets the page use it (ui/safe-storage.ts would bring the ui chunk). */
function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export interface BookingItem {
  code: string;
  service: string;
  start: string;
  status: string;
}

export interface PendingBooking {
  booking: BookingItem;
  service: ServiceItem | undefined;
  phone: string;
}

const KEY = 'navbat-book-pending';
/** As long as the server holds an unconfirmed place. */
const HOLD_MS = 10 * 60_000;

/** Keeps `pending` for `office` (or, undefined, forgets it). */
export function keepPending(office: string, pending: PendingBooking | undefined): void {
  const store = safeStorage();
  try {
    if (!pending) store?.setItem(KEY, '');
    else store?.setItem(KEY, JSON.stringify({ office, until: Date.now() + HOLD_MS, ...pending }));
  } catch {
    // A full or refusing storage: the page works as before, for this tab only.
  }
}

/** The booking `office` was waiting for a code for, while its place is still held. */
export function pendingOf(office: string): PendingBooking | undefined {
  try {
    const kept = JSON.parse(safeStorage()?.getItem(KEY) || 'null') as
      (PendingBooking & { office: string; until: number }) | null;
    if (!kept || kept.office !== office || !(kept.until > Date.now())) return undefined;
    return { booking: kept.booking, service: kept.service, phone: kept.phone };
  } catch {
    return undefined;
  }
}
