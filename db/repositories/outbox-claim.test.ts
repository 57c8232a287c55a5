/**
 * Every node polls the outboxes every 2 s, and most polls find nothing. Such a poll is one plain
 * read: no transaction (on MariaDB a START and a COMMIT, two round trips more) and, on SQLite, no
 * IMMEDIATE transaction, which would take the one writer's turn ahead of a kiosk's ticket. A poll
 * that finds a message still claims it under its lock.
 */
import {
  freshDatabase,
  seedTestDemo,
  testDialects,
  type TestDatabase,
} from '../../server/src/testing/harness';
import { OutboxTable } from './outbox-table';

describe.each(testDialects())('an outbox poll on %s', (dialect) => {
  let tdb: TestDatabase;
  let table: OutboxTable;
  const logged: string[] = [];
  beforeAll(async () => {
    tdb = await freshDatabase(dialect);
    await seedTestDemo(tdb.db);
    table = new OutboxTable(tdb.db, 'messages');
    const options = (tdb.db.sequelize as unknown as { options: { logging?: unknown } }).options;
    options.logging = (sql: string) => logged.push(sql);
  });
  afterAll(() => tdb.drop());

  const poll = (now: Date) =>
    table.claim({ now, until: new Date(now.getTime() + 30_000), limit: 20 });

  it('finding nothing, is one read outside any transaction', async () => {
    logged.length = 0;
    expect(await poll(new Date())).toEqual([]);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^Executing \(default\): SELECT id FROM messages/);
    expect(logged[0]).not.toMatch(/FOR UPDATE/);
  });

  it('finding a due message, claims it in a transaction under its lock', async () => {
    const now = new Date();
    await tdb.db.transaction((t) =>
      table.insert(
        {
          officeCode: 'kulob',
          channel: 'sms',
          to: '+992900000001',
          template: 'ticket_called',
          language: 'en',
          text: 'go to window 2',
          dedupeKey: 'poll-test',
          nextAttemptAt: now,
        },
        now,
        t,
      ),
    );
    logged.length = 0;
    const claimed = await poll(new Date(now.getTime() + 1));
    expect(claimed.map((m) => m.text)).toEqual(['go to window 2']);
    expect(logged.some((sql) => /^Executing \((?!default)[^)]+\): UPDATE messages/.test(sql))).toBe(
      true,
    );
    if (dialect === 'mysql') expect(logged.some((sql) => /SKIP LOCKED/.test(sql))).toBe(true);
    // Claimed, it is due to no other poll until the claim runs out.
    logged.length = 0;
    expect(await poll(new Date(now.getTime() + 2))).toEqual([]);
    expect(logged).toHaveLength(1);
  });

  it('does its housekeeping (every 10 s) in single statements, on MariaDB without a transaction', async () => {
    logged.length = 0;
    await table.expireDue(new Date());
    await table.failInterrupted(new Date());
    const updates = logged.filter((sql) => /UPDATE messages/.test(sql));
    expect(updates).toHaveLength(2);
    if (dialect === 'mysql') {
      expect(logged).toHaveLength(2);
      for (const sql of updates) expect(sql).toMatch(/^Executing \(default\): /);
    }
  });
});
