/**
 * Undo of a no-show (X pressed by mistake): within {@link UNDO_NO_SHOW_SECONDS} of marking it, the
 * clerk who may work that window brings the ticket back — to the window when it is still free, else
 * into the line at its old place (the issue time never changed). Audited like every ticket change.
 */
import type { StaffTicket } from '../../protocol';
import type { Database } from '../../../db/database';
import { QueueRepository } from '../../../db/repositories/queue-repository';
import type { TicketRecord } from '../../../db/records';
import { actorName } from '../auth/actor';
import type { StaffPrincipal } from '../auth/actor';
import { AppError, notFound } from '../errors';
import { WindowGuard } from './counter-sessions';
import type { QueueService } from './queue-service';

/** How long a no-show can be taken back. */
export const UNDO_NO_SHOW_SECONDS = 10;

/**
 * The ticket as the undo leaves it, or why it cannot: only a no-show of the last
 * {@link UNDO_NO_SHOW_SECONDS} with its window known comes back.
 */
export function undoNoShow(
  ticket: Pick<TicketRecord, 'status' | 'finishedAt' | 'counterNumber'>,
  now: Date,
  windowFree: boolean,
): { ok: true; next: Partial<TicketRecord> } | { ok: false; reason: string } {
  if (ticket.status !== 'no_show' || !ticket.finishedAt || !ticket.counterNumber) {
    return { ok: false, reason: 'only a no-show can be undone' };
  }
  const age = now.getTime() - ticket.finishedAt.getTime();
  if (age < 0 || age > UNDO_NO_SHOW_SECONDS * 1000) {
    return { ok: false, reason: `a no-show can be undone for ${UNDO_NO_SHOW_SECONDS} s only` };
  }
  if (windowFree) return { ok: true, next: { status: 'called', finishedAt: null } };
  return {
    ok: true,
    next: { status: 'waiting', finishedAt: null, calledAt: null, counterNumber: null, recalls: 0 },
  };
}

export interface NoShowUndoDeps {
  db: Database;
  queue: QueueService;
  now?: () => Date;
}

export class NoShowUndo {
  private readonly repo: QueueRepository;
  private readonly guard: WindowGuard;
  private readonly now: () => Date;

  constructor(private readonly deps: NoShowUndoDeps) {
    this.repo = new QueueRepository(deps.db);
    this.now = deps.now ?? (() => new Date());
    this.guard = new WindowGuard(deps.db, this.now);
  }

  /** Takes a recent no-show back; 409 `illegal_transition` when it is too late or not a no-show. */
  async undo(ticketId: string, user: StaffPrincipal): Promise<StaffTicket> {
    const found = await this.repo.findTicket(ticketId);
    if (!found) throw notFound(`ticket ${ticketId}`);
    if (user.officeCode !== null && user.officeCode !== found.officeCode) {
      throw new AppError('forbidden', `you work for office ${user.officeCode}`);
    }
    await this.deps.queue.configure(found.officeCode, async (t, _office, changes) => {
      const ticket = await this.repo.findTicket(ticketId, t, true);
      if (!ticket) throw notFound(`ticket ${ticketId}`);
      if (ticket.counterNumber) {
        await this.guard.assertMayWork(t, ticket.officeCode, ticket.counterNumber, user);
      }
      const counter = ticket.counterNumber;
      const busy = counter ? await this.repo.findHeldTicket(ticket.officeCode, counter, t) : null;
      const now = this.now();
      const result = undoNoShow(ticket, now, !busy);
      if (!result.ok) {
        throw new AppError('illegal_transition', result.reason, { reason: 'undo_expired' });
      }
      await this.repo.updateTicket(ticket.id, result.next, t);
      const next: TicketRecord = { ...ticket, ...result.next };
      await this.repo.audit(
        {
          officeCode: ticket.officeCode,
          at: now,
          actor: actorName({ kind: 'staff', user }),
          userId: user.id,
          action: 'ticket.undo-no-show',
          entity: 'ticket',
          entityId: ticket.id,
          subject: ticket.number,
          before: { status: ticket.status, counter },
          after: { status: next.status, counter: next.counterNumber },
        },
        t,
      );
      changes.push({
        kind: 'ticket:updated',
        ticketId: ticket.id,
        record: next,
        was: ticket.status,
      });
      if (counter && !busy) changes.push({ kind: 'counter:updated', counter, held: next });
    });
    return this.deps.queue.getTicket(ticketId);
  }
}
