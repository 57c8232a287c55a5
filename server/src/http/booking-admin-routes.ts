/**
 * The administrator's appointment routes: booking plans, bookable rooms (the ceremony hall), the
 * check-in window, a day's bookings and cancelling one on the citizen's behalf. Each is role
 * `admin` and the administrator's own office.
 */
import type { RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { apiRoute, Endpoints } from '../../protocol/endpoints';
import { Code, OfficeCode } from '../../protocol';
import {
  BookingCode,
  BookingResourceInput,
  CancelOnBehalf,
  DayBookingsQuery,
  ServiceBookingPlan,
} from '../../protocol/bookings';
import { BookingSettingsChange } from '../../protocol/remote-join';
import type { BookingService } from '../bookings/booking-service';
import type { RemoteJoinService } from '../bookings/remote-join';
import type { BookingDesk } from '../bookings/booking-desk';
import type { BookingResourceService } from '../bookings/booking-resources';
import type { CheckInService } from '../bookings/check-in';
import type { AuthService } from '../auth/auth-service';
import { forbidden } from '../errors';
import { parse, parseParams } from './errors';
import { requireStaff, staffOf } from './auth-middleware';

const OfficeParam = z.object({ office: OfficeCode });
const BookingParams = z.object({ office: OfficeCode, code: BookingCode });
const ServiceParams = z.object({ office: OfficeCode, service: Code });
const ResourceParams = z.object({ office: OfficeCode, resource: Code });

export interface BookingAdminDeps {
  bookings: BookingService;
  /** The office's check-in window (admin settings). */
  checkIn?: CheckInService;
  /** The day view and cancelling on behalf of a citizen. */
  desk?: BookingDesk;
  /** Remote join's switch and daily cap (part of the booking settings). */
  remoteJoins?: RemoteJoinService;
  /** Bookable rooms (the ceremony hall). */
  resources?: BookingResourceService;
  auth: AuthService;
}

/** Mounts the admin routes of appointments on `r`. */
export function bookingAdminRoutes(r: Router, deps: BookingAdminDeps): void {
  const { bookings, checkIn, desk, remoteJoins, resources } = deps;
  const admin = requireStaff(deps.auth, ['admin']);

  planRoutes(r, bookings, admin);
  if (resources) resourceRoutes(r, resources, admin);

  if (checkIn) {
    r.get(apiRoute(Endpoints.bookingSettings), admin, async (req, res) => {
      const { office } = parseParams(OfficeParam, req);
      ownOffice(res, office);
      const rules = await checkIn.rules(office);
      const remoteJoin = await remoteJoins?.settings(office);
      res.json({ settings: remoteJoin ? { ...rules, remoteJoin } : rules });
    });

    r.put(apiRoute(Endpoints.putBookingSettings), admin, async (req, res) => {
      const { office } = parseParams(OfficeParam, req);
      ownOffice(res, office);
      const change = parse(BookingSettingsChange, req.body);
      const { remoteJoin, ...rules } = await checkIn.changeSettings(office, change, staffOf(res));
      res.json({ settings: remoteJoins ? { ...rules, remoteJoin } : rules });
    });
  }

  if (desk) {
    r.get(apiRoute(Endpoints.dayBookings), admin, async (req, res) => {
      const { office } = parseParams(OfficeParam, req);
      ownOffice(res, office);
      res.json({ bookings: await desk.day(office, parse(DayBookingsQuery, req.query, '(query)')) });
    });

    r.post(apiRoute(Endpoints.cancelBookingOnBehalf), admin, async (req, res) => {
      const { office, code } = parseParams(BookingParams, req);
      ownOffice(res, office);
      const body = parse(CancelOnBehalf, req.body ?? {});
      const actor = { kind: 'staff' as const, user: staffOf(res) };
      res.json({ booking: await desk.cancel(office, code, body, actor) });
    });
  }
}

/** The services' booking plans: list, set (own calendar or a room), remove. */
function planRoutes(r: Router, bookings: BookingService, admin: RequestHandler): void {
  r.get(apiRoute(Endpoints.bookingPlans), admin, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    ownOffice(res, office);
    res.json({ plans: await bookings.plans(office) });
  });

  r.put(apiRoute(Endpoints.putBookingPlan), admin, async (req, res) => {
    const { office, service } = parseParams(ServiceParams, req);
    ownOffice(res, office);
    const plan = parse(ServiceBookingPlan.nullable(), req.body);
    await bookings.setPlan(office, service, plan, staffOf(res));
    res.json({ plan });
  });

  // PUT with a bare `null` body cannot pass the strict JSON parser: removing has its own verb.
  r.delete(apiRoute(Endpoints.deleteBookingPlan), admin, async (req, res) => {
    const { office, service } = parseParams(ServiceParams, req);
    ownOffice(res, office);
    await bookings.setPlan(office, service, null, staffOf(res));
    res.json({ plan: null });
  });
}

/** The bookable rooms (the ceremony hall): list, create or change, remove. */
function resourceRoutes(r: Router, resources: BookingResourceService, admin: RequestHandler): void {
  r.get(apiRoute(Endpoints.bookingResources), admin, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    ownOffice(res, office);
    res.json({ resources: await resources.list(office) });
  });

  r.put(apiRoute(Endpoints.putBookingResource), admin, async (req, res) => {
    const { office, resource } = parseParams(ResourceParams, req);
    ownOffice(res, office);
    const input = parse(BookingResourceInput, req.body);
    const actor = { kind: 'staff' as const, user: staffOf(res) };
    res.json({ resource: await resources.put(office, resource, input, actor) });
  });

  r.delete(apiRoute(Endpoints.deleteBookingResource), admin, async (req, res) => {
    const { office, resource } = parseParams(ResourceParams, req);
    ownOffice(res, office);
    const actor = { kind: 'staff' as const, user: staffOf(res) };
    res.json({ resource: await resources.remove(office, resource, actor) });
  });
}

/** An administrator of one office manages only that office's appointments. */
function ownOffice(res: Response, office: string): void {
  const user = staffOf(res);
  if (user.officeCode !== null && user.officeCode !== office) throw forbidden('another office');
}
