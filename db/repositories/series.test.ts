import { freshDatabase, testDialects, type TestDatabase } from '../../server/src/testing/harness';
import { nextInSeries } from './series';

describe.each(testDialects())('number series on %s', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await freshDatabase(dialect);
  });
  afterAll(async () => {
    await tdb.drop();
  });

  it('never gives one number twice when many transactions take the first numbers of a new series at once', async () => {
    const { db } = tdb;
    // Twenty fresh series, each started by twelve transactions at once (on MariaDB an increment
    // followed by a plain read used to hand the first number to two of them in about one round in four).
    for (let round = 0; round < 20; round++) {
      const key = { office_code: 'kulob', series: `act:race${round}`, year: 2026 };
      const numbers = await Promise.all(
        Array.from({ length: 12 }, () =>
          db.transaction((t) => nextInSeries(db, 'registry_series', key, t)),
        ),
      );
      expect([...numbers].sort((x, y) => x - y)).toEqual(
        Array.from({ length: 12 }, (_, i) => i + 1),
      );
    }
  });

  it('keeps separate series apart and rolls a number back with its transaction', async () => {
    const { db } = tdb;
    const a = { office_code: 'kulob', day: '2026-12-03', prefix: 'A' };
    const b = { office_code: 'kulob', day: '2026-12-03', prefix: 'B' };
    expect(await db.transaction((t) => nextInSeries(db, 'number_series', a, t))).toBe(1);
    expect(await db.transaction((t) => nextInSeries(db, 'number_series', b, t))).toBe(1);
    await expect(
      db.transaction(async (t) => {
        await nextInSeries(db, 'number_series', a, t);
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    expect(await db.transaction((t) => nextInSeries(db, 'number_series', a, t))).toBe(2);
  });
});
