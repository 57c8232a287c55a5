/**
 * Renders tickets and windows one at a time, reading only what they need (no full queue scan).
 * Commands render their changes inside their transaction, so an event shows the state of its seq.
 */
import type { Transaction } from 'sequelize';
import type { CounterState, PrinterState, StaffTicket } from '../../protocol';
import type { QueueRepository } from '../../../db/repositories/queue-repository';
import type { CounterRecord, ServiceRecord, TicketRecord } from '../../../db/records';
import { averageServiceSeconds, estimateWaitMinutes } from './estimate';
import { toCounterState, toStaffTicket } from './ticket-dto';
import type { CaseLinks } from '../registry/case-links';
import { WindowGuard, withClerks, type Clerk } from './counter-sessions';

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
    private readonly catalog?: {
      services(): Promise<ServiceRecord[]>;
      counters(): Promise<CounterRecord[]>;
      /** Recent service durations of one service (the office cache keeps them). */
      durations?(day: string, serviceId: number): Promise<Map<number, number[]>>;
    },
  ) {}

  /** The staff DTO of a ticket; a waiting one carries people ahead and the estimate. */
  async ticket(record: TicketRecord): Promise<StaffTicket> {
    const code = await this.serviceCode(record.serviceId);
    const caseNumber = await this.caseNumber(record.id);
    if (record.status !== 'waiting') return toStaffTicket(record, code, { caseNumber });
    const [ahead, durations, counters] = await Promise.all([
      this.repo.countAhead(record, this.transaction),
      this.catalog?.durations
        ? this.catalog.durations(record.day, record.serviceId)
        : this.repo.recentServiceSeconds(
            record.officeCode,
            record.day,
            this.transaction,
            record.serviceId,
          ),
      this.loadCounters(),
    ]);
    const serving = counters.filter(
      (c) => c.status === 'open' && c.serviceIds.includes(record.serviceId),
    ).length;
    return toStaffTicket(record, code, {
      caseNumber,
      peopleAhead: ahead,
      estimatedWaitMinutes: estimateWaitMinutes(
        ahead,
        averageServiceSeconds(durations.get(record.serviceId) ?? []),
        serving,
      ),
    });
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
    const printers = await this.repo.kioskPrinters(this.officeCode, this.transaction);
    const found = printers.find((p) => p.code === kiosk);
    if (!found) return undefined;
    return {
      kiosk,
      status: printerStatus(found.status),
      pending: await this.repo.pendingPrintJobs(this.officeCode, kiosk, this.transaction),
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

/** A stored printer state as the wire names it. */
export function printerStatus(stored: string | null): PrinterState['status'] {
  return stored === 'online' || stored === 'offline' ? stored : 'unknown';
}
