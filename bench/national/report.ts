/** The national bench's figures: issue → display latency per phase, the final table and verdict. */
import { log, markdownTable, mb, ms, summarize, table, type Summary } from '../lib/stats';
import type { Issued, HttpTally } from './load';
import type { SocketReport } from './socket-worker';

/** Targets of issue #16. */
export const TARGETS = { p99Ratio: 2, rssBytes: 200 * 1024 * 1024 } as const;

/** What one phase (the floor, or Navbat behind HAProxy) measured. */
export interface PhaseResult {
  label: string;
  issued: number;
  latency: Summary;
  /** Issued tickets whose office display never saw `ticket:issued`. */
  notDisplayed: number;
  sockets: SocketReport;
  plannedSockets: number;
  tally: HttpTally;
  /** [process name, RSS bytes once started (idle), RSS bytes at the end]. */
  rss: Array<[string, number, number]>;
  /** CPU while tickets were issued (see cpu.ts). */
  cpu: string;
  /** Navbat only. */
  calls?: {
    calls: number;
    completes: number;
    heldCompleted: number;
    doubleCalls: number;
    waitingLeft: number;
  };
}

/** Latency from just before each POST to its office display's `ticket:issued`. */
export function issueToDisplay(
  issued: Issued[],
  report: SocketReport,
): { latency: Summary; notDisplayed: number } {
  const seen = new Map(report.displayed);
  const values: number[] = [];
  let notDisplayed = 0;
  for (const t of issued) {
    const at = seen.get(t.id);
    if (at === undefined) notDisplayed++;
    else values.push(at - t.sentAt);
  }
  return { latency: summarize(values), notDisplayed };
}

/** Out-of-order or lost events seen by the sockets, plus tickets the display never showed. */
export function lostOrDisordered(p: PhaseResult): number {
  return p.sockets.seqGaps + p.sockets.seqBackwards + p.sockets.gapNotices + p.notDisplayed;
}

function failures(p: PhaseResult): string {
  if (p.tally.failed.size === 0) return '0';
  const parts = [...p.tally.failed.entries()].map(([k, v]) => `${k}: ${v}`);
  return `${p.tally.errors} (${parts.join(', ')})`;
}

function rssText(p: PhaseResult): string {
  return p.rss.map(([name, idle, end]) => `${name} ${mb(idle)} → ${mb(end)} MB`).join(', ');
}

/** Rows of the final table: [figure, floor, Navbat]. */
function rows(floor: PhaseResult, navbat: PhaseResult): string[][] {
  const both = (f: (p: PhaseResult) => string): [string, string] => [f(floor), f(navbat)];
  const sent = (p: PhaseResult): string =>
    [...p.tally.sent.entries()].map(([k, v]) => `${k} ${v}`).join(', ');
  const c = navbat.calls;
  return [
    ['tickets issued (201)', ...both((p) => String(p.issued))],
    ['issue → display p50 ms', ...both((p) => ms(p.latency.p50))],
    ['issue → display p99 ms', ...both((p) => ms(p.latency.p99))],
    ['issue → display max ms', ...both((p) => ms(p.latency.max))],
    ['tickets never on their display', ...both((p) => String(p.notDisplayed))],
    [
      'seq gaps / steps back / queue:gap',
      ...both((p) =>
        p.label === 'floor'
          ? 'not numbered per office'
          : `${p.sockets.seqGaps} / ${p.sockets.seqBackwards} / ${p.sockets.gapNotices}`,
      ),
    ],
    [
      'events already in the snapshot (dropped by clients)',
      ...both((p) => (p.label === 'floor' ? '—' : String(p.sockets.inSnapshot))),
    ],
    [
      'double calls (call-next / display)',
      '—',
      c ? `${c.doubleCalls} / ${navbat.sockets.repeatedCalls}` : '—',
    ],
    [
      'called / completed (held after no answer) / left waiting',
      '—',
      c ? `${c.calls} / ${c.completes} (${c.heldCompleted}) / ${c.waitingLeft}` : '—',
    ],
    [
      'sockets connected at the end',
      ...both(
        (p) => `${p.sockets.connectedNow} of ${p.plannedSockets} (${p.sockets.disconnects} drops)`,
      ),
    ],
    ['HTTP requests', ...both(sent)],
    ['HTTP errors', ...both(failures)],
    ['RSS idle → at the end', ...both(rssText)],
  ];
}

/** The CPU of each phase, one line each (too wide for the table). */
function printCpu(floor: PhaseResult, navbat: PhaseResult): void {
  log('\nCPU while issuing (share of one core):');
  for (const p of [floor, navbat]) log(`  ${p.label}: ${p.cpu}`);
}

/** Prints the table, the verdict, and the same table in Markdown (for the README). */
export function printResults(floor: PhaseResult, navbat: PhaseResult, command: string): boolean {
  const body = rows(floor, navbat);
  const ratio = navbat.latency.p99 / floor.latency.p99;
  log(table(['figure', 'floor (1 process, direct)', 'Navbat (2 nodes + HAProxy)'], body));
  printCpu(floor, navbat);
  const maxRss = Math.max(...navbat.rss.map(([, , end]) => end));
  const doubles = (navbat.calls?.doubleCalls ?? 0) + navbat.sockets.repeatedCalls;
  const lost = lostOrDisordered(navbat);
  const checks = [
    [`p99 ÷ floor p99 = ${ratio.toFixed(2)}× (≤ ${TARGETS.p99Ratio}×)`, ratio <= TARGETS.p99Ratio],
    [`double calls ${doubles} (0)`, doubles === 0],
    [`lost/out-of-order events ${lost} (0)`, lost === 0],
    [`RSS max ${mb(maxRss)} MB (≤ 200 MB)`, maxRss <= TARGETS.rssBytes],
  ] as const;
  const pass = checks.every(([, ok]) => ok);
  log('');
  log(
    `VERDICT: ${pass ? 'PASS' : 'FAIL'} — ` +
      checks.map(([text, ok]) => `${text} ${ok ? 'ok' : 'MISSED'}`).join('; '),
  );
  log('\nMarkdown:\n');
  log(`\`${command}\`\n`);
  log(markdownTable(['figure', 'floor', 'Navbat'], body));
  return pass;
}
