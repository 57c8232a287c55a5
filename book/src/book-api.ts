/** The booking page's few requests (plain fetch), the words for their errors, and its calendar. */
import type { BookKey, BookLanguage } from './book-i18n';

export interface SlotItem {
  /** The office date of the slot. */
  day: string;
  start: string;
  end: string;
  free: number;
}

export interface ServiceItem {
  code: string;
  names: Record<BookLanguage, string>;
  open: boolean;
}

/** An error answer of the API, with the contract's code and details. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly details: Record<string, unknown> | undefined,
  ) {
    super(code);
  }
}

/**
 * A request's `Idempotency-Key`: one for each thing the citizen asks for, sent again with it when
 * the answer was lost. Random from `getRandomValues`, which a page served over plain http on an
 * office's network has too (`randomUUID` needs a secure context).
 */
export function newRequestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function api<T>(
  path: string,
  init?: { method: string; body: unknown; key?: string },
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init?.method ?? 'GET',
      headers: init
        ? {
            'content-type': 'application/json',
            ...(init.key ? { 'idempotency-key': init.key } : {}),
          }
        : undefined,
      body: init ? JSON.stringify(init.body) : undefined,
    });
  } catch {
    throw new ApiError('network', undefined);
  }
  const body = (await res.json().catch(() => ({}))) as {
    error?: { code: string; details?: Record<string, unknown> };
  };
  if (!res.ok) throw new ApiError(body.error?.code ?? 'internal', body.error?.details);
  return body as T;
}

/**
 * The office's clock and names, and the services one can book: open, and with a booking plan (the
 * others are served from the kiosk only, so they are not offered here).
 */
export async function bookingCatalogue(office: string): Promise<{
  timeZone: string;
  names: Record<BookLanguage, string>;
  languages: string[];
  services: ServiceItem[];
}> {
  const [found, services, bookable] = await Promise.all([
    api<{ office: PublicOffice }>(`/api/offices/${office}`),
    api<ServiceItem[]>(`/api/offices/${office}/services`),
    api<{ services: string[] }>(`/api/offices/${office}/bookable-services`),
  ]);
  return {
    timeZone: found.office.timeZone,
    names: found.office.names,
    languages: found.office.languages,
    services: services.filter((s) => s.open && bookable.services.includes(s.code)),
  };
}

/** What the phone pages read of `GET /api/offices/:office`. */
export interface PublicOffice {
  timeZone: string;
  names: Record<BookLanguage, string>;
  /** The office's languages (its settings): the pages offer only these. */
  languages: string[];
}

export const PHONE_PREFIX = '+992';

/**
 * The nine digits after +992 in what was typed or pasted: spaces, dashes and brackets dropped, and
 * the country code too when the whole number came (`+992 90 555 44 33`, `00992…`).
 */
export function nationalDigits(typed: string): string {
  const digits = typed.replace(/\D/g, '');
  const whole = /^(?:00)?992(\d{9})$/.exec(digits);
  return whole ? whole[1]! : digits;
}

/** `+992 90 555 44 33`: the number as the page repeats it back. */
export function shownPhone(typed: string): string {
  const d = nationalDigits(typed);
  if (d.length !== 9) return `${PHONE_PREFIX} ${typed.trim()}`;
  return `${PHONE_PREFIX} ${d.slice(0, 2)} ${d.slice(2, 5)} ${d.slice(5, 7)} ${d.slice(7)}`;
}

/**
 * Today on the office clock and the day `days` later, as YYYY-MM-DD (the page keeps off the shared
 * protocol chunks to stay small: these two lines are all it needs of the calendar).
 */
export function officeDays(timeZone: string, days: number): { from: string; to: string } {
  const from = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  const to = new Date(`${from}T00:00:00Z`);
  to.setUTCDate(to.getUTCDate() + days);
  return { from, to: to.toISOString().slice(0, 10) };
}

/** The catalogue key (and values) that tells a citizen what went wrong and what to do. */
export function errorText(e: ApiError, step: string): [BookKey, Record<string, number>?] {
  const reason = e.details?.reason;
  if (e.code === 'slot_full') return ['errSlotFull'];
  if (e.code === 'conflict' && reason === 'phone_has_booking') return ['errPhoneHasBooking'];
  if (e.code === 'conflict' && reason === 'expired') return ['errExpired'];
  if (e.code === 'conflict' && reason === 'cancelled') return ['errCancelledByCodes'];
  if (e.code === 'validation_failed' && typeof e.details?.attemptsLeft === 'number')
    return ['codeWrong', { n: e.details.attemptsLeft }];
  if (e.code === 'not_found' && step === 'cancel') return ['errNotFound'];
  if (e.code === 'unavailable') return ['errNoSms'];
  if (e.code === 'rate_limited') return ['errRateLimited'];
  if (e.code === 'network') return ['errNetwork'];
  return ['errOther'];
}

/** The free places of each day, days in the slots' order. */
export function freeByDay(
  slots: Array<{ day: string; free: number }>,
): Array<{ day: string; free: number }> {
  const byDay = new Map<string, number>();
  for (const s of slots) {
    byDay.set(s.day, (byDay.get(s.day) ?? 0) + s.free);
  }
  return [...byDay].map(([day, free]) => ({ day, free }));
}

/** `Пш 03.12.2026`: the weekday from the catalogue's list (Sunday first), the date as dd.mm.yyyy. */
export function dayLabel(day: string, weekdays: string): string {
  const [y, m, d] = day.split('-');
  const weekday = weekdays.split(',')[new Date(`${day}T12:00:00Z`).getUTCDay()] ?? '';
  return `${weekday} ${d}.${m}.${y}`;
}

/** `HH:MM` on the office clock, 24 h, whatever the phone's own zone and locale. */
export function timeLabel(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** The documents to bring for a service (none when the answer does not come). */
export async function serviceDocuments(
  office: string,
  service: string,
): Promise<Array<{ code: string; name: Record<BookLanguage, string>; required: boolean }>> {
  try {
    const { documents } = await api<{
      documents: Array<{ code: string; name: Record<BookLanguage, string>; required: boolean }>;
    }>(`/api/offices/${office}/services/${service}/documents`);
    return documents;
  } catch {
    return [];
  }
}
