/**
 * What an issued ticket starts as: refused outside the opening hours, or a new waiting row.
 */
import { isOpenAt, nextOpening, type IssueTicket } from '../../protocol';
import type { OfficeRecord, ServiceRecord, TicketRecord } from '../../../db/records';
import { AppError } from '../errors';

/** Outside the opening hours: refused, with the next opening when there is one. */
export function refuseClosedOffice(office: OfficeRecord, now: Date): void {
  if (isOpenAt(office.openingHours, now, office.timeZone)) return;
  const next = nextOpening(office.openingHours, now, office.timeZone);
  throw new AppError('conflict', 'the office is closed now', {
    reason: 'office_closed',
    ...(next ? { opens: next } : {}),
  });
}

/** A new waiting ticket's row (a checked-in booking sets its queue time and code). */
export function newTicket(p: {
  id: string;
  officeCode: string;
  day: string;
  number: string;
  service: ServiceRecord;
  priority: string;
  req: IssueTicket;
  now: Date;
  admitted?: { queueTime: Date; appointmentCode: string | null; remote?: boolean };
}): TicketRecord {
  return {
    id: p.id,
    officeCode: p.officeCode,
    day: p.day,
    number: p.number,
    serviceId: p.service.id,
    priority: p.priority,
    language: p.req.language ?? null,
    kiosk: p.req.kiosk ?? null,
    status: 'waiting',
    issuedAt: p.now,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    counterNumber: null,
    targetCounter: null,
    calledBy: null,
    recalls: 0,
    ...(p.admitted ?? { queueTime: p.now, appointmentCode: null }),
  };
}
