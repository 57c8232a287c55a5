/**
 * Snapshot size and build time against the queue's length: `npx tsx bench/snapshot-size.ts
 * [--db=sqlite,mysql] [--lengths=100,1000,10000]`. For each length, that many tickets wait in
 * today's queue (spread over the demo services) and the snapshot is built 7 times (median): the
 * staff view and the public one (what `/display` and `/kiosk` get, target < 10 KB at any length).
 * The floor beside it: the same office with an empty queue, in the same run.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { freshDatabase, seedTestDemo, type TestDialect } from '../server/src/testing/harness';
import { QueueService } from '../server/src/queue/queue-service';
import { toPublicSnapshot } from '../server/src/queue/snapshot';
import { officeDay } from '../server/src/queue/office-day';
import { DEFAULT_MYSQL_URL } from './lib/config';
import type { StaffPrincipal } from '../server/src/auth/actor';

const RUNS = 7;

function arg(name: string, def: string): string {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : def;
}

async function measure(dialect: TestDialect, lengths: number[]): Promise<string[][]> {
  process.env.TEST_MYSQL_URL ??= DEFAULT_MYSQL_URL;
  const tdb = await freshDatabase(dialect);
  const rows: string[][] = [];
  try {
    await seedTestDemo(tdb.db);
    const queue = new QueueService({ db: tdb.db, publish: () => undefined });
    const services = await tdb.db.models.Service.findAll({ where: { officeCode: 'kulob' } });
    const now = new Date();
    const day = officeDay(now, 'Asia/Dushanbe');
    let have = 0;
    for (const length of [0, ...lengths]) {
      const batch = [];
      for (let i = have; i < length; i++) {
        const service = services[i % services.length]!;
        batch.push({
          id: randomUUID(),
          officeCode: 'kulob',
          day,
          number: `Z${String(i).padStart(5, '0')}`,
          serviceId: service.id,
          priority: i % 10 === 0 ? 'elderly' : 'none',
          language: null,
          kiosk: null,
          status: 'waiting' as const,
          issuedAt: new Date(now.getTime() - (length - i) * 1000),
          calledAt: null,
          startedAt: null,
          finishedAt: null,
          counterNumber: null,
          targetCounter: null,
          calledBy: null,
          recalls: 0,
        });
      }
      for (let i = 0; i < batch.length; i += 1000) {
        await tdb.db.models.Ticket.bulkCreate(batch.slice(i, i + 1000));
      }
      have = length;
      rows.push(await measureBuilds(queue, [dialect, length === 0 ? '0 (floor)' : String(length)]));
    }
    // The same longest line with every window holding a ticket, after two calls served at each.
    await busyWindows(queue);
    rows.push(await measureBuilds(queue, [dialect, `${have}, 6 windows busy`]));
  } finally {
    await tdb.drop();
  }
  return rows;
}

const CLERK: StaffPrincipal = {
  id: 1,
  username: 'clerk1',
  role: 'clerk',
  name: 'bench',
  officeCode: 'kulob',
};

/** Three rounds of calls at windows 1–6; the first two served, the last still held. */
async function busyWindows(queue: QueueService): Promise<void> {
  for (let round = 0; round < 3; round++) {
    for (let w = 1; w <= 6; w++) {
      const called = await queue.callNext('kulob', String(w), CLERK);
      if (called && round < 2) await queue.act(called.id, 'complete', CLERK);
    }
  }
}

/** Builds the snapshot {@link RUNS} times: the median build, and both views' JSON bytes. */
async function measureBuilds(queue: QueueService, label: string[]): Promise<string[]> {
  const times: number[] = [];
  let staffBytes = 0;
  let publicBytes = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const staff = await queue.snapshot('kulob');
    const pub = toPublicSnapshot(staff);
    times.push(performance.now() - t0);
    staffBytes = Buffer.byteLength(JSON.stringify(staff));
    publicBytes = Buffer.byteLength(JSON.stringify(pub));
  }
  times.sort((a, b) => a - b);
  return [
    ...label,
    `${times[Math.floor(RUNS / 2)]!.toFixed(1)} ms`,
    `${(publicBytes / 1024).toFixed(1)} KB`,
    `${(staffBytes / 1024).toFixed(1)} KB`,
  ];
}

async function main(): Promise<void> {
  const dbs = arg('db', 'sqlite,mysql').split(',') as TestDialect[];
  const lengths = arg('lengths', '100,1000,10000').split(',').map(Number);
  const rows: string[][] = [];
  for (const db of dbs) rows.push(...(await measure(db, lengths)));
  const header = ['database', 'tickets waiting', 'build (median of 7)', 'public', 'staff'];
  process.stdout.write(
    [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n') + '\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
