/**
 * Who acted, as the audit log and a case's history say it: a staff member by name (the server
 * gives it), the machines and the citizen in the reader's words ("Kiosk K1", "System").
 */
import type { Language } from '../../server/protocol';
import { translate } from '../../ui/i18n/staff';

/** An actor that is no staff member, in words: `kiosk:K1`, `citizen`, `system`, `anonymous`. */
export function actorWords(actor: string, language: Language): string {
  if (actor === 'kiosk' || actor.startsWith('kiosk:')) {
    return `${translate(language, 'auditKiosk')} ${actor.slice('kiosk:'.length)}`.trim();
  }
  if (actor === 'citizen') return translate(language, 'auditCitizen');
  if (actor === 'system') return translate(language, 'auditSystem');
  // A failed login under a name nobody has.
  if (actor === 'anonymous') return translate(language, 'auditAnonymous');
  return actor;
}
