/**
 * The split-once binding gives, for every statement and value, the text Sequelize's own binding
 * gives (the one `sequelize.query` applies), on both dialects — the first call of a text and the
 * later ones, which reuse its split.
 */
import { Sequelize } from 'sequelize';
import { injectReplacements } from 'sequelize/lib/utils/sql';
import { SqlBinding } from './sql-binding';

const STATEMENTS = [
  'SELECT 1',
  'SELECT * FROM tickets WHERE office_code = :office AND day = :day',
  // The same name twice, a name next to punctuation, a list.
  'SELECT :a, (:a) FROM t WHERE x IN (:list) AND y = :b;',
  // Colons that are not replacements: in strings, quoted names, comments, times, casts.
  "SELECT ':office', `:office`, '10:30:00', x FROM t -- :office\n WHERE a = :office /* :day */",
  "SELECT 'it''s :x', \"q:x\" FROM t WHERE a=:x",
  // MySQL reads a backslash-escaped quote; SQLite does not (both bindings refuse the text there).
  "SELECT 'a\\':x' FROM t WHERE b = :x",
  // An unknown-looking name inside a JSON path and one after `[`.
  "SELECT json_extract(details, '$.number') AS n FROM audit WHERE id = :id",
  'UPDATE tickets SET status = :status, called_at = :now WHERE id = :id',
  // Long statements with many names (the hot path's).
  `INSERT INTO tickets (${Array.from({ length: 20 }, (_, i) => `c${i}`).join(', ')}) VALUES (${Array.from({ length: 20 }, (_, i) => `:v${i}`).join(', ')})`,
];

const VALUES: Record<string, unknown>[] = [
  { office: 'kulob', day: '2026-12-06', a: 1, b: 'x', list: [1, 2, 3], x: 'y', id: 'abc' },
  {
    office: "o'hara",
    day: 'line\nbreak',
    a: -2.5,
    b: 'back\\slash "quote" \u001a \0 \t \b \r',
    list: ['a', "b'c", 3],
    x: "навбат — ':x' ",
    id: 42,
  },
  {
    office: null,
    day: new Date('2026-12-06T10:11:12.345Z'),
    a: true,
    b: false,
    list: [new Date(0), null],
    x: Buffer.from('ab'),
    id: BigInt(7),
  },
];

/** The text, or the error's message: both bindings must fail alike where SQL is malformed. */
function outcome(bind: () => string): string {
  try {
    return bind();
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

function valuesFor(sql: string, base: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base, status: 'called', now: base.day };
  for (let i = 0; i < 20; i++) out[`v${i}`] = i % 3 === 0 ? base.b : i % 3 === 1 ? base.a : base.x;
  return sql.includes(':') ? out : {};
}

describe.each(['mysql', 'sqlite'] as const)('SqlBinding on %s', (dialect) => {
  const sequelize =
    dialect === 'mysql'
      ? new Sequelize('mysql://root@127.0.0.1:3306/test', { logging: false })
      : new Sequelize('sqlite::memory:', { logging: false });
  const d = (sequelize as unknown as { dialect: { name: string } }).dialect;
  afterAll(() => sequelize.close());

  it('binds every statement and value as Sequelize does, on the first call and later ones', () => {
    const binding = new SqlBinding(d);
    let compared = 0;
    for (let round = 0; round < 2; round++) {
      for (const sql of STATEMENTS) {
        for (const base of VALUES) {
          const values = valuesFor(sql, base);
          expect(outcome(() => binding.bind(sql, values))).toBe(
            outcome(() => injectReplacements(sql, d, values)),
          );
          compared++;
        }
      }
    }
    expect(compared).toBe(STATEMENTS.length * VALUES.length * 2);
  });

  it('fails as Sequelize does on a missing value, and keeps the split for the next call', () => {
    const binding = new SqlBinding(d);
    const sql = 'SELECT * FROM t WHERE a = :a AND b = :b';
    expect(() => binding.bind(sql, { a: 1 })).toThrow('Named replacement ":b" has no entry');
    expect(() => binding.bind(sql, { a: 1, b: undefined })).toThrow(':b');
    expect(binding.bind(sql, { a: 1, b: 'x' })).toBe("SELECT * FROM t WHERE a = 1 AND b = 'x'");
  });

  it('binds a text holding a marker character the slow way, still as Sequelize does', () => {
    const binding = new SqlBinding(d);
    const sql = "SELECT '\u0001' AS odd, :a AS a";
    expect(binding.bind(sql, { a: "it's" })).toBe(injectReplacements(sql, d, { a: "it's" }));
  });
});
