/**
 * The live queue's commands and reads, as every edge calls them. Each command is one transaction
 * (rows + audit + seq) run by the command pipeline, and its events are published only after
 * commit. The commands themselves live by concern: issuing (ticket-issuer.ts), a ticket's later
 * steps (ticket-commands.ts), a window's (window-commands.ts); the snapshot in read-snapshot.ts.
 */
import type { Transaction } from 'sequelize';
import type {
  IssueTicket,
  OfficeInfo,
  CallReason,
  CounterState,
  QueueChange,
  QueueSnapshot,
  Service,
  StaffTicket,
  TicketAction,
  Transfer,
} from '../../protocol';
import type { Database } from '../../../db/database';
import { QueueRepository } from '../../../db/repositories/queue-repository';
import { HotPathRepository } from '../../../db/repositories/hot-path-repository';
import { QueueViewRepository } from '../../../db/repositories/queue-view-repository';
import { KioskPrinterRepository } from '../../../db/repositories/kiosk-printer-repository';
import type { OfficeRecord } from '../../../db/records';
import { notFound } from '../errors';
import type { Actor, StaffPrincipal } from '../auth/actor';
import { WindowGuard } from './counter-sessions';
import { readTicket, type PendingChange } from './change-renderer';
import type { CommandAdmission } from './admission';
import { OfficeCache } from './office-cache';
import { CommandPipeline, type Publish } from './command-pipeline';
import { TicketOffices } from './ticket-offices';
import { TicketTransitions } from './ticket-transitions';
import { TicketIssuer, type AdmitBooking } from './ticket-issuer';
import { TicketCommands } from './ticket-commands';
import { WindowCommands } from './window-commands';
import { readSnapshot } from './read-snapshot';
import { servedServiceIds, toOfficeInfo, toServiceDto } from './office-dto';
import type { QueueContext } from './queue-context';
import type { CaseLinks } from '../registry/case-links';
import type { NewPrintJob, PrintQueue } from '../printing/print-queue';
import type { Outbox } from '../messages/outbox';
import type { PublicUrl } from '../public-url';
import { ticketKeys } from '../security/ticket-keys';

export interface QueueServiceDeps {
  db: Database;
  /** The registry: cases that tickets link to (pickup, follow-up visits). */
  cases?: CaseLinks;
  /** The print queue: a kiosk with a printer gets a job with each ticket. */
  print?: Pick<PrintQueue, 'enqueue'>;
  /** Citizen messages: written in the command's transaction. */
  messages?: Pick<Outbox, 'subscribeTicket' | 'queueChanged' | 'phoneOf'>;
  publish: Publish;
  now?: () => Date;
  /** Bounds the commands in flight per office (503 `overloaded` beyond); none by default. */
  admission?: CommandAdmission;
  /** Where phones reach the server (PUBLIC_URL, else the listening address): the pages show it. */
  publicUrl?: () => PublicUrl;
}

export class QueueService {
  private readonly ctx: QueueContext;
  private readonly issuer: TicketIssuer;
  private readonly ticketCommands: TicketCommands;
  private readonly windowCommands: WindowCommands;

  constructor(deps: QueueServiceDeps) {
    const repo = new QueueRepository(deps.db);
    const hot = new HotPathRepository(deps.db, deps.cases?.sharesQueueDatabase === true);
    const printers = new KioskPrinterRepository(deps.db);
    const cache = new OfficeCache(repo, undefined, (code, t) => printers.listKiosks(code, t));
    const now = deps.now ?? (() => new Date());
    const windows = new WindowGuard(deps.db, now);
    const tickets = new TicketOffices(repo);
    const officeInfo = (office: OfficeRecord, at: Date) =>
      toOfficeInfo(office, at, deps.publicUrl?.());
    const pipeline = new CommandPipeline({
      db: deps.db,
      publish: deps.publish,
      cases: deps.cases,
      messages: deps.messages,
      admission: deps.admission,
      repo,
      cache,
      windows,
      tickets,
      officeInfo: (office) => officeInfo(office, now()),
    });
    this.ctx = {
      repo,
      hot,
      view: new QueueViewRepository(deps.db),
      printers,
      cache,
      now,
      windows,
      cases: deps.cases,
      officeInfo,
      pipeline,
      transitions: new TicketTransitions(repo, hot, now),
      tickets,
    };
    this.issuer = new TicketIssuer(this.ctx, deps);
    this.ticketCommands = new TicketCommands(this.ctx);
    this.windowCommands = new WindowCommands(this.ctx);
  }

  /** The office, or 404. */
  async getOffice(code: string): Promise<OfficeRecord> {
    const office = await this.ctx.cache.office(code);
    if (!office) throw notFound(`office ${code}`);
    return office;
  }

  /** What every page may know of the office: names, zone, languages, priorities, ticker, idle time. */
  async officeInfo(code: string): Promise<OfficeInfo> {
    return this.ctx.officeInfo(await this.getOffice(code), this.ctx.now());
  }

  /** What the kiosk offers: every service with names and whether it issues tickets now. */
  async listServices(officeCode: string): Promise<Service[]> {
    await this.getOffice(officeCode);
    const [services, counters] = await Promise.all([
      this.ctx.cache.services(officeCode),
      this.ctx.cache.counters(officeCode),
    ]);
    const served = servedServiceIds(counters);
    return services.map((s) => toServiceDto(s, served));
  }

  /**
   * Runs an administrator's change to the office as one queue command: `work` writes inside the
   * transaction and lists what to publish (`office:updated`, `services:updated`, `counter:updated`),
   * so every kiosk, display and console sees it at once, in seq order with the queue's own events.
   */
  async configure<T>(
    officeCode: string,
    work: (t: Transaction, office: OfficeRecord, changes: PendingChange[]) => Promise<T>,
  ): Promise<T> {
    return (await this.ctx.pipeline.run(officeCode, work, { configures: true })).result;
  }

  /**
   * An office's settings, services, windows and kiosks are read again from the database (changed
   * there other than through the app: the app's own changes say so in their events).
   */
  forgetOffice(officeCode: string): void {
    this.ctx.cache.forget(officeCode);
  }

  /** The key the holder of ticket `id` gets with it (security/ticket-keys.ts). */
  holderKey(ticketId: string): Promise<string> {
    return ticketKeys(this.ctx.repo.db).keyOf(ticketId);
  }

  /** Changes committed by another node: what they changed is read again. */
  observeCommitted(officeCode: string, changes: readonly QueueChange[]): void {
    this.ctx.cache.observe(officeCode, changes);
    this.ctx.tickets.learn(officeCode, changes);
  }

  /**
   * Issues a ticket. With an idempotency key, the same key returns the ticket it issued before
   * (`created: false`) instead of a second one.
   */
  issue(
    officeCode: string,
    req: IssueTicket,
    idempotencyKey: string | undefined,
    actor: Actor,
    /** A booking checked in with this ticket (`queueTime` and `appointmentCode` come from it). */
    admit?: AdmitBooking,
  ): Promise<{ ticket: StaffTicket; created: boolean; printJob?: NewPrintJob }> {
    return this.issuer.issue(officeCode, req, idempotencyKey, actor, admit);
  }

  /** One ticket with its current waiting figures (staff view; strip for the public). */
  getTicket(id: string): Promise<StaffTicket> {
    return readTicket(this.ctx.repo, id, this.ctx.cases, this.ctx.cache);
  }

  /** Calls the next ticket for a counter; `null` when nobody waits for what it serves. */
  callNext(
    officeCode: string,
    counterNumber: string,
    user: StaffPrincipal,
    /** Told why the ticket was chosen (the answer's `reason`). */
    why?: (reason: CallReason) => void,
  ): Promise<StaffTicket | null> {
    return this.windowCommands.callNext(officeCode, counterNumber, user, why);
  }

  /**
   * Calls one chosen waiting ticket to a counter (the clerk picks it from the waiting list), with
   * the same guards as call-next: the window must be free and open. A ticket transferred to another
   * window is that window's.
   */
  callTicket(
    officeCode: string,
    counterNumber: string,
    ticketId: string,
    user: StaffPrincipal,
  ): Promise<StaffTicket> {
    return this.windowCommands.callTicket(officeCode, counterNumber, ticketId, user);
  }

  /**
   * Pauses a window with a reason (a break, a technical problem) or, with `reason: null`, opens it
   * again. A paused window calls nobody; a ticket it holds can still be finished.
   */
  setCounterPause(
    officeCode: string,
    counterNumber: string,
    reason: string | null,
    user: StaffPrincipal,
  ): Promise<CounterState> {
    return this.windowCommands.setCounterPause(officeCode, counterNumber, reason, user);
  }

  /** recall / start / no-show / complete of a ticket at its counter. */
  act(
    ticketId: string,
    action: Extract<TicketAction, 'recall' | 'start' | 'no-show' | 'complete'>,
    user: StaffPrincipal,
  ): Promise<StaffTicket> {
    return this.ticketCommands.act(ticketId, action, user);
  }

  /** Sends a ticket back to the queue for another service or a given counter; it keeps its place. */
  transfer(ticketId: string, target: Transfer, user: StaffPrincipal): Promise<StaffTicket> {
    return this.ticketCommands.transfer(ticketId, target, user);
  }

  /** Inside a command: the tickets at or sent to `counter` go back to their lines. */
  returnFromWindow(
    t: Transaction,
    officeCode: string,
    counter: string,
    note: string,
    changes: PendingChange[],
  ): Promise<void> {
    return this.ticketCommands.returnFromWindow(t, officeCode, counter, note, changes);
  }

  /**
   * Closes earlier office days: their waiting and called tickets expire, serving ones are completed.
   * Safe to run on every node at once (each ticket changes in one transaction, once).
   */
  closeStaleDays(officeCode: string): Promise<number> {
    return this.ticketCommands.closeStaleDays(officeCode);
  }

  /**
   * Closes today by hand: its waiting and called tickets expire through the lifecycle, audited as
   * `user`'s, and their windows are freed. `andThen` writes in the same transaction (the day's row).
   */
  closeToday(
    officeCode: string,
    user: StaffPrincipal,
    andThen: (t: Transaction, day: string, numbers: string[]) => Promise<void>,
  ): Promise<{ day: string; numbers: string[] }> {
    return this.ticketCommands.closeToday(officeCode, user, andThen);
  }

  /**
   * Today's live queue of an office, with the seq it is current at (see `readSnapshot`): bounded
   * reads, its cost and size do not grow with the queue.
   */
  async snapshot(
    officeCode: string,
    options: { waitingPerService?: number } = {},
  ): Promise<QueueSnapshot> {
    return readSnapshot(this.ctx, officeCode, await this.getOffice(officeCode), options);
  }

  /** A kiosk's printer address (`null`: none); undefined for an unknown kiosk or office. */
  async kioskPrinterUrl(officeCode: string, kiosk: string): Promise<string | null | undefined> {
    const device = await this.ctx.printers.findDevice(officeCode, kiosk, 'kiosk');
    return device === undefined ? undefined : device.printerUrl;
  }

  /**
   * Records what a kiosk's printer just did (a job printed: online; a send failed or a probe found it
   * silent: offline). Publishes `printer:updated` only when the state changes.
   */
  async setPrinterStatus(
    officeCode: string,
    kiosk: string,
    status: 'online' | 'offline',
  ): Promise<void> {
    const { printers, now, cache } = this.ctx;
    // Every printed ticket reports its printer online: without a change, nothing is written, and
    // the state is the office cache's (which every node's `printer:updated` drops; a state changed
    // on another node a moment ago is set again by the next print or probe). The command reads
    // again under its transaction before it writes.
    const cached = await cache.kiosk(officeCode, kiosk);
    const known = cached?.printerUrl
      ? { status: cached.printerStatus }
      : (await printers.kioskPrinters(officeCode)).find((p) => p.code === kiosk);
    if (!known || known.status === status) return;
    await this.ctx.pipeline.run(officeCode, async (t, _office, changes) => {
      const printer = (await printers.kioskPrinters(officeCode, t)).find((p) => p.code === kiosk);
      if (!printer || printer.status === status) return;
      await printers.setPrinterStatus(officeCode, kiosk, status, now(), t);
      changes.push({ kind: 'printer:updated', kiosk });
    });
  }

  /** Print jobs of a kiosk not yet printed nor given up (the `pending` of its printer state). */
  pendingPrintJobs(officeCode: string, kiosk: string): Promise<number> {
    return this.ctx.printers.pendingPrintJobs(officeCode, kiosk);
  }

  /** Kiosks with a printer, across offices (for the printer probe). */
  kioskPrinters(): Promise<Array<{ officeCode: string; code: string; printerUrl: string }>> {
    return this.ctx.printers.kioskPrinters(undefined);
  }

  /** Whether the office exists (socket auth). */
  async officeExists(code: string): Promise<boolean> {
    return (await this.ctx.repo.findOffice(code)) !== undefined;
  }
}
