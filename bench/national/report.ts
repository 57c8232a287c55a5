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
  /** Statements MariaDB received from the start of issuing until the windows were done. */
  statements?: number;
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

/** Whether `p` is one of the floor phases (they number no events per office). */
function isFloor(p: PhaseResult): boolean {
  return p.label !== 'Navbat';
}

/** Rows of the final table: [figure, each floor, Navbat]. */
function rows(phases: PhaseResult[]): string[][] {
  const all = (f: (p: PhaseResult) => string): string[] => phases.map(f);
  const sent = (p: PhaseResult): string =>
    [...p.tally.sent.entries()].map(([k, v]) => `${k} ${v}`).join(', ');
  const navbat = (f: (p: PhaseResult) => string): string[] =>
    phases.map((p) => (isFloor(p) ? '—' : f(p)));
  return [
    ['tickets issued (201)', ...all((p) => String(p.issued))],
    ['issue → display p50 ms', ...all((p) => ms(p.latency.p50))],
    ['issue → display p99 ms', ...all((p) => ms(p.latency.p99))],
    ['issue → display max ms', ...all((p) => ms(p.latency.max))],
    ['tickets never on their display', ...all((p) => String(p.notDisplayed))],
    [
      'seq gaps / steps back / queue:gap',
      ...all((p) =>
        isFloor(p)
          ? 'not numbered per office'
          : `${p.sockets.seqGaps} / ${p.sockets.seqBackwards} / ${p.sockets.gapNotices}`,
      ),
    ],
    [
      'events already in the snapshot (dropped by clients)',
      ...navbat((p) => String(p.sockets.inSnapshot)),
    ],
    [
      'double calls (call-next / display)',
      ...all((p) => (p.calls ? `${p.calls.doubleCalls} / ${p.sockets.repeatedCalls}` : '—')),
    ],
    [
      'called / completed (held after no answer) / left waiting',
      ...all((p) =>
        p.calls
          ? `${p.calls.calls} / ${p.calls.completes} (${p.calls.heldCompleted}) / ${p.calls.waitingLeft}`
          : '—',
      ),
    ],
    [
      'sockets connected at the end',
      ...all(
        (p) => `${p.sockets.connectedNow} of ${p.plannedSockets} (${p.sockets.disconnects} drops)`,
      ),
    ],
    [
      'SQL statements at MariaDB a ticket (issue, call, complete, and the rest)',
      ...all((p) => (p.statements === undefined ? '—' : (p.statements / p.issued).toFixed(1))),
    ],
    ['HTTP requests', ...all(sent)],
    ['HTTP errors', ...all(failures)],
    ['RSS idle → at the end', ...all(rssText)],
  ];
}

/** The CPU of each phase, one line each (too wide for the table). */
function printCpu(phases: PhaseResult[]): void {
  log('\nCPU while issuing (share of one core):');
  for (const p of phases) log(`  ${p.label}: ${p.cpu}`);
}

/**
 * Prints the table, the verdict, and the same table in Markdown (for the README). `floors`: the
 * direct single process first, the floor in Navbat's own topology last; the target's ratio is
 * taken against the last (the same processes, balancer and Redis hop), the first is printed too.
 */
export function printResults(floors: PhaseResult[], navbat: PhaseResult, command: string): boolean {
  const phases = [...floors, navbat];
  const body = rows(phases);
  const floor = floors[floors.length - 1]!;
  const ratio = navbat.latency.p99 / floor.latency.p99;
  const direct = floors[0]!;
  const headers = ['figure', ...phases.map((p) => p.label)];
  log(table(headers, body));
  printCpu(phases);
  const maxRss = Math.max(...navbat.rss.map(([, , end]) => end));
  const doubles = (navbat.calls?.doubleCalls ?? 0) + navbat.sockets.repeatedCalls;
  const lost = lostOrDisordered(navbat);
  const checks = [
    [
      `p99 ÷ ${floor.label} p99 = ${ratio.toFixed(2)}× (≤ ${TARGETS.p99Ratio}×)`,
      ratio <= TARGETS.p99Ratio,
    ],
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
  if (direct !== floor) {
    log(
      `  (against the ${direct.label} floor: p99 ${(navbat.latency.p99 / direct.latency.p99).toFixed(2)}×; ` +
        `the topology itself, ${floor.label} ÷ ${direct.label}: ${(floor.latency.p99 / direct.latency.p99).toFixed(2)}×)`,
    );
  }
  log('\nMarkdown:\n');
  log(`\`${command}\`\n`);
  log(markdownTable(headers, body));
  return pass;
}
