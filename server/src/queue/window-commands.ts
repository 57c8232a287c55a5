/**
 * The commands a clerk gives at a window: call the next ticket (fair priority), call a chosen
 * waiting ticket, pause the window or open it again. Each checks one window, one clerk.
 */
import type { Transaction } from 'sequelize';
import type { CallReason, CounterState, StaffTicket } from '../../protocol';
import type { HotPathRepository, LockedWindow } from '../../../db/repositories/hot-path-repository';
import type { CounterRecord, OfficeRecord } from '../../../db/records';
import { AppError, illegalTransition, notFound } from '../errors';
import { actorName, type StaffPrincipal } from '../auth/actor';
import { officeDay } from './office-day';
import { callOrder, chosenReason } from './call-next';
import { refuseOtherClerk } from './counter-sessions';
import type { PendingChange } from './change-renderer';
import type { CommandHints } from './command-pipeline';
import { actorOf, answerTicket, assertStaffOf, type QueueContext } from './queue-context';

export class WindowCommands {
  constructor(private readonly ctx: QueueContext) {}

  /** Calls the next ticket for a counter; `null` when nobody waits for what it serves. */
  async callNext(
    officeCode: string,
    counterNumber: string,
    user: StaffPrincipal,
    why?: (reason: CallReason) => void,
  ): Promise<StaffTicket | null> {
    assertStaffOf(user, officeCode);
    const { result: id, tickets } = await this.ctx.pipeline.run(
      officeCode,
      (t, office, changes, hints) =>
        this.callNextIn(t, office, changes, hints, { officeCode, counterNumber, user, why }),
    );
    return id ? answerTicket(this.ctx, tickets, id) : null;
  }

  /** Calls one chosen waiting ticket to a counter, with call-next's guards. */
  async callTicket(
    officeCode: string,
    counterNumber: string,
    ticketId: string,
    user: StaffPrincipal,
  ): Promise<StaffTicket> {
    assertStaffOf(user, officeCode);
    const { tickets } = await this.ctx.pipeline.run(officeCode, async (t, office, changes) => {
      const counter = await this.lockedCounter(officeCode, counterNumber, t);
      await this.ctx.windows.assertMayWork(t, officeCode, counter.number, user);
      refuseBusy(counter, await this.ctx.repo.findHeldTicket(officeCode, counter.number, t));
      const found = await this.ctx.repo.findTicket(ticketId, t);
      if (!found || found.officeCode !== officeCode) throw notFound(`ticket ${ticketId}`);
      const ticket = await this.ctx.repo.lockWaiting(ticketId, t);
      if (!ticket || ticket.day !== officeDay(this.ctx.now(), office.timeZone)) {
        throw illegalTransition(`ticket ${found.number} is not waiting`);
      }
      if (ticket.targetCounter && ticket.targetCounter !== counter.number) {
        throw new AppError(
          'conflict',
          `ticket ${ticket.number} was sent to window ${ticket.targetCounter}`,
          { reason: 'sent_to_window', counter: ticket.targetCounter },
        );
      }
      const called = await this.ctx.transitions.apply(
        t,
        actorOf(user),
        ticket,
        'call',
        { counter: counter.number },
        { calledBy: user.id },
      );
      changes.push({
        kind: 'ticket:called',
        ticketId: called.id,
        record: called,
        was: ticket.status,
      });
      changes.push({
        kind: 'counter:updated',
        counter: counter.number,
        held: called,
        record: counter,
      });
    });
    return answerTicket(this.ctx, tickets, ticketId);
  }

  /** Pauses a window with a reason or, with `reason: null`, opens it again. */
  async setCounterPause(
    officeCode: string,
    counterNumber: string,
    reason: string | null,
    user: StaffPrincipal,
  ): Promise<CounterState> {
    assertStaffOf(user, officeCode);
    const { events } = await this.ctx.pipeline.run(officeCode, async (t, _office, changes) => {
      const counter = await this.lockedCounter(officeCode, counterNumber, t);
      await this.ctx.windows.assertMayWork(t, officeCode, counter.number, user);
      const status = reason === null ? 'open' : 'paused';
      if (counter.status === 'closed') {
        throw illegalTransition(`window ${counter.number} is closed`);
      }
      if (status === 'paused') {
        // The hall sends nobody to a paused window: the citizen called to it is seen to first.
        const held = await this.ctx.repo.findHeldTicket(officeCode, counter.number, t);
        if (held) {
          throw new AppError(
            'counter_busy',
            `window ${counter.number} still has ticket ${held.number}: complete it, mark it a no-show or transfer it first`,
            { ticket: held.id, number: held.number },
          );
        }
      }
      await this.ctx.repo.updateCounter(counter.id, { status, pauseReason: reason }, t);
      await this.ctx.repo.audit(
        {
          officeCode,
          at: this.ctx.now(),
          actor: actorName(actorOf(user)),
          userId: user.id,
          action: reason === null ? 'counter.resume' : 'counter.pause',
          entity: 'counter',
          entityId: counter.number,
          before: { status: counter.status, reason: counter.pauseReason },
          after: { status, reason },
        },
        t,
      );
      changes.push({ kind: 'counter:updated', counter: counter.number });
    });
    const event = events.find((e) => e.kind === 'counter:updated');
    if (!event || event.kind !== 'counter:updated') throw notFound(`counter ${counterNumber}`);
    return event.counter;
  }

  /** Call-next inside its transaction: the window locked, the fair choice, the call. */
  private async callNextIn(
    t: Transaction,
    office: OfficeRecord,
    changes: PendingChange[],
    hints: CommandHints,
    call: {
      officeCode: string;
      counterNumber: string;
      user: StaffPrincipal;
      why?: (reason: CallReason) => void;
    },
  ): Promise<string | null> {
    const { officeCode, user } = call;
    const day = officeDay(this.ctx.now(), office.timeZone);
    const { counter, window } = await this.lockedWindow(officeCode, call.counterNumber, day, t);
    hints.recipients = window.recipients;
    refuseOtherClerk(counter.number, window.holder, user);
    refuseBusy(counter, window.held);
    const fairnessN = office.fairnessN;
    const query = { officeCode, day, counter: counter.number, serviceIds: counter.serviceIds };
    const order = callOrder(window.priorityWaiting, counter.priorityStreak, fairnessN);
    const found = await this.lockNext(query, order, t);
    if (!found) return null;
    const choice = chosenReason(
      found.ticket.priority,
      window.priorityWaiting,
      counter.priorityStreak,
      fairnessN,
    );
    call.why?.(found.ticket.targetCounter === counter.number ? 'transferred' : choice.reason);
    const called = await this.ctx.transitions.apply(
      t,
      actorOf(user),
      found.ticket,
      'call',
      { counter: counter.number },
      { calledBy: user.id },
    );
    if (choice.streak !== counter.priorityStreak) {
      await this.ctx.repo.updateCounter(counter.id, { priorityStreak: choice.streak }, t);
    }
    const { caseNumber, ticket } = found;
    changes.push({
      kind: 'ticket:called',
      ticketId: called.id,
      record: called,
      caseNumber,
      was: ticket.status,
    });
    const clerk = window.holder && { id: window.holder.userId, name: window.holder.name };
    changes.push({
      kind: 'counter:updated',
      counter: counter.number,
      held: called,
      record: counter,
      clerk,
    });
    return called.id;
  }

  /** The first waiting ticket found in the priority turns' order, locked (none: undefined). */
  private async lockNext(
    query: Parameters<HotPathRepository['lockCandidate']>[0],
    order: Iterable<Parameters<HotPathRepository['lockCandidate']>[1]>,
    t: Transaction,
  ): Promise<Awaited<ReturnType<HotPathRepository['lockCandidate']>>> {
    for (const priority of order) {
      const found = await this.ctx.hot.lockCandidate(query, priority, t);
      if (found) return found;
    }
    return undefined;
  }

  /** The window locked, with its guards (its services from the office cache). */
  private async lockedWindow(
    officeCode: string,
    number: string,
    day: string,
    t: Transaction,
  ): Promise<{ counter: CounterRecord; window: LockedWindow }> {
    const known = (await this.ctx.cache.counters(officeCode, t)).find((c) => c.number === number);
    const window = known
      ? await this.ctx.hot.lockWindow(
          { officeCode, number, day, now: this.ctx.now(), serviceIds: known.serviceIds },
          t,
        )
      : undefined;
    if (!known || !window) throw notFound(`counter ${number}`);
    const { held: _h, holder: _c, priorityWaiting: _p, recipients: _r, ...row } = window;
    return { counter: { ...known, ...row }, window };
  }

  /** The window's row, locked (its services from the office cache). */
  private async lockedCounter(
    officeCode: string,
    number: string,
    t: Transaction,
  ): Promise<CounterRecord> {
    const known = (await this.ctx.cache.counters(officeCode, t)).find((c) => c.number === number);
    const counter = await this.ctx.repo.lockCounter(officeCode, number, t, known?.serviceIds);
    if (!counter) throw notFound(`counter ${number}`);
    return counter;
  }
}

/** Refuses a call to a window that still holds a ticket (`counter_busy`) or is paused. */
function refuseBusy(
  counter: CounterRecord,
  held: { id: string; number: string } | null | undefined,
): void {
  if (held) {
    throw new AppError('counter_busy', `window ${counter.number} still has ticket ${held.number}`, {
      ticket: held.id,
    });
  }
  if (counter.status === 'paused') {
    throw new AppError('conflict', `window ${counter.number} is paused`);
  }
}
