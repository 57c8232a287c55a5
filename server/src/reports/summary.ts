/**
 * The summary report as pure functions over ticket and case rows (no I/O, no clock): the same numbers
 * on SQLite and MariaDB, because nothing is left to a database's own percentile or date functions.
 */
import type {
  CaseStageStats,
  ReportByService,
  ReportServiceDay,
  ReportSla,
  ReportSummary,
  SecondsStats,
} from '../../protocol';
import type { ReportCaseRow, ReportTicketRow } from '../../../db/repositories/report-repository';
import { officeHour } from '../queue/office-day';

/**
 * The `p`-quantile (0–1) of `values` by linear interpolation between the closest ranks
 * (the "R-7" definition of spreadsheets and NumPy): p50 of [10, 20] is 15, p90 of 1…10 is 9.1.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * p;
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return round(a + (b - a) * (rank - lo));
}

/** Average, median and 90th percentile; all 0 for an empty set. */
export function secondsStats(values: readonly number[]): SecondsStats {
  if (values.length === 0) return { avg: 0, p50: 0, p90: 0 };
  const avg = values.reduce((s, v) => s + v, 0) / values.length;
  return { avg: round(avg), p50: percentile(values, 0.5), p90: percentile(values, 0.9) };
}

/** Milliseconds to seconds, kept to the millisecond. */
function seconds(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / 1000;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Wait of a called ticket: issue → (last) call. */
export function waitOf(t: ReportTicketRow): number | undefined {
  return t.calledAt ? seconds(t.issuedAt, t.calledAt) : undefined;
}

/** Service time of a finished ticket: start (or call, when completed from `called`) → finish. */
export function serviceTimeOf(t: ReportTicketRow): number | undefined {
  if (t.status !== 'done' || !t.finishedAt) return undefined;
  const start = t.startedAt ?? t.calledAt;
  return start ? seconds(start, t.finishedAt) : undefined;
}

export interface SummaryInput {
  office: string;
  from: string;
  to: string;
  timeZone: string;
  tickets: readonly ReportTicketRow[];
  /** Services of the office: id → code and target wait, in catalogue order. */
  services: ReadonlyArray<{ id: number; code: string; targetWaitMinutes: number }>;
  cases: readonly ReportCaseRow[];
  /** The instants the report covers ([start of `from`, start of the day after `to`)). */
  window: { start: Date; end: Date };
}

/** The summary of CONTRACT §4 plus SLA per service and case statistics. */
export function summarize(input: SummaryInput): Omit<ReportSummary, 'messages' | 'bookings'> {
  const { tickets, timeZone } = input;
  const defined = <T>(list: Array<T | undefined>): T[] => list.filter((v) => v !== undefined);
  const { byService, sla } = perService(tickets, input.services);
  return {
    office: input.office,
    from: input.from,
    to: input.to,
    timeZone,
    issued: tickets.length,
    served: tickets.filter((t) => t.status === 'done').length,
    noShow: tickets.filter((t) => t.status === 'no_show').length,
    expired: tickets.filter((t) => t.status === 'expired').length,
    waitSeconds: secondsStats(defined(tickets.map(waitOf))),
    serviceSeconds: secondsStats(defined(tickets.map(serviceTimeOf))),
    byService,
    byServiceDay: perServiceDay(tickets, input.services),
    byCounter: perCounter(tickets),
    byHour: hourly(tickets, timeZone),
    sla,
    cases: caseStats(input.cases, input.window),
  };
}

type ServiceRow = SummaryInput['services'][number];

/** Each service with tickets, in catalogue order: its figures, and its wait against the target. */
function perService(
  tickets: readonly ReportTicketRow[],
  services: readonly ServiceRow[],
): { byService: ReportByService[]; sla: ReportSla[] } {
  const byService: ReportByService[] = [];
  const sla: ReportSla[] = [];
  for (const s of services) {
    const mine = tickets.filter((t) => t.serviceId === s.id);
    if (mine.length === 0) continue;
    const { measured, withinTarget, share, ...figures } = serviceFigures(mine, s);
    byService.push(figures);
    sla.push({
      service: s.code,
      targetMinutes: s.targetWaitMinutes,
      measured,
      withinTarget,
      share,
    });
  }
  return { byService, sla };
}

/** Each day's figures per service with tickets that day (days in order, then catalogue order). */
function perServiceDay(
  tickets: readonly ReportTicketRow[],
  services: readonly ServiceRow[],
): ReportServiceDay[] {
  const days = [...new Set(tickets.map((t) => t.day))].sort();
  const perDay = new Map<string, ReportTicketRow[]>();
  for (const t of tickets) {
    const key = `${t.day}\u0000${t.serviceId}`;
    perDay.set(key, [...(perDay.get(key) ?? []), t]);
  }
  const byServiceDay: ReportServiceDay[] = [];
  for (const day of days) {
    for (const s of services) {
      const mine = perDay.get(`${day}\u0000${s.id}`);
      if (mine) byServiceDay.push({ day, ...serviceFigures(mine, s) });
    }
  }
  return byServiceDay;
}

/** Tickets served at each counter and their service times; counters in natural order (2 < 10). */
function perCounter(tickets: readonly ReportTicketRow[]): ReportSummary['byCounter'] {
  const counters = new Map<string, number[]>();
  for (const t of tickets) {
    const d = serviceTimeOf(t);
    if (d === undefined || !t.counterNumber) continue;
    counters.set(t.counterNumber, [...(counters.get(t.counterNumber) ?? []), d]);
  }
  return [...counters.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([counter, list]) => ({
      counter,
      served: list.length,
      serviceSeconds: secondsStats(list),
    }));
}

/** The figures of one service's tickets (of a range or of one day). */
function serviceFigures(
  mine: readonly ReportTicketRow[],
  s: { code: string; targetWaitMinutes: number },
): Omit<ReportServiceDay, 'day'> {
  const waits = mine.flatMap((t) => waitOf(t) ?? []);
  // Known outcome: called (any result), or expired without ever being called (waited too long).
  const expiredUncalled = mine.filter((t) => t.status === 'expired' && !t.calledAt).length;
  const measured = waits.length + expiredUncalled;
  const withinTarget = waits.filter((w) => w <= s.targetWaitMinutes * 60).length;
  return {
    service: s.code,
    issued: mine.length,
    served: mine.filter((t) => t.status === 'done').length,
    noShow: mine.filter((t) => t.status === 'no_show').length,
    waitSeconds: secondsStats(waits),
    serviceSeconds: secondsStats(mine.flatMap((t) => serviceTimeOf(t) ?? [])),
    measured,
    withinTarget,
    share: measured ? round(withinTarget / measured) : null,
  };
}

/**
 * Tickets issued per hour of the office's clock (by issue time) and served per hour (by finish time),
 * every hour from the first to the last with any activity.
 */
function hourly(tickets: readonly ReportTicketRow[], timeZone: string): ReportSummary['byHour'] {
  const issued = new Map<number, number>();
  const served = new Map<number, number>();
  const bump = (m: Map<number, number>, h: number) => m.set(h, (m.get(h) ?? 0) + 1);
  for (const t of tickets) {
    bump(issued, officeHour(t.issuedAt, timeZone));
    if (t.status === 'done' && t.finishedAt) bump(served, officeHour(t.finishedAt, timeZone));
  }
  const hours = [...issued.keys(), ...served.keys()];
  if (hours.length === 0) return [];
  const out: ReportSummary['byHour'] = [];
  for (let h = Math.min(...hours); h <= Math.max(...hours); h++) {
    out.push({ hour: h, issued: issued.get(h) ?? 0, served: served.get(h) ?? 0 });
  }
  return out;
}

/**
 * Cases created in the window, by type and current status; stage durations of the cases registered
 * (submitted → registered) and issued (registered → issued) in the window.
 */
function caseStats(
  cases: readonly ReportCaseRow[],
  window: { start: Date; end: Date },
): ReportSummary['cases'] {
  const inWindow = (d: Date | null): d is Date => d !== null && d >= window.start && d < window.end;
  const counts = new Map<string, { type: string; status: string; count: number }>();
  for (const c of cases) {
    if (!inWindow(c.createdAt)) continue;
    const key = `${c.type}\u0000${c.status}`;
    const entry = counts.get(key) ?? { type: c.type, status: c.status, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  const stage = (pairs: Array<[Date | null, Date | null]>): CaseStageStats => {
    const list = pairs.flatMap(([a, b]) => (a && inWindow(b) ? [seconds(a, b)] : []));
    return { count: list.length, ...secondsStats(list) };
  };
  return {
    byTypeStatus: [...counts.values()].sort(
      (a, b) => a.type.localeCompare(b.type) || a.status.localeCompare(b.status),
    ),
    submittedToRegistered: stage(cases.map((c) => [c.submittedAt, c.registeredAt])),
    registeredToIssued: stage(cases.map((c) => [c.registeredAt, c.issuedAt])),
  };
}
