/**
 * The services the admin pages call, built together: the office catalogue, staff and devices (auth),
 * reports and the audit log. The admin pages are a client of these modules, not a module of their own.
 */
import type { Database } from '../../db/database';
import type { AuthService } from './auth/auth-service';
import { DeviceService } from './auth/device-service';
import { StaffService, type StaffServiceDeps } from './auth/staff-service';
import { AuditService } from './audit/audit-log';
import { CatalogueService } from './catalogue/catalogue-service';
import type { QueueService } from './queue/queue-service';
import { ReportService, type ReportServiceDeps } from './reports/report-service';

export interface AdminServices {
  catalogue: CatalogueService;
  staff: StaffService;
  devices: DeviceService;
  reports: ReportService;
  audit: AuditService;
}

export interface AdminServicesDeps {
  db: Database;
  /** The registry's database (cases), when it is not `db`. */
  registryDb?: Database;
  /** A read replica for the reports. */
  reportsDb?: Database;
  logger?: ReportServiceDeps['logger'];
  replicaRestMs?: number;
  queue: QueueService;
  auth: AuthService;
  now?: () => Date;
  /** Called after a commit that ended sessions (to close their live sockets). */
  onSessionsEnded?: () => Promise<void>;
  /** Called after a commit that unpaired devices or started requiring pairing (to close their sockets). */
  onDevicesChanged?: () => Promise<void>;
  /** The failed-login counts per username, which an administrator may clear. */
  loginLocks: StaffServiceDeps['loginLocks'];
}

export function createAdminServices(deps: AdminServicesDeps): AdminServices {
  const { db, registryDb, queue, auth, now } = deps;
  return {
    catalogue: new CatalogueService({ db, queue, now, onDevicesChanged: deps.onDevicesChanged }),
    staff: new StaffService({
      db,
      auth,
      now,
      officeExists: (code) => queue.officeExists(code),
      onSessionsEnded: deps.onSessionsEnded,
      loginLocks: deps.loginLocks,
    }),
    devices: new DeviceService({ db, queue, auth, now, onDevicesChanged: deps.onDevicesChanged }),
    reports: new ReportService({
      db,
      registryDb,
      queue,
      now,
      reportsDb: deps.reportsDb,
      logger: deps.logger,
      replicaRestMs: deps.replicaRestMs,
    }),
    audit: new AuditService({ db, registryDb, queue }),
  };
}
