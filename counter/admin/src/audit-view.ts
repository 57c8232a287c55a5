/**
 * An audit entry in words: the action, what it is about, and each changed field as "before → after"
 * with translated statuses, names and field labels. Pure (no Lit), so it reads like a table of rules.
 */
import type { AuditEntry, Language, Names } from '../../../server/protocol';
import { WEEKDAYS, type WeeklyHours } from '../../../server/protocol/opening-hours';
import { statusMessageKey } from '../../../ui/errors';
import { formatIsoDay } from '../../../ui/format';
import { isLanguage, translate, type MessageKey } from '../../../ui/i18n/staff';
import { closedReasonFor, readClosedReason } from '../../../server/protocol/closed-reason';
import type { BookingPlanInput } from '../../../server/protocol/bookings';
import {
  DEVICE_KINDS,
  ROLES,
  WINDOW_STATUSES,
  asRecord,
  isNamed,
  isNamedPerson,
  isNames,
  list,
  text,
  wordFor,
} from './audit-values';
import { documentName } from './documents';
import { ACTIONS, FIELDS } from './audit-fields';
import { planInShort } from './plan-words';

/** What the page knows to put names on codes. */
export interface AuditVocabulary {
  language: Language;
  services: ReadonlyArray<{ code: string; names: Names }>;
  priorities: ReadonlyArray<{ code: string; names: Names }>;
  /** The office the log is of: a staff member's office reads as its name. */
  office?: { code: string; names: Names };
}

/** One changed field: its label and the values in words (`before` empty for a creation). */
export interface AuditChange {
  field: string;
  before: string;
  after: string;
}

export interface AuditLine {
  what: string;
  about: string;
  changes: AuditChange[];
}

/** Groups of actions the filter offers (the API matches a prefix ending in a dot). */
export const ACTION_GROUPS = [
  ['ticket.', 'auditGroupTickets'],
  ['service.', 'auditGroupServices'],
  ['counter.', 'auditGroupCounters'],
  ['user.', 'auditGroupStaff'],
  ['auth.', 'auditGroupLogins'],
  ['device.', 'auditGroupDevices'],
  ['office.', 'auditGroupSettings'],
  ['case.', 'auditGroupCases'],
  ['booking.', 'auditGroupBookings'],
  ['plan.', 'auditGroupPlans'],
  ['day.close', 'auditDayClose'],
  ['personal_data.', 'auditPersonalDataErased'],
] as const satisfies ReadonlyArray<readonly [string, MessageKey]>;

/** A field's label; a person's `name` is their full name, not a thing's name. */
function fieldKey(field: string, entry: AuditEntry): MessageKey | undefined {
  if (field === 'name' && entry.entity === 'user') return 'adminFullName';
  return FIELDS[field];
}

const CASE_STATUSES: Readonly<Record<string, MessageKey>> = {
  draft: 'caseDraft',
  submitted: 'caseSubmitted',
  registered: 'caseRegistered',
  returned: 'caseReturned',
  ready: 'caseReady',
  issued: 'caseIssued',
  rejected: 'caseRejected',
  cancelled: 'caseCancelled',
};

/** The catalogue key of a case status (undefined for one this build does not know). */
export function caseStatusKey(status: string): MessageKey | undefined {
  return CASE_STATUSES[status];
}

/** The weekday's name in `language` (the catalogue lists them Sunday first). */
export function weekdayName(language: Language, day: (typeof WEEKDAYS)[number]): string {
  const names = translate(language, 'weekdays').split(',');
  return names[(WEEKDAYS.indexOf(day) + 1) % 7] ?? day;
}

/** The entry in words. */
/**
 * A field the server refused (`names.tg`, `ticker`), as the form labels it ("Ном (tg)",
 * "Бегущая строка"); the path itself when the page has no label for it.
 */
export function fieldLabel(path: string, language: Language): string {
  const [head = '', sub] = path.split('.');
  if ((head === 'names' || head === 'name') && sub && isLanguage(sub)) {
    return translate(language, 'adminNameIn', { lang: sub });
  }
  const key = FIELDS[head];
  return key && sub === undefined ? translate(language, key) : path;
}

export function describeAudit(entry: AuditEntry, v: AuditVocabulary): AuditLine {
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(v.language, key, params);
  const key = ACTIONS[entry.action];
  const what = key ? t(key) : t('auditOther', { action: entry.action });
  const before = asRecord(entry.before);
  const after = asRecord(entry.after);
  const changes: AuditChange[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = before[field];
    const is = after[field];
    if (entry.action !== 'ticket.issue' && JSON.stringify(was) === JSON.stringify(is)) continue;
    if (field === 'names' && isNames(was) && isNames(is)) {
      // Each language that changed, under its own label: a change of the Tajik name alone would
      // read "Name: X → X" in another reader's language.
      changes.push(...namesChanged(was, is, v.language));
      continue;
    }
    const label = fieldKey(field, entry);
    changes.push({
      field: label ? t(label) : field,
      before: field in before ? valueText(field, was, entry, v) : '',
      after: field in after ? valueText(field, is, entry, v) : '',
    });
  }
  return { what, about: aboutText(entry, v), changes };
}

/** The names that differ, one change a language ("Name (tg): Фарзандхонӣ → Фарзандхондагӣ"). */
function namesChanged(was: Names, is: Names, language: Language): AuditChange[] {
  return (Object.keys(is) as Array<keyof Names>)
    .filter((l) => was[l] !== is[l])
    .map((l) => ({ field: fieldLabel(`names.${l}`, language), before: was[l], after: is[l] }));
}

function aboutText(entry: AuditEntry, v: AuditVocabulary): string {
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(v.language, key, params);
  switch (entry.entity) {
    case 'ticket': {
      const number = entry.subject ?? t('ticketLabel');
      return entry.caseNumber ? `${number} · ${entry.caseNumber}` : number;
    }
    case 'case':
      // A read of the case list (not of one case): its search is under the changes.
      if (entry.action === 'case.viewed' && entry.entityId === 'list') return t('auditCaseList');
      return entry.subject ?? entry.entityId;
    case 'service':
      return serviceName(entry.entityId, v);
    case 'counter':
      return t('windowN', { n: entry.entityId });
    case 'device':
    case 'user':
    case 'office':
      return entry.entityId;
    default:
      return entry.subject ?? entry.entityId;
  }
}

/** The parts of a case an edit may touch (`fields` of `case.edited`), as the case panel names them. */
const CASE_PARTS: Readonly<Record<string, MessageKey>> = {
  applicant: 'applicant',
  subjects: 'auditCaseSubjects',
  details: 'details',
  documents: 'documentsReceived',
  fee: 'fee',
};

function serviceName(code: string, v: AuditVocabulary): string {
  return v.services.find((s) => s.code === code)?.names[v.language] ?? code;
}

function valueText(field: string, value: unknown, entry: AuditEntry, v: AuditVocabulary): string {
  const t = (key: MessageKey) => translate(v.language, key);
  if (value === null || value === undefined || value === '') return t('notGiven');
  const stored = storedText(field, value, v.language);
  if (stored !== undefined) return stored;
  switch (field) {
    case 'status': {
      if (entry.entity === 'counter') return wordFor(WINDOW_STATUSES, value, v.language);
      const key =
        entry.entity === 'case' ? CASE_STATUSES[text(value)] : statusMessageKey(text(value));
      return key ? t(key) : text(value);
    }
    case 'service':
      return serviceName(text(value), v);
    case 'office':
      return value === v.office?.code ? v.office.names[v.language] : text(value);
    case 'services':
      return list(value, (c) => serviceName(c, v));
    case 'documents':
      return list(value, (c) =>
        documentName(c, v.language, entry.entity === 'service' ? entry.entityId : undefined),
      );
    case 'priority': {
      const code = text(value);
      if (code === 'none') return t('priorityNone');
      return v.priorities.find((p) => p.code === code)?.names[v.language] ?? code;
    }
    case 'names':
      return isNames(value) ? value[v.language] : text(value);
    case 'priorities':
      return Array.isArray(value)
        ? value.map((p) => (isNamed(p) ? p.names[v.language] : text(p))).join(', ')
        : text(value);
    case 'languages':
      return list(value, (l) => (isLanguage(l) ? translate(l, 'languageName') : l));
    case 'role':
      return wordFor(ROLES, value, v.language);
    case 'isOpen':
      return t(value ? 'adminOpen' : 'adminClosed');
    case 'disabled':
      return t(value ? 'adminDisabled' : 'adminActive');
    case 'openingHours':
      return hoursText(asRecord(value), v.language);
    case 'note':
      if (value === 'day closed') return t('auditNoteDayClosed');
      return value === 'session ended' ? t('auditNoteSessionEnded') : text(value);
    case 'kind':
      return wordFor(DEVICE_KINDS, value, v.language);
    case 'clerk':
      return isNamedPerson(value) ? value.name : text(value);
    case 'fields':
      return list(value, (f) => (CASE_PARTS[f] ? t(CASE_PARTS[f]) : f));
    case 'olderThan':
      return formatIsoDay(text(value).slice(0, 10));
    default:
      if (typeof value === 'boolean') return t(value ? 'auditYes' : 'auditNo');
      if (Array.isArray(value)) return value.map(text).join(', ');
      return text(value);
  }
}

/** Fields kept as data rather than words (a closed reason's JSON, a search, a plan), in words. */
function storedText(field: string, value: unknown, language: Language): string | undefined {
  switch (field) {
    case 'closedReason': {
      const stored = readClosedReason(text(value));
      return stored
        ? (closedReasonFor(
            { closedReason: stored.text, closedReasons: stored.byLanguage },
            language,
          ) ?? stored.text)
        : translate(language, 'notGiven');
    }
    case 'query':
      return queryText(asRecord(value), language);
    case 'cases':
      return list(value, (c) => c);
    case 'plan': {
      if (isPlan(value)) return planInShort(value, language);
      const room = asRecord(value).resource;
      return typeof room === 'string'
        ? translate(language, 'auditPlanRoom', { room })
        : text(value);
    }
    default:
      return undefined;
  }
}

/** A case-list search: the status asked for and the words typed (what was not given, left out). */
function queryText(query: Record<string, unknown>, language: Language): string {
  const parts: string[] = [];
  if (typeof query.status === 'string') {
    const key = CASE_STATUSES[query.status];
    parts.push(key ? translate(language, key) : query.status);
  }
  if (typeof query.q === 'string' && query.q !== '') parts.push(`“${query.q}”`);
  return parts.length > 0 ? parts.join(' · ') : translate(language, 'auditAllCases');
}

function isPlan(value: unknown): value is BookingPlanInput {
  const plan = asRecord(value);
  return (
    typeof plan.slotMinutes === 'number' && typeof plan.hours === 'object' && plan.hours !== null
  );
}

function hoursText(hours: WeeklyHours, language: Language): string {
  const days = WEEKDAYS.flatMap((d) => {
    const h = hours[d];
    return h ? [`${weekdayName(language, d)} ${h.open}–${h.close}`] : [];
  });
  return days.join(', ');
}
