/**
 * What the queue's command modules share, built once by QueueService: the repositories, the office
 * cache, the clock, the window guard, the command pipeline and the ticket transitions; and the
 * checks and answers every staff command makes the same way.
 */
import type { OfficeInfo, StaffTicket } from '../../protocol';
import type { QueueRepository } from '../../../db/repositories/queue-repository';
import type { HotPathRepository } from '../../../db/repositories/hot-path-repository';
import type { QueueViewRepository } from '../../../db/repositories/queue-view-repository';
import type { KioskPrinterRepository } from '../../../db/repositories/kiosk-printer-repository';
import type { OfficeRecord } from '../../../db/records';
import { forbidden } from '../errors';
import type { Actor, StaffPrincipal } from '../auth/actor';
import type { CaseLinks } from '../registry/case-links';
import { readTicket } from './change-renderer';
import type { WindowGuard } from './counter-sessions';
import type { OfficeCache } from './office-cache';
import type { CommandPipeline } from './command-pipeline';
import type { TicketTransitions } from './ticket-transitions';
import type { TicketOffices } from './ticket-offices';

export interface QueueContext {
  readonly repo: QueueRepository;
  /** The hot path's raw SQL (call-next, the window's ticket commands, audit rows). */
  readonly hot: HotPathRepository;
  /** The snapshot's whole-queue reads. */
  readonly view: QueueViewRepository;
  readonly printers: KioskPrinterRepository;
  readonly cache: OfficeCache;
  readonly now: () => Date;
  /** One window, one clerk: the check each command at a window makes. */
  readonly windows: WindowGuard;
  /** The registry: cases that tickets link to (pickup, follow-up visits). */
  readonly cases?: CaseLinks;
  /** The office as every page sees it at `now` (with the public address the pages show). */
  readonly officeInfo: (office: OfficeRecord, now: Date) => OfficeInfo;
  readonly pipeline: CommandPipeline;
  readonly transitions: TicketTransitions;
  readonly tickets: TicketOffices;
}

/** Refuses (`forbidden`) a staff member of another office. */
export function assertStaffOf(user: StaffPrincipal, officeCode: string): void {
  if (user.officeCode !== null && user.officeCode !== officeCode) {
    throw forbidden(`you work for office ${user.officeCode}`);
  }
}

/** A staff member as the actor of a command. */
export function actorOf(user: StaffPrincipal): Actor {
  return { kind: 'staff', user };
}

/** The ticket a command answers with: as its events carry it, else read. */
export function answerTicket(
  ctx: QueueContext,
  tickets: ReadonlyMap<string, StaffTicket>,
  id: string,
): StaffTicket | Promise<StaffTicket> {
  return tickets.get(id) ?? readTicket(ctx.repo, id, ctx.cases, ctx.cache);
}
