/**
 * The case a ticket is to pick up (the kiosk's "I already have a case"): found by its number and
 * pickup code, and refused when the ticket would be a second visit or a case has no next step.
 */
import { LiveTicketStatuses, isOpen, type IssueTicket } from '../../protocol';
import { AppError } from '../errors';
import type { FoundCase } from '../registry/case-links';
import type { QueueContext } from './queue-context';

/**
 * The case, checked before anything is written. An unknown number and a wrong code are one
 * answer (404: the kiosk confirms no case's existence). A case whose citizen already holds a ticket
 * still in the queue gets no second one: a second tap at the kiosk gave A007 beside A006 and moved
 * the identity check to the ticket nobody would answer (409 `case_has_ticket`, with its number).
 * With `forCase`, a case handed out, rejected or cancelled gets none (409 `case_closed`).
 */
export async function caseToLink(
  ctx: QueueContext,
  officeCode: string,
  req: IssueTicket & { caseNumber: string },
): Promise<FoundCase> {
  const found = ctx.cases
    ? await ctx.cases.findCase(officeCode, req.caseNumber, req.pickupCode)
    : undefined;
  if (!found) throw new AppError('not_found', 'no case with this number and pickup code');
  if (req.forCase && !isOpen(found.status)) {
    throw new AppError('conflict', `case ${found.number} is closed`, {
      reason: 'case_closed',
      status: found.status,
    });
  }
  const ids = (await ctx.cases?.visitIds(found.id)) ?? [];
  const tickets = await Promise.all(ids.map((id) => ctx.repo.findTicket(id)));
  const live = tickets.find((t) => t && LiveTicketStatuses.includes(t.status));
  if (live) {
    throw new AppError('conflict', `case ${found.number} already has ticket ${live.number}`, {
      reason: 'case_has_ticket',
      number: live.number,
    });
  }
  return found;
}
