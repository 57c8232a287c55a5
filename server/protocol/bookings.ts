/** Appointments on the wire (CONTRACT §6 "Bookings"): requests, the booking DTO, the plan an admin sets. */
import { z } from 'zod';
import { WEEKDAYS } from './opening-hours';
import { Code, Language, Names } from './schemas';
import { OfficeDate } from './admin';

// A calendar day that exists, as the reports take it (2026-02-31 is refused).
const Day = OfficeDate;
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');
/** An international number in E.164 form. */
export const BookingPhone = z
  .string()
  .regex(/^\+[1-9]\d{7,14}$/, 'an international number in E.164 form, e.g. +992901234567');

/** `GET /api/offices/:office/slots?service=&from=&to=` (dates on the office clock). */
export const SlotsQuery = z.strictObject({ service: Code, from: Day, to: Day });
export type SlotsQuery = z.infer<typeof SlotsQuery>;

export const CreateBooking = z.strictObject({
  service: Code,
  start: z.iso.datetime({ offset: true }),
  phone: BookingPhone,
  language: Language,
});
export type CreateBooking = z.infer<typeof CreateBooking>;

export const ConfirmBooking = z.strictObject({
  otp: z.string().regex(/^\d{6}$/, 'the six digits of the code'),
});
export type ConfirmBooking = z.infer<typeof ConfirmBooking>;

export const CancelBooking = z.strictObject({ phone: BookingPhone });
export type CancelBooking = z.infer<typeof CancelBooking>;

/** A booking code: eight digits (what a citizen types at the kiosk). */
export const BookingCode = z.string().regex(/^\d{8}$/);

/**
 * `POST /api/offices/:office/tickets` `{booking}`: check in with a booking code (CONTRACT §6). The
 * service comes from the booking; the other fields mean what they mean for a walk-in ticket.
 */
export const CheckInBooking = z.strictObject({
  booking: BookingCode,
  priority: z.string().min(1).max(40).optional(),
  language: Language.optional(),
  kiosk: z.string().min(1).max(40).optional(),
  phone: BookingPhone.optional(),
});
export type CheckInBooking = z.infer<typeof CheckInBooking>;

/** An office's check-in window around each slot's start (admin; default 15 before, 10 after). */
export const CheckInSettings = z.strictObject({
  earlyMinutes: z.number().int().min(0).max(240),
  lateMinutes: z.number().int().min(0).max(240),
});
export type CheckInSettings = z.infer<typeof CheckInSettings>;

export const BookingStatuses = [
  'pending',
  'confirmed',
  'checked_in',
  'cancelled',
  'expired',
  'missed',
] as const;
export type BookingStatus = (typeof BookingStatuses)[number];

export interface Booking {
  code: string;
  service: string;
  /** ISO-8601 UTC. */
  start: string;
  end: string;
  status: BookingStatus;
}

export interface SlotDto {
  /** The slot's office date (YYYY-MM-DD). */
  day: string;
  start: string;
  end: string;
  capacity: number;
  free: number;
}

const DayHours = z.strictObject({ open: Time, close: Time }).refine((h) => h.open < h.close, {
  message: 'closes before it opens',
});

/** How a service takes appointments (admin). */
export const BookingPlanInput = z.strictObject({
  hours: z.strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, DayHours.optional()]))),
  slotMinutes: z.number().int().min(5).max(240),
  perSlot: z.number().int().min(1).max(50),
  walkInShare: z.number().min(0).max(1),
  daysAhead: z.number().int().min(0).max(90),
  closedDays: z.array(Day).max(366),
});
export type BookingPlanInput = z.infer<typeof BookingPlanInput>;

/**
 * A service's booking plan as an administrator sets it: its own calendar, or `{resource}` — the
 * calendar of a room it books, such as the marriage ceremony hall, shared by every service that
 * books that room (a slot of the hall is one ceremony, whichever service took it).
 */
export const ServiceBookingPlan = z.union([BookingPlanInput, z.strictObject({ resource: Code })]);
export type ServiceBookingPlan = z.infer<typeof ServiceBookingPlan>;

/** A bookable room with its own calendar (admin): names in the four languages and its plan. */
export const BookingResourceInput = z.strictObject({ names: Names, plan: BookingPlanInput });
export type BookingResourceInput = z.infer<typeof BookingResourceInput>;

export interface BookingResource extends BookingResourceInput {
  code: string;
  /** The services that book it. */
  services: string[];
}

/** `GET /api/offices/:office/bookings?day=&service=` (admin): one office day's bookings. */
export const DayBookingsQuery = z.strictObject({ day: Day, service: Code.optional() });
export type DayBookingsQuery = z.infer<typeof DayBookingsQuery>;

/** `POST /api/offices/:office/bookings/:code/cancel` (admin): cancel on the citizen's behalf. */
export const CancelOnBehalf = z.strictObject({
  /** Why, for the audit log (the citizen phoned, the office closes that day, …). */
  reason: z.string().trim().min(1).max(200).optional(),
});
export type CancelOnBehalf = z.infer<typeof CancelOnBehalf>;

/** A booking as staff see it in the day view: the phone masked but for its last 3 digits. */
export interface StaffBooking extends Booking {
  /** `+•••••••••567`; absent once the number was erased. */
  phone?: string;
  language: Language;
  createdAt: string;
  confirmedAt?: string;
  /** The ticket it checked in to. */
  ticket?: string;
}
