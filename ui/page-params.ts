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
