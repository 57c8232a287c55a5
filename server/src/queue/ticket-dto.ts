/** Ticket, counter and snapshot DTOs built from records (public and staff views). */
import type { CounterState, StaffTicket, Ticket } from '../../protocol';
import type { CounterRecord, TicketRecord } from '../../../db/records';

/** The staff view of a ticket; `toPublicTicket` strips what kiosks and displays must not see. */
export function toStaffTicket(
  t: TicketRecord,
  serviceCode: string,
  extra: {
    peopleAhead?: number;
    servingWindows?: number;
    estimatedWaitMinutes?: number;
    caseNumber?: string | null;
  } = {},
): StaffTicket {
  const dto: StaffTicket = {
    id: t.id,
    number: t.number,
    office: t.officeCode,
    service: serviceCode,
    priority: t.priority,
    status: t.status,
    issuedAt: t.issuedAt.toISOString(),
    recalls: t.recalls,
    caseNumber: extra.caseNumber ?? null,
  };
  if (t.calledAt) dto.calledAt = t.calledAt.toISOString();
  if (t.counterNumber) dto.counter = t.counterNumber;
  if (t.targetCounter) dto.targetCounter = t.targetCounter;
  if (t.transferNote) dto.transferNote = t.transferNote;
  if (t.startedAt) dto.startedAt = t.startedAt.toISOString();
  if (t.finishedAt) dto.finishedAt = t.finishedAt.toISOString();
  if (t.language === 'tg' || t.language === 'ru' || t.language === 'uz' || t.language === 'en') {
    dto.language = t.language;
  }
  if (t.appointmentCode) {
    dto.appointment = {
      code: t.appointmentCode,
      start: (t.queueTime ?? t.issuedAt).toISOString(),
    };
  }
  if (t.remote) dto.remote = true;
  if (extra.peopleAhead !== undefined) dto.peopleAhead = extra.peopleAhead;
  if (extra.servingWindows !== undefined) dto.servingWindows = extra.servingWindows;
  if (extra.estimatedWaitMinutes !== undefined)
    dto.estimatedWaitMinutes = extra.estimatedWaitMinutes;
  return dto;
}

/**
 * Only the public fields: no case number, nothing personal, and no booking code (events reach
 * every display; the check-in's own answer adds `appointment` back, see `withAppointment`).
 */
export function toPublicTicket(t: StaffTicket | Ticket): Ticket {
  const out: Ticket = {
    id: t.id,
    number: t.number,
    office: t.office,
    service: t.service,
    priority: t.priority,
    status: t.status,
    issuedAt: t.issuedAt,
    recalls: t.recalls,
  };
  if (t.calledAt !== undefined) out.calledAt = t.calledAt;
  if (t.counter !== undefined) out.counter = t.counter;
  if (t.peopleAhead !== undefined) out.peopleAhead = t.peopleAhead;
  if (t.servingWindows !== undefined) out.servingWindows = t.servingWindows;
  if (t.estimatedWaitMinutes !== undefined) out.estimatedWaitMinutes = t.estimatedWaitMinutes;
  if (t.language !== undefined) out.language = t.language;
  if (t.remote) out.remote = true;
  if (t.targetCounter) out.targetCounter = t.targetCounter;
  return out;
}

/** A window as clients see it: status, the services it calls, the ticket it holds. */
export function toCounterState(
  c: CounterRecord,
  serviceCode: (serviceId: number) => string,
  held: StaffTicket | undefined,
): CounterState {
  const state: CounterState = {
    number: c.number,
    status: c.status === 'paused' ? 'paused' : c.status === 'closed' ? 'closed' : 'open',
    services: c.serviceIds.map(serviceCode),
  };
  if (c.status === 'paused' && c.pauseReason) state.pauseReason = c.pauseReason;
  if (held) state.ticket = held;
  return state;
}

/** A window as kiosks and displays see it: its public ticket, and not who works there. */
export function toPublicCounter(c: CounterState): CounterState {
  const { clerk: _clerk, ...rest } = c;
  return rest.ticket ? { ...rest, ticket: toPublicTicket(rest.ticket) } : rest;
}

/** The check-in's answer: the public ticket with its `appointment` (the citizen's own code). */
export function withAppointment(t: StaffTicket): Ticket {
  const out = toPublicTicket(t);
  if (t.appointment) out.appointment = t.appointment;
  return out;
}
