/**
 * Appointments and remote join wired together: the services over the queue and the outbox, and
 * their routes (public and admin), mounted by createApp under `/api`.
 */
import { Router } from 'express';
import type { Database } from '../../../db/database';
import type { AuthService } from '../auth/auth-service';
import { BookingDesk } from '../bookings/booking-desk';
import { BookingResourceService } from '../bookings/booking-resources';
import { BookingService, type BookingNotifier } from '../bookings/booking-service';
import type { CheckInService } from '../bookings/check-in';
import { RemoteJoinService, type RemoteJoinNotifier } from '../bookings/remote-join';
import type { Outbox } from '../messages/outbox';
import type { RateStore } from '../security/rate-store';
import { remoteJoinNotifier } from '../messages/remote-join-messages';
import type { QueueService } from '../queue/queue-service';
import { bookingRouter } from './booking-router';
import { remoteJoinRouter } from './remote-join-router';

export interface AppointmentDeps {
  db: Database;
  now?: () => Date;
  queue: QueueService;
  auth: AuthService;
  checkIn: CheckInService;
  messages: Outbox;
  /** Sends booking codes (none: nobody can book). */
  notifier?: BookingNotifier;
  /** Where the public routes' per-address counts live (Redis when several nodes share them). */
  rates: RateStore;
  /** Sends remote-join codes (default: the outbox's, when it has an SMS channel). */
  joinNotifier?: RemoteJoinNotifier;
}

/** The booking and remote-join routes over services built here. */
export function appointmentRoutes(deps: AppointmentDeps): Router {
  const { db, now, queue, auth, checkIn, notifier, rates } = deps;
  const offices = {
    office: async (code: string) =>
      (await queue.officeExists(code)) ? queue.getOffice(code) : undefined,
    serviceExists: async (office: string, service: string) =>
      (await queue.listServices(office)).some((s) => s.code === service),
  };
  const booking = { db, now, notifier, offices };
  const bookings = new BookingService(booking);
  const desk = new BookingDesk(booking);
  const resources = new BookingResourceService(booking);
  const joinCodes = remoteJoinNotifier(deps.messages, deps.joinNotifier);
  const remoteJoins = new RemoteJoinService({ db, queue, notifier: joinCodes, now });
  const r = Router();
  r.use(bookingRouter({ bookings, checkIn, desk, auth, remoteJoins, resources, rates }));
  r.use(remoteJoinRouter({ remoteJoins, rates }));
  return r;
}
