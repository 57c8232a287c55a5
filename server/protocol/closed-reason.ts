/**
 * Why a service is closed, in the languages the administrator wrote it in. Stored in the service's
 * one text column: plain text (older data, read as Tajik) or a JSON object of language → text.
 */
import type { Language } from './schemas';

/** A closed reason per language; any language may be missing. */
export type ClosedReasons = Partial<Record<Language, string>>;

const LANGUAGE_ORDER: readonly Language[] = ['tg', 'ru', 'uz', 'en'];

/** The stored form of per-language reasons; empty texts are left out, nothing left: `null`. */
export function encodeClosedReasons(reasons: ClosedReasons): string | null {
  const kept = Object.fromEntries(
    LANGUAGE_ORDER.flatMap((l) => (reasons[l]?.trim() ? [[l, reasons[l].trim()]] : [])),
  );
  return Object.keys(kept).length > 0 ? JSON.stringify(kept) : null;
}

/** The stored reason as one text (Tajik first) and per language; plain old text is Tajik. */
export function readClosedReason(
  stored: string | null | undefined,
): { text: string; byLanguage: ClosedReasons } | undefined {
  const value = stored?.trim();
  if (!value) return undefined;
  if (value.startsWith('{')) {
    try {
      const parsed = JSON.parse(value) as unknown;
      if (parsed && typeof parsed === 'object') {
        const byLanguage: ClosedReasons = {};
        for (const l of LANGUAGE_ORDER) {
          const text = (parsed as Record<string, unknown>)[l];
          if (typeof text === 'string' && text.trim()) byLanguage[l] = text.trim();
        }
        const first = LANGUAGE_ORDER.map((l) => byLanguage[l]).find((t) => t !== undefined);
        if (first !== undefined) return { text: first, byLanguage };
      }
    } catch {
      // Not JSON after all: an administrator's text that starts with a brace.
    }
  }
  return { text: value, byLanguage: { tg: value } };
}

/** The reason in the reader's language, else Tajik, else any written one. */
export function closedReasonFor(
  service: { closedReason?: string; closedReasons?: ClosedReasons },
  language: Language,
): string | undefined {
  const by = service.closedReasons;
  return by?.[language] ?? by?.tg ?? service.closedReason;
}
