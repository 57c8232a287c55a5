/**
 * Bookings at 1,000 a minute with the slots filling (issue #19): `npx tsx bench/bookings.ts
 * [--db=sqlite|mysql] [--per-minute=1000] [--duration=60] [--days=2]`.
 *
 * The server's clock is set to a Monday 07:00 in the office's zone. Each booking asks for a random
 * slot of a random service in the next `--days` working days (the demo plan: 08:00–17:00, 20-minute
 * slots, one place each), so the slots fill and later requests meet `slot_full`; each accepted one is
 * confirmed with the code the server would have sent. Beside it, in the same run, the floor: the same
 * rate of `GET /api/health` on the same server. Printed: answers by kind, p50/p99 of create and
 * confirm beside the floor, and places overbooked (counted in the database afterwards; must be 0).
 */
import type { Transaction } from 'sequelize';
import { QueryTypes } from 'sequelize';
import { freshDatabase, seedTestDemo, startTestServer } from '../server/src/testing/harness';
import { request } from '../server/src/testing/client';
import { officeInstant } from '../server/protocol/booking-rules';
import type { BookingNotifier } from '../server/src/bookings/booking-service';
import { DEFAULT_MYSQL_URL } from './lib/config';
import { summarize } from './lib/stats';

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

const TZ = 'Asia/Dushanbe';
const SERVICES = ['birth', 'marriage', 'divorce', 'death', 'paternity', 'name_change'];
/** Monday 7 December 2026, and the working days after it. */
const DAYS = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'];

async function main(): Promise<void> {
  const dialect = option('db', 'sqlite') as 'sqlite' | 'mysql';
  const perMinute = Number(option('per-minute', '1000'));
  const durationS = Number(option('duration', '60'));
  const days = DAYS.slice(0, Number(option('days', '2')));
  if (dialect === 'mysql') process.env.TEST_MYSQL_URL ??= DEFAULT_MYSQL_URL;

  const otps = new Map<string, string>();
  const notifier: BookingNotifier = {
    code: (_t: Transaction, m) => {
      otps.set(m.booking.code, m.otp);
      return Promise.resolve();
    },
    confirmed: () => Promise.resolve(),
  };
  const tdb = await freshDatabase(dialect);
  await seedTestDemo(tdb.db);
  const clock = officeInstant(DAYS[0]!, 7 * 60, TZ);
  // Behind one trusted proxy, each citizen from their own phone's address: the booking routes'
  // per-address limit is for one phone, not for a city's.
  const server = await startTestServer({
    shared: tdb,
    now: () => clock,
    bookingNotifier: notifier,
    trustProxy: 1,
  });
  const office = '/api/offices/kulob';

  const total = Math.round((perMinute * durationS) / 60);
  const kinds = new Map<string, number>();
  const createMs: number[] = [];
  const confirmMs: number[] = [];
  const floorMs: number[] = [];
  const work: Array<Promise<void>> = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 60_000) / perMinute;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const day = days[i % days.length]!;
    const slot = 8 * 60 + 20 * Math.floor(Math.random() * 27);
    const body = {
      service: SERVICES[Math.floor(Math.random() * SERVICES.length)],
      start: officeInstant(day, slot, TZ).toISOString(),
      phone: `+99291${String(1_000_000 + i).padStart(7, '0')}`,
      language: 'tg',
    };
    work.push(
      (async () => {
        const t0 = performance.now();
        const headers = { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` };
        const created = await request(server.url, 'POST', `${office}/bookings`, { body, headers });
        createMs.push(performance.now() - t0);
        const kind =
          created.status === 201 ? 'created' : `${created.status} ${created.body?.error?.code}`;
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        if (created.status !== 201) return;
        const code = created.body.booking.code as string;
        const t1 = performance.now();
        const confirmed = await request(server.url, 'POST', `${office}/bookings/${code}/confirm`, {
          body: { otp: otps.get(code) },
          headers,
        });
        confirmMs.push(performance.now() - t1);
        if (confirmed.status !== 200)
          kinds.set('confirm failed', (kinds.get('confirm failed') ?? 0) + 1);
      })(),
      (async () => {
        const t0 = performance.now();
        await request(server.url, 'GET', '/api/health');
        floorMs.push(performance.now() - t0);
      })(),
    );
  }
  await Promise.all(work);
  const elapsedS = (performance.now() - start) / 1000;
  const over = await tdb.db.sequelize.query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM (SELECT service_code, start_at FROM bookings
       WHERE status IN ('pending', 'confirmed') GROUP BY service_code, start_at
       HAVING COUNT(*) > 1) x`,
    { type: QueryTypes.SELECT },
  );
  await server.close();
  await tdb.drop();

  const [c, f, h] = [summarize(createMs), summarize(confirmMs), summarize(floorMs)];
  const rows: Array<[string, string]> = [
    ['database', dialect],
    [
      'requests',
      `${total} bookings in ${elapsedS.toFixed(1)} s (${((total / elapsedS) * 60).toFixed(0)}/min)`,
    ],
    ['answers', [...kinds].map(([k, n]) => `${k}: ${n}`).join(', ')],
    ['create p50 / p99', `${c.p50.toFixed(1)} / ${c.p99.toFixed(1)} ms`],
    ['confirm p50 / p99', `${f.p50.toFixed(1)} / ${f.p99.toFixed(1)} ms`],
    ['floor: GET /api/health p50 / p99', `${h.p50.toFixed(1)} / ${h.p99.toFixed(1)} ms`],
    ['slots overbooked (must be 0)', String(Number(over[0]?.n ?? 0))],
  ];
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(36)} ${v}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
