/**
 * Call-next + complete throughput beside its floor (issue #16): `npm run bench:pairs [-- options]`.
 *
 *   --windows=6,20     windows racing back to back (each its own login), one race per figure
 *   --tickets=600      tickets per race
 *   --runs=1           races per server and figure (the median is printed)
 *
 * For each figure the floor (bench/floor-pairs-server.ts: raw mysql2 behind Express, the same
 * essential writes) and Navbat on MariaDB (bench/server-entry.ts) race in turn, in the same run,
 * on the same database; printed: pairs/s of each, Navbat ÷ floor (target ≥ 0.5×), double calls.
 */
import { ServerChild } from './lib/ipc';
import { heading, log, table } from './lib/stats';
import { runCallNext, type CallNextResult } from './callnext';

const TARGET = 0.5;

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg?.slice(name.length + 3) ?? process.env[`BENCH_${name.toUpperCase()}`] ?? fallback;
}

async function race(
  script: string,
  args: string[],
  label: string,
  windows: number,
  tickets: number,
) {
  const server = await ServerChild.start(script, args);
  try {
    return await runCallNext(label, server, {
      counters: windows,
      tickets,
      solo: 20,
      profile: false,
      thinkMs: 0,
    });
  } finally {
    await server.stop();
  }
}

function median(list: CallNextResult[]): CallNextResult {
  const sorted = [...list].sort((a, b) => a.callsPerSecond - b.callsPerSecond);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const windows = option('windows', '6,20').split(',').map(Number);
  const tickets = Number(option('tickets', '600'));
  const runs = Number(option('runs', '1'));
  heading(`Call-next + complete pairs per second on MariaDB, Navbat beside its floor`);
  const rows: string[][] = [];
  for (const w of windows) {
    const floor: CallNextResult[] = [];
    const navbat: CallNextResult[] = [];
    for (let i = 0; i < runs; i++) {
      floor.push(await race('floor-pairs-server.js', [], 'floor', w, tickets));
      navbat.push(await race('server-entry.js', ['mysql'], 'Navbat', w, tickets));
    }
    const f = median(floor);
    const n = median(navbat);
    const ratio = n.callsPerSecond / f.callsPerSecond;
    rows.push([
      String(w),
      f.callsPerSecond.toFixed(0),
      n.callsPerSecond.toFixed(0),
      `${ratio.toFixed(2)}×`,
      `${f.duplicates} / ${n.duplicates}`,
      `${n.callNext.p50.toFixed(1)} / ${n.callNext.p99.toFixed(1)}`,
      `${(n.server.cpuShare * 100).toFixed(0)}%`,
      ratio >= TARGET ? 'yes' : 'NO',
    ]);
  }
  log(
    table(
      [
        'windows',
        'floor pairs/s',
        'Navbat pairs/s',
        'Navbat ÷ floor',
        'double calls (floor / Navbat)',
        'Navbat call-next p50/p99 ms',
        'Navbat CPU',
        `≥ ${TARGET}×`,
      ],
      rows,
    ),
  );
  log(`  ${tickets} tickets per race, ${runs} race(s) per server and figure (median).`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
