/**
 * The office's catalogue, as the administrator changes it: services, the windows and which services
 * each calls, the office's settings, and closing the day by hand. Every change runs through
 * `QueueService.configure` (one transaction, an audit row, then `services:updated` /
 * `counter:updated` / `office:updated` to every page, in seq order with the queue's own events).
 */
import type { Transaction } from 'sequelize';
import type {
  AdminCounter,
  AdminOfficeSettings,
  AdminService as AdminServiceDto,
  CreateService,
  OfficeSettings,
  PutCounter,
  UpdateService,
} from '../../protocol';
import type { Database } from '../../../db/database';
import {
  CatalogueRepository,
  type ServiceChange,
} from '../../../db/repositories/catalogue-repository';
import { AuditRepository } from '../../../db/repositories/audit-repository';
import { QueueRepository } from '../../../db/repositories/queue-repository';
import type { OfficeRecord, ServiceRecord } from '../../../db/records';
import { encodeClosedReasons, readClosedReason } from '../../protocol/closed-reason';
import { notFound, validationFailed } from '../errors';
import type { StaffPrincipal } from '../auth/actor';
import {
  assertAdministers,
  auditAdmin,
  conflict,
  diffOf,
  type AdminAuditRow,
} from '../auth/office-admin';
import type { QueueService } from '../queue/queue-service';

export interface CatalogueServiceDeps {
  db: Database;
  queue: QueueService;
  now?: () => Date;
  /** Called after a commit that started requiring pairing (to close unpaired devices' sockets). */
  onDevicesChanged?: () => Promise<void>;
}

export class CatalogueService {
  private readonly repo: CatalogueRepository;
  private readonly queueRepo: QueueRepository;
  private readonly auditRepo: AuditRepository;
  private readonly now: () => Date;

  constructor(private readonly deps: CatalogueServiceDeps) {
    this.repo = new CatalogueRepository(deps.db);
    this.queueRepo = new QueueRepository(deps.db);
    this.auditRepo = new AuditRepository(deps.db);
    this.now = deps.now ?? (() => new Date());
  }

  // ---- services ----

  async listServices(officeCode: string, admin: StaffPrincipal): Promise<AdminServiceDto[]> {
    await this.office(officeCode, admin);
    return (await this.repo.listServices(officeCode)).map(toServiceDto);
  }

  async createService(
    officeCode: string,
    body: CreateService,
    admin: StaffPrincipal,
  ): Promise<AdminServiceDto> {
    assertAdministers(admin, officeCode);
    return this.deps.queue.configure(officeCode, async (t, _office, changes) => {
      const existing = await this.repo.listServices(officeCode, t);
      if (existing.some((s) => s.code === body.code)) {
        throw conflict(`service ${body.code} exists already`, 'code');
      }
      const samePrefix = existing.find((s) => s.prefix === body.prefix);
      if (samePrefix) {
        throw conflict(`prefix ${body.prefix} belongs to ${samePrefix.code}`, 'prefix');
      }
      const record = {
        code: body.code,
        prefix: body.prefix,
        names: body.names,
        documents: body.documents ?? [],
        sortOrder: body.sortOrder ?? Math.max(0, ...existing.map((s) => s.sortOrder)) + 1,
        targetWaitMinutes: body.targetWaitMinutes ?? 15,
      };
      const id = await this.repo.insertService(officeCode, record, t);
      await this.audit(t, admin, {
        officeCode,
        action: 'service.create',
        entity: 'service',
        entityId: body.code,
        after: { ...record },
      });
      changes.push({ kind: 'services:updated' });
      return toServiceDto({ ...record, id, officeCode, isOpen: true, closedReason: null });
    });
  }

  async updateService(
    officeCode: string,
    code: string,
    body: UpdateService,
    admin: StaffPrincipal,
  ): Promise<AdminServiceDto> {
    assertAdministers(admin, officeCode);
    return this.deps.queue.configure(officeCode, async (t, _office, changes) => {
      const before = (await this.repo.listServices(officeCode, t)).find((s) => s.code === code);
      if (!before) throw notFound(`service ${code}`);
      const fields = serviceChange(body, before);
      const after: ServiceRecord = { ...before, ...fields };
      // Saved as it was (the form sends every field): nothing written, nothing in the log.
      if (Object.keys(diffOf(before, after)).length === 0) return toServiceDto(before);
      await this.repo.updateService(before.id, fields, t);
      const action =
        body.open === false && before.isOpen
          ? 'service.close'
          : body.open === true && !before.isOpen
            ? 'service.open'
            : 'service.update';
      await this.audit(t, admin, {
        officeCode,
        action,
        entity: 'service',
        entityId: code,
        before: diffOf(before, after),
        after: { ...diffOf(after, before) },
      });
      changes.push({ kind: 'services:updated' });
      return toServiceDto(after);
    });
  }

  // ---- counters ----

  async listCounters(officeCode: string, admin: StaffPrincipal): Promise<AdminCounter[]> {
    await this.office(officeCode, admin);
    const [counters, services] = await Promise.all([
      this.queueRepo.listCounters(officeCode),
      this.repo.listServices(officeCode),
    ]);
    return counters.map((c) => ({
      number: c.number,
      name: c.name,
      status: c.status,
      services: services.filter((s) => c.serviceIds.includes(s.id)).map((s) => s.code),
    }));
  }

  /**
   * Sets which services a window calls (creating the window when it is new); call-next follows.
   * `createOnly` (`If-None-Match: *`, the admin's "new window" form): a window that exists already
   * is 409 `conflict` naming the field, never overwritten.
   */
  async putCounter(
    officeCode: string,
    number: string,
    body: PutCounter,
    admin: StaffPrincipal,
    createOnly = false,
  ): Promise<AdminCounter> {
    assertAdministers(admin, officeCode);
    return this.deps.queue.configure(officeCode, async (t, _office, changes) => {
      const services = await this.repo.listServices(officeCode, t);
      const ids = serviceIdsOf(body.services, services);
      const before = (await this.queueRepo.listCounters(officeCode, t)).find(
        (c) => c.number === number,
      );
      if (createOnly && before) throw conflict(`window ${number} exists already`, 'counter');
      const { id } = await this.repo.upsertCounter(officeCode, number, body.name, this.now(), t);
      await this.repo.setCounterServices(id, ids, t);
      const codes = services.filter((s) => ids.includes(s.id)).map((s) => s.code);
      const codeOf = (sid: number) => services.find((s) => s.id === sid)?.code ?? String(sid);
      const name = body.name === undefined ? (before?.name ?? null) : body.name;
      await this.audit(t, admin, {
        officeCode,
        action: before ? 'counter.update' : 'counter.create',
        entity: 'counter',
        entityId: number,
        before: before ? { services: before.serviceIds.map(codeOf), name: before.name } : undefined,
        after: { services: codes, name },
      });
      changes.push({ kind: 'counter:updated', counter: number });
      // Which services some window calls may have changed: the kiosks offer only those.
      changes.push({ kind: 'services:updated' });
      return { number, name, status: before?.status ?? 'open', services: codes };
    });
  }

  // ---- office settings ----

  async settings(officeCode: string, admin: StaffPrincipal): Promise<AdminOfficeSettings> {
    assertAdministers(admin, officeCode);
    const office = await this.repo.findOffice(officeCode);
    if (!office) throw notFound(`office ${officeCode}`);
    return toSettingsDto(office);
  }

  async updateSettings(
    officeCode: string,
    body: OfficeSettings,
    admin: StaffPrincipal,
  ): Promise<AdminOfficeSettings> {
    assertAdministers(admin, officeCode);
    const settings = await this.deps.queue.configure(officeCode, async (t, _office, changes) => {
      const before = await this.repo.findOffice(officeCode, t);
      if (!before) throw notFound(`office ${officeCode}`);
      await this.repo.updateOffice(officeCode, body, t);
      const after: OfficeRecord = { ...before, ...body };
      // Only what changed: saved as it was, the form wrote an empty "Settings changed" row.
      const keys = (Object.keys(body) as Array<keyof OfficeSettings>).filter(
        (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
      );
      if (keys.length > 0) {
        await this.audit(t, admin, {
          officeCode,
          action: 'office.settings',
          entity: 'office',
          entityId: officeCode,
          before: Object.fromEntries(keys.map((k) => [k, before[k]])),
          after: Object.fromEntries(keys.map((k) => [k, after[k]])),
        });
      }
      changes.push({ kind: 'office:updated' });
      return toSettingsDto(after);
    });
    if (body.requireDevices === true && this.deps.onDevicesChanged) {
      await this.deps.onDevicesChanged().catch(() => undefined);
    }
    return settings;
  }

  // ---- day close ----

  /**
   * Closes today now: every ticket still waiting or called expires through the queue's own
   * lifecycle (the windows are freed), as the automatic close does at midnight. Numbering restarts
   * with the next office day either way.
   */
  async closeDay(
    officeCode: string,
    admin: StaffPrincipal,
  ): Promise<{ day: string; expired: number }> {
    assertAdministers(admin, officeCode);
    const { day, numbers } = await this.deps.queue.closeToday(
      officeCode,
      admin,
      async (t, closed, tickets) =>
        this.audit(t, admin, {
          officeCode,
          action: 'day.close',
          entity: 'office',
          entityId: officeCode,
          after: { day: closed, expired: tickets.length, tickets },
        }),
    );
    return { day, expired: numbers.length };
  }

  // ---- internals ----

  private async office(officeCode: string, admin: StaffPrincipal): Promise<OfficeRecord> {
    assertAdministers(admin, officeCode);
    return this.deps.queue.getOffice(officeCode);
  }

  private audit(t: Transaction, admin: StaffPrincipal, row: AdminAuditRow): Promise<void> {
    return auditAdmin(this.auditRepo, t, admin, this.now(), row);
  }
}

/** The stored change a PATCH of a service asks for. */
function serviceChange(body: UpdateService, before: ServiceRecord): ServiceChange {
  const fields: ServiceChange = {};
  if (body.names !== undefined) fields.names = { ...before.names, ...body.names };
  if (body.documents !== undefined) fields.documents = body.documents;
  if (body.sortOrder !== undefined) fields.sortOrder = body.sortOrder;
  if (body.targetWaitMinutes !== undefined) fields.targetWaitMinutes = body.targetWaitMinutes;
  if (body.open !== undefined) fields.isOpen = body.open;
  if (body.closedReason !== undefined) fields.closedReason = body.closedReason || null;
  if (body.closedReasons !== undefined)
    fields.closedReason = encodeClosedReasons(body.closedReasons);
  // Reopening forgets the reason it was closed for.
  if (body.open === true) fields.closedReason = null;
  return fields;
}

/** The ids of the services `codes` names (400 naming the first unknown one). */
function serviceIdsOf(codes: readonly string[], services: readonly ServiceRecord[]): number[] {
  const ids: number[] = [];
  codes.forEach((code, i) => {
    const s = services.find((x) => x.code === code);
    if (!s) {
      throw validationFailed(`services.${i}: unknown service ${code}`, {
        issues: [{ field: `services.${i}`, message: `unknown service ${code}` }],
      });
    }
    if (!ids.includes(s.id)) ids.push(s.id);
  });
  return ids;
}

function toServiceDto(s: ServiceRecord): AdminServiceDto {
  return {
    code: s.code,
    prefix: s.prefix,
    names: s.names,
    open: s.isOpen,
    closedReason: readClosedReason(s.closedReason)?.text ?? null,
    documents: s.documents,
    sortOrder: s.sortOrder,
    targetWaitMinutes: s.targetWaitMinutes,
  };
}

function toSettingsDto(s: OfficeRecord): AdminOfficeSettings {
  return {
    code: s.code,
    timeZone: s.timeZone,
    priorities: s.priorities,
    fairnessN: s.fairnessN,
    maxRecalls: s.maxRecalls,
    ticker: s.ticker,
    languages: s.languages,
    openingHours: s.openingHours ?? null,
    kioskIdleSeconds: s.kioskIdleSeconds,
    requireDevices: s.requireDevices,
    priorityByClerk: s.priorityByClerk,
  };
}
