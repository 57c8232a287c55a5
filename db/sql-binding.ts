/**
 * Named replacements bound into a statement's text exactly as `sequelize.query` binds them, without
 * parsing the text again for every call (issue #16). Sequelize's binding (`injectReplacements`)
 * walks the statement character by character to tell a `:name` from one inside a string, a quoted
 * name or a comment, and slices the rest of the text at every colon: for the hot path's long
 * statements that was 4 % of a kiosk ticket's CPU. Our statements are constant texts, so each is
 * split once at its replacements — found by Sequelize's own binding, fed markers — and every later
 * call only escapes the values in between, with Sequelize's escaping (a plain string or a number
 * takes a shortcut that gives the same text).
 */
import { injectReplacements } from 'sequelize/lib/utils/sql';
import { escape } from 'sequelize/lib/sql-string';

/** A statement's text cut at its named replacements: `parts[i]`, value of `names[i]`, … */
interface Template {
  parts: string[];
  names: string[];
}

/** Candidate names: what could be a `:name` (Sequelize decides which are). */
const CANDIDATE = /:([a-z_][0-9a-z_]*)/gi;
/** A marker's escaped form in Sequelize's output (no character of it is escaped). */
// eslint-disable-next-line no-control-regex -- the marker is a control character no statement has
const MARKER = /'\u0001(\d+)\u0001'/g;
/** Characters MySQL's escaping rewrites inside a string; without them a string is only quoted. */
// eslint-disable-next-line no-control-regex -- NUL and Ctrl-Z are among them
const NEEDS_ESCAPING = /[\0\n\r\b\t\\'"\x1a]/;
/** Texts kept at most (our statements are a few hundred; a generated one must not grow this). */
const MAX_TEMPLATES = 2_000;

/**
 * The session variable in which a command takes its ticket's sequence number in SQL (MySQL:
 * `db/repositories/series.ts`, `holdTicketSeq`), so the statements after it in the same round
 * trip can write the number before anyone has read it.
 */
export const TICKET_SEQ_VARIABLE = '@navbat_ticket_seq';
/**
 * Stands, inside a bound string, for that number's digits: the ticket's number (`A` + token), its
 * audit row's subject and details. Bound on MySQL as the string with the token replaced in SQL by
 * the digits as `formatTicketNumber` writes them (at least three; `A007`, `A1000`).
 */
export const TICKET_SEQ_TOKEN = '\uE000seq\uE000';
const V = TICKET_SEQ_VARIABLE;
const TICKET_SEQ_DIGITS = `IF(${V} < 1000, LPAD(${V}, 3, '0'), CAST(${V} AS CHAR))`;

interface Dialect {
  name: string;
}

export class SqlBinding {
  private readonly templates = new Map<string, Template | null>();

  constructor(private readonly dialect: Dialect) {}

  /** `sql` with `replacements` bound, the text `sequelize.query` would send. */
  bind(sql: string, replacements: Record<string, unknown>): string {
    const template = this.template(sql);
    if (!template) return injectReplacements(sql, this.dialect, replacements);
    const { parts, names } = template;
    let out = parts[0]!;
    for (let i = 0; i < names.length; i++) {
      out += this.value(names[i]!, replacements) + parts[i + 1]!;
    }
    return out;
  }

  private template(sql: string): Template | null {
    let template = this.templates.get(sql);
    if (template !== undefined) return template;
    template = compile(sql, this.dialect);
    if (this.templates.size >= MAX_TEMPLATES) this.templates.clear();
    this.templates.set(sql, template);
    return template;
  }

  /** One value escaped as Sequelize escapes it (a missing one fails as there). */
  private value(name: string, replacements: Record<string, unknown>): string {
    const value = replacements[name];
    if (value === undefined || !Object.prototype.hasOwnProperty.call(replacements, name)) {
      throw new Error(`Named replacement ":${name}" has no entry in the replacement map.`);
    }
    if (typeof value === 'number') return String(value);
    if (typeof value === 'string' && value.includes(TICKET_SEQ_TOKEN)) return this.seqIn(value);
    if (typeof value === 'string' && this.dialect.name === 'mysql' && !NEEDS_ESCAPING.test(value)) {
      return `'${value}'`;
    }
    return String(escape(value, undefined, this.dialect.name, true));
  }

  /** A string holding the ticket's sequence number taken in SQL (MySQL only). */
  private seqIn(value: string): string {
    if (this.dialect.name !== 'mysql') {
      throw new Error('a ticket number taken in SQL is bound on MySQL only');
    }
    const text = String(escape(value, undefined, this.dialect.name, true));
    return `REPLACE(${text}, '${TICKET_SEQ_TOKEN}', ${TICKET_SEQ_DIGITS})`;
  }
}

/**
 * Splits `sql` where Sequelize's binding puts a value: each candidate name bound to a marker, and
 * the output cut at the markers. Null when the text holds a marker's character itself (then it is
 * bound the slow way every time).
 */
function compile(sql: string, dialect: Dialect): Template | null {
  if (sql.includes('\u0001')) return null;
  const candidates = [...new Set(Array.from(sql.matchAll(CANDIDATE), (m) => m[1]!))];
  const markers = Object.fromEntries(candidates.map((name, i) => [name, `\u0001${i}\u0001`]));
  const marked = injectReplacements(sql, dialect, markers);
  const parts: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const m of marked.matchAll(MARKER)) {
    parts.push(marked.slice(last, m.index));
    names.push(candidates[Number(m[1])]!);
    last = m.index + m[0].length;
  }
  parts.push(marked.slice(last));
  return { parts, names };
}
