/** Ticket, counter and snapshot DTOs built from records (public and staff views). */
import type { CounterState, StaffTicket, Ticket, ServiceLoad } from '../../protocol';
import type { CounterRecord, ServiceRecord, TicketRecord } from '../../../db/records';
import {
  averageServiceSeconds,
  estimateWaitMinutes,
  peopleAhead,
  type WaitingTicket,
} from './estimate';

/** The staff view of a ticket; `toPublicTicket` strips what kiosks and displays must not see. */
export function toStaffTicket(
  t: TicketRecord,
  serviceCode: string,
  extra: { peopleAhead?: number; estimatedWaitMinutes?: number; caseNumber?: string | null } = {},
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
  if (extra.peopleAhead !== undefined) dto.peopleAhead = extra.peopleAhead;
  if (extra.estimatedWaitMinutes !== undefined)
    dto.estimatedWaitMinutes = extra.estimatedWaitMinutes;
  return dto;
}

/** Only the public fields: no case number, nothing personal. */
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
  if (t.estimatedWaitMinutes !== undefined) out.estimatedWaitMinutes = t.estimatedWaitMinutes;
  if (t.language !== undefined) out.language = t.language;
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

/** Everything needed to compute waiting figures for one office at one moment. */
export class QueueView {
  private readonly serviceById: Map<number, ServiceRecord>;
  private readonly waiting: WaitingTicket[];

  constructor(
    readonly services: readonly ServiceRecord[],
    readonly counters: readonly CounterRecord[],
    readonly live: readonly TicketRecord[],
    private readonly durations: Map<number, number[]>,
    private readonly caseNumbers: Map<string, string> = new Map(),
  ) {
    this.serviceById = new Map(services.map((s) => [s.id, s]));
    this.waiting = live
      .filter((t) => t.status === 'waiting')
      .map((t) => ({
        id: t.id,
        service: String(t.serviceId),
        priority: t.priority,
        issuedAt: t.issuedAt,
      }));
  }

  serviceCode(serviceId: number): string {
    return this.serviceById.get(serviceId)?.code ?? String(serviceId);
  }

  /** Open counters that serve a service. */
  countersServing(serviceId: number): number {
    return this.counters.filter((c) => c.status === 'open' && c.serviceIds.includes(serviceId))
      .length;
  }

  estimateFor(serviceId: number, ahead: number): number {
    return estimateWaitMinutes(
      ahead,
      averageServiceSeconds(this.durations.get(serviceId) ?? []),
      this.countersServing(serviceId),
    );
  }

  /** Staff DTO; waiting tickets carry people ahead and the estimate. */
  ticket(t: TicketRecord): StaffTicket {
    const caseNumber = this.caseNumbers.get(t.id) ?? null;
    if (t.status !== 'waiting')
      return toStaffTicket(t, this.serviceCode(t.serviceId), { caseNumber });
    const ahead = peopleAhead(
      { id: t.id, service: String(t.serviceId), priority: t.priority, issuedAt: t.issuedAt },
      this.waiting,
    );
    return toStaffTicket(t, this.serviceCode(t.serviceId), {
      caseNumber,
      peopleAhead: ahead,
      estimatedWaitMinutes: this.estimateFor(t.serviceId, ahead),
    });
  }

  counter(c: CounterRecord): CounterState {
    const held = this.live.find(
      (t) => t.counterNumber === c.number && (t.status === 'called' || t.status === 'serving'),
    );
    return toCounterState(c, (id) => this.serviceCode(id), held ? this.ticket(held) : undefined);
  }

  serviceLoads(): ServiceLoad[] {
    return this.services.map((s) => {
      const waiting = this.waiting.filter((w) => w.service === String(s.id)).length;
      return { code: s.code, waiting, estimatedWaitMinutes: this.estimateFor(s.id, waiting) };
    });
  }
}
