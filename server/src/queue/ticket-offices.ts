/**
 * Which office a ticket belongs to (a ticket never changes office), learnt from committed events —
 * every node sees every event — so a command by ticket id need not read the ticket to find its
 * office's pipeline. Bounded: the oldest entries go first.
 */
import type { QueueChange } from '../../protocol';
import type { QueueRepository } from '../../../db/repositories/queue-repository';
import { notFound } from '../errors';

/** Tickets whose office this process remembers. */
const KNOWN_TICKETS = 100_000;

export class TicketOffices {
  private readonly offices = new Map<string, string>();

  constructor(private readonly repo: QueueRepository) {}

  /** Remembers the office of every ticket that `changes` (committed) carry. */
  learn(officeCode: string, changes: readonly QueueChange[]): void {
    for (const c of changes) {
      if (!('ticket' in c) || this.offices.has(c.ticket.id)) continue;
      if (this.offices.size >= KNOWN_TICKETS) {
        const oldest = this.offices.keys().next();
        if (!oldest.done) this.offices.delete(oldest.value);
      }
      this.offices.set(c.ticket.id, officeCode);
    }
  }

  /** The ticket's office: remembered, else read (404 for an unknown ticket). */
  async officeOf(id: string): Promise<string> {
    const known = this.offices.get(id);
    if (known) return known;
    const ticket = await this.repo.findTicket(id);
    if (!ticket) throw notFound(`ticket ${id}`);
    return ticket.officeCode;
  }
}
