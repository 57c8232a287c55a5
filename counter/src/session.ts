/**
 * What a console remembers: the staff session for this browser tab (sessionStorage) and which window
 * this workstation is (localStorage, it outlives sessions and staff changes).
 */
import type { Language } from '../../server/protocol';
import type { LoginResult } from '../../ui/api';
import { isLanguage } from '../../ui/i18n';

const SESSION_KEY = 'navbat.session';
const COUNTER_KEY = 'navbat.counter';
const LANGUAGE_KEY = 'navbat.counter.language';

/** A signed-in staff member of one office. */
export type Session = LoginResult & { office: string };

/** The session of this tab for `office`, if one was saved. */
export function loadSession(office: string): Session | undefined {
  const raw = read(() => sessionStorage.getItem(SESSION_KEY));
  if (!raw) return undefined;
  try {
    const session = JSON.parse(raw) as Partial<Session>;
    if (session.office !== office || typeof session.token !== 'string' || !session.user) {
      return undefined;
    }
    return session as Session;
  } catch {
    return undefined;
  }
}

/** Saves or (with undefined) forgets the session of this tab. */
export function saveSession(session: Session | undefined): void {
  write(() => {
    if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(SESSION_KEY);
  });
}

/** The window this workstation serves at `office`. */
export function loadCounter(office: string): string | undefined {
  return read(() => localStorage.getItem(`${COUNTER_KEY}.${office}`)) ?? undefined;
}

/** Remembers (or with undefined forgets) this workstation's window at `office`. */
export function saveCounter(office: string, counter: string | undefined): void {
  write(() => {
    const key = `${COUNTER_KEY}.${office}`;
    if (counter) localStorage.setItem(key, counter);
    else localStorage.removeItem(key);
  });
}

/** The console language chosen on this workstation. */
export function loadLanguage(): Language | undefined {
  const value = read(() => localStorage.getItem(LANGUAGE_KEY));
  return isLanguage(value) ? value : undefined;
}

/** Remembers the console language. */
export function saveLanguage(language: Language): void {
  write(() => localStorage.setItem(LANGUAGE_KEY, language));
}

// Storage throws in some privacy modes; the console then simply forgets.
function read(get: () => string | null): string | null {
  try {
    return get();
  } catch {
    return null;
  }
}

function write(set: () => void): void {
  try {
    set();
  } catch {
    // Nothing to do: the value lives only as long as the page.
  }
}
