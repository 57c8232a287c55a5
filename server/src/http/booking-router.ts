/** Appointment routes (CONTRACT §6 "Bookings"): public slots and bookings; the admin's in booking-admin-routes. */
import { Router } from 'express';
import { apiRoute, Endpoints } from '../../protocol/endpoints';
import { addressLimit } from './address-limit';
import type { RateStore } from '../security/rate-store';
import { z } from 'zod';
import { CaseTypes, Code, OfficeCode, newChecklist, type CaseType } from '../../protocol';
import {
  BookingCode,
  CancelBooking,
  ConfirmBooking,
  CreateBooking,
  SlotsQuery,
} from '../../protocol/bookings';
import { parse, parseParams } from './errors';
import { requestKey } from './request-key';
import { bookingAdminRoutes, type BookingAdminDeps } from './booking-admin-routes';

const OfficeParam = z.object({ office: OfficeCode });
const BookingParams = z.object({ office: OfficeCode, code: BookingCode });
const ServiceParams = z.object({ office: OfficeCode, service: Code });

export interface BookingRouterDeps extends BookingAdminDeps {
  /** Where the per-address counts live (Redis when several nodes share them). */
  rates: RateStore;
  /** Bookings and code attempts per address per 10 minutes (default 20). */
  attemptsPerAddress?: number;
}

export function bookingRouter(deps: BookingRouterDeps): Router {
  const { bookings } = deps;
  const r = Router();
  // Every booking sends an SMS and every confirmation is a guess at a code: both are limited.
  const limited = addressLimit(
    deps.rates,
    'booking',
    10 * 60_000,
    deps.attemptsPerAddress ?? 20,
    'too many booking requests: try again in a few minutes',
  );

  r.get(apiRoute(Endpoints.slots), async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    res.json(await bookings.slots(office, parse(SlotsQuery, req.query, '(query)')));
  });

  r.get(apiRoute(Endpoints.bookableServices), async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    res.json({ services: await bookings.bookableServices(office) });
  });

  // What to bring: a registry service's document checklist (other services: none listed).
  r.get(apiRoute(Endpoints.serviceDocuments), async (req, res) => {
    const { office, service } = parseParams(ServiceParams, req);
    await bookings.requireService(office, service);
    const type = CaseTypes.find((t): t is CaseType => t === service);
    res.set('Cache-Control', 'public, max-age=3600');
    res.json({
      documents: type
        ? newChecklist(type).map((d) => ({ code: d.code, name: d.name, required: d.required }))
        : [],
    });
  });

  r.post(apiRoute(Endpoints.createBooking), limited, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    // The address as the limits count it (behind a trusted proxy, the one the proxy saw).
    // A "Get code" sent again after its answer was lost: the same booking (its code is on the phone).
    const body = parse(CreateBooking, req.body);
    const { booking, replayed } = await bookings.book(office, body, req.ip, requestKey(req));
    res.status(replayed ? 200 : 201).json({ booking });
  });

  r.post(apiRoute(Endpoints.confirmBooking), limited, async (req, res) => {
    const { office, code } = parseParams(BookingParams, req);
    const { otp } = parse(ConfirmBooking, req.body);
    res.json({ booking: await bookings.confirm(office, code, otp) });
  });

  r.delete(apiRoute(Endpoints.cancelBooking), limited, async (req, res) => {
    const { office, code } = parseParams(BookingParams, req);
    const { phone } = parse(CancelBooking, req.body);
    res.json({ booking: await bookings.cancel(office, code, phone) });
  });

  bookingAdminRoutes(r, deps);

  return r;
}
