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
  const session = readInTab<Session>(SESSION_KEY);
  if (session?.office !== office || typeof session.token !== 'string' || !session.user) {
    return undefined;
  }
  return session as Session;
}

/** Saves or (with undefined) forgets the session of this tab. */
export function saveSession(session: Session | undefined): void {
  keepInTab(SESSION_KEY, session);
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
  const saved = readInTab<CallReasonOf>(CALL_REASON_KEY);
  return typeof saved?.ticketId === 'string' &&
    (CallReasons as readonly unknown[]).includes(saved.reason)
    ? { ticketId: saved.ticketId, reason: saved.reason as CallReason }
    : undefined;
}

/** Saves (or with undefined forgets) the last call's reason for this tab. */
export function saveCallReason(value: CallReasonOf | undefined): void {
  keepInTab(CALL_REASON_KEY, value);
}

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
  const draft = readInTab<CaseDraft>(CASE_DRAFT_KEY);
  return draft?.number === number && draft.version === version ? (draft as CaseDraft) : undefined;
}

/** Keeps or (with undefined) forgets the tab's case draft. */
export function saveCaseDraft(draft: CaseDraft | undefined): void {
  keepInTab(CASE_DRAFT_KEY, draft);
}

/** What this tab keeps under `key` (JSON), unchecked; undefined for nothing or no JSON. */
function readInTab<T>(key: string): Partial<T> | undefined {
  const raw = read(() => sessionStorage.getItem(key));
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as Partial<T>;
  } catch {
    return undefined;
  }
}

/** Keeps `value` (JSON) for this tab under `key`, or with undefined forgets it. */
function keepInTab(key: string, value: unknown): void {
  write(() => {
    if (value === undefined) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(value));
  });
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
