/**
 * The live queue's snapshot from bounded reads: the held tickets, the head of each service's waiting
 * line and per-service counts. Its size and cost follow the windows and services, not the queue.
 */
import type { CounterState, QueueSnapshot, ServiceLoad, StaffTicket, Ticket } from '../../protocol';
import type { CounterRecord, ServiceRecord, TicketRecord } from '../../../db/records';
import { averageServiceSeconds, estimateWaitMinutes } from './estimate';
import { toCounterState, toPublicCounter, toPublicTicket, toStaffTicket } from './ticket-dto';

/** Waiting tickets per service a staff snapshot carries (the console's list; more by paging). */
export const STAFF_WAITING_HEAD = 50;
/** Waiting tickets per service a public snapshot carries (what a display or kiosk may show). */
export const PUBLIC_WAITING_HEAD = 2;

/** What one build reads. `heads` are in call order per service (see `waitingHeads`). */
export interface SnapshotInput {
  seq: number;
  now: Date;
  services: readonly ServiceRecord[];
  counters: readonly CounterRecord[];
  held: readonly TicketRecord[];
  heads: readonly TicketRecord[];
  waiting: ReadonlyMap<number, number>;
  durations: ReadonlyMap<number, number[]>;
  caseNumbers?: ReadonlyMap<string, string>;
  /**
   * Windows with a clerk at them (by number); a window holding a ticket counts too. Given, only
   * those serve a line (the waiting heads carry `servingWindows`); not given, every open window.
   */
  staffed?: ReadonlySet<string>;
}

/** The parts of a snapshot computed from the queue (office, catalog and printers come alongside). */
export type QueuePart = Pick<
  QueueSnapshot,
  'seq' | 'serverTime' | 'tickets' | 'counters' | 'services' | 'waitingListed'
>;

/** Staff view: held tickets and each service's head with people ahead and the estimate. */
export function buildQueuePart(input: SnapshotInput): QueuePart {
  const code = new Map(input.services.map((s) => [s.id, s.code]));
  const codeOf = (id: number) => code.get(id) ?? String(id);
  const { staffed } = input;
  const atWork = new Set(input.held.map((t) => t.counterNumber));
  const working = input.counters.filter(
    (c) => c.status === 'open' && (!staffed || staffed.has(c.number) || atWork.has(c.number)),
  );
  const servingCounts = new Map<number, number>();
  const serving = (serviceId: number) => {
    let n = servingCounts.get(serviceId);
    if (n === undefined) {
      n = working.filter((c) => c.serviceIds.includes(serviceId)).length;
      servingCounts.set(serviceId, n);
    }
    return n;
  };
  const averages = new Map<number, number>();
  const estimate = (serviceId: number, ahead: number) => {
    let avg = averages.get(serviceId);
    if (avg === undefined) {
      avg = averageServiceSeconds(input.durations.get(serviceId) ?? []);
      averages.set(serviceId, avg);
    }
    return estimateWaitMinutes(ahead, avg, serving(serviceId));
  };
  const caseNumber = (id: string) => input.caseNumbers?.get(id) ?? null;
  const held = input.held.map((t) =>
    toStaffTicket(t, codeOf(t.serviceId), { caseNumber: caseNumber(t.id) }),
  );
  const place = new Map<number, number>();
  const heads = input.heads.map((t) => {
    const ahead = place.get(t.serviceId) ?? 0;
    place.set(t.serviceId, ahead + 1);
    return toStaffTicket(t, codeOf(t.serviceId), {
      caseNumber: caseNumber(t.id),
      peopleAhead: ahead,
      ...(staffed ? { servingWindows: serving(t.serviceId) } : {}),
      estimatedWaitMinutes: estimate(t.serviceId, ahead),
    });
  });
  const heldBy = new Map<string, StaffTicket>();
  for (const t of held) if (t.counter !== undefined) heldBy.set(t.counter, t);
  const counters: CounterState[] = input.counters.map((c) =>
    toCounterState(c, codeOf, heldBy.get(c.number)),
  );
  const services: ServiceLoad[] = input.services.map((s) => {
    const waiting = input.waiting.get(s.id) ?? 0;
    return { code: s.code, waiting, estimatedWaitMinutes: estimate(s.id, waiting) };
  });
  return {
    seq: input.seq,
    serverTime: input.now.toISOString(),
    // Issue order, as the full list was: the console and the pages sort as they need.
    tickets: [...held, ...heads].sort((a, b) => byIssue(a, b)),
    counters,
    services,
    waitingListed: heads.length >= waitingTotal(services) ? 'all' : 'head',
  };
}

/**
 * The JSON bytes a public snapshot's queue may fill with waiting tickets (the held tickets, the
 * windows, the recent calls and the office's catalog come first, whatever they take). With the
 * phone's own ticket and the clock's stamp a public snapshot stays under 10 KB whatever the queue.
 */
export const PUBLIC_SNAPSHOT_BYTES = 9 * 1024;

/**
 * What `/display` and `/kiosk` get: public DTOs only, and every called and serving ticket. A call
 * still held at a window is in `tickets` and `counters`, so `recentCalls` does not repeat it (the
 * pages merge the two, see ui/queue-store.ts). Waiting tickets fill what is left of
 * {@link PUBLIC_SNAPSHOT_BYTES}: the whole line when it fits (`all`, as CONTRACT §5 lists
 * `tickets`), else the first of every service's line, then the second, up to
 * {@link PUBLIC_WAITING_HEAD}, as far as whole rounds fit (`head`).
 */
export function toPublicSnapshot(staff: QueueSnapshot): QueueSnapshot {
  const tickets = staff.tickets.map(toPublicTicket);
  const held = new Set(tickets.filter((t) => t.status !== 'waiting').map((t) => t.id));
  const base: QueueSnapshot = {
    ...staff,
    tickets: tickets.filter((t) => held.has(t.id)),
    counters: staff.counters.map(toPublicCounter),
    waitingListed: 'head',
  };
  if (staff.recentCalls) base.recentCalls = staff.recentCalls.filter((t) => !held.has(t.id));
  const waiting = tickets.filter((t) => t.status === 'waiting');
  let room = PUBLIC_SNAPSHOT_BYTES - jsonBytes(base);
  const cost = (tickets: readonly Ticket[]) => tickets.reduce((n, t) => n + jsonBytes(t) + 1, 0);
  const whole = staff.waitingListed === 'all' && cost(waiting) <= room;
  const listed = new Set<string>();
  if (whole) {
    for (const t of waiting) listed.add(t.id);
  } else {
    for (let depth = 0; depth < PUBLIC_WAITING_HEAD; depth++) {
      const round = waiting.filter((t) => (t.peopleAhead ?? 0) === depth);
      const bytes = cost(round);
      if (round.length === 0 || bytes > room) break;
      room -= bytes;
      for (const t of round) listed.add(t.id);
    }
  }
  return {
    ...base,
    // Issue order, as the staff list is.
    tickets: tickets.filter((t) => held.has(t.id) || listed.has(t.id)),
    waitingListed: whole ? 'all' : 'head',
  };
}

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

const waitingTotal = (services: readonly ServiceLoad[]) =>
  services.reduce((n, s) => n + s.waiting, 0);

function byIssue(a: StaffTicket, b: StaffTicket): number {
  if (a.issuedAt !== b.issuedAt) return a.issuedAt < b.issuedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
