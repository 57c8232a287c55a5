/**
 * The office's event sequence (QueueRepository.takeSeq): numbers handed out once each, in commit
 * order, answered with the commit on MySQL (held-writes.ts), rolled back with their command.
 */
import { QueryTypes } from 'sequelize';
import {
  freshDatabase,
  seedTestDemo,
  testDialects,
  type TestDatabase,
} from '../../server/src/testing/harness';
import { QueueRepository } from './queue-repository';

describe.each(testDialects())('the office seq on %s', (dialect) => {
  let tdb: TestDatabase;
  let repo: QueueRepository;
  beforeAll(async () => {
    tdb = await freshDatabase(dialect);
    await seedTestDemo(tdb.db);
    repo = new QueueRepository(tdb.db);
  });
  afterAll(async () => {
    await tdb.drop();
  });

  const stored = async () => {
    const rows = await tdb.db.sequelize.query<{ seq: number | string }>(
      "SELECT seq FROM office_states WHERE office_code = 'kulob'",
      { type: QueryTypes.SELECT },
    );
    return rows.map((r) => Number(r.seq));
  };
  /** Takes `n` in a transaction of its own; the first number comes with the commit. */
  const take = async (n: number, office = 'kulob') => {
    const taken = await tdb.db.transaction((t) => repo.takeSeq(office, n, t));
    return taken.first;
  };

  it('hands out each number once when many commands take them at once', async () => {
    const before = (await stored())[0]!;
    const firsts = await Promise.all(Array.from({ length: 12 }, () => take(2)));
    const taken = firsts.flatMap((first) => [first, first + 1]).sort((a, b) => a - b);
    expect(taken).toEqual(Array.from({ length: 24 }, (_, i) => before + 1 + i));
    expect(await stored()).toEqual([before + 24]);
  });

  it('gives a command that rolls back no number', async () => {
    const before = (await stored())[0]!;
    await expect(
      tdb.db.transaction(async (t) => {
        await repo.takeSeq('kulob', 3, t);
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    expect(await stored()).toEqual([before]);
    expect(await take(1)).toBe(before + 1);
  });

  it("creates the office's row again were it ever missing", async () => {
    await tdb.db.sequelize.query("DELETE FROM office_states WHERE office_code = 'kulob'");
    expect(await take(2)).toBe(1);
    expect(await stored()).toEqual([2]);
  });

  if (dialect === 'mysql') {
    it('fails for an office that does not exist, and stores nothing', async () => {
      await expect(take(1, 'nowhere')).rejects.toThrow(/foreign key/i);
      const rows = await tdb.db.sequelize.query(
        "SELECT 1 FROM office_states WHERE office_code = 'nowhere'",
        { type: QueryTypes.SELECT },
      );
      expect(rows).toEqual([]);
    });
  }
});
