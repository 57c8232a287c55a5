/** The four catalogues, one per language, and the lookup the components use. */
import type { Language } from '../../server/protocol';
import { Languages } from '../../server/protocol/constants';
import * as enParts from './en/hall';
import * as ruParts from './ru/hall';
import * as tgParts from './tg/hall';
import * as uzParts from './uz/hall';
import type { Messages, MessageKey } from './messages';

export type { Messages, MessageKey } from './messages';

/**
 * The words every page loads: the hall's (common, kiosk, display). The staff pages add theirs
 * (counter, administration) from `ui/i18n/staff.ts`, imported first by their entries: the kiosk's
 * script stays within its budget (e2e/kiosk-size.test.ts) without the staff's words.
 */
const catalogues: Record<Language, Partial<Messages>> = {
  tg: { ...tgParts.common, ...tgParts.kiosk, ...tgParts.display },
  ru: { ...ruParts.common, ...ruParts.kiosk, ...ruParts.display },
  uz: { ...uzParts.common, ...uzParts.kiosk, ...uzParts.display },
  en: { ...enParts.common, ...enParts.kiosk, ...enParts.display },
};

/** Adds a page's own parts to the catalogues (the staff pages: ui/i18n/staff.ts). */
export function addCatalogueParts(parts: Readonly<Record<Language, Partial<Messages>>>): void {
  for (const language of Languages) Object.assign(catalogues[language], parts[language]);
}

/** The office's languages in display order; Tajik first, the default. */
export const LANGUAGES: readonly Language[] = Languages;
/** The language a page starts in and returns to. */
export const DEFAULT_LANGUAGE: Language = 'tg';

/** Whether a string is one of the supported languages. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (Languages as readonly string[]).includes(value);
}

/** The message for `key` in `language`, with `{name}` placeholders filled from `params`. */
export function translate(
  language: Language,
  key: MessageKey,
  params?: Readonly<Record<string, string | number>>,
): string {
  // A key of parts this page did not load reads as itself: a gap to see, never a crash.
  const text = catalogues[language][key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}
