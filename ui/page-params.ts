/** What a page learns from its address (`?office=kulob&kiosk=K1&lang=ru`). */
import type { Language } from '../server/protocol';
import { isLanguage } from './i18n';

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
