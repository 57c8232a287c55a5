/**
 * The one way a ticket changes status: the lifecycle's rule decides, the row is written, and the
 * audit row (searchable by the ticket's number) records who did it, before and after.
 */
import type { Transaction } from 'sequelize';
import type { TicketAction } from '../../protocol';
import type { QueueRepository } from '../../../db/repositories/queue-repository';
import type { HotPathRepository } from '../../../db/repositories/hot-path-repository';
import type { TicketRecord } from '../../../db/records';
import { illegalTransition, notFound } from '../errors';
import { actorName, actorUserId, type Actor } from '../auth/actor';
import { applyTicketAction } from './lifecycle';

/** What a transition may need besides the ticket (see `applyTicketAction`). */
export interface TransitionInput {
  counter?: string;
  targetCounter?: string | null;
  maxRecalls?: number;
}

export class TicketTransitions {
  constructor(
    private readonly repo: QueueRepository,
    private readonly hot: HotPathRepository,
    private readonly now: () => Date,
  ) {}

  /** The ticket, locked for the rest of the transaction (404 when unknown). */
  async locked(id: string, t: Transaction): Promise<TicketRecord> {
    const ticket = await this.repo.findTicket(id, t, true);
    if (!ticket) throw notFound(`ticket ${id}`);
    return ticket;
  }

  /**
   * Applies `action` (refused with `illegal_transition` when the lifecycle forbids it), writes the
   * ticket with `extra` fields and audits it; returns the ticket as it now is.
   */
  async apply(
    t: Transaction,
    actor: Actor,
    ticket: TicketRecord,
    action: TicketAction,
    input: TransitionInput,
    extra: Partial<TicketRecord> = {},
    note?: string,
  ): Promise<TicketRecord> {
    const now = this.now();
    const result = applyTicketAction({ ...ticket, status: ticket.status }, action, {
      now,
      ...input,
    });
    if (!result.ok) throw illegalTransition(result.reason);
    const next = { ...result.next, ...extra };
    await this.hot.updateTicket(ticket.id, next, t);
    await this.audit(
      t,
      actor,
      ticket.officeCode,
      `ticket.${action}`,
      ticket,
      { status: ticket.status, counter: ticket.counterNumber, serviceId: ticket.serviceId },
      {
        status: next.status,
        counter: next.counterNumber,
        serviceId: next.serviceId ?? ticket.serviceId,
        // A transfer to a window: which one (the ticket's own window is none until it is called).
        ...(next.targetCounter ? { targetCounter: next.targetCounter } : {}),
        ...(note ? { note } : {}),
      },
    );
    return { ...ticket, ...next };
  }

  /** An audit row about a ticket. */
  async audit(
    t: Transaction,
    actor: Actor,
    officeCode: string,
    action: string,
    ticket: Pick<TicketRecord, 'id' | 'number'>,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await this.hot.audit(
      {
        officeCode,
        at: this.now(),
        actor: actorName(actor),
        userId: actorUserId(actor),
        action,
        entity: 'ticket',
        entityId: ticket.id,
        // Searchable by the number people say and see ("A002"), not only by the id.
        subject: ticket.number,
        before,
        after,
      },
      t,
    );
  }
}
