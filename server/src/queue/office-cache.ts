/**
 * What rarely changes, read once: each office's settings, services, windows and kiosks. An entry is
 * dropped when the office's own committed events say it changed (`office:updated`,
 * `services:updated`, a window whose status or services differ, `printer:updated` for the kiosks)
 * — on every node, since every node sees every event — and renewed after `ttlMs` regardless (read
 * again in the background while its commands keep taking it; see `entry`).
 */
import type { Transaction } from 'sequelize';
import type { QueueChange, Ticket } from '../../protocol';
import { officeDay } from './office-day';
import type { QueueRepository } from '../../../db/repositories/queue-repository';
import { SERVICE_SECONDS_KEPT } from '../../../db/repositories/queue-place';
import type { CounterRecord, OfficeRecord, ServiceRecord } from '../../../db/records';

interface Entry {
  at: number;
  office?: Promise<OfficeRecord | undefined>;
  services?: Promise<ServiceRecord[]>;
  counters?: Promise<CounterRecord[]>;
  /** Resolved office, windows and services, to compare with events. */
  knownOffice?: OfficeRecord;
  knownCounters?: CounterRecord[];
  knownServices?: ServiceRecord[];
  /** Recent service durations per `day:serviceId` (the waiting estimate's input). */
  durations?: Map<string, Promise<Map<number, number[]>>>;
  kiosks?: Promise<Map<string, Kiosk>>;
  /** Its successor, being read after `ttlMs` while commands still take this one. */
  renewal?: Entry;
}

/** A kiosk as a ticket needs it: its code, its printer's address and last known state. */
export interface Kiosk {
  code: string;
  printerUrl: string | null;
  printerStatus: string | null;
}

/** Where a renderer takes an office's services, windows and recent service durations from. */
export interface OfficeCatalog {
  services(): Promise<ServiceRecord[]>;
  counters(): Promise<CounterRecord[]>;
  durations(day: string, serviceId: number): Promise<Map<number, number[]>>;
  /** The durations kept of a service, without a read (`undefined`: none kept). */
  keptDurations(day: string, serviceId: number): Promise<Map<number, number[]>> | undefined;
  /** Keeps durations a command read with its commit, unless some are kept already. */
  keepDurations(day: string, serviceId: number, durations: Map<number, number[]>): void;
}

export class OfficeCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly repo: QueueRepository,
    private readonly ttlMs = 30_000,
    /** The office's kiosks (without it, {@link kiosk} knows none). */
    private readonly readKiosks?: (code: string, t?: Transaction) => Promise<Kiosk[]>,
  ) {}

  /**
   * Reads everything an office's commands need, outside any transaction (a read inside one would
   * wait for a second pooled connection while holding the first).
   */
  async warm(code: string): Promise<void> {
    await Promise.all([
      this.office(code),
      this.services(code),
      this.counters(code),
      this.kiosks(code),
    ]);
  }

  /**
   * A kiosk of the office as last read; `undefined` when the list read has no such kiosk (one
   * added since: the caller reads the database, and {@link forgetKiosks} when it is there).
   */
  async kiosk(code: string, kiosk: string, t?: Transaction): Promise<Kiosk | undefined> {
    return (await this.kiosks(code, t)).get(kiosk);
  }

  /** The kiosk list is older than the database (a kiosk added since it was read). */
  forgetKiosks(code: string): void {
    const e = this.entries.get(code);
    if (e) e.kiosks = undefined;
  }

  private kiosks(code: string, t?: Transaction): Promise<Map<string, Kiosk>> {
    const e = this.entry(code);
    if (!e.kiosks && t) return this.readKioskMap(code, t);
    return this.kiosksOf(code, e);
  }

  /** The office; in a transaction a miss is read there and not kept (it may see its own writes). */
  office(code: string, t?: Transaction): Promise<OfficeRecord | undefined> {
    const e = this.entry(code);
    if (!e.office && t) return this.repo.findOffice(code, t);
    return this.officeOf(code, e);
  }

  services(code: string, t?: Transaction): Promise<ServiceRecord[]> {
    const e = this.entry(code);
    if (!e.services && t) return this.repo.listServices(code, t);
    return this.servicesOf(code, e);
  }

  counters(code: string, t?: Transaction): Promise<CounterRecord[]> {
    const e = this.entry(code);
    if (!e.counters && t) return this.repo.listCounters(code, t);
    return this.countersOf(code, e);
  }

  private async readKioskMap(code: string, t?: Transaction): Promise<Map<string, Kiosk>> {
    const kiosks = await (this.readKiosks?.(code, t) ?? Promise.resolve([]));
    return new Map(kiosks.map((k) => [k.code, k]));
  }

  private kiosksOf(code: string, e: Entry): Promise<Map<string, Kiosk>> {
    e.kiosks ??= this.settle(code, e, this.readKioskMap(code));
    return e.kiosks;
  }

  private officeOf(code: string, e: Entry): Promise<OfficeRecord | undefined> {
    if (!e.office) {
      e.office = this.settle(code, e, this.repo.findOffice(code));
      e.office.then((office) => (e.knownOffice = office)).catch(() => undefined);
    }
    return e.office;
  }

  private servicesOf(code: string, e: Entry): Promise<ServiceRecord[]> {
    if (!e.services) {
      e.services = this.settle(code, e, this.repo.listServices(code));
      e.services.then((list) => (e.knownServices = list)).catch(() => undefined);
    }
    return e.services;
  }

  private countersOf(code: string, e: Entry): Promise<CounterRecord[]> {
    if (!e.counters) {
      e.counters = this.settle(code, e, this.repo.listCounters(code));
      e.counters.then((list) => (e.knownCounters = list)).catch(() => undefined);
    }
    return e.counters;
  }

  /**
   * Recent service durations of one service (the 20 latest of the day), read once and kept: a
   * ticket done since is added from its event (an estimate may lag another node's completion by
   * one event), and the whole list is read again with the office after `ttlMs`.
   */
  durations(
    code: string,
    day: string,
    serviceId: number,
    read: () => Promise<Map<number, number[]>>,
  ): Promise<Map<number, number[]>> {
    const e = this.entry(code);
    e.durations ??= new Map();
    const key = `${day}:${serviceId}`;
    let found = e.durations.get(key);
    if (!found) {
      found = read();
      e.durations.set(key, found);
      found.catch(() => e.durations?.delete(key));
    }
    return found;
  }

  /**
   * An office's services, windows and recent durations as a renderer takes them: from this cache,
   * a miss read in `t` when given (see {@link services}).
   */
  catalog(code: string, t?: Transaction): OfficeCatalog {
    return {
      services: () => this.services(code, t),
      counters: () => this.counters(code, t),
      durations: (day, serviceId) =>
        // A miss is read in `t` too: a command holds its one connection (see small-pool.test).
        this.durations(code, day, serviceId, () =>
          this.repo.recentServiceSeconds(code, day, t, serviceId),
        ),
      keptDurations: (day, serviceId) => this.entry(code).durations?.get(`${day}:${serviceId}`),
      keepDurations: (day, serviceId, durations) => {
        const e = this.entry(code);
        e.durations ??= new Map();
        const key = `${day}:${serviceId}`;
        if (!e.durations.has(key)) e.durations.set(key, Promise.resolve(durations));
      },
    };
  }

  /** Drops what `changes` (committed, of this node or another) show to have changed. */
  observe(code: string, changes: readonly QueueChange[]): void {
    const e = this.entries.get(code);
    if (!e) return;
    observeIn(e, changes);
    // The renewal being read sees them too: a read it has under way is dropped as here.
    if (e.renewal) observeIn(e.renewal, changes);
  }

  /** Forgets an office (a configuration command, or a command that rolled back). */
  forget(code: string): void {
    this.entries.delete(code);
  }

  /**
   * The office's entry. One older than `ttlMs` is renewed in the background: its commands keep
   * taking it (the events kept it true) until the new reads are in, so no command waits for them;
   * one older than twice that (its renewal failing) is dropped, and read again by its commands.
   */
  private entry(code: string): Entry {
    const now = Date.now();
    let e = this.entries.get(code);
    if (!e || now - e.at > 2 * this.ttlMs) {
      e = { at: now };
      this.entries.set(code, e);
    } else if (now - e.at > this.ttlMs && !e.renewal) {
      this.renew(code, e, now);
    }
    return e;
  }

  /**
   * Reads the office's successor one read after another (a renewal holds at most one pooled
   * connection: nobody waits for it, and 70 offices renewing together must not crowd out their
   * commands), and puts it in place of `old` when all are in.
   */
  private renew(code: string, old: Entry, now: number): void {
    const next: Entry = { at: now };
    old.renewal = next;
    const read = async () => {
      await this.officeOf(code, next);
      await this.servicesOf(code, next);
      await this.countersOf(code, next);
      await this.kiosksOf(code, next);
    };
    read().then(
      () => {
        // Not over an office forgotten (or dropped) since: its commands read it afresh.
        if (this.entries.get(code) === old) this.entries.set(code, next);
      },
      () => (old.renewal = undefined),
    );
  }

  /** A failed read is not kept. */
  private settle<T>(code: string, e: Entry, read: Promise<T>): Promise<T> {
    read.catch(() => {
      if (this.entries.get(code) === e) this.entries.delete(code);
    });
    return read;
  }
}

/**
 * Adds a done ticket's time at the window to its service's cached durations, as a read would
 * find it first (the latest done); one the cache cannot place drops them all, to be read again.
 */
function learnDuration(
  e: Entry,
  ticket: Ticket & { startedAt?: string; finishedAt?: string },
): void {
  if (!e.durations) return;
  const serviceId = e.knownServices?.find((s) => s.code === ticket.service)?.id;
  const zone = e.knownOffice?.timeZone;
  if (serviceId === undefined || zone === undefined) {
    e.durations = undefined;
    return;
  }
  // Never started (a no-show closed as done): the read leaves it out too.
  if (!ticket.startedAt || !ticket.finishedAt) return;
  const key = `${officeDay(new Date(ticket.issuedAt), zone)}:${serviceId}`;
  const kept = e.durations.get(key);
  if (!kept) return;
  const seconds = (Date.parse(ticket.finishedAt) - Date.parse(ticket.startedAt)) / 1000;
  const durations = e.durations;
  const next = kept.then((byService) => {
    const list = [seconds, ...(byService.get(serviceId) ?? [])].slice(0, SERVICE_SECONDS_KEPT);
    return new Map(byService).set(serviceId, list);
  });
  durations.set(key, next);
  next.catch(() => durations.delete(key));
}

/** Whether an event's window matches the cached one (status, reason, services). */
function sameWindow(
  known: CounterRecord,
  event: { status: string; pauseReason?: string; services?: string[] },
  services: readonly ServiceRecord[] | undefined,
): boolean {
  const status =
    known.status === 'paused' ? 'paused' : known.status === 'closed' ? 'closed' : 'open';
  if (status !== event.status) return false;
  if (status === 'paused' && (known.pauseReason ?? undefined) !== event.pauseReason) return false;
  if (event.services === undefined) return true;
  if (!services) return false;
  const codes = known.serviceIds.map((id) => services.find((s) => s.id === id)?.code ?? '');
  return [...codes].sort().join() === [...event.services].sort().join();
}

/** {@link OfficeCache.observe} on one entry. */
function observeIn(e: Entry, changes: readonly QueueChange[]): void {
  for (const change of changes) {
    if ('ticket' in change && change.ticket.status === 'done') learnDuration(e, change.ticket);
    if (change.kind === 'office:updated') {
      // Also what a removed kiosk says (auth/device-service.ts): its printer is read again.
      e.office = e.knownOffice = e.kiosks = undefined;
    } else if (change.kind === 'printer:updated') e.kiosks = undefined;
    else if (change.kind === 'services:updated') {
      e.services = e.knownServices = undefined;
      e.counters = e.knownCounters = undefined;
    } else if (change.kind === 'counter:updated' && e.counters) {
      const known = e.knownCounters?.find((c) => c.number === change.counter.number);
      if (!known || !sameWindow(known, change.counter, e.knownServices)) {
        e.counters = e.knownCounters = undefined;
      }
    }
  }
}
