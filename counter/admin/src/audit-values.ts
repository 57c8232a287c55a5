/**
 * The stored values of audit entries as the log reads them: plain text of whatever was stored, and
 * the shapes it knows (names in four languages, a person, something named).
 */
import type { Language, Names } from '../../../server/protocol';
import { translate, type MessageKey } from '../../../ui/i18n/staff';

export function list(value: unknown, name: (code: string) => string): string {
  return Array.isArray(value) ? value.map((c) => name(text(c))).join(', ') : text(value);
}

/** A stored value as plain text (objects as JSON: a shape this page does not know yet). */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function isNames(value: unknown): value is Names {
  return typeof value === 'object' && value !== null && 'tg' in value && 'en' in value;
}

export function isNamedPerson(value: unknown): value is { name: string } {
  return (
    typeof value === 'object' && value !== null && 'name' in value && typeof value.name === 'string'
  );
}

export function isNamed(value: unknown): value is { names: Names } {
  return typeof value === 'object' && value !== null && 'names' in value && isNames(value.names);
}

/** A staff role in words. */
export const ROLES: Readonly<Record<string, MessageKey>> = {
  clerk: 'roleClerk',
  back_office: 'roleBackOffice',
  admin: 'roleAdmin',
};

/** A window's status in words (a pause, a resume). */
export const WINDOW_STATUSES: Readonly<Record<string, MessageKey>> = {
  open: 'auditWindowOpen',
  paused: 'auditWindowPaused',
  closed: 'auditWindowClosed',
};

/** A device's kind in words. */
export const DEVICE_KINDS: Readonly<Record<string, MessageKey>> = {
  kiosk: 'adminKindKiosk',
  display: 'adminKindDisplay',
};

/** A stored code in the page's words (the code itself when this build has no word for it). */
export function wordFor(
  words: Readonly<Record<string, MessageKey>>,
  value: unknown,
  language: Language,
) {
  const key = words[text(value)];
  return key ? translate(language, key) : text(value);
}
