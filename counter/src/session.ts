/**
 * What a console remembers: the staff session for this browser tab (sessionStorage) and which window
 * this workstation is (localStorage, it outlives sessions and staff changes).
 */
import type { CallReason, Language } from '../../server/protocol';
import { CallReasons } from '../../server/protocol/constants';
import type { LoginResult } from '../../ui/api';
import { isLanguage } from '../../ui/i18n/staff';
import type { CaseForm, FormSection } from './case-form';

const SESSION_KEY = 'navbat.session';
const COUNTER_KEY = 'navbat.counter';
const LANGUAGE_KEY = 'navbat.counter.language';
const CALL_REASON_KEY = 'navbat.counter.callReason';
const CASE_DRAFT_KEY = 'navbat.counter.caseDraft';

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

/** Why call-next chose a ticket: kept for this tab, so a reload still tells the clerk. */
export interface CallReasonOf {
  ticketId: string;
  reason: CallReason;
}

/** The last call's reason saved in this tab, if any. */
export function loadCallReason(): CallReasonOf | undefined {
  const raw = read(() => sessionStorage.getItem(CALL_REASON_KEY));
  if (!raw) return undefined;
  try {
    const saved = JSON.parse(raw) as Partial<CallReasonOf>;
    return typeof saved.ticketId === 'string' &&
      (CallReasons as readonly unknown[]).includes(saved.reason)
      ? { ticketId: saved.ticketId, reason: saved.reason as CallReason }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Saves (or with undefined forgets) the last call's reason for this tab. */
export function saveCallReason(value: CallReasonOf | undefined): void {
  write(() => {
    if (value) sessionStorage.setItem(CALL_REASON_KEY, JSON.stringify(value));
    else sessionStorage.removeItem(CALL_REASON_KEY);
  });
}

// Storage throws in some privacy modes; the console then simply forgets.
/**
 * A case's typing the server has not taken yet (a section with a required field still empty is not
 * sent), kept for this tab so that a reload does not lose it: the case, the version it was typed
 * on, the form and its unsaved sections.
 */
export interface CaseDraft {
  number: string;
  version: number;
  form: CaseForm;
  dirty: FormSection[];
}

/** The draft of case `number` typed on `version`, if this tab kept one. */
export function loadCaseDraft(number: string, version: number): CaseDraft | undefined {
  const raw = read(() => sessionStorage.getItem(CASE_DRAFT_KEY));
  if (!raw) return undefined;
  try {
    const draft = JSON.parse(raw) as CaseDraft;
    return draft.number === number && draft.version === version ? draft : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps or (with undefined) forgets the tab's case draft. */
export function saveCaseDraft(draft: CaseDraft | undefined): void {
  write(() => {
    if (draft) sessionStorage.setItem(CASE_DRAFT_KEY, JSON.stringify(draft));
    else sessionStorage.removeItem(CASE_DRAFT_KEY);
  });
}

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
