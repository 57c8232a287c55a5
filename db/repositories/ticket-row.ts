/** A ticket row as a plain record (from the model, or from raw SQL on either database). */
import type { TicketModel } from '../models';
import type { TicketRecord } from '../records';

/** A DATETIME from a raw query: a Date from mysql2, a string from SQLite. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  return new Date(String(value));
}

/** The plain record of a ticket row. */
export function toTicket(r: TicketModel): TicketRecord {
  return {
    id: r.id,
    officeCode: r.officeCode,
    day: r.day,
    number: r.number,
    serviceId: r.serviceId,
    priority: r.priority,
    language: r.language,
    kiosk: r.kiosk,
    status: r.status,
    // Rows mapped from raw SQL keep SQLite's text timestamps: make them Dates here, once.
    issuedAt: toDate(r.issuedAt),
    calledAt: r.calledAt === null ? null : toDate(r.calledAt),
    startedAt: r.startedAt === null ? null : toDate(r.startedAt),
    finishedAt: r.finishedAt === null ? null : toDate(r.finishedAt),
    counterNumber: r.counterNumber,
    targetCounter: r.targetCounter,
    transferNote: r.transferNote ?? null,
    calledBy: r.calledBy,
    recalls: r.recalls,
    queueTime: toDate(r.queueTime ?? r.issuedAt),
    appointmentCode: r.appointmentCode ?? null,
    remote: Boolean(r.remote),
  };
}
