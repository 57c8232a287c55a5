/**
 * The office's kiosks and displays as the administrator manages them: add one, give it a printer,
 * pair it (a token shown once, stored as a hash) or unpair it. A replaced or withdrawn token ends
 * the device's live connections.
 */
import type { Transaction } from 'sequelize';
import type { AdminDevice, CreateDevice, DevicePairing, UpdateDevice } from '../../protocol';
import type { Database } from '../../../db/database';
import { DeviceRepository } from '../../../db/repositories/device-repository';
import { AuditRepository } from '../../../db/repositories/audit-repository';
import { notFound, validationFailed, type AppError } from '../errors';
import type { StaffPrincipal } from './actor';
import type { AuthService } from './auth-service';
import type { QueueService } from '../queue/queue-service';
import { parsePrinterUrl } from '../printing/printer-target';
import {
  allowedTcpAddress,
  checkDevice,
  checkSpoolFile,
  currentPrinterPolicy,
  PrinterPolicyError,
  type PrinterPolicy,
} from '../printing/printer-policy';
import { printerSettings } from '../printing/ticket-printer';
import { assertAdministers, auditAdmin, conflict, type AdminAuditRow } from './office-admin';

export interface DeviceServiceDeps {
  db: Database;
  queue: QueueService;
  auth: AuthService;
  now?: () => Date;
  /** Called after a commit that unpaired devices (to close their sockets). */
  onDevicesChanged?: () => Promise<void>;
}

export class DeviceService {
  private readonly repo: DeviceRepository;
  private readonly auditRepo: AuditRepository;
  private readonly now: () => Date;

  constructor(private readonly deps: DeviceServiceDeps) {
    this.repo = new DeviceRepository(deps.db);
    this.auditRepo = new AuditRepository(deps.db);
    this.now = deps.now ?? (() => new Date());
  }

  async listDevices(officeCode: string, admin: StaffPrincipal): Promise<AdminDevice[]> {
    assertAdministers(admin, officeCode);
    await this.deps.queue.getOffice(officeCode);
    return this.repo.listDevices(officeCode);
  }

  /** A new kiosk or display of the office (unpaired; a kiosk may get its printer at once). */
  async createDevice(
    officeCode: string,
    body: CreateDevice,
    admin: StaffPrincipal,
  ): Promise<AdminDevice> {
    assertAdministers(admin, officeCode);
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
      await this.repo.createDevice(officeCode, { ...device, kind: body.kind }, t);
      await this.audit(t, admin, {
        officeCode,
        action: 'device.create',
        entity: 'device',
        entityId: body.code,
        after: { kind: device.kind, name: device.name, printerUrl: device.printerUrl },
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
    assertAdministers(admin, officeCode);
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
    assertAdministers(admin, officeCode);
    return this.setDeviceToken(officeCode, code, null, 'device.unpair', admin);
  }

  /**
   * Removes a device registered by mistake or taken out of the hall: its token ends with it (its
   * live connections too, on every node), a kiosk's printer is no longer printed to, and its code
   * may be registered again. Tickets, print jobs and the audit keep the code they were given.
   */
  async deleteDevice(
    officeCode: string,
    code: string,
    admin: StaffPrincipal,
  ): Promise<AdminDevice> {
    assertAdministers(admin, officeCode);
    const device = await this.deps.queue.configure(officeCode, async (t, _office, changes) => {
      const before = (await this.repo.listDevices(officeCode, t)).find((d) => d.code === code);
      if (!before) throw notFound(`device ${code}`);
      await this.repo.deleteDevice(officeCode, code, t);
      await this.audit(t, admin, {
        officeCode,
        action: 'device.delete',
        entity: 'device',
        entityId: code,
        before: { kind: before.kind, name: before.name, printerUrl: before.printerUrl },
      });
      // Every node reads the office's kiosks again (office-cache.ts): none prints for it any more.
      changes.push({ kind: 'office:updated' });
      return before;
    });
    if (this.deps.onDevicesChanged) await this.deps.onDevicesChanged().catch(() => undefined);
    return device;
  }

  async updateDevice(
    officeCode: string,
    code: string,
    body: UpdateDevice,
    admin: StaffPrincipal,
  ): Promise<AdminDevice> {
    assertAdministers(admin, officeCode);
    if (body.printerUrl) await assertPrinterUrl(body.printerUrl);
    return this.deps.queue.configure(officeCode, async (t, _office, changes) => {
      const before = (await this.repo.listDevices(officeCode, t)).find((d) => d.code === code);
      if (!before) throw notFound(`device ${code}`);
      if (body.printerUrl !== undefined && before.kind !== 'kiosk') throw onlyKioskPrints();
      // The same address saved again says nothing new: the printer keeps its known state.
      const newAddress = body.printerUrl !== undefined && body.printerUrl !== before.printerUrl;
      const fields = { ...body };
      if (!newAddress) delete fields.printerUrl;
      await this.repo.updateDevice(officeCode, code, fields, t);
      const after: AdminDevice = {
        ...before,
        ...body,
        printerStatus: newAddress ? null : before.printerStatus,
      };
      const was = { printerUrl: before.printerUrl, name: before.name };
      const is = { printerUrl: after.printerUrl, name: after.name };
      // Saved as it was (a printer checked again): no change to log.
      if (JSON.stringify(was) !== JSON.stringify(is)) {
        await this.audit(t, admin, {
          officeCode,
          action: 'device.update',
          entity: 'device',
          entityId: code,
          before: was,
          after: is,
        });
      }
      if (before.kind === 'kiosk' && newAddress) {
        changes.push({ kind: 'printer:updated', kiosk: code });
      }
      return after;
    });
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
      await this.audit(t, admin, {
        officeCode,
        action,
        entity: 'device',
        entityId: code,
        before: { paired: before.paired },
        after: { paired: hash !== null },
      });
      return { ...before, paired: hash !== null };
    });
    // A replaced or withdrawn token ends the device's live connections (on every node).
    if (this.deps.onDevicesChanged) await this.deps.onDevicesChanged().catch(() => undefined);
    return device;
  }

  private audit(t: Transaction, admin: StaffPrincipal, row: AdminAuditRow): Promise<void> {
    return auditAdmin(this.auditRepo, t, admin, this.now(), row);
  }
}

/**
 * 400 unless `url` is a printer address Navbat can print to and the server's environment allows
 * (PRINTER_DEVICES, PRINTER_SPOOL_DIR, PRINTER_NETWORKS): the admin page cannot widen those.
 */
async function assertPrinterUrl(url: string): Promise<void> {
  const policy = currentPrinterPolicy();
  try {
    const target = parsePrinterUrl(printerSettings(url).address);
    if (target.kind === 'tcp') await allowedTcpAddress(target.host, policy);
    if (target.kind === 'device') await checkDevice(target.path, policy);
    if (target.kind === 'file') await checkSpoolFile(target.path, policy);
  } catch (err) {
    const message = (err as Error).message;
    // The reason (and what the server allows) lets the admin page say it in its own words.
    const why =
      err instanceof PrinterPolicyError
        ? { reason: err.reason, ...(err.allowed ? { allowed: err.allowed } : {}) }
        : { reason: 'bad_address', allowed: printerForms(policy) };
    throw validationFailed(`printerUrl: ${message}`, {
      issues: [{ field: 'printerUrl', message, ...why }],
    });
  }
}

/** Examples of the printer addresses this server takes (no `usb:` or `file:` where they are off). */
function printerForms(policy: PrinterPolicy): string[] {
  return [
    'virtual',
    'tcp://192.168.1.50:9100',
    ...(policy.devices.length ? ['usb:/dev/usb/lp0'] : []),
    ...(policy.spoolDir ? [`file:${policy.spoolDir.replace(/\/$/, '')}/k1.prn`] : []),
  ];
}

function onlyKioskPrints(): AppError {
  return validationFailed('printerUrl: only a kiosk has a printer', {
    issues: [{ field: 'printerUrl', message: 'only a kiosk has a printer' }],
  });
}
