/** Remote join on the wire (issue #19): take today's ticket from the phone after an SMS code. */
import { z } from 'zod';
import { BookingPhone, CheckInSettings } from './bookings';
import { Code, Language, type Ticket } from './schemas';

/** An office's remote-join setting (admin; off until set). */
export const RemoteJoinSettings = z
  .strictObject({
    enabled: z.boolean(),
    /** Remote tickets an office day may hand out (at least 1 while remote join is on). */
    dailyCap: z.number().int().min(0).max(10_000),
  })
  .refine((s) => !s.enabled || s.dailyCap >= 1, {
    path: ['dailyCap'],
    message: 'remote join switched on with no tickets a day: at least 1',
  });
export type RemoteJoinSettings = z.infer<typeof RemoteJoinSettings>;

/** What an office has before an administrator sets anything: off. */
export const DEFAULT_REMOTE_JOIN: RemoteJoinSettings = { enabled: false, dailyCap: 0 };

/**
 * `GET /api/offices/:office/remote-join` (public): what the join page asks before it shows a form —
 * whether the office takes remote joins, and today's places left under the daily cap.
 */
export const RemoteJoinAvailability = z.object({
  enabled: z.boolean(),
  /** Places left today under the daily cap (0: all taken); null while remote join is off. */
  left: z.number().int().min(0).nullable(),
});
export type RemoteJoinAvailability = z.infer<typeof RemoteJoinAvailability>;

/** `POST /api/offices/:office/remote-joins` */
export const CreateRemoteJoin = z.strictObject({
  service: Code,
  phone: BookingPhone,
  language: Language,
});
export type CreateRemoteJoin = z.infer<typeof CreateRemoteJoin>;

/** `POST /api/offices/:office/remote-joins/:code/confirm` */
export const ConfirmRemoteJoin = z.strictObject({
  otp: z.string().regex(/^\d{6}$/, 'the six digits of the code'),
});
export type ConfirmRemoteJoin = z.infer<typeof ConfirmRemoteJoin>;

/** A remote join's code: eight digits. */
export const RemoteJoinCode = z.string().regex(/^\d{8}$/);

export const RemoteJoinStatuses = ['pending', 'confirmed', 'cancelled'] as const;
export type RemoteJoinStatus = (typeof RemoteJoinStatuses)[number];

export interface RemoteJoin {
  code: string;
  service: string;
  status: RemoteJoinStatus;
  /** The ticket it turned into, once confirmed. */
  ticket?: string;
}

/** The confirmation's answer: the ticket (marked `remote`) and when to come. */
export interface RemoteJoinTicket {
  join: RemoteJoin;
  ticket: Ticket;
  /** ISO UTC: now plus the ticket's estimated wait (people ahead × average service time). */
  comeBy: string;
  /** The ticket holder's key (`X-Ticket-Key`), as the kiosk's answer carries it. */
  holderKey: string;
}

/**
 * `GET|PUT /api/offices/:office/booking-settings`: the check-in window and remote join. A PUT
 * without `remoteJoin` leaves remote join as it was.
 */
export const BookingSettings = CheckInSettings.extend({
  remoteJoin: RemoteJoinSettings.optional(),
});
export type BookingSettings = z.infer<typeof BookingSettings>;

/**
 * A PUT's body: every field it leaves out stays as it was, inside `remoteJoin` too
 * (`{remoteJoin: {enabled: false}}` alone is a change; the result must still hold together).
 */
export const BookingSettingsChange = CheckInSettings.partial().extend({
  remoteJoin: z
    .strictObject({
      enabled: z.boolean(),
      dailyCap: z.number().int().min(0).max(10_000),
    })
    .partial()
    .optional(),
});
export type BookingSettingsChange = z.infer<typeof BookingSettingsChange>;
