/**
 * The second language a citizen-facing text is repeated in (the ticket's last line, the display's
 * call in words): one rule for paper and screen, so a hall never reads two different pairs.
 */
import type { Language } from './schemas';

/**
 * Tajik (the state language, which every clerk reads) for every other reader, Russian for a Tajik
 * reader.
 */
export function secondLanguage(language: Language): Language {
  return language === 'tg' ? 'ru' : 'tg';
}
