/**
 * The audit log: the one way a row is appended (every command's transaction writes through
 * `appendAudit`), and the administrator's search over it.
 */
import { Op, type Transaction, type WhereOptions } from 'sequelize';
import type { Database } from '../database';
import type { AuditEntryModel, Models } from '../models';
import type { AuditInput } from '../records';
import { toDate } from './values';

export interface AuditRow {
  id: number;
  subject: string | null;
  at: Date;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: string | null;
  after: string | null;
}

export interface AuditFilter {
  officeCode: string;
  q?: string;
  /** With `q`: rows about these tickets match too (the tickets of a case number searched for). */
  ticketIds?: readonly string[];
  /** `q` is a ticket number (`A002`): matched as a whole stored value, not inside one. */
  ticketNumber?: boolean;
  action?: string;
  actor?: string;
  from?: Date;
  to?: Date;
  limit: number;
}

/** Appends one audit row in `t` (queue, auth and administration all write through here). */
export async function appendAudit(m: Models, entry: AuditInput, t: Transaction): Promise<void> {
  await m.AuditEntry.create(
    {
      officeCode: entry.officeCode,
      at: entry.at,
      actor: entry.actor,
      userId: entry.userId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      subject: entry.subject ?? null,
    },
    { transaction: t },
  );
}

export class AuditRepository {
  constructor(private readonly db: Database) {}

  async append(entry: AuditInput, t: Transaction): Promise<void> {
    await appendAudit(this.db.models, entry, t);
  }

  /** Ids of the office's tickets numbered `number` (on the office days given, when given). */
  async ticketIdsByNumber(
    officeCode: string,
    number: string,
    days: { from?: string; to?: string },
  ): Promise<string[]> {
    const day =
      days.from || days.to
        ? { day: { [Op.between]: [days.from ?? '0000-00-00', days.to ?? '9999-12-31'] } }
        : {};
    const rows = await this.db.models.Ticket.findAll({
      attributes: ['id'],
      where: { officeCode, number, ...day },
      order: [['issuedAt', 'DESC']],
      limit: 400,
    });
    return rows.map((r) => r.id);
  }

  /** The office's audit rows, newest first. `action` matches exactly or as a prefix (`service.`). */
  async search(f: AuditFilter): Promise<AuditRow[]> {
    const and: WhereOptions[] = [{ officeCode: f.officeCode }];
    if (f.action) {
      and.push(
        f.action.endsWith('.') ? { action: { [Op.like]: `${f.action}%` } } : { action: f.action },
      );
    }
    if (f.actor) and.push({ actor: f.actor });
    if (f.from) and.push({ at: { [Op.gte]: f.from } });
    if (f.to) and.push({ at: { [Op.lt]: f.to } });
    if (f.q) and.push(matching(f.q, f.ticketIds, f.ticketNumber === true));
    const rows = await this.db.models.AuditEntry.findAll({
      where: { [Op.and]: and },
      order: [
        ['at', 'DESC'],
        ['id', 'DESC'],
      ],
      limit: f.limit,
    });
    return rows.map(toAuditRow);
  }
}

/**
 * Rows whose words contain `q`, or about the given tickets. A ticket's id is a UUID: searched whole,
 * never inside (a search for "F001" listed A005's rows, its id holding "…8f001f0…"). A ticket number
 * matches a stored value that is that number or ends in it ("KUL-2026-000001 · F001"), not hex
 * digits inside an id the row keeps.
 */
function matching(
  q: string,
  ticketIds: readonly string[] | undefined,
  ticketNumber: boolean,
): WhereOptions {
  const like = { [Op.like]: `%${q}%` };
  const inValues = ticketNumber
    ? { [Op.or]: [{ [Op.like]: `%"${q}"%` }, { [Op.like]: `% ${q}"%` }] }
    : like;
  return {
    [Op.or]: [
      { actor: like },
      { action: like },
      { entity: { [Op.ne]: 'ticket' }, entityId: like },
      { entity: 'ticket', entityId: q },
      { before: inValues },
      { after: inValues },
      // A ticket number is said and typed in any case: "a002" finds A002.
      { subject: q.toUpperCase() },
      ...(ticketIds?.length ? [{ entity: 'ticket', entityId: { [Op.in]: [...ticketIds] } }] : []),
    ],
  };
}

function toAuditRow(r: AuditEntryModel): AuditRow {
  return {
    id: Number(r.id),
    subject: r.subject ?? null,
    at: toDate(r.at),
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    before: r.before,
    after: r.after,
  };
}
