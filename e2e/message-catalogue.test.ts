/**
 * Every message the console and the administration show exists in all four languages and is
 * written in that language: a key used by their code that is missing, empty, or left in English in
 * the Tajik, Russian or Uzbek catalogue fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { en } from '../ui/i18n/en';
import { ru } from '../ui/i18n/ru';
import { tg } from '../ui/i18n/tg';
import { uz } from '../ui/i18n/uz';
import { admin } from '../ui/i18n/en/admin';
import { adminForms } from '../ui/i18n/en/admin-forms';
import { common } from '../ui/i18n/en/common';
import { counter } from '../ui/i18n/en/counter';
import { display } from '../ui/i18n/en/display';
import { kiosk } from '../ui/i18n/en/kiosk';

const ROOT = path.join(__dirname, '..');
const catalogues: Record<string, Readonly<Record<string, string>>> = { tg, ru, uz, en };

/** Texts that read the same in every language (names, symbols, formats of placeholders). */
const SAME_EVERYWHERE = new Set(['appName', 'notGiven', 'dateFormat', 'blockerPerson']);
/** Words Uzbek writes as English does ("Kiosk", "Administrator"). */
const SAME_IN: Record<string, ReadonlySet<string>> = {
  uz: new Set(['adminKindKiosk', 'roleAdmin', 'auditKiosk']),
};

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [rel] : [];
  });
}

/** Catalogue keys that appear as string literals in the console's and the admin's code. */
function usedKeys(): string[] {
  const keys = new Set(Object.keys(en));
  const used = new Set<string>();
  for (const file of [...sources('counter'), ...sources('ui')]) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/'([A-Za-z][A-Za-z0-9]*)'/g)) {
      if (m[1] && keys.has(m[1])) used.add(m[1]);
    }
  }
  return [...used].sort();
}

/**
 * Words of a text without placeholders, key and setting names (F1, P, X, PUBLIC_URL), numbers, literal input examples in
 * quotes ("mon 08:00-17:00") and page addresses (?office=…).
 */
function words(text: string): string {
  return text
    .replace(/"[^"]*"/g, ' ')
    .replace(/\?\w+=…?/g, ' ')
    .replace(/\{\w+\}/g, ' ')
    .replace(/\b[A-Z][A-Z0-9_]*\b/g, ' ')
    .replace(/[0-9]+/g, ' ');
}

describe('the message catalogues of the console and the administration', () => {
  const used = usedKeys();

  it('finds the keys the code uses (the scan itself works)', () => {
    expect(used.length).toBeGreaterThan(150);
    expect(used).toEqual(
      expect.arrayContaining(['errorCounterTaken', 'takeoverTitle', 'adminSave']),
    );
  });

  it.each(['tg', 'ru', 'uz', 'en'])('has every used key in %s, none empty', (lang) => {
    const catalogue = catalogues[lang] ?? {};
    const missing = used.filter((k) => !(catalogue[k] ?? '').trim());
    expect(missing).toEqual([]);
  });

  it.each(['tg', 'ru', 'uz'])('has no used key left in English in %s', (lang) => {
    const catalogue = catalogues[lang] ?? {};
    const english = used.filter((k) => {
      if (SAME_EVERYWHERE.has(k) || SAME_IN[lang]?.has(k)) return false;
      const own = words(catalogue[k] ?? '').trim();
      return own !== '' && own === words(en[k as keyof typeof en]).trim();
    });
    expect(english).toEqual([]);
  });

  it.each(['tg', 'ru'])('writes %s in Cyrillic (no Latin words but key names)', (lang) => {
    const catalogue = catalogues[lang] ?? {};
    // These describe the Latin codes, user names and printer addresses an administrator types
    // (e.g. `elderly`, `adoption`, `clerk5`, `tcp://…`), with examples.
    const codes = new Set([
      'adminPrioritiesHint',
      'adminPriorityCodeInvalid',
      'adminCodeHint',
      'adminUsernameHint',
      'adminUsernameTaken',
      'adminPrinterBadAddress',
    ]);
    const latin = used
      .filter((k) => !codes.has(k))
      .filter((k) =>
        /[a-z]{3,}/i.test(
          words(catalogue[k] ?? '').replace(/\bCSV\b|\bQR\b|\bPNG\b|\bTelegram\b/g, ''),
        ),
      );
    expect(latin).toEqual([]);
  });

  it('keeps each key in one page file only (a second one would silently win the merge)', () => {
    const parts = { common, kiosk, display, counter, admin, adminForms };
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [part, messages] of Object.entries(parts)) {
      for (const key of Object.keys(messages)) {
        if (seen.has(key)) twice.push(`${key} in ${seen.get(key)} and ${part}`);
        seen.set(key, part);
      }
    }
    expect(twice).toEqual([]);
    expect(seen.size).toBe(Object.keys(en).length);
  });

  it('writes Uzbek oʻ and gʻ with ʻ (U+02BB), never a quotation mark', () => {
    const quoted = Object.entries(uz).filter(([, v]) => /[og][‘'’]/i.test(v.replace(/'\{/g, '')));
    expect(quoted.map(([k]) => k)).toEqual([]);
  });

  it('uses one Uzbek word for ticket: chipta, never talon', () => {
    const talon = Object.entries(uz).filter(([, v]) => /talon/i.test(v));
    expect(talon.map(([k]) => k)).toEqual([]);
  });

  it('uses one Tajik word for window: равзана, never тиреза', () => {
    const tiraza = Object.entries(tg).filter(([, v]) => /тиреза/i.test(v));
    expect(tiraza).toEqual([]);
  });
});
