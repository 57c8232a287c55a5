/**
 * The stored values of audit entries as the log reads them: plain text of whatever was stored, and
 * the shapes it knows (names in four languages, a person, something named).
 */
import type { Names } from '../../../server/protocol';

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
