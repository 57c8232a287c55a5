/**
 * Renders tickets and windows one at a time, reading only what they need (no full queue scan).
 * Commands render their changes inside their transaction, so an event shows the state of its seq.
 */
import type { Transaction } from 'sequelize';
import type {
  CounterState,
  OfficeInfo,
  PrinterState,
  QueueChange,
  StaffTicket,
  TicketChangeEvent,
} from '../../protocol';
import type { QueueRepository } from '../../../db/repositories/queue-repository';
import { KioskPrinterRepository } from '../../../db/repositories/kiosk-printer-repository';
import type { CounterRecord, OfficeRecord, ServiceRecord, TicketRecord } from '../../../db/records';
import { notFound } from '../errors';
import { averageServiceSeconds, estimateWaitMinutes } from './estimate';
import type { QueuePlace } from '../../../db/repositories/queue-place';
import { toCounterState, toStaffTicket } from './ticket-dto';
import { servedServiceIds, toServiceDto } from './office-dto';
import type { CaseLinks } from '../registry/case-links';
import { WindowGuard, withClerks, type Clerk } from './counter-sessions';
import type { OfficeCache, OfficeCatalog } from './office-cache';

/** A change to emit after commit, before its seq is known. */
export type PendingChange =
  | {
      kind: TicketChangeEvent;
      ticketId: string;
      /** The ticket as the command left it, when the command has it (saves a read). */
      record?: TicketRecord;
      /** Its status before the command (the event's `was`); none for an issued ticket. */
      was?: TicketRecord['status'];
      /** Its case number (`null`: none), when the command read it (saves a read). */
      caseNumber?: string | null;
      /**
       * Its place (people ahead, windows serving it), when the command counted it already (MySQL:
       * carried with its number).
       */
      place?: Promise<QueuePlace>;
      /**
       * Its number, when the command took it in SQL with its commit (MySQL, a ticket issued
       * without a phone, case or booking; ticket-issuer.ts): the event is rendered after the
       * commit, from what {@link ChangeRenderer.prepareIssued} read before it.
       */
      numbered?: Promise<string>;
    }
  | { kind: 'printer:updated'; kiosk: string }
  | { kind: 'office:updated' }
  | { kind: 'services:updated' }
  | {
      kind: 'counter:updated';
      counter: string;
      /** The ticket the window now holds (`null`: none), when the command knows. */
      held?: TicketRecord | null;
      /** The window's row as the command left it, when it read it (saves a read). */
      record?: CounterRecord;
      /** Who works there (`null`: nobody), when the command read it (saves a read). */
      clerk?: Clerk | null;
    };

/** One ticket with its current waiting figures, read outside any command (staff view). */
export async function readTicket(
  repo: QueueRepository,
  id: string,
  cases: CaseLinks | undefined,
  /** The office cache: services, windows and durations from it instead of four more reads. */
  cache: OfficeCache,
): Promise<StaffTicket> {
  const ticket = await repo.findTicket(id);
  if (!ticket) throw notFound(`ticket ${id}`);
  const office = ticket.officeCode;
  const catalog = cache.catalog(office);
  return new ChangeRenderer(repo, office, undefined, cases, undefined, catalog).ticket(ticket);
}

export class ChangeRenderer {
  private services: Promise<ServiceRecord[]> | undefined;
  private counters: Promise<CounterRecord[]> | undefined;

  private readonly caseNumbers = new Map<string, Promise<string | null>>();

  constructor(
    private readonly repo: QueueRepository,
    readonly officeCode: string,
    readonly transaction?: Transaction,
    private readonly cases?: CaseLinks,
    /** Who holds each window (with the queue's clock); a real-clock one when not given. */
    private readonly windows?: WindowGuard,
    /** Where services and windows come from when not read in the transaction (the office cache). */
    private readonly catalog?: OfficeCatalog,
  ) {}

  /**
   * A command's pending changes as the events to publish, in order (their seq still 0); a change
   * whose subject is gone is left out. `officeInfo` shows the office as every page sees it.
   */
  async changes(
    pending: readonly PendingChange[],
    officeInfo: (office: OfficeRecord) => OfficeInfo,
  ): Promise<QueueChange[]> {
    const out: QueueChange[] = [];
    for (const change of pending) {
      if (change.kind === 'counter:updated') {
        const counter = await this.counter(
          change.counter,
          change.held,
          change.record,
          change.clerk,
        );
        if (counter) out.push({ kind: 'counter:updated', seq: 0, counter });
      } else if (change.kind === 'printer:updated') {
        const printer = await this.printer(change.kiosk);
        if (printer) out.push({ kind: 'printer:updated', seq: 0, printer });
      } else if (change.kind === 'office:updated') {
        const office = await this.repo.findOffice(this.officeCode, this.transaction);
        if (office) out.push({ kind: 'office:updated', seq: 0, office: officeInfo(office) });
      } else if (change.kind === 'services:updated') {
        const services = await this.repo.listServices(this.officeCode, this.transaction);
        const counters = await this.repo.listCounters(this.officeCode, this.transaction);
        const served = servedServiceIds(counters);
        out.push({
          kind: 'services:updated',
          seq: 0,
          services: services.map((s) => toServiceDto(s, served)),
        });
      } else {
        if (change.caseNumber !== undefined) this.knowCase(change.ticketId, change.caseNumber);
        const ticket = change.record
          ? await this.ticket(change.record, change.place)
          : await this.ticketById(change.ticketId);
        if (ticket) out.push({ kind: change.kind, seq: 0, ticket, was: change.was });
      }
    }
    return out;
  }

  /**
   * The staff DTO of a ticket; a waiting one carries people ahead, the windows serving it now and
   * the estimate (`place`: the count when the caller already started it).
   */
  async ticket(record: TicketRecord, place?: Promise<QueuePlace>): Promise<StaffTicket> {
    const code = await this.serviceCode(record.serviceId);
    const caseNumber = await this.caseNumber(record.id);
    if (record.status !== 'waiting') return toStaffTicket(record, code, { caseNumber });
    const now = this.windows?.now() ?? new Date();
    const [counted, durations] = await Promise.all([
      place ?? this.repo.countPlace(record, now, this.transaction),
      this.durations(record),
    ]);
    return waitingTicket(record, code, caseNumber, counted, durations);
  }

  /**
   * Issued tickets whose number comes with the commit ({@link PendingChange} `numbered`): what
   * their events need is read now, in the transaction (service code, case number, recent
   * durations: from the office cache, a miss read here); the events are made after the commit,
   * from the number and the place its round trip answered, without another read.
   */
  async prepareIssued(changes: PendingChange[]): Promise<() => Promise<QueueChange[]>> {
    const made = await Promise.all(
      changes.map(async (change) => {
        if (!('numbered' in change) || !change.numbered || !change.record || !change.place) {
          throw new Error('only a numbered issued ticket is rendered after its commit');
        }
        const { record, place, numbered, kind } = change;
        if (change.caseNumber !== undefined) this.knowCase(change.ticketId, change.caseNumber);
        const [code, caseNumber, recent] = await Promise.all([
          this.serviceCode(record.serviceId),
          this.caseNumber(record.id),
          this.issuedDurations(record),
        ]);
        return async (): Promise<QueueChange> => {
          const [number, counted, durations] = await Promise.all([
            numbered,
            place,
            recent.durations,
          ]);
          const ticket = waitingTicket({ ...record, number }, code, caseNumber, counted, durations);
          return { kind, seq: 0, ticket };
        };
      }),
    );
    return () => Promise.all(made.map((make) => make()));
  }

  /**
   * The durations an issued ticket's estimate takes: kept in the office cache, or — a miss —
   * read with the commit (held; MySQL), then kept. What is kept is answered or already sent (a
   * read in another command, sent at once); a read held for another command's commit is kept
   * only once answered: waiting for it could wait on that commit, and so on this one's locks.
   */
  private async issuedDurations(
    record: TicketRecord,
  ): Promise<{ durations: Promise<Map<number, number[]>> }> {
    const kept = this.catalog?.keptDurations(record.day, record.serviceId);
    if (kept) return { durations: kept };
    const { catalog, transaction } = this;
    if (!catalog || !transaction) return { durations: this.durations(record) };
    const { seconds } = await this.repo.holdServiceSeconds(
      record.officeCode,
      record.day,
      record.serviceId,
      transaction,
    );
    const durations = seconds.then((read) => {
      catalog.keepDurations(record.day, record.serviceId, read);
      return read;
    });
    durations.catch(() => undefined);
    return { durations };
  }

  private durations(record: TicketRecord): Promise<Map<number, number[]>> {
    return this.catalog
      ? this.catalog.durations(record.day, record.serviceId)
      : this.repo.recentServiceSeconds(
          record.officeCode,
          record.day,
          this.transaction,
          record.serviceId,
        );
  }

  async ticketById(id: string): Promise<StaffTicket | undefined> {
    const record = await this.repo.findTicket(id, this.transaction);
    return record ? this.ticket(record) : undefined;
  }

  /** A window with the ticket it holds (`held`: given by the caller when known, `null` for none). */
  async counter(
    number: string,
    known?: TicketRecord | null,
    /** The window as the command left it, when the command read it (saves a read). */
    row?: CounterRecord,
    /** Who works there (`null`: nobody), when the command read it (saves a read). */
    clerk?: Clerk | null,
  ): Promise<CounterState | undefined> {
    const listed = (await this.loadCounters()).find((c) => c.number === number);
    // The cached list may predate this command: the window itself is read as the command left it.
    const counter =
      row ??
      (this.catalog
        ? await this.repo.findCounter(this.officeCode, number, this.transaction, listed?.serviceIds)
        : listed);
    if (!counter) return undefined;
    const held =
      known === undefined
        ? await this.repo.findHeldTicket(this.officeCode, number, this.transaction)
        : (known ?? undefined);
    const services = await this.loadServices();
    const codeOf = (id: number) => services.find((s) => s.id === id)?.code ?? String(id);
    const windows = this.windows ?? new WindowGuard(this.repo.db, () => new Date());
    const clerks =
      clerk === undefined
        ? await windows.clerks(this.officeCode, this.transaction)
        : new Map(clerk ? [[number, clerk]] : []);
    const state = toCounterState(counter, codeOf, held ? await this.ticket(held) : undefined);
    return withClerks([state], clerks)[0];
  }

  /** A kiosk's printer: its last known state and the jobs waiting for it. */
  async printer(kiosk: string): Promise<PrinterState | undefined> {
    const repo = new KioskPrinterRepository(this.repo.db);
    const printers = await repo.kioskPrinters(this.officeCode, this.transaction);
    const found = printers.find((p) => p.code === kiosk);
    if (!found) return undefined;
    return {
      kiosk,
      status: printerStatus(found.status),
      pending: await repo.pendingPrintJobs(this.officeCode, kiosk, this.transaction),
    };
  }

  /** The case number of a ticket, when the command read it with the ticket (`null`: none). */
  knowCase(id: string, caseNumber: string | null): void {
    if (!this.caseNumbers.has(id)) this.caseNumbers.set(id, Promise.resolve(caseNumber));
  }

  /** One read per ticket and command (a call renders its ticket twice: itself, and its window's). */
  private caseNumber(id: string): Promise<string | null> {
    const cases = this.cases;
    if (!cases) return Promise.resolve(null);
    let found = this.caseNumbers.get(id);
    if (!found) {
      found = cases
        .caseNumbersOf([id], this.transaction)
        .then((numbers) => numbers.get(id) ?? null);
      this.caseNumbers.set(id, found);
    }
    return found;
  }

  private async serviceCode(serviceId: number): Promise<string> {
    const services = await this.loadServices();
    return services.find((s) => s.id === serviceId)?.code ?? String(serviceId);
  }

  private loadServices(): Promise<ServiceRecord[]> {
    this.services ??=
      this.catalog?.services() ?? this.repo.listServices(this.officeCode, this.transaction);
    return this.services;
  }

  private loadCounters(): Promise<CounterRecord[]> {
    this.counters ??=
      this.catalog?.counters() ?? this.repo.listCounters(this.officeCode, this.transaction);
    return this.counters;
  }
}

/** A waiting ticket's DTO: people ahead, windows serving it and the estimate from its place. */
function waitingTicket(
  record: TicketRecord,
  code: string,
  caseNumber: string | null,
  counted: QueuePlace,
  durations: Map<number, number[]>,
): StaffTicket {
  return toStaffTicket(record, code, {
    caseNumber,
    peopleAhead: counted.ahead,
    servingWindows: counted.serving,
    estimatedWaitMinutes: estimateWaitMinutes(
      counted.ahead,
      averageServiceSeconds(durations.get(record.serviceId) ?? []),
      counted.serving,
    ),
  });
}

/** A stored printer state as the wire names it. */
export function printerStatus(stored: string | null): PrinterState['status'] {
  return stored === 'online' || stored === 'offline' ? stored : 'unknown';
}
