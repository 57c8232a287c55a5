/** The wait of a waiting ticket in words, for every page: the paper's wording, from one rule. */
import type { Language } from '../server/protocol';
import { waitWording } from '../server/protocol/wait-wording';
import { translate } from './i18n';

/** "No window serves this yet…", "You are next", "~12 min" or "—" (not known yet). */
export function waitText(
  language: Language,
  peopleAhead?: number,
  minutes?: number,
  servingWindows?: number,
): string {
  const wait = waitWording(peopleAhead, minutes, servingWindows);
  switch (wait.kind) {
    case 'noWindow':
      return translate(language, 'noWindowYet');
    case 'next':
      return translate(language, 'youAreNext');
    case 'minutes':
      return translate(language, 'aboutMinutes', { n: wait.minutes });
    case 'unknown':
      return '—';
  }
}
