/**
 * Cost growth with the day (issue #16): `npx tsx bench/growth.ts [--db=sqlite,mysql]
 * [--lengths=100,1000,10000,50000] [--ops=20]`. For each length, that many tickets already wait in
 * today's queue (spread over the demo services, none of them priority: the worst case for the
 * "does a priority ticket wait" check), then, over HTTP to a server in this process: `ops` tickets
 * issued, `ops` call-next (each completed at once) at window 1, and the staff snapshot built 5
 * times (median). Printed as p50 / p99 per length; flat or logarithmic is the target.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { startTestServer, type TestDialect, type TestServer } from '../server/src/testing/harness';
import { login, request } from '../server/src/testing/client';
import { officeDay } from '../server/src/queue/office-day';
import { DEFAULT_MYSQL_URL } from './lib/config';
import { summarize } from './lib/stats';

const OFFICE = '/api/offices/kulob';

function arg(name: string, def: string): string {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : def;
}

/** Tops today's queue up to `length` waiting tickets, written in bulk (no events). */
async function fill(s: TestServer, from: number, length: number): Promise<void> {
  const services = await s.db.models.Service.findAll({ where: { officeCode: 'kulob' } });
  const now = Date.now();
  const day = officeDay(new Date(now), 'Asia/Dushanbe');
  const batch = [];
  for (let i = from; i < length; i++) {
    const at = new Date(now - 3_600_000 + i); // an hour ago, in order
    batch.push({
      id: randomUUID(),
      officeCode: 'kulob',
      day,
      number: `Z${String(i).padStart(5, '0')}`,
      serviceId: services[i % services.length]!.id,
      priority: 'none',
      language: null,
      kiosk: null,
      status: 'waiting' as const,
      issuedAt: at,
      queueTime: at,
      calledAt: null,
      startedAt: null,
      finishedAt: null,
      counterNumber: null,
      targetCounter: null,
      calledBy: null,
      recalls: 0,
    });
  }
  for (let i = 0; i < batch.length; i += 1000)
    await s.db.models.Ticket.bulkCreate(batch.slice(i, i + 1000));
}

const ms = (values: number[]): string => {
  const s = summarize(values);
  return `${s.p50.toFixed(1)} / ${s.p99.toFixed(1)} ms`;
};

async function timed(run: () => Promise<{ status: number }>): Promise<number> {
  const t0 = performance.now();
  const res = await run();
  if (res.status >= 300) throw new Error(`HTTP ${res.status}`);
  return performance.now() - t0;
}

async function measure(dialect: TestDialect, lengths: number[], ops: number): Promise<string[][]> {
  process.env.TEST_MYSQL_URL ??= DEFAULT_MYSQL_URL;
  const s = await startTestServer({ database: dialect });
  const rows: string[][] = [];
  try {
    const token = await login(s.url, 'clerk1');
    await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } }); // warm
    let have = 0;
    for (const length of lengths) {
      await fill(s, have, length);
      have = length;
      const issue: number[] = [];
      for (let i = 0; i < ops; i++)
        issue.push(
          await timed(() =>
            request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } }),
          ),
        );
      const call: number[] = [];
      for (let i = 0; i < ops; i++) {
        let id = '';
        call.push(
          await timed(async () => {
            const res = await request(s.url, 'POST', `${OFFICE}/counters/1/call-next`, { token });
            id = res.body.ticket.id as string;
            return res;
          }),
        );
        await request(s.url, 'POST', `/api/tickets/${id}/complete`, { token });
      }
      const builds: number[] = [];
      for (let r = 0; r < 5; r++) {
        const t0 = performance.now();
        await s.app.queue.snapshot('kulob');
        builds.push(performance.now() - t0);
      }
      builds.sort((a, b) => a - b);
      rows.push([dialect, String(length), ms(issue), ms(call), `${builds[2]!.toFixed(1)} ms`]);
      process.stderr.write(`  ${rows.at(-1)!.join(' | ')}\n`);
    }
  } finally {
    await s.close();
  }
  return rows;
}

async function main(): Promise<void> {
  const dbs = arg('db', 'sqlite,mysql').split(',') as TestDialect[];
  const lengths = arg('lengths', '100,1000,10000,50000').split(',').map(Number);
  const ops = Number(arg('ops', '20'));
  const rows: string[][] = [];
  for (const db of dbs) rows.push(...(await measure(db, lengths, ops)));
  const header = ['database', 'waiting', 'issue p50 / p99', 'call-next p50 / p99', 'snapshot'];
  process.stdout.write(
    [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n') + '\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
