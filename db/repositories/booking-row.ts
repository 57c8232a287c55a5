/**
 * A booking as its table holds it and as the services see it, and the one mapping between the two
 * (dates as each database returns them).
 */
import type { BookingStatus } from '../../server/protocol/bookings';

/** A booking row as the service sees it. */
export interface BookingRecord {
  id: string;
  officeCode: string;
  serviceCode: string;
  code: string;
  startAt: Date;
  day: string;
  phone: string | null;
  language: string;
  status: BookingStatus;
  otpHash: string | null;
  otpAttempts: number;
  ticketId: string | null;
  createdAt: Date;
  confirmedAt: Date | null;
  endedAt: Date | null;
  /** The room the booking takes (the ceremony hall), when its service books one. */
  resourceCode?: string | null;
  /** A hash of the address that asked for it (see server/src/bookings/address-holds.ts). */
  requestedFrom?: string | null;
  /** A hash of the `Idempotency-Key` it was asked with, if any. */
  idempotencyKey?: string | null;
}

/** A `bookings` row as the database returns it. */
export interface BookingRow {
  id: string;
  office_code: string;
  service_code: string;
  code: string;
  start_at: unknown;
  day: string;
  phone: string | null;
  language: string;
  status: string;
  otp_hash: string | null;
  otp_attempts: number | string;
  ticket_id: string | null;
  resource_code?: string | null;
  created_at: unknown;
  confirmed_at: unknown;
  ended_at: unknown;
}

/** The service's view of a row. */
export function toRecord(r: BookingRow): BookingRecord {
  return {
    id: r.id,
    officeCode: r.office_code,
    serviceCode: r.service_code,
    code: r.code,
    startAt: toDate(r.start_at),
    day: r.day,
    phone: r.phone,
    language: r.language,
    status: r.status as BookingStatus,
    otpHash: r.otp_hash,
    otpAttempts: Number(r.otp_attempts),
    ticketId: r.ticket_id,
    createdAt: toDate(r.created_at),
    confirmedAt: r.confirmed_at === null ? null : toDate(r.confirmed_at),
    endedAt: r.ended_at === null ? null : toDate(r.ended_at),
    resourceCode: r.resource_code ?? null,
  };
}

/** A DATETIME from a raw query: a Date from mysql2, a string from SQLite. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  return new Date(String(value));
}
