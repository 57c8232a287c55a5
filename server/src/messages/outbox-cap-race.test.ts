/**
 * A number's daily cap holds when two rounds flag its messages at the same moment (two nodes, or a
 * drain beside a round a commit kicked): each round screened the number before the other flagged
 * anything, so both would send up to the cap. The count is taken again where a message is flagged
 * `sending`, behind a lock on the number's messages of the day (db/repositories/outbox-table.ts).
 */
import { freshDatabase, seedTestDemo, testDialects, type TestDatabase } from '../testing/harness';
import { OutboxTable, type AddressCap } from '../../../db/repositories/outbox-table';

describe.each(testDialects())('the per-number cap under concurrent rounds on %s', (dialect) => {
  let tdb: TestDatabase;
  let table: OutboxTable;
  let n = 0;
  beforeAll(async () => {
    tdb = await freshDatabase(dialect);
    await seedTestDemo(tdb.db);
    table = new OutboxTable(tdb.db, 'messages');
  });
  afterAll(() => tdb.drop());

  /** `count` queued notices to one new number; their ids. */
  async function queued(count: number): Promise<{ to: string; ids: string[] }> {
    const to = `+9929${String(1_000_000 + ++n).padStart(8, '0')}`;
    const now = new Date();
    await tdb.db.transaction(async (t) => {
      for (let i = 0; i < count; i++) {
        await table.insert(
          {
            officeCode: 'kulob',
            channel: 'sms',
            to,
            template: 'ticket_called',
            language: 'en',
            text: `notice ${i}`,
            dedupeKey: `${to}:${i}`,
            nextAttemptAt: now,
          },
          now,
          t,
        );
      }
    });
    const [rows] = await tdb.db.sequelize.query(
      `SELECT id FROM messages WHERE to_address = '${to}' ORDER BY text`,
    );
    return { to, ids: (rows as Array<{ id: string }>).map((r) => r.id) };
  }

  const capOf = (to: string, limit: number): AddressCap => ({
    to,
    since: new Date(Date.now() - 3_600_000),
    templates: { of: ['booking_code'], not: true },
    limit,
  });

  async function rows(to: string) {
    const [found] = await tdb.db.sequelize.query(
      `SELECT id, sending, claimed_until FROM messages WHERE to_address = '${to}'`,
    );
    return found as Array<{ id: string; sending: number | boolean; claimed_until: unknown }>;
  }

  it('flags two of four messages at a cap of 2 when two rounds flag two each at once', async () => {
    const { to, ids } = await queued(4);
    // A running node's pool has connections open: neither round waits for one to be made (which
    // would let the first finish before the second begins).
    await Promise.all(
      [1, 2, 3, 4].map(() =>
        tdb.db.sequelize.query(dialect === 'mysql' ? 'SELECT SLEEP(0.05)' : 'SELECT 1'),
      ),
    );
    const cap = capOf(to, 2);
    const item = (id: string) => ({ id, gateway: 'smpp', cap });
    const [a, b] = await Promise.all([
      table.markSendingMany(ids.slice(0, 2).map(item)),
      table.markSendingMany(ids.slice(2).map(item)),
    ]);
    expect(a.size + b.size).toBe(2);
    const stored = await rows(to);
    expect(stored.filter((r) => Number(r.sending) === 1)).toHaveLength(2);
    // Those held back are let go of their claim: the next pass screens (and settles) them.
    for (const r of stored.filter((x) => Number(x.sending) === 0)) {
      expect(r.claimed_until).toBeNull();
    }
  });

  it('counts what the number was sent before today’s rounds, and leaves other numbers alone', async () => {
    const first = await queued(3);
    const other = await queued(2);
    expect((await table.markSendingMany([{ id: first.ids[0]!, gateway: 'smpp' }])).size).toBe(1);
    const flagged = await table.markSendingMany([
      ...first.ids.slice(1).map((id) => ({ id, gateway: 'smpp', cap: capOf(first.to, 2) })),
      ...other.ids.map((id) => ({ id, gateway: 'smpp', cap: capOf(other.to, 2) })),
    ]);
    // One of the first number's two goes (one was under way already); both of the other's.
    expect([...flagged].filter((id) => first.ids.includes(id))).toEqual([first.ids[1]]);
    expect([...flagged].filter((id) => other.ids.includes(id)).sort()).toEqual(
      [...other.ids].sort(),
    );
  });
});
