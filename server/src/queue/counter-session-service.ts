/**
 * Taking and leaving windows (CONTRACT §6 window sessions). Each change runs as a queue command, so
 * every console sees `counter:updated` with the window's clerk, in seq order.
 */
import type { Transaction } from 'sequelize';
import type { CounterState } from '../../protocol';
import type { Database } from '../../../db/database';
import {
  CounterSessionRepository,
  type EndedHold,
  type WindowHolder,
} from '../../../db/repositories/counter-session-repository';
import { QueueRepository } from '../../../db/repositories/queue-repository';
import { notFound } from '../errors';
import type { StaffPrincipal } from '../auth/actor';
import type { QueueService } from './queue-service';
import { ChangeRenderer } from './change-renderer';
import { counterTaken } from './counter-sessions';

/** The note of a window left because its clerk's session ended (sign-out, expiry, disabled). */
export const SESSION_ENDED = 'session ended';

export interface CounterSessionServiceDeps {
  db: Database;
  queue: QueueService;
  now?: () => Date;
}

/** Taking and leaving windows; each change is a queue command that publishes `counter:updated`. */
export class CounterSessionService {
  private readonly repo: CounterSessionRepository;
  private readonly queueRepo: QueueRepository;
  private readonly now: () => Date;

  constructor(private readonly deps: CounterSessionServiceDeps) {
    this.repo = new CounterSessionRepository(deps.db);
    this.queueRepo = new QueueRepository(deps.db);
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * The session `tokenHash` of `user` takes the window; another user's live session there is
   * `counter_taken` unless `takeover` (audited; that console sees `counter:updated` with the new
   * clerk). A session works one window: any other window it held is left.
   */
  async take(
    officeCode: string,
    counterNumber: string,
    user: StaffPrincipal,
    tokenHash: string,
    takeover: boolean,
  ): Promise<CounterState> {
    return this.change(officeCode, counterNumber, async (t, counterId, holder, changes) => {
      if (holder && holder.userId !== user.id && !takeover) throw counterTaken(holder);
      const now = this.now();
      for (const other of await this.repo.heldBySession(officeCode, tokenHash, t)) {
        if (other.counterId === counterId) continue;
        await this.repo.release(other.counterId, t);
        changes.push(other.counter);
      }
      await this.repo.hold(counterId, user.id, tokenHash, now, t);
      if (holder?.userId !== user.id) {
        const takenOver = holder !== undefined;
        await this.queueRepo.audit(
          {
            officeCode,
            at: now,
            actor: user.username,
            userId: user.id,
            action: takenOver ? 'counter.takeover' : 'counter.take',
            entity: 'counter',
            entityId: counterNumber,
            before: holder ? { clerk: { id: holder.userId, name: holder.name } } : { clerk: null },
            after: { clerk: { id: user.id, name: user.name } },
          },
          t,
        );
      }
    });
  }

  /** The user leaves the window (nothing happens when someone else holds it now). */
  async leave(
    officeCode: string,
    counterNumber: string,
    user: StaffPrincipal,
  ): Promise<CounterState> {
    return this.change(officeCode, counterNumber, async (t, counterId, holder) => {
      if (!holder || holder.userId !== user.id) return;
      await this.repo.release(counterId, t);
      await this.queueRepo.audit(
        {
          officeCode,
          at: this.now(),
          actor: user.username,
          userId: user.id,
          action: 'counter.leave',
          entity: 'counter',
          entityId: counterNumber,
          before: { clerk: { id: holder.userId, name: holder.name } },
          after: { clerk: null },
        },
        t,
      );
    });
  }

  /**
   * Frees every window whose session has ended (logout, expiry, a disabled user), sends a ticket
   * still called to or served at it, and those sent to it, back to their lines (keeping their
   * places), and tells the consoles. Called after a logout and after an administrator ends sessions.
   */
  async releaseEnded(): Promise<number> {
    const ended = await this.repo.ended(this.now());
    const offices = [...new Set(ended.map((e) => e.officeCode))];
    for (const officeCode of offices) {
      await this.deps.queue.configure(officeCode, async (t, _office, changes) => {
        // Read again inside the transaction: a window taken meanwhile stays with its new clerk.
        for (const hold of await this.repo.ended(this.now(), t)) {
          if (hold.officeCode !== officeCode) continue;
          await this.repo.release(hold.counterId, t);
          await this.auditEnded(hold, t);
          // Citizens called or sent there would wait for a window nobody works: back to the line.
          await this.deps.queue.returnFromWindow(
            t,
            officeCode,
            hold.counter,
            SESSION_ENDED,
            changes,
          );
          changes.push({ kind: 'counter:updated', counter: hold.counter });
        }
      });
    }
    return ended.length;
  }

  /** "Left the window" for a hold whose session ended: the log says who was there until when. */
  private auditEnded(hold: EndedHold, t: Transaction): Promise<void> {
    return this.queueRepo.audit(
      {
        officeCode: hold.officeCode,
        at: this.now(),
        actor: 'system',
        userId: null,
        action: 'counter.leave',
        entity: 'counter',
        entityId: hold.counter,
        before: { clerk: hold.clerk ?? null },
        after: { clerk: null, note: SESSION_ENDED },
      },
      t,
    );
  }

  private async change(
    officeCode: string,
    counterNumber: string,
    work: (
      t: Transaction,
      counterId: number,
      holder: WindowHolder | undefined,
      alsoChanged: string[],
    ) => Promise<void>,
  ): Promise<CounterState> {
    return this.deps.queue.configure(officeCode, async (t, _office, changes) => {
      // The counter row lock serialises this with the window's queue commands.
      const counter = await this.queueRepo.lockCounter(officeCode, counterNumber, t);
      if (!counter) throw notFound(`counter ${counterNumber}`);
      const [holder] = await this.repo.holders(officeCode, this.now(), t, counterNumber);
      const alsoChanged: string[] = [];
      await work(t, counter.id, holder, alsoChanged);
      for (const other of alsoChanged) changes.push({ kind: 'counter:updated', counter: other });
      changes.push({ kind: 'counter:updated', counter: counterNumber });
      const state = await new ChangeRenderer(this.queueRepo, officeCode, t).counter(counterNumber);
      if (!state) throw notFound(`counter ${counterNumber}`);
      return state;
    });
  }
}
