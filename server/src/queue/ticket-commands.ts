/**
 * The commands on a ticket once issued: recall / start / no-show / complete at its window, the
 * transfer to another service or window, and the end of a day (stale days at start-up, today by
 * hand), which moves every open ticket through the lifecycle.
 */
import type { Transaction } from 'sequelize';
import type { StaffTicket, TicketAction, Transfer } from '../../protocol';
import { holdsCounter } from '../../protocol';
import type { LockedTicket } from '../../../db/repositories/hot-path-repository';
import type { CounterRecord, TicketRecord } from '../../../db/records';
import { notFound } from '../errors';
import type { StaffPrincipal } from '../auth/actor';
import { officeDay } from './office-day';
import type { PendingChange } from './change-renderer';
import { refuseOtherClerk, type Clerk } from './counter-sessions';
import { actorOf, answerTicket, assertStaffOf, type QueueContext } from './queue-context';

export class TicketCommands {
  constructor(private readonly ctx: QueueContext) {}

  /** recall / start / no-show / complete of a ticket at its counter. */
  async act(
    ticketId: string,
    action: Extract<TicketAction, 'recall' | 'start' | 'no-show' | 'complete'>,
    user: StaffPrincipal,
  ): Promise<StaffTicket> {
    const officeCode = await this.ctx.tickets.officeOf(ticketId);
    assertStaffOf(user, officeCode);
    const { tickets } = await this.ctx.pipeline.run(
      officeCode,
      async (t, office, changes, hints) => {
        const now = this.ctx.now();
        const locked = await this.ctx.hot.lockTicket(
          ticketId,
          { day: officeDay(now, office.timeZone), now },
          t,
        );
        if (!locked) throw notFound(`ticket ${ticketId}`);
        hints.recipients = locked.recipients;
        const { ticket, caseNumber } = locked;
        if (ticket.counterNumber) refuseOtherClerk(ticket.counterNumber, locked.holder, user);
        const next = await this.ctx.transitions.apply(t, actorOf(user), ticket, action, {
          maxRecalls: action === 'recall' ? office.maxRecalls : undefined,
        });
        const kind = action === 'recall' ? 'ticket:called' : 'ticket:updated';
        changes.push({ kind, ticketId, record: next, caseNumber, was: ticket.status });
        if (ticket.counterNumber) {
          const held = holdsCounter(next.status) ? next : null;
          const window = await this.windowOf(officeCode, ticket.counterNumber, locked, t);
          changes.push({ kind: 'counter:updated', counter: ticket.counterNumber, held, ...window });
        }
      },
    );
    return answerTicket(this.ctx, tickets, ticketId);
  }

  /** Sends a ticket back to the queue for another service or a given counter; it keeps its place. */
  async transfer(ticketId: string, target: Transfer, user: StaffPrincipal): Promise<StaffTicket> {
    const officeCode = await this.ctx.tickets.officeOf(ticketId);
    assertStaffOf(user, officeCode);
    const { tickets } = await this.ctx.pipeline.run(officeCode, async (t, _office, changes) => {
      const ticket = await this.ctx.transitions.locked(ticketId, t);
      if (ticket.counterNumber)
        await this.ctx.windows.assertMayWork(t, officeCode, ticket.counterNumber, user);
      const fields: Partial<TicketRecord> = { transferNote: target.note ?? null };
      let targetCounter: string | null = null;
      if ('service' in target) {
        const service = (await this.ctx.cache.services(officeCode, t)).find(
          (s) => s.code === target.service,
        );
        if (!service) throw notFound(`service ${target.service}`);
        fields.serviceId = service.id;
      } else {
        const counters = await this.ctx.cache.counters(officeCode, t);
        if (!counters.some((c) => c.number === target.counter))
          throw notFound(`counter ${target.counter}`);
        targetCounter = target.counter;
      }
      const next = await this.ctx.transitions.apply(
        t,
        actorOf(user),
        ticket,
        'transfer',
        { targetCounter },
        fields,
        target.note,
      );
      changes.push({ kind: 'ticket:updated', ticketId, record: next, was: ticket.status });
      if (ticket.counterNumber)
        changes.push({ kind: 'counter:updated', counter: ticket.counterNumber, held: null });
    });
    return answerTicket(this.ctx, tickets, ticketId);
  }

  /**
   * Inside a command: the ticket called to or served at `counter`, and those a transfer sent there,
   * go back to their lines with their places (they keep their issue times), audited as the
   * system's with `note`. The window's clerk is gone (disabled, signed out by an administrator):
   * nobody would serve them there, the hall display would show a call to an empty window, and a
   * ticket sent there could be called by no other window.
   */
  async returnFromWindow(
    t: Transaction,
    officeCode: string,
    counter: string,
    note: string,
    changes: PendingChange[],
  ): Promise<void> {
    const held = await this.ctx.repo.findHeldTicket(officeCode, counter, t);
    const sent = await this.ctx.repo.waitingSentTo(officeCode, counter, t);
    for (const { id } of held ? [held, ...sent] : sent) {
      const ticket = await this.ctx.transitions.locked(id, t);
      const atWindow = ticket.counterNumber === counter && holdsCounter(ticket.status);
      const sentThere = ticket.status === 'waiting' && ticket.targetCounter === counter;
      if (!atWindow && !sentThere) continue;
      const next = await this.ctx.transitions.apply(
        t,
        { kind: 'system' },
        ticket,
        'transfer',
        { targetCounter: null },
        {},
        note,
      );
      changes.push({ kind: 'ticket:updated', ticketId: id, record: next, was: ticket.status });
    }
  }

  /**
   * Closes earlier office days: their waiting and called tickets expire, serving ones are completed.
   * Safe to run on every node at once (each ticket changes in one transaction, once).
   */
  async closeStaleDays(officeCode: string): Promise<number> {
    const { result } = await this.ctx.pipeline.run(officeCode, async (t, office, changes) => {
      const today = officeDay(this.ctx.now(), office.timeZone);
      const stale = await this.ctx.repo.staleTickets(officeCode, today, t);
      for (const ticket of stale) {
        const action: TicketAction = ticket.status === 'serving' ? 'complete' : 'expire';
        const next = await this.ctx.transitions.apply(t, { kind: 'system' }, ticket, action, {});
        changes.push({
          kind: 'ticket:updated',
          ticketId: ticket.id,
          record: next,
          was: ticket.status,
        });
        if (ticket.counterNumber)
          changes.push({ kind: 'counter:updated', counter: ticket.counterNumber, held: null });
      }
      return stale.length;
    });
    return result;
  }

  /**
   * Closes today by hand: its waiting and called tickets expire through the lifecycle, audited as
   * `user`'s, and their windows are freed. `andThen` writes in the same transaction (the day's row).
   */
  async closeToday(
    officeCode: string,
    user: StaffPrincipal,
    andThen: (t: Transaction, day: string, numbers: string[]) => Promise<void>,
  ): Promise<{ day: string; numbers: string[] }> {
    const { result } = await this.ctx.pipeline.run(
      officeCode,
      async (t, office, changes) => {
        const day = officeDay(this.ctx.now(), office.timeZone);
        const open = await this.ctx.repo.openTicketsOfDay(officeCode, day, t);
        for (const ticket of open) {
          const next = await this.ctx.transitions.apply(
            t,
            actorOf(user),
            ticket,
            'expire',
            {},
            {},
            'day closed',
          );
          changes.push({
            kind: 'ticket:updated',
            ticketId: ticket.id,
            record: next,
            was: ticket.status,
          });
          if (ticket.counterNumber)
            changes.push({ kind: 'counter:updated', counter: ticket.counterNumber, held: null });
        }
        const numbers = open.map((x) => x.number);
        await andThen(t, day, numbers);
        return { day, numbers };
      },
      { configures: true },
    );
    return result;
  }

  /** A ticket's window as its lock read it, with its clerk, for the window's event. */
  private async windowOf(
    officeCode: string,
    number: string,
    locked: LockedTicket,
    t: Transaction,
  ): Promise<{ record?: CounterRecord; clerk?: Clerk | null }> {
    const known = (await this.ctx.cache.counters(officeCode, t)).find((c) => c.number === number);
    if (!known || !locked.counter) return {};
    const clerk = locked.holder && { id: locked.holder.userId, name: locked.holder.name };
    return { record: { ...known, ...locked.counter }, clerk };
  }
}
