/**
 * Staff reads of registration cases: one case, the case of a ticket, an office's list. Each read of
 * personal data is audited; cases of another office do not exist for the reader. The commands use
 * it too, for the office check and for the case they answer with.
 */
import {
  formatActRecordNumber,
  type Case,
  type CaseHistoryEntry,
  type CaseQuery,
  type CaseTicket,
} from '../../protocol';
import type { Database } from '../../../db/database';
import type { QueueRepository } from '../../../db/repositories/queue-repository';
import type { CaseRecipientRepository } from '../../../db/repositories/case-recipient-repository';
import type {
  CaseHistoryRecord,
  CaseRecord,
  CaseVisit,
  RegistryRepository,
} from '../../../db/repositories/registry-repository';
import type { OfficeRecord } from '../../../db/records';
import { notFound } from '../errors';
import type { StaffPrincipal } from '../auth/actor';
import { normalise } from './case-search-text';

export interface CaseReaderDeps {
  /** The queue's database (staff names, the audit log). */
  db: Database;
  queue: QueueRepository;
  repo: RegistryRepository;
  /** Applicants who consented to messages (registry database). */
  recipients: CaseRecipientRepository;
  now: () => Date;
}

/** How long the same list, read again by the same user, is not audited again. */
const LISTING_QUIET_MS = 15 * 60_000;

export class CaseReader {
  /** The last audited listing per user and query: the cases it showed, and when. */
  private readonly listings = new Map<string, { at: number; cases: string }>();

  constructor(private readonly deps: CaseReaderDeps) {}

  /**
   * Whether a listing shows something this user was not shown by the same query within
   * {@link LISTING_QUIET_MS}: the back office's worklist reloads itself every 20 s, and each reload
   * wrote a "case viewed" row (180 an hour per open screen) that told nothing new. Another query,
   * another case in the list, or a quarter of an hour later is audited again. Per process: on
   * several nodes a repeat may be audited once per node.
   */
  private newListing(
    user: StaffPrincipal,
    officeCode: string,
    query: CaseQuery,
    rows: readonly { number: string }[],
  ): boolean {
    const key = JSON.stringify([user.id, officeCode, query.status ?? null, query.q ?? null]);
    const cases = rows.map((r) => r.number).join(',');
    const now = this.deps.now().getTime();
    const last = this.listings.get(key);
    if (last && last.cases === cases && now - last.at < LISTING_QUIET_MS) return false;
    if (this.listings.size >= 10_000) this.listings.clear();
    this.listings.set(key, { at: now, cases });
    return true;
  }

  /** A case by number (staff of its office); the read of its personal data is audited. */
  async get(user: StaffPrincipal, number: string): Promise<Case> {
    const c = await this.current(user, number);
    await this.auditView(user, c.office, c.number);
    return c;
  }

  /** The case a ticket belongs to (the window opens it when it calls a pickup ticket); audited. */
  async ofTicket(user: StaffPrincipal, ticketId: string): Promise<Case> {
    const record = await this.deps.repo.caseOfTicket(ticketId);
    if (!record) throw notFound(`case of ticket ${ticketId}`);
    await this.officeFor(user, record.officeCode);
    await this.auditView(user, record.officeCode, record.number);
    return this.toDto(record);
  }

  /** The office's cases by status and term (number, name, document); `submitted` oldest first. */
  async list(user: StaffPrincipal, query: CaseQuery, officeCode?: string): Promise<Case[]> {
    const office = await this.officeFor(user, officeCode ?? user.officeCode ?? '');
    const rows = await this.deps.repo.search({
      officeCode: office.code,
      statuses: query.status ? [query.status] : undefined,
      term: query.q ? normalise(query.q) : undefined,
      oldestFirst: query.status === 'submitted',
      limit: 100,
    });
    if (rows.length > 0 && this.newListing(user, office.code, query, rows)) {
      await this.auditView(user, office.code, 'list', {
        query: { status: query.status ?? null, q: query.q ?? null },
        cases: rows.map((r) => r.number),
      });
    }
    return Promise.all(rows.map((r) => this.toDto(r, { history: false })));
  }

  /** The case as a command's answer (the one who changed it sees it: no separate view row). */
  async current(user: StaffPrincipal, number: string): Promise<Case> {
    const record = await this.deps.repo.findCase(number.toUpperCase());
    if (!record) throw notFound(`case ${number}`);
    await this.officeFor(user, record.officeCode);
    return this.toDto(record);
  }

  /** The office of a case, when the user may see it (staff of another office get not found). */
  async officeFor(user: StaffPrincipal, officeCode: string): Promise<OfficeRecord> {
    if (user.officeCode !== null && user.officeCode !== officeCode) {
      // Another office's cases do not exist for this user.
      throw notFound('case');
    }
    const office = await this.deps.queue.findOffice(officeCode);
    if (!office) throw notFound(`office ${officeCode}`);
    return office;
  }

  /** Every staff read of cases' personal data is in the office's audit (`case.viewed`). */
  private async auditView(
    user: StaffPrincipal,
    officeCode: string,
    what: string,
    after?: unknown,
  ): Promise<void> {
    await this.deps.db.transaction(async (t) => {
      await this.deps.queue.audit(
        {
          officeCode,
          at: this.deps.now(),
          actor: user.username,
          userId: user.id,
          action: 'case.viewed',
          entity: 'case',
          entityId: what.slice(0, 64),
          after,
        },
        t,
      );
    });
  }

  /** Full names of the staff who wrote a history (it stores usernames). */
  private async namesOf(usernames: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(usernames)];
    if (unique.length === 0) return new Map();
    const rows = await this.deps.db.models.User.findAll({
      attributes: ['username', 'name'],
      where: { username: unique },
    });
    return new Map(rows.map((r) => [r.username, r.name]));
  }

  /** The tickets of the case's visits that still exist, in the order they were linked. */
  private async ticketsOf(visits: readonly CaseVisit[]): Promise<CaseTicket[]> {
    const tickets: CaseTicket[] = [];
    for (const v of visits) {
      const ticket = await this.deps.queue.findTicket(v.ticketId);
      if (ticket) {
        tickets.push({
          id: ticket.id,
          number: ticket.number,
          issuedAt: ticket.issuedAt.toISOString(),
          status: ticket.status,
        });
      }
    }
    return tickets;
  }

  private async toDto(c: CaseRecord, opts: { history?: boolean } = {}): Promise<Case> {
    const one = opts.history !== false; // one case in full, not a line of a list
    const [visits, history, recipient] = await Promise.all([
      this.deps.repo.visitsOf(c.id),
      one ? this.deps.repo.historyOf(c.id) : Promise.resolve([]),
      one ? this.deps.recipients.view(c.number) : undefined,
    ]);
    const names = await this.namesOf(history.map((h) => h.username));
    const tickets = await this.ticketsOf(visits);
    const dto: Case = {
      ...(c.pickupCode ? { pickupCode: c.pickupCode } : {}),
      ...(c.identityCheck ? { identityCheck: { ticket: c.identityCheck } } : {}),
      number: c.number,
      type: c.type,
      status: c.status,
      version: c.version,
      office: c.officeCode,
      createdAt: c.createdAt.toISOString(),
      applicant: c.applicant ?? null,
      subjects: c.subjects,
      documents: c.documents,
      details: c.details,
      fee: c.fee ?? null,
      ...(recipient ? { notify: recipient } : {}),
      tickets,
      history: history.map((h) => historyEntry(h, names.get(h.username))),
    };
    if (c.actRecordNumber !== null && c.actRecordDate) {
      dto.actRecord = { number: formatActRecordNumber(c.actRecordNumber), date: c.actRecordDate };
    }
    if (c.certificateSeries && c.certificateNumber) {
      dto.certificate = { series: c.certificateSeries, number: c.certificateNumber };
    }
    return dto;
  }
}

/** A history row as the case shows it, with the full name of its user when known. */
function historyEntry(h: CaseHistoryRecord, userName: string | undefined): CaseHistoryEntry {
  const entry: CaseHistoryEntry = { at: h.at.toISOString(), user: h.username, action: h.action };
  if (userName) entry.userName = userName;
  if (h.fromStatus) entry.from = h.fromStatus;
  if (h.toStatus) entry.to = h.toStatus;
  if (h.note) entry.note = h.note;
  if (h.changes) entry.changes = h.changes;
  return entry;
}
