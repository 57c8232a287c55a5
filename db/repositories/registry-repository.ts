/** Reads and writes of registration cases, their visits, history and number series. */
import { Op, QueryTypes, type Transaction, type WhereOptions } from 'sequelize';
import type { Database } from '../database';
import { nextInSeries } from './series';
import { sqlTime } from './values';
import type { CaseModel } from '../models/registry';
import type {
  CaseDocument,
  CaseHistoryAction,
  CaseStatus,
  CaseType,
  Fee,
  Person,
  Subject,
} from '../../server/protocol';

type Tx = Transaction | undefined;

/**
 * A case row with its JSON columns parsed. Only the registry service writes them, after checking
 * them against the protocol's schemas, so they are read back as those shapes.
 */
export interface CaseRecord {
  id: number;
  number: string;
  officeCode: string;
  type: CaseType;
  status: CaseStatus;
  version: number;
  applicant: Person | null;
  subjects: Subject[];
  documents: CaseDocument[];
  details: Record<string, unknown>;
  fee: Fee | null;
  actRecordYear: number | null;
  actRecordNumber: number | null;
  actRecordDate: string | null;
  certificateSeries: string | null;
  certificateNumber: string | null;
  createdBy: string;
  /** Printed on the citizen's receipt; the kiosk links a ticket only with number and code. */
  pickupCode: string | null;
  /** A ticket the kiosk linked whose holder the clerk has not yet identified. */
  identityCheck: string | null;
  submittedAt: Date | null;
  registeredAt: Date | null;
  issuedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The columns a command may write. */
export type CaseWrite = Partial<
  Omit<
    CaseRecord,
    'id' | 'number' | 'officeCode' | 'type' | 'createdBy' | 'createdAt' | 'pickupCode'
  >
> & { searchText?: string };

export interface CaseHistoryRecord {
  at: Date;
  username: string;
  action: CaseHistoryAction;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  note: string | null;
  changes: string[] | null;
}

export interface CaseVisit {
  ticketId: string;
  ticketNumber: string;
  linkedAt: Date;
}

export class RegistryRepository {
  constructor(private readonly db: Database) {}

  private get m() {
    return this.db.registryModels;
  }

  /** Runs `work` in one transaction of the registry's database. */
  transaction<T>(work: (t: Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The next number of a series (case numbers, act records per type, certificates) in a year. */
  async nextInSeries(
    officeCode: string,
    series: string,
    year: number,
    t: Transaction,
  ): Promise<number> {
    return nextInSeries(this.db, 'registry_series', { office_code: officeCode, series, year }, t);
  }

  /** A case but `own` whose registration recorded one of the event's `identities` (hashes), if any. */
  async registeredEvent(
    identities: string[],
    own: string,
    t: Transaction,
  ): Promise<string | undefined> {
    const rows = await this.db.sequelize.query<{ case_number: string }>(
      `SELECT case_number FROM case_registrations
        WHERE identity IN (:identities) AND case_number <> :own
        ORDER BY created_at LIMIT 1`,
      { type: QueryTypes.SELECT, replacements: { identities, own }, transaction: t },
    );
    return rows[0]?.case_number;
  }

  /** Records that `caseNumber` registered the event; a second one is a unique violation. */
  async recordEvent(identity: string, caseNumber: string, now: Date, t: Transaction) {
    await this.db.sequelize.query(
      `INSERT INTO case_registrations (identity, case_number, created_at)
         VALUES (:identity, :caseNumber, :now)`,
      {
        type: QueryTypes.INSERT,
        replacements: { identity, caseNumber, now: sqlTime(this.db.dialect, now) },
        transaction: t,
      },
    );
  }

  /** The case's registration no longer stands (rejected or cancelled after it). */
  async forgetEvent(caseNumber: string, t: Transaction): Promise<void> {
    await this.db.sequelize.query(
      'DELETE FROM case_registrations WHERE case_number = :caseNumber',
      {
        type: QueryTypes.DELETE,
        replacements: { caseNumber },
        transaction: t,
      },
    );
  }

  async insertCase(
    c: Omit<CaseRecord, 'id'> & { searchText: string },
    t: Transaction,
  ): Promise<number> {
    const row = await this.m.Case.create(
      {
        ...c,
        applicant: json(c.applicant),
        subjects: JSON.stringify(c.subjects ?? []),
        documents: JSON.stringify(c.documents ?? []),
        details: JSON.stringify(c.details ?? {}),
        fee: json(c.fee),
      },
      { transaction: t },
    );
    return row.id;
  }

  async findCase(number: string, t?: Tx, lock = false): Promise<CaseRecord | undefined> {
    const row = await this.m.Case.findOne({
      where: { number },
      transaction: t,
      lock: lock && t && this.db.dialect === 'mysql' ? t.LOCK.UPDATE : undefined,
    });
    return row ? toCase(row) : undefined;
  }

  async findCaseById(id: number, t?: Tx): Promise<CaseRecord | undefined> {
    const row = await this.m.Case.findByPk(id, { transaction: t });
    return row ? toCase(row) : undefined;
  }

  /**
   * Writes `fields` and bumps the version, only if the row is still at `version` (optimistic lock).
   * Returns false when somebody else changed it first.
   */
  async updateCase(
    id: number,
    version: number,
    fields: CaseWrite,
    t: Transaction,
  ): Promise<boolean> {
    const values: Record<string, unknown> = { ...fields, version: version + 1 };
    for (const key of ['applicant', 'subjects', 'documents', 'details', 'fee'] as const) {
      if (key in fields) values[key] = json(fields[key]);
    }
    const [affected] = await this.m.Case.update(values, { where: { id, version }, transaction: t });
    return affected === 1;
  }

  /** Links a visit to a case; a ticket already linked to a case is a unique violation. */
  /** Marks the case: the holder of ticket `ticketNumber` must show their identity to the clerk. */
  async markIdentityCheck(caseId: number, ticketNumber: string, t: Transaction): Promise<void> {
    await this.m.Case.update(
      { identityCheck: ticketNumber },
      { where: { id: caseId }, transaction: t },
    );
  }

  async linkTicket(
    caseId: number,
    ticketId: string,
    ticketNumber: string,
    now: Date,
    t: Transaction,
  ): Promise<void> {
    await this.m.CaseTicket.create(
      { caseId, ticketId, ticketNumber, linkedAt: now },
      { transaction: t },
    );
  }

  async unlinkTicket(ticketId: string, t: Transaction): Promise<void> {
    await this.m.CaseTicket.destroy({ where: { ticketId }, transaction: t });
  }

  async visitsOf(caseId: number, t?: Tx): Promise<CaseVisit[]> {
    const rows = await this.m.CaseTicket.findAll({
      where: { caseId },
      order: [['linkedAt', 'ASC']],
      transaction: t,
    });
    return rows.map((r) => ({
      ticketId: r.ticketId,
      ticketNumber: r.ticketNumber,
      linkedAt: r.linkedAt,
    }));
  }

  async caseOfTicket(ticketId: string, t?: Tx): Promise<CaseRecord | undefined> {
    const link = await this.m.CaseTicket.findOne({ where: { ticketId }, transaction: t });
    return link ? this.findCaseById(link.caseId, t) : undefined;
  }

  /** Case numbers of the given tickets (those linked to a case). */
  async caseNumbersOf(ticketIds: readonly string[], t?: Tx): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (ticketIds.length === 0) return out;
    const links = await this.m.CaseTicket.findAll({
      where: { ticketId: [...ticketIds] },
      transaction: t,
    });
    if (links.length === 0) return out;
    const cases = await this.m.Case.findAll({
      attributes: ['id', 'number'],
      where: { id: [...new Set(links.map((l) => l.caseId))] },
      transaction: t,
    });
    const numberOf = new Map(cases.map((c) => [c.id, c.number]));
    for (const l of links) {
      const n = numberOf.get(l.caseId);
      if (n) out.set(l.ticketId, n);
    }
    return out;
  }

  async addHistory(caseId: number, entry: CaseHistoryRecord, t: Transaction): Promise<void> {
    await this.m.CaseHistory.create(
      {
        caseId,
        at: entry.at,
        username: entry.username,
        action: entry.action,
        fromStatus: entry.fromStatus,
        toStatus: entry.toStatus,
        note: entry.note,
        changes: entry.changes ? JSON.stringify(entry.changes) : null,
      },
      { transaction: t },
    );
  }

  async historyOf(caseId: number, t?: Tx): Promise<CaseHistoryRecord[]> {
    const rows = await this.m.CaseHistory.findAll({
      where: { caseId },
      order: [
        ['at', 'ASC'],
        ['id', 'ASC'],
      ],
      transaction: t,
    });
    return rows.map((r) => ({
      at: r.at,
      username: r.username,
      action: r.action,
      fromStatus: r.fromStatus,
      toStatus: r.toStatus,
      note: r.note,
      changes: r.changes ? (JSON.parse(r.changes) as string[]) : null,
    }));
  }

  /**
   * Cases of an office, by status and/or a normalised search term (case number, names, document
   * numbers); `oldestFirst` for the back office's worklist.
   */
  async search(q: {
    officeCode: string;
    statuses?: readonly string[];
    term?: string;
    oldestFirst?: boolean;
    limit: number;
  }): Promise<CaseRecord[]> {
    const where: WhereOptions = { officeCode: q.officeCode };
    const and: WhereOptions[] = [];
    if (q.statuses?.length) and.push({ status: [...q.statuses] });
    if (q.term) {
      and.push({
        [Op.or]: [
          { number: q.term.toUpperCase() },
          { searchText: { [Op.like]: `%${escapeLike(q.term)}%` } },
        ],
      });
    }
    const rows = await this.m.Case.findAll({
      where: and.length ? { ...where, [Op.and]: and } : where,
      order: [['updatedAt', q.oldestFirst ? 'ASC' : 'DESC']],
      limit: q.limit,
    });
    return rows.map(toCase);
  }
}

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

function parse(text: string | null): unknown {
  return text === null || text === '' ? null : JSON.parse(text);
}

/** LIKE wildcards are dropped from a search term (SQLite has no default escape character). */
function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, '');
}

function toCase(r: CaseModel): CaseRecord {
  return {
    id: r.id,
    number: r.number,
    officeCode: r.officeCode,
    type: r.type,
    status: r.status,
    version: r.version,
    applicant: parse(r.applicant) as Person | null,
    subjects: (parse(r.subjects) ?? []) as Subject[],
    documents: (parse(r.documents) ?? []) as CaseDocument[],
    details: (parse(r.details) ?? {}) as Record<string, unknown>,
    fee: parse(r.fee) as Fee | null,
    actRecordYear: r.actRecordYear,
    actRecordNumber: r.actRecordNumber,
    actRecordDate: r.actRecordDate,
    certificateSeries: r.certificateSeries,
    certificateNumber: r.certificateNumber,
    createdBy: r.createdBy,
    pickupCode: r.pickupCode,
    identityCheck: r.identityCheck,
    submittedAt: r.submittedAt,
    registeredAt: r.registeredAt,
    issuedAt: r.issuedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
