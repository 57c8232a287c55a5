/**
 * Statements held for a transaction's next round trip (held-writes.ts): START and writes sent in
 * order with the next statement, seen by the transaction's own reads, failed and dropped with it,
 * never a door for a value to end its statement. Round trips are counted where Sequelize logs each
 * query it sends (held ones are logged as carried, just before the query that carries them).
 */
import { QueryTypes, UniqueConstraintError } from 'sequelize';
import { freshDatabase, testDialects, type TestDatabase } from '../server/src/testing/harness';
import type { Transaction } from 'sequelize';

describe.each(testDialects())('held writes on %s', (dialect) => {
  let tdb: TestDatabase;
  const sent: string[] = [];
  beforeAll(async () => {
    tdb = await freshDatabase(dialect);
    await tdb.db.sequelize.query(
      'CREATE TABLE held_probe (id INTEGER PRIMARY KEY, note VARCHAR(200) NOT NULL)',
    );
    const options = (tdb.db.sequelize as unknown as { options: { logging?: unknown } }).options;
    options.logging = (sql: string) => sent.push(sql);
  });
  afterAll(async () => {
    await tdb.drop();
  });
  beforeEach(async () => {
    await tdb.db.sequelize.query('DELETE FROM held_probe');
    sent.length = 0;
  });

  const insert = 'INSERT INTO held_probe (id, note) VALUES (:id, :note)';
  const notes = async () =>
    tdb.db.sequelize.query<{ id: number; note: string }>(
      'SELECT id, note FROM held_probe ORDER BY id',
      { type: QueryTypes.SELECT },
    );
  /** The round trips: the queries sent, but for those carried by the next one. */
  const trips = () => sent.filter((sql) => !sql.includes('/* carried */'));
  const carried = () => sent.filter((sql) => sql.includes('/* carried */'));
  /**
   * One of a command's own statements, carrying what is held (`held.send` on MySQL; SQLite runs
   * it at once): as `sequelize.query` answers a write, `[its answer]`.
   */
  const carrying = async (t: Transaction, sql: string, replacements: Record<string, unknown>) =>
    dialect === 'mysql'
      ? [await tdb.db.held.send(t, sql, replacements)]
      : tdb.db.sequelize.query(sql, { transaction: t, replacements });

  it('sends held writes in order with the next statement, which sees them', async () => {
    const seen = await tdb.db.transaction(async (t) => {
      await tdb.db.held.later(t, insert, { id: 1, note: 'first' });
      await tdb.db.held.later(t, 'UPDATE held_probe SET note = :note WHERE id = 1', {
        note: 'second',
      });
      return tdb.db.sequelize.query<{ note: string }>('SELECT note FROM held_probe WHERE id = 1', {
        type: QueryTypes.SELECT,
        transaction: t,
      });
    });
    expect(seen).toEqual([{ note: 'second' }]);
    // MySQL: START and the two writes go together, apart, just before the read (a read carries
    // nothing that could fail it), then COMMIT: 3 round trips. SQLite runs each at once: BEGIN,
    // the two writes, the read, COMMIT.
    expect(trips()).toHaveLength(dialect === 'mysql' ? 3 : 5);
    if (dialect === 'mysql') {
      expect(carried()).toEqual([]);
      expect(trips().find((sql) => sql.includes('apart'))).toMatch(
        /held, sent apart \*\/ START TRANSACTION;\nINSERT.*;\nUPDATE/s,
      );
    }
    expect(await notes()).toEqual([{ id: 1, note: 'second' }]);
  });

  it("carries held writes with a statement and answers that statement's own result", async () => {
    await tdb.db.sequelize.query(insert, { replacements: { id: 9, note: 'counter' } });
    sent.length = 0;
    const [header] = await tdb.db.transaction(async (t) => {
      await tdb.db.held.later(t, insert, { id: 2, note: 'carried' });
      return carrying(t, 'UPDATE held_probe SET note = :note WHERE id = :id', {
        note: 'changed',
        id: 9,
      });
    });
    if (dialect === 'mysql') {
      // The UPDATE's own answer, not the INSERT's carried in front of it; then COMMIT.
      expect(header).toMatchObject({ affectedRows: 1, changedRows: 1 });
      expect(trips()).toHaveLength(2);
    }
    expect(await notes()).toEqual([
      { id: 2, note: 'carried' },
      { id: 9, note: 'changed' },
    ]);
  });

  // The hot path's own statements go to the driver directly (MySQL): same answers, same errors.
  if (dialect === 'mysql') {
    it('sends a bound query as it is, and formats one that brings values as mysql2 would', async () => {
      type Raw = {
        query(
          sql: string,
          values: unknown[] | undefined,
          cb: (e: Error | null, r?: unknown) => void,
        ): void;
      };
      const manager = (
        tdb.db.sequelize as unknown as {
          connectionManager: {
            getConnection(o: { type: 'SELECT' }): Promise<Raw>;
            releaseConnection(c: Raw): void;
          };
        }
      ).connectionManager;
      const wire = await manager.getConnection({ type: 'SELECT' });
      const ask = (sql: string, values?: unknown[]) =>
        new Promise<unknown>((resolve, reject) =>
          wire.query(sql, values, (err, rows) => (err ? reject(err) : resolve(rows))),
        );
      try {
        // Without values a `?` is text (the query was bound before); with values, a placeholder.
        expect(await ask("SELECT '?' AS q, 'it''s' AS s")).toEqual([{ q: '?', s: "it's" }]);
        expect(await ask('SELECT ? AS a, ? AS b', [5, "o'hara"])).toEqual([{ a: 5, b: "o'hara" }]);
      } finally {
        manager.releaseConnection(wire);
      }
    });

    it('sends a statement straight to the connection with what is held, in one round trip', async () => {
      let after = 0;
      const rows = await tdb.db.transaction(async (t) => {
        t.afterCommit(() => {
          after += 1;
        });
        await tdb.db.held.later(t, insert, { id: 4, note: 'held' });
        return tdb.db.held.send<Array<{ note: string; at: unknown }>>(
          t,
          'SELECT note, CAST(:at AS DATETIME(3)) AS at FROM held_probe WHERE id = :id',
          { id: 4, at: '2026-12-06 10:00:00.250' },
        );
      });
      // The row the held INSERT wrote, read in the same round trip; a DATETIME as a Date.
      expect(rows).toEqual([{ note: 'held', at: new Date('2026-12-06T10:00:00.250Z') }]);
      // START + INSERT carried by the SELECT, then COMMIT: two round trips, each logged.
      expect(trips()).toEqual([
        expect.stringMatching(/\): SELECT note/),
        expect.stringMatching(/\): COMMIT$/),
      ]);
      expect(after).toBe(1);
      expect(await notes()).toEqual([{ id: 4, note: 'held' }]);
    });

    it('fails a statement sent straight as Sequelize would, and rolls the whole command back', async () => {
      await tdb.db.sequelize.query(insert, { replacements: { id: 5, note: 'taken' } });
      const failed = tdb.db.transaction(async (t) => {
        await tdb.db.held.later(t, insert, { id: 6, note: 'with the duplicate' });
        return tdb.db.held.send(t, insert, { id: 5, note: 'duplicate' });
      });
      await expect(failed).rejects.toBeInstanceOf(UniqueConstraintError);
      expect(await notes()).toEqual([{ id: 5, note: 'taken' }]);
      // The connection went back to the pool clean: a next transaction commits.
      await tdb.db.transaction((t) => tdb.db.held.send(t, insert, { id: 7, note: 'next' }));
      expect((await notes()).map((n) => n.id)).toEqual([5, 7]);
    });

    it('reads outside a transaction on a pooled connection and gives it back, failing or not', async () => {
      await tdb.db.sequelize.query(insert, { replacements: { id: 11, note: 'read me' } });
      // More reads, half of them failing, than the pool has connections (20): none is kept.
      for (let i = 0; i < 30; i++) {
        if (i % 2) {
          await expect(tdb.db.held.read('SELECT nothing FROM held_probe', {})).rejects.toThrow(
            /nothing/,
          );
        } else {
          expect(
            await tdb.db.held.read<{ note: string }>('SELECT note FROM held_probe WHERE id = :id', {
              id: 11,
            }),
          ).toEqual([{ note: 'read me' }]);
        }
      }
      const pool = (
        tdb.db.sequelize as unknown as {
          connectionManager: { pool: { using: number } };
        }
      ).connectionManager.pool;
      expect(pool.using).toBe(0);
    });

    it('fails a command whose connection the server killed, and the next runs on a fresh one', async () => {
      const ids = new Set<number>();
      const failed = tdb.db.transaction(async (t) => {
        const [row] = await tdb.db.held.send<Array<{ id: number }>>(
          t,
          'SELECT CONNECTION_ID() AS id',
          {},
        );
        const id = Number(row?.id);
        ids.add(id);
        await tdb.db.held.later(t, insert, { id: 12, note: 'lost with its connection' });
        // As a database restart or a failover would: the server ends the command's connection.
        await tdb.db.sequelize.query(`KILL CONNECTION ${id}`);
        await tdb.db.held.send(t, 'SELECT 1', {});
      });
      await expect(failed).rejects.toThrow();
      const [next] = await tdb.db.transaction((t) =>
        tdb.db.held.send<Array<{ id: number }>>(t, 'SELECT CONNECTION_ID() AS id', {}),
      );
      expect(next).toBeDefined();
      expect(ids.has(Number(next?.id))).toBe(false);
      expect(await notes()).toEqual([]);
      const rows = await tdb.db.held.read<{ n: number }>('SELECT 1 AS n', {});
      expect(rows).toEqual([{ n: 1 }]);
    });

    it('rolls back when COMMIT carries a failing write, and still runs after-commit hooks', async () => {
      await tdb.db.sequelize.query(insert, { replacements: { id: 8, note: 'taken' } });
      let after = 0;
      const failed = tdb.db.transaction(async (t) => {
        t.afterCommit(() => {
          after += 1;
        });
        await tdb.db.held.send(t, insert, { id: 10, note: 'sent' });
        await tdb.db.held.later(t, insert, { id: 8, note: 'duplicate' });
      });
      await expect(failed).rejects.toBeInstanceOf(UniqueConstraintError);
      expect(after).toBe(1);
      expect(await notes()).toEqual([{ id: 8, note: 'taken' }]);
    });
  }

  it('sends what is still held with COMMIT, and answers its result then', async () => {
    let result: Promise<unknown> | undefined;
    await tdb.db.transaction(async (t) => {
      const held = await tdb.db.held.later(t, insert, { id: 3, note: 'last' });
      result = held.sent;
    });
    const [tripsSent, carriedSent] = [trips(), carried()];
    expect(await notes()).toEqual([{ id: 3, note: 'last' }]);
    if (dialect === 'mysql') {
      expect(await result).toMatchObject({ affectedRows: 1 });
      // START, the write and COMMIT: one round trip.
      expect(tripsSent).toHaveLength(1);
      expect(tripsSent[0]).toMatch(/COMMIT;?$/);
      expect(carriedSent).toEqual([
        expect.stringMatching(/carried \*\/ START TRANSACTION;\nINSERT INTO held_probe/),
      ]);
    } else {
      const commit = sent.findIndex((sql) => /COMMIT/.test(sql));
      const write = sent.findIndex((sql) => /INSERT INTO held_probe/.test(sql));
      expect(write).toBeGreaterThanOrEqual(0);
      expect(write).toBeLessThan(commit);
    }
  });

  it('rolls back a transaction whose write carried by COMMIT fails, and keeps the connection', async () => {
    await tdb.db.sequelize.query(insert, { replacements: { id: 30, note: 'stored' } });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const failed = tdb.db.transaction(async (t) => {
        await tdb.db.sequelize.query('UPDATE held_probe SET note = :note WHERE id = 30', {
          transaction: t,
          replacements: { note: 'changed before the clash' },
        });
        await tdb.db.held.later(t, insert, { id: 31, note: 'before the clash' });
        await tdb.db.held.later(t, insert, { id: 30, note: 'the clash' });
      });
      await expect(failed).rejects.toBeInstanceOf(UniqueConstraintError);
      // Nothing of it stored: the update before the clash is rolled back too.
      expect(await notes()).toEqual([{ id: 30, note: 'stored' }]);
      // Sequelize did not take it for a failed COMMIT (it would have ended the connection).
      expect(warn.mock.calls.flat().join(' ')).not.toMatch(/killing its connection/);
    } finally {
      warn.mockRestore();
    }
    // The next transaction runs as usual.
    await tdb.db.transaction(async (t) => {
      await tdb.db.held.later(t, insert, { id: 32, note: 'after' });
    });
    expect(await notes()).toEqual([
      { id: 30, note: 'stored' },
      { id: 32, note: 'after' },
    ]);
  });

  it('fails the carrying statement as the write would have failed alone, and stores nothing', async () => {
    await tdb.db.sequelize.query(insert, { replacements: { id: 4, note: 'stored' } });
    let write: Promise<unknown> | undefined;
    const failed = tdb.db.transaction(async (t) => {
      await tdb.db.held.later(t, insert, { id: 5, note: 'before the clash' });
      write = (await tdb.db.held.later(t, insert, { id: 4, note: 'the clash' })).sent;
      await tdb.db.held.later(t, insert, { id: 6, note: 'after the clash' });
      await carrying(t, 'UPDATE held_probe SET note = :note WHERE id = 4', { note: 'never' });
    });
    await expect(failed).rejects.toBeInstanceOf(UniqueConstraintError);
    // The held write's own answer: the driver's error (on SQLite, `later` itself threw).
    if (write) await expect(write).rejects.toThrow(/Duplicate entry/);
    expect(await notes()).toEqual([{ id: 4, note: 'stored' }]);
  });

  it('fails the command whose held write fails, not a read that happened to come next', async () => {
    await tdb.db.sequelize.query(insert, { replacements: { id: 20, note: 'stored' } });
    let read: unknown;
    const failed = tdb.db.transaction(async (t) => {
      await tdb.db.held.later(t, insert, { id: 20, note: 'the clash' });
      // A read in the transaction, as the office cache makes one and shares it with other
      // commands: it is answered, and the write's failure is left to its command.
      read = await tdb.db.sequelize.query('SELECT COUNT(*) AS n FROM held_probe', {
        type: QueryTypes.SELECT,
        transaction: t,
      });
      await carrying(t, 'UPDATE held_probe SET note = note WHERE id = 20', {});
    });
    await expect(failed).rejects.toBeInstanceOf(UniqueConstraintError);
    // On SQLite the write ran at once and failed there, before the read.
    if (dialect === 'mysql') expect(read).toEqual([{ n: 1 }]);
    expect(await notes()).toEqual([{ id: 20, note: 'stored' }]);
  });

  it('drops the held writes of a transaction that fails, unsent', async () => {
    const failed = tdb.db.transaction(async (t) => {
      await tdb.db.held.later(t, insert, { id: 7, note: 'dropped' });
      throw new Error('the command changed its mind');
    });
    await expect(failed).rejects.toThrow('changed its mind');
    expect(await notes()).toEqual([]);
    if (dialect === 'mysql') expect(sent.some((sql) => sql.includes('dropped'))).toBe(false);
  });

  it('keeps a value that looks like SQL inside its own statement', async () => {
    const hostile = [
      "x'); DROP TABLE held_probe; --",
      "a\\'; DELETE FROM held_probe; #",
      'Раҳимова; ӯ ӣ ҳ қ ғ ҷ\n; SELECT 1',
    ];
    await tdb.db.transaction(async (t) => {
      for (const [i, note] of hostile.entries()) {
        await tdb.db.held.later(t, insert, { id: 10 + i, note });
      }
      await tdb.db.sequelize.query('UPDATE held_probe SET note = note WHERE id = :id', {
        transaction: t,
        replacements: { id: 10 },
      });
    });
    expect(await notes()).toEqual(hostile.map((note, i) => ({ id: 10 + i, note })));
  });
});
