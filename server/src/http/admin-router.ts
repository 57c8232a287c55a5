/** REST routes of the administration (CONTRACT §4 "Admin" and additions): role `admin` only. */
import { Router, type RequestHandler } from 'express';
import { apiRoute, Endpoints } from '../../protocol/endpoints';
import { z } from 'zod';
import {
  AuditQuery,
  Code,
  CounterNumber,
  CreateDevice,
  CreateService,
  CreateUser,
  DeviceCode,
  OfficeCode,
  OfficeSettings,
  PutCounter,
  ReportQuery,
  UpdateDevice,
  UpdateService,
  UpdateUser,
  Username,
} from '../../protocol';
import type { AdminServices } from '../admin-pages';
import type { AuthService } from '../auth/auth-service';
import { requireStaff, staffOf } from './auth-middleware';
import { parse, parseParams } from './errors';

const OfficeParam = z.object({ office: OfficeCode });
const ServiceParams = z.object({ office: OfficeCode, code: Code });
const CounterParams = z.object({ office: OfficeCode, counter: CounterNumber });
const DeviceParams = z.object({ office: OfficeCode, code: DeviceCode });
const UserParam = z.object({ username: Username });

export function adminRouter(deps: { admin: AdminServices; auth: AuthService }): Router {
  const r = Router();
  const admins = requireStaff(deps.auth, ['admin']);
  mountCatalogueRoutes(r, deps.admin, admins);
  mountStaffRoutes(r, deps.admin, admins);
  mountDeviceRoutes(r, deps.admin, admins);
  mountOfficeDayRoutes(r, deps.admin, admins);
  mountReportRoutes(r, deps.admin, admins);
  return r;
}

/** The office's services and counters (windows). */
function mountCatalogueRoutes(
  r: Router,
  { catalogue }: AdminServices,
  admins: RequestHandler,
): void {
  r.get(apiRoute(Endpoints.adminServices), admins, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    res.json({ services: await catalogue.listServices(office, staffOf(res)) });
  });

  r.post(apiRoute(Endpoints.createService), admins, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    const body = parse(CreateService, req.body);
    res.status(201).json({ service: await catalogue.createService(office, body, staffOf(res)) });
  });

  r.patch(apiRoute(Endpoints.updateService), admins, async (req, res) => {
    const { office, code } = parseParams(ServiceParams, req);
    const body = parse(UpdateService, req.body);
    res.json({ service: await catalogue.updateService(office, code, body, staffOf(res)) });
  });

  r.get(apiRoute(Endpoints.counters), admins, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    res.json({ counters: await catalogue.listCounters(office, staffOf(res)) });
  });

  r.put(apiRoute(Endpoints.putCounter), admins, async (req, res) => {
    const { office, counter } = parseParams(CounterParams, req);
    const body = parse(PutCounter, req.body);
    // `If-None-Match: *`: create only (a new window's form must not overwrite an existing one).
    const createOnly = req.get('if-none-match')?.trim() === '*';
    const admin = staffOf(res);
    res.json({ counter: await catalogue.putCounter(office, counter, body, admin, createOnly) });
  });
}

/** Staff accounts (an office's administrator sees and changes only its own office's). */
function mountStaffRoutes(r: Router, { staff }: AdminServices, admins: RequestHandler): void {
  r.get(apiRoute(Endpoints.users), admins, async (_req, res) => {
    res.json({ users: await staff.listUsers(staffOf(res)) });
  });

  r.post(apiRoute(Endpoints.createUser), admins, async (req, res) => {
    const body = parse(CreateUser, req.body);
    res.status(201).json({ user: await staff.createUser(body, staffOf(res)) });
  });

  r.patch(apiRoute(Endpoints.updateUser), admins, async (req, res) => {
    const { username } = parseParams(UserParam, req);
    const body = parse(UpdateUser, req.body);
    res.json({ user: await staff.updateUser(username, body, staffOf(res)) });
  });

  r.delete(apiRoute(Endpoints.clearLoginLock), admins, async (req, res) => {
    const { username } = parseParams(UserParam, req);
    res.json({ user: await staff.clearLoginLock(username, staffOf(res)) });
  });
}

/** Kiosks and displays: listing, creating, pairing, unpairing and changing them. */
function mountDeviceRoutes(r: Router, { devices }: AdminServices, admins: RequestHandler): void {
  r.get(apiRoute(Endpoints.devices), admins, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    res.json({ devices: await devices.listDevices(office, staffOf(res)) });
  });

  r.post(apiRoute(Endpoints.createDevice), admins, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    const body = parse(CreateDevice, req.body);
    res.status(201).json({ device: await devices.createDevice(office, body, staffOf(res)) });
  });

  r.post(apiRoute(Endpoints.pairDevice), admins, async (req, res) => {
    const { office, code } = parseParams(DeviceParams, req);
    // The token is a secret: no cache may keep the answer.
    res.set('Cache-Control', 'no-store').json(await devices.pairDevice(office, code, staffOf(res)));
  });

  r.delete(apiRoute(Endpoints.unpairDevice), admins, async (req, res) => {
    const { office, code } = parseParams(DeviceParams, req);
    res.json({ device: await devices.unpairDevice(office, code, staffOf(res)) });
  });

  r.delete(apiRoute(Endpoints.deleteDevice), admins, async (req, res) => {
    const { office, code } = parseParams(DeviceParams, req);
    res.json({ device: await devices.deleteDevice(office, code, staffOf(res)) });
  });

  r.patch(apiRoute(Endpoints.updateDevice), admins, async (req, res) => {
    const { office, code } = parseParams(DeviceParams, req);
    const body = parse(UpdateDevice, req.body);
    res.json({ device: await devices.updateDevice(office, code, body, staffOf(res)) });
  });
}

/** The office's settings and closing its day. */
function mountOfficeDayRoutes(
  r: Router,
  { catalogue }: AdminServices,
  admins: RequestHandler,
): void {
  r.get(apiRoute(Endpoints.settings), admins, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    res.json({ settings: await catalogue.settings(office, staffOf(res)) });
  });

  r.patch(apiRoute(Endpoints.putSettings), admins, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    const body = parse(OfficeSettings, req.body);
    res.json({ settings: await catalogue.updateSettings(office, body, staffOf(res)) });
  });

  r.post(apiRoute(Endpoints.closeDay), admins, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    res.json(await catalogue.closeDay(office, staffOf(res)));
  });
}

/** The summary report (JSON or CSV) and the audit log. */
function mountReportRoutes(
  r: Router,
  { reports, audit }: AdminServices,
  admins: RequestHandler,
): void {
  r.get(apiRoute(Endpoints.reportSummary), admins, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    const query = parse(ReportQuery, req.query, '(query)');
    if (query.format === 'csv') {
      const { summary, csv } = await reports.summaryCsv(office, query, staffOf(res));
      res
        .type('text/csv; charset=utf-8')
        .attachment(`navbat-${office}-${summary.from}-${summary.to}.csv`)
        .send(csv);
      return;
    }
    res.json(await reports.summary(office, query, staffOf(res)));
  });

  r.get(apiRoute(Endpoints.audit), admins, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    const query = parse(AuditQuery, req.query, '(query)');
    res.json({ entries: await audit.auditLog(office, query, staffOf(res)) });
  });
}
