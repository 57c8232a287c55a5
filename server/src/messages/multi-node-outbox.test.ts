/**
 * One outbox, several nodes, real failures: two apps on one MariaDB send each message once; a server
 * process killed with SIGKILL mid-drain loses none and sends none twice after a restart.
 */
import type { ChildProcess } from 'node:child_process';
import {
  freshDatabase,
  seedTestDemo,
  startTestServer,
  type TestDatabase,
  type TestServer,
} from '../testing/harness';
import { FakeSmsc } from '../testing/fake-smsc';
import { waitFor } from '../testing/wait';
import { spawnMain } from '../testing/main-process';
import { OutboxTable } from '../../../db/repositories/outbox-table';

const mysql = process.env.TEST_MYSQL_URL ? describe : describe.skip;
if (!process.env.TEST_MYSQL_URL && process.env.CI)
  throw new Error('CI must set TEST_MYSQL_URL: the multi-node tests may not be skipped');

/** Writes `count` queued messages with unique texts, as commands would. */
async function queueMessages(tdb: TestDatabase, count: number, tag: string): Promise<string[]> {
  const table = new OutboxTable(tdb.db, 'messages');
  const now = new Date();
  const texts: string[] = [];
  await tdb.db.transaction(async (t) => {
    for (let i = 0; i < count; i++) {
      const text = `${tag} message ${i}`;
      texts.push(text);
      await table.insert(
        {
          officeCode: 'kulob',
          channel: 'sms',
          to: `+99290${String(1_000_000 + i).padStart(7, '0')}`,
          template: 'test',
          language: 'en',
          text,
          dedupeKey: `${tag}:${i}`,
          nextAttemptAt: now,
        },
        now,
        t,
      );
    }
  });
  return texts;
}

async function statuses(tdb: TestDatabase, tag: string) {
  const [rows] = await tdb.db.sequelize.query(
    `SELECT text, status, error FROM messages WHERE dedupe_key LIKE '${tag}:%'`,
  );
  return rows as Array<{ text: string; status: string; error: string | null }>;
}

mysql('the outbox across nodes (MariaDB)', () => {
  it('two nodes on one database send each message exactly once', async () => {
    const tdb = await freshDatabase('mysql');
    await seedTestDemo(tdb.db);
    const smsc = new FakeSmsc({ answerDelayMs: 5 });
    await smsc.start();
    // A generous daily cap: this test is about claiming, not limits.
    const nodes: TestServer[] = [];
    try {
      for (let i = 0; i < 2; i++)
        nodes.push(
          await startTestServer({
            shared: tdb,
            messaging: { smsUrl: smsc.url },
            messagePollMs: 50,
          }),
        );
      await nodes[0]!.app.messages.setSettings('kulob', {
        ...(await nodes[0]!.app.messages.settings('kulob')),
        dailyCapOffice: 100_000,
      });
      const texts = await queueMessages(tdb, 300, 'two-nodes');
      await waitFor(
        async () => (await statuses(tdb, 'two-nodes')).every((r) => r.status !== 'queued'),
        'both nodes to drain the outbox',
        60_000,
      );
      const received = smsc.submits.map((s) => s.text);
      for (const text of texts) expect(received.filter((r) => r === text)).toHaveLength(1);
      expect((await statuses(tdb, 'two-nodes')).every((r) => r.status === 'sent')).toBe(true);
      // Both nodes took part (each bound its own session).
      expect(new Set(smsc.submits.map((s) => s.session)).size).toBe(2);
    } finally {
      for (const n of nodes) await n.close();
      await smsc.stop();
      await tdb.drop();
    }
  });

  it('a SIGKILL mid-drain loses no message and sends none twice', async () => {
    const tdb = await freshDatabase('mysql');
    await seedTestDemo(tdb.db);
    // A slow SMSC keeps a full window in flight when the process dies.
    const smsc = new FakeSmsc({ answerDelayMs: 40 });
    await smsc.start();
    try {
      const texts = await queueMessages(tdb, 400, 'sigkill');
      await new OutboxTable(tdb.db, 'messages').db.sequelize.query(
        `INSERT INTO message_settings (office_code, settings, updated_at)
         VALUES ('kulob', '{"dailyCapOffice":100000}', NOW(3))`,
      );
      const child = startNode(tdb.url, smsc.url);
      await waitFor(() => smsc.submits.length >= 120, 'the first node to be sending', 60_000);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const atKill = smsc.submits.length;
      expect(atKill).toBeLessThan(texts.length);
      // A new node takes over once the dead one's claims run out (30 s): let that time pass.
      await tdb.db.sequelize.query(
        `UPDATE messages SET claimed_until = NOW(3) - INTERVAL 1 SECOND
          WHERE claimed_until IS NOT NULL`,
      );
      const next = await startTestServer({
        shared: tdb,
        messaging: { smsUrl: smsc.url },
        messagePollMs: 100,
      });
      try {
        await waitFor(
          async () => (await statuses(tdb, 'sigkill')).every((r) => r.status !== 'queued'),
          'the restarted node to finish',
          120_000,
        );
      } finally {
        await next.close();
      }
      const rows = await statuses(tdb, 'sigkill');
      const received = smsc.submits.map((s) => s.text);
      const interrupted = rows.filter((r) => r.status === 'failed');
      for (const r of rows) {
        const times = received.filter((t) => t === r.text).length;
        // Never twice; and every message not caught mid-submit went exactly once.
        expect(times).toBeLessThanOrEqual(1);
        if (r.status === 'sent') expect(times).toBe(1);
      }
      // Only what was in the SMSC's window at the kill can be in doubt; it is failed with the reason.
      expect(interrupted.length).toBeLessThanOrEqual(10);
      for (const r of interrupted) expect(r.error).toMatch(/interrupted while submitting/);
      expect(rows).toHaveLength(texts.length);
    } finally {
      await smsc.stop();
      await tdb.drop();
    }
  });
});

/** The product's own entry point as a child process, draining the outbox with `SMS_URL`. */
function startNode(databaseUrl: string, smsUrl: string): ChildProcess {
  const env = {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DEMO: '0',
    SMS_URL: smsUrl,
  };
  return spawnMain({ ...env, LOG_LEVEL: 'warn', BCRYPT_ROUNDS: '4' }, { stdio: 'ignore' });
}
