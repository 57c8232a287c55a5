/**
 * One window, one clerk (CONTRACT §6 window sessions): a staff session takes a window, and while it
 * holds it, queue commands at that window from any other user are refused with `counter_taken`.
 * A window nobody holds accepts any clerk (scripts, integrations). The check lives here only.
 */
import type { Transaction } from 'sequelize';
import type { CounterState } from '../../protocol';
import type { Database } from '../../../db/database';
import {
  CounterSessionRepository,
  type WindowHolder,
} from '../../../db/repositories/counter-session-repository';
import type { HolderRow } from '../../../db/repositories/hot-path-repository';
import { AppError } from '../errors';
import type { StaffPrincipal } from '../auth/actor';

/** Who works at a window, as counters carry it. */
export interface Clerk {
  id: number;
  name: string;
}

/** The refusal of a window held by someone else. */
export function counterTaken(holder: WindowHolder): AppError {
  return new AppError('counter_taken', `window ${holder.counter} is held by ${holder.name}`, {
    user: { id: holder.userId, name: holder.name },
    since: holder.since.toISOString(),
  });
}

/**
 * Refuses (`counter_taken`) when another user's live session holds the window, as the hot path's
 * lock read its holder (`null`: nobody).
 */
export function refuseOtherClerk(
  counter: string,
  holder: HolderRow | null,
  user: StaffPrincipal,
): void {
  if (holder && holder.userId !== user.id) {
    throw counterTaken({ ...holder, counter, counterId: 0, tokenHash: '' });
  }
}

/** The check every queue command at a window makes, and who holds the windows (for DTOs). */
export class WindowGuard {
  private readonly repo: CounterSessionRepository;

  constructor(
    db: Database,
    /** The queue's clock. */
    readonly now: () => Date,
  ) {
    this.repo = new CounterSessionRepository(db);
  }

  /** Refuses (`counter_taken`) when another user's live session holds the window. */
  async assertMayWork(
    t: Transaction,
    officeCode: string,
    counter: string,
    user: StaffPrincipal,
  ): Promise<void> {
    const [holder] = await this.repo.holders(officeCode, this.now(), t, counter);
    if (holder && holder.userId !== user.id) throw counterTaken(holder);
  }

  /** The clerk of each held window of an office. */
  async clerks(officeCode: string, t?: Transaction): Promise<Map<string, Clerk>> {
    const holders = await this.repo.holders(officeCode, this.now(), t);
    return new Map(holders.map((h) => [h.counter, { id: h.userId, name: h.name }]));
  }
}

/** Counters with their clerk (`null` where nobody holds the window). */
export function withClerks(counters: CounterState[], clerks: Map<string, Clerk>): CounterState[] {
  return counters.map((c) => ({ ...c, clerk: clerks.get(c.number) ?? null }));
}
