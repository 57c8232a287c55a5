/** The four catalogues, one per language, and the lookup the components use. */
import type { Language } from '../../server/protocol';
import { Languages } from '../../server/protocol/constants';
import { en } from './en';
import { ru } from './ru';
import { tg } from './tg';
import { uz } from './uz';
import type { Messages, MessageKey } from './messages';

export type { Messages, MessageKey } from './messages';

const catalogues: Readonly<Record<Language, Messages>> = { tg, ru, uz, en };

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
  const text = catalogues[language][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}
