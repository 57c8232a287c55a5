/**
 * Reads an office's snapshot: today's live queue from bounded reads (held tickets, each service's
 * waiting head, counts, recent durations), with the office, its catalogue, the latest calls, the
 * windows' clerks and the kiosks' printers, at the seq it is current at.
 */
import { RECENT_CALLS_IN_SNAPSHOT, type QueueSnapshot } from '../../protocol';
import type { OfficeRecord } from '../../../db/records';
import { officeDay } from './office-day';
import { toPublicTicket, toStaffTicket } from './ticket-dto';
import { withClerks } from './counter-sessions';
import { printerStatus } from './change-renderer';
import { servedServiceIds, toServiceDto } from './office-dto';
import { STAFF_WAITING_HEAD, buildQueuePart } from './snapshot';
import type { QueueContext } from './queue-context';

/**
 * The snapshot of `office`: the called and serving tickets, the first `waitingPerService` waiting
 * tickets of each service (default {@link STAFF_WAITING_HEAD}) and every service's count and
 * estimate. Its cost and size do not grow with the queue.
 */
export async function readSnapshot(
  ctx: QueueContext,
  officeCode: string,
  office: OfficeRecord,
  options: { waitingPerService?: number } = {},
): Promise<QueueSnapshot> {
  const now = ctx.now();
  const day = officeDay(now, office.timeZone);
  // The queue's reads and its seq at one moment: a ticket that commits while they run is in
  // neither, and comes as the event after the seq (a count read after the seq on another
  // connection counted it, and its event counted it again: the display's one too many).
  const queue = ctx.view.db.readAtOneMoment(async (t) => {
    const seq = await ctx.repo.currentSeq(officeCode, t);
    const [held, heads, waiting, durations, calls] = await Promise.all([
      ctx.view.heldTickets(officeCode, day, t),
      ctx.view.waitingHeads(officeCode, day, options.waitingPerService ?? STAFF_WAITING_HEAD, t),
      ctx.view.waitingCounts(officeCode, day, t),
      ctx.repo.recentServiceSeconds(officeCode, day, t),
      ctx.view.recentCalls(officeCode, day, RECENT_CALLS_IN_SNAPSHOT, t),
    ]);
    return { seq, held, heads, waiting, durations, calls };
  });
  const [services, counters, printers, clerks, { seq, held, heads, waiting, durations, calls }] =
    await Promise.all([
      ctx.cache.services(officeCode),
      ctx.cache.counters(officeCode),
      printerStates(ctx, officeCode),
      ctx.windows.clerks(officeCode),
      queue,
    ]);
  const caseNumbers = ctx.cases
    ? await ctx.cases.caseNumbersOf([...held, ...heads].map((t) => t.id))
    : undefined;
  const part = buildQueuePart({
    seq,
    now,
    services,
    counters,
    held,
    heads,
    waiting,
    durations,
    caseNumbers,
    staffed: new Set(clerks.keys()),
  });
  const codeOf = (id: number) => services.find((s) => s.id === id)?.code ?? String(id);
  return {
    ...part,
    counters: withClerks(part.counters, clerks),
    office: ctx.officeInfo(office, now),
    catalog: services.map((s) => toServiceDto(s, servedServiceIds(counters))),
    recentCalls: calls.map((t) => toPublicTicket(toStaffTicket(t, codeOf(t.serviceId)))),
    printers,
  };
}

/** Each kiosk printer's last known state and the jobs it still owes. */
async function printerStates(
  ctx: QueueContext,
  officeCode: string,
): Promise<QueueSnapshot['printers']> {
  return Promise.all(
    (await ctx.printers.kioskPrinters(officeCode)).map(async (p) => ({
      kiosk: p.code,
      status: printerStatus(p.status),
      pending: await ctx.printers.pendingPrintJobs(officeCode, p.code),
    })),
  );
}
