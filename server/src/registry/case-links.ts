/** How the queue reaches the registry: find a case by number, link a visit, case numbers of tickets. */
import { timingSafeEqual } from 'node:crypto';
import type { Transaction } from 'sequelize';
import type { CaseStatus, CaseType } from '../../protocol';
import type { Database } from '../../../db/database';
import { RegistryRepository } from '../../../db/repositories/registry-repository';

/** A case the kiosk named: enough to link a ticket and to know its next step. */
export interface FoundCase {
  id: number;
  number: string;
  type: CaseType;
  status: CaseStatus;
}

export interface CaseLinks {
  /** True when the registry lives in the queue's database: links join the queue's transaction. */
  readonly sharesQueueDatabase: boolean;
  /**
   * A case of the office by number and pickup code (any status), or undefined when either does not
   * match: an unknown number and a wrong code are one and the same answer.
   */
  findCase(
    officeCode: string,
    number: string,
    pickupCode: string | undefined,
  ): Promise<FoundCase | undefined>;
  /** Links a ticket to a case, in `queueTx` when the databases are shared, else on its own. */
  linkTicket(
    caseId: number,
    ticket: { id: string; number: string },
    now: Date,
    queueTx?: Transaction,
  ): Promise<void>;
  /** The ids of the tickets (visits) linked to a case, oldest first. */
  visitIds(caseId: number): Promise<string[]>;
  /**
   * Case numbers of the given tickets that belong to a case. Inside a queue transaction pass it:
   * on a shared database a second connection from the same pool could wait for ever.
   */
  caseNumbersOf(ticketIds: readonly string[], queueTx?: Transaction): Promise<Map<string, string>>;
}

/** CaseLinks over the registry database (which may be the queue's own). */
export function caseLinks(registryDb: Database, queueDb: Database): CaseLinks {
  const repo = new RegistryRepository(registryDb);
  const shared = registryDb === queueDb;
  return {
    sharesQueueDatabase: shared,
    async findCase(officeCode, number, pickupCode) {
      const c = await repo.findCase(number.trim().toUpperCase());
      const codeMatches = sameCode(c?.pickupCode ?? null, pickupCode);
      return c && c.officeCode === officeCode && codeMatches
        ? { id: c.id, number: c.number, type: c.type, status: c.status }
        : undefined;
    },
    async linkTicket(caseId, ticket, now, queueTx) {
      const link = async (t: Transaction) => {
        await repo.linkTicket(caseId, ticket.id, ticket.number, now, t);
        // Number and code may have been read off a stolen receipt: the clerk checks the person.
        await repo.markIdentityCheck(caseId, ticket.number, t);
        await repo.addHistory(
          caseId,
          {
            at: now,
            username: 'kiosk',
            action: 'ticket_linked',
            fromStatus: null,
            toStatus: null,
            note: `ticket ${ticket.number}`,
            changes: null,
          },
          t,
        );
      };
      if (shared && queueTx) await link(queueTx);
      else await repo.transaction(link);
    },
    visitIds: async (caseId) => (await repo.visitsOf(caseId)).map((v) => v.ticketId),
    caseNumbersOf: (ids, queueTx) => repo.caseNumbersOf(ids, shared ? queueTx : undefined),
  };
}

/** Constant-time comparison of the stored code with the one typed (none stored: never matches). */
function sameCode(stored: string | null, typed: string | undefined): boolean {
  const a = Buffer.from(stored ?? '');
  const b = Buffer.from(typed?.trim() ?? '');
  // Compared even when the lengths differ, so the time says nothing about the code.
  const equal = timingSafeEqual(a.length === b.length ? a : b, b);
  return stored !== null && a.length === b.length && equal;
}
