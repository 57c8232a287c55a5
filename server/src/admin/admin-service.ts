/**
 * The administrator's commands. Office changes run through `QueueService.configure` (one transaction,
 * an audit row, then `services:updated` / `counter:updated` / `office:updated` to every page); staff
 * changes are one transaction with their audit row.
 */
import type { Transaction } from 'sequelize';
import type {
  AdminCounter,
  AdminDevice,
  CreateDevice,
  DevicePairing,
  AdminOfficeSettings,
  AdminService as AdminServiceDto,
  AdminUser,
  AuditEntry,
  AuditQuery,
  CreateService,
  CreateUser,
  Language,
  OfficeSettings,
  PutCounter,
  ReportSummary,
  TicketStatus,
  UpdateDevice,
  UpdateService,
  UpdateUser,
} from '../../protocol';
import type { Database } from '../../../db/database';
import {
  AdminRepository,
  reportCases,
  type AdminServiceRecord,
} from '../../../db/repositories/admin-repository';
import { QueueRepository } from '../../../db/repositories/queue-repository';
import { encodeClosedReasons, readClosedReason } from '../../protocol/closed-reason';
import { RegistryRepository } from '../../../db/repositories/registry-repository';
import type { UserRecord } from '../../../db/records';
import { AppError, forbidden, illegalTransition, notFound, validationFailed } from '../errors';
import type { StaffPrincipal } from '../auth/actor';
import type { AuthService } from '../auth/auth-service';
import type { QueueService } from '../queue/queue-service';
import { dayStart, nextDay, officeDay } from '../queue/office-day';
import { applyTicketAction } from '../queue/lifecycle';
import { parsePrinterUrl } from '../printing/transports';
import {
  allowedTcpAddress,
  checkDevice,
  checkSpoolFile,
  currentPrinterPolicy,
} from '../printing/printer-policy';
import { printerSettings } from '../printing/ticket-printer';
import { searchAuditLog } from './audit-log';
import { summarize } from './report';
import { summaryCsv } from './report-csv';

export interface AdminServiceDeps {
  db: Database;
  /** The registry's database (cases), when it is not `db`. */
  registryDb?: Database;
  queue: QueueService;
  auth: AuthService;
  now?: () => Date;
  /** Called after a commit that ended sessions (to close their live sockets). */
  onSessionsEnded?: () => Promise<void>;
  /** Called after a commit that unpaired devices or started requiring pairing (to close their sockets). */
  onDevicesChanged?: () => Promise<void>;
}

/** The longest range one report covers. */
const MAX_REPORT_DAYS = 366;

export class AdminService {
  private readonly repo: AdminRepository;
  private readonly queueRepo: QueueRepository;
  private readonly now: () => Date;

  constructor(private readonly deps: AdminServiceDeps) {
    this.repo = new AdminRepository(deps.db);
    this.queueRepo = new QueueRepository(deps.db);
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
    this.assertOffice(admin, officeCode);
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
      const created: AdminServiceRecord = { ...record, id, isOpen: true, closedReason: null };
      await this.audit(t, admin, officeCode, 'service.create', 'service', body.code, undefined, {
        ...record,
      });
      changes.push({ kind: 'services:updated' });
      return toServiceDto(created);
    });
  }

  async updateService(
    officeCode: string,
    code: string,
    body: UpdateService,
    admin: StaffPrincipal,
  ): Promise<AdminServiceDto> {
    this.assertOffice(admin, officeCode);
    return this.deps.queue.configure(officeCode, async (t, _office, changes) => {
      const before = (await this.repo.listServices(officeCode, t)).find((s) => s.code === code);
      if (!before) throw notFound(`service ${code}`);
      const fields: Partial<AdminServiceRecord> = {};
      if (body.names !== undefined) fields.names = body.names;
      if (body.documents !== undefined) fields.documents = body.documents;
      if (body.sortOrder !== undefined) fields.sortOrder = body.sortOrder;
      if (body.targetWaitMinutes !== undefined) fields.targetWaitMinutes = body.targetWaitMinutes;
      if (body.open !== undefined) fields.isOpen = body.open;
      if (body.closedReason !== undefined) fields.closedReason = body.closedReason || null;
      if (body.closedReasons !== undefined)
        fields.closedReason = encodeClosedReasons(body.closedReasons);
      // Reopening forgets the reason it was closed for.
      if (body.open === true) fields.closedReason = null;
      await this.repo.updateService(before.id, fields, t);
      const after: AdminServiceRecord = { ...before, ...fields };
      const action =
        body.open === false && before.isOpen
          ? 'service.close'
          : body.open === true && !before.isOpen
            ? 'service.open'
            : 'service.update';
      await this.audit(t, admin, officeCode, action, 'service', code, diffOf(before, after), {
        ...diffOf(after, before),
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

  /** Sets which services a window calls (creating the window when it is new); call-next follows. */
  async putCounter(
    officeCode: string,
    number: string,
    body: PutCounter,
    admin: StaffPrincipal,
  ): Promise<AdminCounter> {
    this.assertOffice(admin, officeCode);
    return this.deps.queue.configure(officeCode, async (t, _office, changes) => {
      const services = await this.repo.listServices(officeCode, t);
      const ids: number[] = [];
      body.services.forEach((code, i) => {
        const s = services.find((x) => x.code === code);
        if (!s) {
          throw validationFailed(`services.${i}: unknown service ${code}`, {
            issues: [{ field: `services.${i}`, message: `unknown service ${code}` }],
          });
        }
        if (!ids.includes(s.id)) ids.push(s.id);
      });
      const before = (await this.queueRepo.listCounters(officeCode, t)).find(
        (c) => c.number === number,
      );
      const { id } = await this.repo.upsertCounter(officeCode, number, body.name, this.now(), t);
      await this.repo.setCounterServices(id, ids, t);
      const codes = services.filter((s) => ids.includes(s.id)).map((s) => s.code);
      const codeOf = (sid: number) => services.find((s) => s.id === sid)?.code ?? String(sid);
      await this.audit(
        t,
        admin,
        officeCode,
        before ? 'counter.update' : 'counter.create',
        'counter',
        number,
        before ? { services: before.serviceIds.map(codeOf), name: before.name } : undefined,
        { services: codes, name: body.name === undefined ? (before?.name ?? null) : body.name },
      );
      changes.push({ kind: 'counter:updated', counter: number });
      // Which services some window calls may have changed: the kiosks offer only those.
      changes.push({ kind: 'services:updated' });
      return {
        number,
        name: body.name === undefined ? (before?.name ?? null) : body.name,
        status: before?.status ?? 'open',
        services: codes,
      };
    });
  }

  // ---- staff ----

  async listUsers(admin: StaffPrincipal): Promise<AdminUser[]> {
    return (await this.repo.listUsers(admin.officeCode ?? undefined)).map(toUserDto);
  }

  async createUser(body: CreateUser, admin: StaffPrincipal): Promise<AdminUser> {
    const office = body.office ?? admin.officeCode;
    if (office) {
      this.assertOffice(admin, office);
      if (!(await this.deps.queue.officeExists(office))) {
        throw validationFailed(`office: unknown office ${office}`, {
          issues: [{ field: 'office', message: `unknown office ${office}` }],
        });
      }
    }
    const passwordHash = await this.deps.auth.hashPassword(body.password);
    return this.deps.db.transaction(async (t) => {
      if (await this.repo.findUser(body.username, t)) {
        throw conflict(`user ${body.username} exists already`, 'username');
      }
      const user = await this.repo.insertUser(
        {
          officeCode: office ?? null,
          username: body.username,
          passwordHash,
          role: body.role,
          name: body.name,
          disabled: false,
        },
        t,
      );
      await this.audit(t, admin, office, 'user.create', 'user', user.username, undefined, {
        role: user.role,
        name: user.name,
        office: user.officeCode,
      });
      return toUserDto(user);
    });
  }

  /** Changes a user; disabling one or setting a new password ends every session it has. */
  async updateUser(username: string, body: UpdateUser, admin: StaffPrincipal): Promise<AdminUser> {
    const passwordHash =
      body.password === undefined ? undefined : await this.deps.auth.hashPassword(body.password);
    const updated = await this.deps.db.transaction(async (t) => {
      const before = await this.repo.findUser(username, t);
      if (!before) throw notFound(`user ${username}`);
      if (before.officeCode) this.assertOffice(admin, before.officeCode);
      else if (admin.officeCode) throw forbidden('that user works for every office');
      const losesAdmin =
        before.role === 'admin' &&
        !before.disabled &&
        (body.disabled === true || (body.role !== undefined && body.role !== 'admin'));
      if (losesAdmin && (await this.repo.countActiveAdmins(t)) <= 1) {
        throw new AppError('conflict', 'the last administrator cannot be disabled or demoted');
      }
      const fields: Partial<UserRecord> = {};
      if (body.role !== undefined) fields.role = body.role;
      if (body.name !== undefined) fields.name = body.name;
      if (body.disabled !== undefined) fields.disabled = body.disabled;
      if (passwordHash !== undefined) fields.passwordHash = passwordHash;
      await this.repo.updateUser(before.id, fields, t);
      let sessionsEnded = 0;
      if (body.disabled === true || passwordHash !== undefined) {
        sessionsEnded = await this.repo.revokeSessions(before.id, this.now(), t);
      }
      const after = { ...before, ...fields };
      await this.audit(
        t,
        admin,
        before.officeCode ?? admin.officeCode,
        body.disabled === true && !before.disabled
          ? 'user.disable'
          : body.disabled === false && before.disabled
            ? 'user.enable'
            : 'user.update',
        'user',
        username,
        { role: before.role, name: before.name, disabled: before.disabled },
        {
          role: after.role,
          name: after.name,
          disabled: after.disabled,
          ...(passwordHash ? { passwordReset: true } : {}),
          ...(sessionsEnded ? { sessionsEnded } : {}),
        },
      );
      return { user: toUserDto(after), sessionsEnded };
    });
    if (updated.sessionsEnded && this.deps.onSessionsEnded) {
      // The change stands even when a socket cannot be reached; the next command is refused anyway.
      await this.deps.onSessionsEnded().catch(() => undefined);
    }
    return updated.user;
  }

  // ---- devices ----

  async listDevices(officeCode: string, admin: StaffPrincipal): Promise<AdminDevice[]> {
    await this.office(officeCode, admin);
    return this.repo.listDevices(officeCode);
  }

  /** A new kiosk or display of the office (unpaired; a kiosk may get its printer at once). */
  async createDevice(
    officeCode: string,
    body: CreateDevice,
    admin: StaffPrincipal,
  ): Promise<AdminDevice> {
    this.assertOffice(admin, officeCode);
    if (body.printerUrl) await assertPrinterUrl(body.printerUrl);
    if (body.printerUrl && body.kind !== 'kiosk') throw onlyKioskPrints();
    return this.deps.queue.configure(officeCode, async (t, _office, changes) => {
      const existing = await this.repo.listDevices(officeCode, t);
      if (existing.some((d) => d.code.toLowerCase() === body.code.toLowerCase())) {
        throw conflict(`device ${body.code} exists already`, 'code');
      }
      const device: AdminDevice = {
        code: body.code,
        kind: body.kind,
        name: body.name || null,
        printerUrl: body.printerUrl ?? null,
        printerStatus: null,
        paired: false,
      };
      await this.repo.createDevice(officeCode, device, t);
      await this.audit(t, admin, officeCode, 'device.create', 'device', body.code, undefined, {
        kind: device.kind,
        name: device.name,
        printerUrl: device.printerUrl,
      });
      if (device.kind === 'kiosk') changes.push({ kind: 'printer:updated', kiosk: device.code });
      return device;
    });
  }

  /**
   * Gives the device a new token (the old one stops working) and answers it once: the device opens
   * its page with `&device=<token>` and keeps it. Only a hash is stored.
   */
  async pairDevice(
    officeCode: string,
    code: string,
    admin: StaffPrincipal,
  ): Promise<DevicePairing> {
    this.assertOffice(admin, officeCode);
    const { token, hash } = this.deps.auth.newDeviceToken();
    const device = await this.setDeviceToken(officeCode, code, hash, 'device.pair', admin);
    return { device, token };
  }

  /** Takes the device's token away: where the office requires pairing, it is cut off at once. */
  async unpairDevice(
    officeCode: string,
    code: string,
    admin: StaffPrincipal,
  ): Promise<AdminDevice> {
    this.assertOffice(admin, officeCode);
    return this.setDeviceToken(officeCode, code, null, 'device.unpair', admin);
  }

  private async setDeviceToken(
    officeCode: string,
    code: string,
    hash: string | null,
    action: string,
    admin: StaffPrincipal,
  ): Promise<AdminDevice> {
    const device = await this.deps.db.transaction(async (t) => {
      const before = (await this.repo.listDevices(officeCode, t)).find((d) => d.code === code);
      if (!before) throw notFound(`device ${code}`);
      await this.repo.setDeviceToken(officeCode, code, hash, t);
      await this.audit(
        t,
        admin,
        officeCode,
        action,
        'device',
        code,
        { paired: before.paired },
        { paired: hash !== null },
      );
      return { ...before, paired: hash !== null };
    });
    // A replaced or withdrawn token ends the device's live connections (on every node).
    if (this.deps.onDevicesChanged) await this.deps.onDevicesChanged().catch(() => undefined);
    return device;
  }

  async updateDevice(
    officeCode: string,
    code: string,
    body: UpdateDevice,
    admin: StaffPrincipal,
  ): Promise<AdminDevice> {
    this.assertOffice(admin, officeCode);
    if (body.printerUrl) await assertPrinterUrl(body.printerUrl);
    return this.deps.queue.configure(officeCode, async (t, _office, changes) => {
      const before = (await this.repo.listDevices(officeCode, t)).find((d) => d.code === code);
      if (!before) throw notFound(`device ${code}`);
      if (body.printerUrl !== undefined && before.kind !== 'kiosk') throw onlyKioskPrints();
      await this.repo.updateDevice(officeCode, code, body, t);
      const after: AdminDevice = {
        ...before,
        ...body,
        printerStatus: body.printerUrl !== undefined ? null : before.printerStatus,
      };
      await this.audit(
        t,
        admin,
        officeCode,
        'device.update',
        'device',
        code,
        { printerUrl: before.printerUrl, name: before.name },
        { printerUrl: after.printerUrl, name: after.name },
      );
      if (before.kind === 'kiosk' && body.printerUrl !== undefined) {
        changes.push({ kind: 'printer:updated', kiosk: code });
      }
      return after;
    });
  }

  // ---- office settings ----

  async settings(officeCode: string, admin: StaffPrincipal): Promise<AdminOfficeSettings> {
    this.assertOffice(admin, officeCode);
    const s = await this.repo.officeSettings(officeCode);
    if (!s) throw notFound(`office ${officeCode}`);
    return toSettingsDto(s);
  }

  async updateSettings(
    officeCode: string,
    body: OfficeSettings,
    admin: StaffPrincipal,
  ): Promise<AdminOfficeSettings> {
    this.assertOffice(admin, officeCode);
    const settings = await this.deps.queue.configure(officeCode, async (t, _office, changes) => {
      const before = await this.repo.officeSettings(officeCode, t);
      if (!before) throw notFound(`office ${officeCode}`);
      await this.repo.updateOffice(officeCode, body, t);
      const after = { ...before, ...body };
      const keys = Object.keys(body) as Array<keyof OfficeSettings>;
      await this.audit(
        t,
        admin,
        officeCode,
        'office.settings',
        'office',
        officeCode,
        Object.fromEntries(keys.map((k) => [k, before[k]])),
        Object.fromEntries(keys.map((k) => [k, after[k]])),
      );
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
   * Closes today now: every ticket still waiting or called expires (the windows are freed), as the
   * automatic close does at midnight. Numbering restarts with the next office day either way.
   */
  async closeDay(
    officeCode: string,
    admin: StaffPrincipal,
  ): Promise<{ day: string; expired: number }> {
    this.assertOffice(admin, officeCode);
    return this.deps.queue.configure(officeCode, async (t, office, changes) => {
      const now = this.now();
      const day = officeDay(now, office.timeZone);
      const ids = await this.repo.openTicketsOfDay(officeCode, day, t);
      const numbers: string[] = [];
      for (const id of ids) {
        const ticket = await this.queueRepo.findTicket(id, t, true);
        if (!ticket) continue;
        const result = applyTicketAction(
          { ...ticket, status: ticket.status as TicketStatus },
          'expire',
          { now },
        );
        if (!result.ok) throw illegalTransition(result.reason);
        await this.queueRepo.updateTicket(id, result.next, t);
        await this.audit(
          t,
          admin,
          officeCode,
          'ticket.expire',
          'ticket',
          id,
          { status: ticket.status, counter: ticket.counterNumber },
          { status: result.next.status, counter: result.next.counterNumber, note: 'day closed' },
          ticket.number,
        );
        numbers.push(ticket.number);
        const record = { ...ticket, ...result.next };
        changes.push({ kind: 'ticket:updated', ticketId: id, record });
        if (ticket.counterNumber) {
          changes.push({ kind: 'counter:updated', counter: ticket.counterNumber, held: null });
        }
      }
      await this.audit(t, admin, officeCode, 'day.close', 'office', officeCode, undefined, {
        day,
        expired: numbers.length,
        tickets: numbers,
      });
      return { day, expired: numbers.length };
    });
  }

  // ---- reports ----

  /** The summary of the office days `from`…`to` (default: today), in the office's zone. */
  async summary(
    officeCode: string,
    range: { from?: string; to?: string },
    admin: StaffPrincipal,
  ): Promise<ReportSummary> {
    const office = await this.office(officeCode, admin);
    const today = officeDay(this.now(), office.timeZone);
    const from = range.from ?? range.to ?? today;
    const to = range.to ?? today;
    if (from > to) {
      throw validationFailed('to: from is after to', {
        issues: [{ field: 'to', message: 'from is after to' }],
      });
    }
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
    if (days >= MAX_REPORT_DAYS) {
      throw validationFailed(`to: at most ${MAX_REPORT_DAYS} days per report`, {
        issues: [{ field: 'to', message: `at most ${MAX_REPORT_DAYS} days per report` }],
      });
    }
    const window = {
      start: dayStart(from, office.timeZone),
      end: dayStart(nextDay(to), office.timeZone),
    };
    const [tickets, services, cases] = await Promise.all([
      this.repo.reportTickets(officeCode, from, to),
      this.repo.listServices(officeCode),
      reportCases(this.deps.registryDb ?? this.deps.db, officeCode, window.start, window.end),
    ]);
    return summarize({
      office: officeCode,
      from,
      to,
      timeZone: office.timeZone,
      tickets,
      services,
      cases,
      window,
    });
  }

  /** The summary and its service-day table as CSV (titles and names in `range.lang`). */
  async summaryCsv(
    officeCode: string,
    range: { from?: string; to?: string; lang?: Language },
    admin: StaffPrincipal,
  ): Promise<{ summary: ReportSummary; csv: string }> {
    const [summary, services] = await Promise.all([
      this.summary(officeCode, range, admin),
      this.repo.listServices(officeCode),
    ]);
    const names = new Map(services.map((s) => [s.code, s.names]));
    return { summary, csv: summaryCsv(summary, names, range.lang) };
  }

  // ---- audit ----

  async auditLog(
    officeCode: string,
    query: AuditQuery,
    admin: StaffPrincipal,
  ): Promise<AuditEntry[]> {
    const office = await this.office(officeCode, admin);
    return searchAuditLog({
      repo: this.repo,
      registry: new RegistryRepository(this.deps.registryDb ?? this.deps.db),
      officeCode,
      timeZone: office.timeZone,
      query,
    });
  }

  // ---- internals ----

  private async office(officeCode: string, admin: StaffPrincipal) {
    this.assertOffice(admin, officeCode);
    return this.deps.queue.getOffice(officeCode);
  }

  private assertOffice(admin: StaffPrincipal, officeCode: string): void {
    if (admin.officeCode !== null && admin.officeCode !== officeCode) {
      throw forbidden(`you administer office ${admin.officeCode}`);
    }
  }

  private async audit(
    t: Transaction,
    admin: StaffPrincipal,
    officeCode: string | null,
    action: string,
    entity: string,
    entityId: string,
    before: unknown,
    after: unknown,
    subject?: string,
  ): Promise<void> {
    await this.repo.audit(
      {
        officeCode,
        at: this.now(),
        actor: admin.username,
        userId: admin.id,
        action,
        entity,
        entityId,
        before,
        after,
        subject,
      },
      t,
    );
  }
}

/**
 * 400 unless `url` is a printer address Navbat can print to and the server's environment allows
 * (PRINTER_DEVICES, PRINTER_SPOOL_DIR, PRINTER_NETWORKS): the admin page cannot widen those.
 */
async function assertPrinterUrl(url: string): Promise<void> {
  try {
    const target = parsePrinterUrl(printerSettings(url).address);
    const policy = currentPrinterPolicy();
    if (target.kind === 'tcp') await allowedTcpAddress(target.host, policy);
    if (target.kind === 'device') await checkDevice(target.path, policy);
    if (target.kind === 'file') await checkSpoolFile(target.path, policy);
  } catch (err) {
    const message = (err as Error).message;
    throw validationFailed(`printerUrl: ${message}`, {
      issues: [{ field: 'printerUrl', message }],
    });
  }
}

function onlyKioskPrints(): AppError {
  return validationFailed('printerUrl: only a kiosk has a printer', {
    issues: [{ field: 'printerUrl', message: 'only a kiosk has a printer' }],
  });
}

/** 409 `conflict` naming the field that is taken. */
function conflict(message: string, field: string): AppError {
  return new AppError('conflict', message, { field });
}

/** The fields of `a` that differ from `b` (for audit rows). */
function diffOf<T extends object>(a: T, b: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(a) as Array<keyof T>) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) out[key] = a[key];
  }
  return out;
}

function toServiceDto(s: AdminServiceRecord): AdminServiceDto {
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

function toUserDto(u: UserRecord): AdminUser {
  return {
    username: u.username,
    role: u.role,
    name: u.name,
    office: u.officeCode,
    disabled: u.disabled,
  };
}

function toSettingsDto(s: {
  code: string;
  timeZone: string;
  priorities: AdminOfficeSettings['priorities'];
  fairnessN: number;
  maxRecalls: number;
  ticker: string | null;
  languages: string[];
  openingHours: unknown;
  kioskIdleSeconds: number;
  requireDevices: boolean;
  priorityByClerk: boolean;
}): AdminOfficeSettings {
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
