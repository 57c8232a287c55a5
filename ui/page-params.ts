/** What a page learns from its address (`?office=kulob&kiosk=K1&lang=ru`). */
import type { Language } from '../server/protocol';
import { ErrorCode } from '../server/protocol/constants';
import { isLanguage, translate } from './i18n';

/** Parameters of the page's query string. */
export interface PageParams {
  office?: string;
  kiosk?: string;
  language?: Language;
  /** IANA time zone of the office's clock. */
  timeZone?: string;
}

/** Reads the query string of `location`. */
export function readPageParams(search: string = window.location.search): PageParams {
  const query = new URLSearchParams(search);
  const lang = query.get('lang');
  return {
    office: query.get('office')?.trim() || undefined,
    kiosk: query.get('kiosk')?.trim() || undefined,
    language: isLanguage(lang) ? lang : undefined,
    timeZone: query.get('tz')?.trim() || undefined,
  };
}

/**
 * A language chosen on the page, written into its address where the address names one (`?lang=`),
 * or always with `add` (a page that remembers nothing else), so a reload keeps the choice instead
 * of going back to the address's language.
 */
export function keepLanguageInAddress(language: Language, add = false): void {
  const query = new URLSearchParams(window.location.search);
  if ((!add && !query.has('lang')) || query.get('lang') === language) return;
  query.set('lang', language);
  const { pathname, hash } = window.location;
  history.replaceState(history.state, '', `${pathname}?${query}${hash}`);
}

/**
 * What a public page says instead of itself: its address names no office, or one the server does
 * not know (the socket was refused `not_found`); undefined when the page can show itself.
 */
export function officeNotice(
  language: Language,
  office: string | undefined,
  refused: string | undefined,
): string | undefined {
  if (!office) return translate(language, 'missingOffice');
  return refused === ErrorCode.notFound
    ? translate(language, 'unknownOffice', { office })
    : undefined;
}
