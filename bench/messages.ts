/**
 * Citizen messages through a fake SMSC (a real SMPP server in this process, window 10):
 *   1. drain: N queued messages (default 10,000) → messages/s until the outbox is empty;
 *   2. live: tickets with a phone issued over HTTP at a steady rate → p50/p99 from the issue
 *      request to the SMSC's submit_sm (target p99 ≤ 1 s).
 * `npx tsx bench/messages.ts [--db=sqlite|mysql] [--count=10000] [--window=10] [--rate=20]
 * [--duration=10] [--smsc-delay=0]`. Figures are printed; nothing is asserted.
 */
import os from 'node:os';
import { freshDatabase, seedTestDemo, startTestServer } from '../server/src/testing/harness';
import { FakeSmsc } from '../server/src/testing/fake-smsc';
import { OutboxTable } from '../db/repositories/outbox-table';
import { request } from '../server/src/testing/client';
import { DEFAULT_MYSQL_URL } from './lib/config';
import { summarize } from './lib/stats';

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

async function main(): Promise<void> {
  const dialect = option('db', 'sqlite') as 'sqlite' | 'mysql';
  const count = Number(option('count', '10000'));
  const window = Number(option('window', '10'));
  const rate = Number(option('rate', '20'));
  const durationS = Number(option('duration', '10'));
  const smscDelay = Number(option('smsc-delay', '0'));
  if (dialect === 'mysql') process.env.TEST_MYSQL_URL ??= DEFAULT_MYSQL_URL;

  const smsc = new FakeSmsc({ answerDelayMs: smscDelay });
  await smsc.start();
  const tdb = await freshDatabase(dialect);
  await seedTestDemo(tdb.db);
  const server = await startTestServer({
    shared: tdb,
    messaging: { smsUrl: `${smsc.url}&window=${window}` },
    messagePollMs: 500,
  });
  const outbox = server.app.messages;
  await outbox.setSettings('kulob', {
    ...(await outbox.settings('kulob')),
    dailyCapOffice: 1_000_000, // the most the settings allow (a larger value is refused)
    dailyCapPhone: 100,
  });

  // 1. Drain a backlog: written not yet due, then made due at once.
  const table = new OutboxTable(tdb.db, 'messages');
  const later = new Date(Date.now() + 3_600_000);
  for (let start = 0; start < count; start += 500) {
    await tdb.db.transaction(async (t) => {
      for (let i = start; i < Math.min(count, start + 500); i++) {
        await table.insert(
          {
            officeCode: 'kulob',
            channel: 'sms',
            to: `+99290${String(1_000_000 + i).padStart(7, '0')}`,
            template: 'ticket_called',
            language: 'tg',
            text: `A${String(i % 1000).padStart(3, '0')} — ба равзанаи ${1 + (i % 6)} гузаред`,
            dedupeKey: `bench:${i}`,
            nextAttemptAt: later,
          },
          later,
          t,
        );
      }
    });
  }
  process.stderr.write(`${count} messages written\n`);
  const before = smsc.submits.length;
  const t0 = performance.now();
  const stamp = new Date().toISOString().replace('T', ' ').replace('Z', '');
  await tdb.db.transaction((t) =>
    tdb.db.sequelize.query('UPDATE messages SET next_attempt_at = :now', {
      transaction: t,
      replacements: { now: dialect === 'sqlite' ? `${stamp} +00:00` : stamp },
    }),
  );
  outbox.kick();
  // Progress every 5 s; no progress for 30 s ends the drain (the figures then say how many went).
  let progressAt = performance.now();
  for (let logged = progressAt, last = 0; smsc.submits.length - before < count;) {
    await new Promise((r) => setTimeout(r, 20));
    const now = performance.now();
    if (smsc.submits.length - before > last)
      [last, progressAt] = [smsc.submits.length - before, now];
    if (now - progressAt > 30_000) {
      process.stderr.write(`  stuck at ${last} of ${count}: no submit_sm for 30 s\n`);
      break;
    }
    if (now - logged > 5_000) {
      logged = now;
      process.stderr.write(`  drained ${last} of ${count}\n`);
    }
  }
  const drainMs = performance.now() - t0;
  const drained = smsc.submits.length - before;

  // 2. Live: tickets with a phone at a steady rate; each commit wakes the worker.
  const sentAt = new Map<string, number>();
  const answeredAt = new Map<string, number>();
  const total = rate * durationS;
  const issues: Array<Promise<void>> = [];
  const liveStart = performance.now();
  for (let i = 0; i < total; i++) {
    const due = liveStart + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const phone = `+99293${String(1_000_000 + i).padStart(7, '0')}`;
    sentAt.set(phone.slice(1), Date.now());
    issues.push(
      request(server.url, 'POST', '/api/offices/kulob/tickets', {
        body: { service: 'consultation', phone, language: 'tg' },
      }).then((r) => {
        if (r.status !== 201) throw new Error(`issue: ${r.status} ${JSON.stringify(r.body)}`);
        answeredAt.set(phone.slice(1), Date.now());
      }),
    );
  }
  await Promise.all(issues);
  const deadline = Date.now() + 30_000;
  const latencies = () =>
    smsc.submits
      .filter((s) => sentAt.has(s.to) && (s.udh?.seq ?? 1) === 1)
      .map((s) => s.at - sentAt.get(s.to)!);
  while (latencies().length < total && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  const lat = summarize(latencies());
  // Where the time goes: the issue request itself, then the worker (answer → submit_sm).
  const issueLat = summarize([...answeredAt].map(([to, at]) => at - sentAt.get(to)!));
  const workerLat = summarize(
    smsc.submits
      .filter((s) => answeredAt.has(s.to) && (s.udh?.seq ?? 1) === 1)
      .map((s) => s.at - answeredAt.get(s.to)!),
  );
  await server.close();
  await tdb.drop();
  await smsc.stop();

  const rows = [
    ['database', dialect],
    ['window', String(window)],
    ['drain: messages', String(drained)],
    ['drain: time', `${(drainMs / 1000).toFixed(1)} s`],
    ['drain: messages/s', (drained / (drainMs / 1000)).toFixed(0)],
    ['drain: max in flight at the SMSC', String(smsc.maxInFlight)],
    ['live: tickets with a phone', `${latencies().length} of ${total} at ${rate}/s`],
    ['live: issue → submit_sm p50', `${lat.p50.toFixed(0)} ms`],
    ['live: issue → submit_sm p99 (target ≤ 1000 ms)', `${lat.p99.toFixed(0)} ms`],
    [
      'live: issue request → 201 p50 / p99',
      `${issueLat.p50.toFixed(0)} / ${issueLat.p99.toFixed(0)} ms`,
    ],
    [
      'live: 201 → submit_sm p50 / p99',
      `${workerLat.p50.toFixed(0)} / ${workerLat.p99.toFixed(0)} ms`,
    ],
    ['load average (1 min) at the end', os.loadavg()[0]!.toFixed(1)],
  ];
  for (const [k, v] of rows) process.stdout.write(`${(k ?? '').padEnd(48)} ${v ?? ''}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String((err as Error).stack ?? err)}\n`);
  process.exit(1);
});
