/**
 * Fuzzing helpers: fast-check arbitraries generated from the protocol's zod schemas (through their
 * JSON Schema), valid-but-odd values and invalid mutations of them, a reproducible seed, and a
 * one-query count of every table (to prove a refused request wrote nothing).
 */
import fc from 'fast-check';
import { z } from 'zod';
import type { Database } from '../../../db/database';

type Js = Record<string, unknown>;

/** The seed of every property of a run: FUZZ_SEED reproduces one (it is printed on failure). */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);

/** Runs per property: FUZZ_RUNS overrides the default of a suite. */
export function fuzzRuns(fallback: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

// Characters that have broken systems before: Tajik letters, quotes, NUL, zero-width, RTL, emoji.
const ODD_CHARS = [
  'ғ',
  'ӣ',
  'қ',
  'ӯ',
  'ҳ',
  'ҷ',
  'Ҷ',
  "'",
  '"',
  '\\',
  '%',
  '_',
  '<',
  '>',
  '&',
  '\u0000',
  '\u200b',
  '\u202e',
  '😀',
  '\ufeff',
  '\n',
  '\t',
  ' ',
  '.',
  '/',
  '؟',
  'é',
];
const oddChar = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...ODD_CHARS) },
  { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 1 }) },
);

/** A string of odd characters with a length inside the bounds. */
export function oddString(minLength = 0, maxLength = 24): fc.Arbitrary<string> {
  return fc.string({ unit: oddChar, minLength, maxLength: Math.max(minLength, maxLength) });
}

function stringOf(s: Js): fc.Arbitrary<string> {
  if (s.format === 'uuid') return fc.uuid();
  if (s.format === 'email') return fc.emailAddress();
  if (s.format === 'date') return fc.constantFrom('2026-12-03', '2000-02-29', '1900-01-01');
  if (s.format === 'date-time') return fc.constant(new Date().toISOString());
  if (typeof s.pattern === 'string') {
    try {
      const re = new RegExp(s.pattern, 'u');
      const max = typeof s.maxLength === 'number' ? s.maxLength : Infinity;
      const min = typeof s.minLength === 'number' ? s.minLength : 0;
      return fc.stringMatching(re).filter((v) => v.length >= min && v.length <= max);
    } catch {
      // A pattern JavaScript cannot read: fall through to plain strings.
    }
  }
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? Math.min(s.maxLength, min + 40) : min + 24;
  return oddString(min, max);
}

function numberOf(s: Js, integer: boolean): fc.Arbitrary<number> {
  const lo = typeof s.minimum === 'number' ? s.minimum : undefined;
  const hi = typeof s.maximum === 'number' ? s.maximum : undefined;
  if (integer) {
    return fc.integer({
      min: Math.max(lo ?? Number.MIN_SAFE_INTEGER, Number.MIN_SAFE_INTEGER),
      max: Math.min(hi ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    });
  }
  return fc.double({ min: lo ?? -1e12, max: hi ?? 1e12, noNaN: true, noDefaultInfinity: true });
}

function objectOf(s: Js, root: Js, depth: number): fc.Arbitrary<unknown> {
  const props = (s.properties ?? {}) as Record<string, Js>;
  const required = new Set((s.required ?? []) as string[]);
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries(props)) shape[k] = fromJsonSchema(v, root, depth + 1);
  if (
    Object.keys(shape).length === 0 &&
    s.additionalProperties &&
    s.additionalProperties !== true
  ) {
    return fc.dictionary(
      oddString(1, 12),
      fromJsonSchema(s.additionalProperties as Js, root, depth + 1),
      {
        maxKeys: 4,
      },
    );
  }
  return fc.record(shape, { requiredKeys: Object.keys(shape).filter((k) => required.has(k)) });
}

/** An arbitrary for the values a JSON Schema describes (`root` resolves `$ref`s). */
export function fromJsonSchema(s: Js, root: Js, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 8) return fc.constant(null);
  if (typeof s.$ref === 'string') {
    const name = s.$ref.replace(/^#\/(\$defs|definitions)\//, '');
    const defs = (root.$defs ?? root.definitions ?? {}) as Record<string, Js>;
    const target = s.$ref === '#' ? root : defs[name];
    return target ? fromJsonSchema(target, root, depth + 1) : fc.jsonValue({ maxDepth: 2 });
  }
  const alternatives = (s.anyOf ?? s.oneOf) as Js[] | undefined;
  if (alternatives?.length)
    return fc.oneof(...alternatives.map((a) => fromJsonSchema(a, root, depth + 1)));
  if (Array.isArray(s.allOf) && s.allOf.length)
    return fromJsonSchema(s.allOf[0] as Js, root, depth + 1);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum) && s.enum.length) return fc.constantFrom(...(s.enum as unknown[]));
  if (Array.isArray(s.type)) {
    return fc.oneof(
      ...(s.type as string[]).map((t) => fromJsonSchema({ ...s, type: t }, root, depth)),
    );
  }
  switch (s.type) {
    case 'string':
      return stringOf(s);
    case 'integer':
      return numberOf(s, true);
    case 'number':
      return numberOf(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = s.items
        ? fromJsonSchema(s.items as Js, root, depth + 1)
        : fc.jsonValue({ maxDepth: 1 });
      const min = typeof s.minItems === 'number' ? s.minItems : 0;
      const max = Math.min(typeof s.maxItems === 'number' ? s.maxItems : 4, min + 4);
      return fc.array(items, { minLength: min, maxLength: max });
    }
    case 'object':
      return objectOf(s, root, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Values the schema's shape allows (refinements aside): valid, or nearly, and odd. */
export function validish(schema: z.ZodType): fc.Arbitrary<unknown> {
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Js;
  return fromJsonSchema(js, js);
}

const wrongValue = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.constant('x'.repeat(20_000)),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
  fc.constant({ $gt: '' }),
  fc.constant("' OR 1=1 --"),
  oddString(0, 40),
);

/** A valid-looking value broken in one place: a key dropped, retyped or added (prototype keys too). */
export function mutated(base: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(base, fc.nat(), wrongValue, fc.constantFrom('drop', 'retype', 'add', 'proto', 'nest'))
    .map(([value, pick, wrong, how]) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return wrong;
      const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      const keys = Object.keys(copy);
      const key = keys.length ? keys[pick % keys.length]! : 'x';
      if (how === 'drop') delete copy[key];
      else if (how === 'retype') copy[key] = wrong;
      else if (how === 'add') copy[`zz${pick % 7}`] = wrong;
      else if (how === 'nest') copy[key] = { [key]: { [key]: wrong } };
      else {
        // An own `__proto__` key (as JSON.parse makes it), sent on the wire as written.
        const hostile = JSON.parse('{"__proto__":{"isAdmin":true},"constructor":{}}') as object;
        return Object.assign(hostile, copy);
      }
      return copy;
    });
}

/** A body for a route: from its schema (odd but shaped), broken in one place, or anything. */
export function payloadFor(schema: z.ZodType | undefined): fc.Arbitrary<unknown> {
  if (!schema) return fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }));
  const base = validish(schema);
  return fc.oneof(
    { weight: 4, arbitrary: base },
    { weight: 3, arbitrary: mutated(base) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

/** The number of rows of every table, in one query. */
export async function tableCounts(db: Database): Promise<Record<string, number>> {
  const qi = db.sequelize.getQueryInterface();
  const tables = (await qi.showAllTables()) as unknown[];
  const names = tables
    .map((t) => (typeof t === 'string' ? t : (t as { tableName: string }).tableName))
    .filter((n) => n !== 'schema_migrations' && n !== 'SequelizeMeta');
  const q = (n: string) => qi.quoteIdentifier(n);
  const sql = `SELECT ${names.map((n) => `(SELECT COUNT(*) FROM ${q(n)}) AS ${q(n)}`).join(', ')}`;
  const [rows] = await db.sequelize.query(sql);
  const row = (rows as Array<Record<string, unknown>>)[0] ?? {};
  return Object.fromEntries(names.map((n) => [n, Number(row[n])]));
}
