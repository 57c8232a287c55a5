/**
 * Registration cases (single window): one visit opens a case, the front office fills and submits it,
 * the back office registers it (act record) and marks it ready (certificate), the front office
 * issues it. Each command is one registry transaction with its history row; edits and transitions
 * carry the version they saw (optimistic locking). Reads are `CaseReader`'s, edits `case-edit.ts`,
 * workflow steps `case-transitions.ts`.
 */
import { randomInt } from 'node:crypto';
import type { Transaction } from 'sequelize';
import {
  canCreateCase,
  formatCaseNumber,
  newChecklist,
  patchCaseSchema,
  type Case,
  type CaseHistoryEntry,
  type CaseQuery,
  type CaseStatus,
  type CaseTransition,
  type CreateCase,
} from '../../protocol';
import type { Database } from '../../../db/database';
import { QueueRepository, isUniqueViolation } from '../../../db/repositories/queue-repository';
import { CaseRecipientRepository } from '../../../db/repositories/case-recipient-repository';
import {
  RegistryRepository,
  type CaseRecord,
  type CaseWrite,
} from '../../../db/repositories/registry-repository';
import { officeDay } from '../queue/office-day';
import { AppError, forbidden, notFound } from '../errors';
import type { StaffPrincipal } from '../auth/actor';
import type { Outbox } from '../messages/outbox';
import { CaseReader } from './case-reader';
import { checkEditable, editFields, zodFailure } from './case-edit';
import { decideTransition, guardEvent, transitionFields } from './case-transitions';
import { searchText } from './case-search-text';

export interface CaseServiceDeps {
  /** The queue's database (offices, tickets). */
  db: Database;
  /** The registry's database (cases); the queue's own when not split. */
  registryDb: Database;
  now?: () => Date;
  /** Citizen messages: consent and case steps are written in the case's transaction. */
  messages?: Pick<Outbox, 'caseConsent' | 'caseChanged'>;
  /** Told of every committed change of a case (published to staff as `case:updated`). */
  onChange?: (c: Case) => void;
}

/** Statuses a ticket must be in for its window to open a case from it. */
const SERVED = new Set(['called', 'serving']);

export class CaseService {
  private readonly queue: QueueRepository;
  private readonly repo: RegistryRepository;
  private readonly reader: CaseReader;
  private readonly now: () => Date;
  private readonly onChange: (c: Case) => void;

  constructor(private readonly deps: CaseServiceDeps) {
    this.onChange = deps.onChange ?? (() => undefined);
    this.queue = new QueueRepository(deps.db);
    this.repo = new RegistryRepository(deps.registryDb);
    this.now = deps.now ?? (() => new Date());
    this.reader = new CaseReader({
      db: deps.db,
      queue: this.queue,
      repo: this.repo,
      recipients: new CaseRecipientRepository(deps.registryDb),
      now: this.now,
    });
  }

  /** Opens a draft case for the citizen whose ticket the clerk is serving. */
  async create(user: StaffPrincipal, req: CreateCase): Promise<Case> {
    if (!canCreateCase(user.role)) throw forbidden('only the front office opens cases');
    const ticket = await this.queue.findTicket(req.ticketId);
    if (!ticket) throw notFound(`ticket ${req.ticketId}`);
    const office = await this.reader.officeFor(user, ticket.officeCode);
    if (!SERVED.has(ticket.status)) {
      throw new AppError('conflict', `ticket ${ticket.number} is ${ticket.status}: call it first`);
    }
    const now = this.now();
    const year = Number(officeDay(now, office.timeZone).slice(0, 4));
    try {
      const number = await this.repo.transaction(async (t) => {
        const seq = await this.repo.nextInSeries(office.code, 'case', year, t);
        const number = formatCaseNumber(office.casePrefix, year, seq);
        const id = await this.repo.insertCase(
          {
            ...draftCase(number, office.code, req.type, now),
            createdBy: user.username,
            searchText: searchText(number, null, []),
          },
          t,
        );
        await this.repo.linkTicket(id, ticket.id, ticket.number, now, t);
        await this.history(t, id, user, 'created', { note: `ticket ${ticket.number}` });
        return number;
      });
      return this.changed(await this.reader.current(user, number));
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new AppError('conflict', `ticket ${ticket.number} already belongs to a case`);
      }
      throw err;
    }
  }

  /** A case by number (staff of its office); the read of its personal data is audited. */
  get(user: StaffPrincipal, number: string): Promise<Case> {
    return this.reader.get(user, number);
  }

  /** The case a ticket belongs to (the window opens it when it calls a pickup ticket); audited. */
  ofTicket(user: StaffPrincipal, ticketId: string): Promise<Case> {
    return this.reader.ofTicket(user, ticketId);
  }

  /** The office's cases by status and term (number, name, document); `submitted` oldest first. */
  list(user: StaffPrincipal, query: CaseQuery, officeCode?: string): Promise<Case[]> {
    return this.reader.list(user, query, officeCode);
  }

  /** Edits a draft or returned case; an older `version` changes nothing (409 stale_version). */
  async patch(user: StaffPrincipal, number: string, body: unknown): Promise<Case> {
    const current = await this.repo.findCase(number.toUpperCase());
    if (!current) throw notFound(`case ${number}`);
    const office = await this.reader.officeFor(user, current.officeCode);
    const now = this.now();
    const parsed = patchCaseSchema(now, office.timeZone).safeParse(body);
    if (!parsed.success) throw zodFailure(parsed.error.issues);
    const patch = parsed.data;
    await this.repo.transaction(async (t) => {
      const c = await this.lockedCase(current.number, t);
      if (patch.version !== c.version) throw stale(c);
      checkEditable(patch, c, user.role);
      const { fields, changed } = editFields(c, patch, now, office.timeZone);
      if (patch.notify !== undefined) {
        await this.deps.messages?.caseConsent(t, c, patch.notify, user.username);
        changed.push('notify');
      }
      if (!(await this.repo.updateCase(c.id, c.version, fields, t))) throw stale(c);
      await this.history(t, c.id, user, 'edited', { changes: changed });
    });
    return this.changed(await this.reader.current(user, current.number));
  }

  /** Moves a case along the workflow; numbers for act records and certificates are taken here. */
  async transition(user: StaffPrincipal, number: string, req: CaseTransition): Promise<Case> {
    const current = await this.repo.findCase(number.toUpperCase());
    if (!current) throw notFound(`case ${number}`);
    const office = await this.reader.officeFor(user, current.officeCode);
    await this.repo.transaction(async (t) => {
      const c = await this.lockedCase(current.number, t);
      if (req.version !== c.version) throw stale(c);
      const now = this.now();
      const effects = decideTransition(c, req, user.role, now, office.timeZone);
      await guardEvent(this.repo, c, req.to, now, t);
      const fields = await transitionFields(this.repo, office, c, req.to, effects, now, t);
      if (!(await this.repo.updateCase(c.id, c.version, fields, t))) throw stale(c);
      await this.deps.messages?.caseChanged(t, { ...c, version: c.version + 1 }, req.to);
      await this.history(t, c.id, user, 'transition', {
        from: c.status,
        to: req.to,
        note: req.note,
      });
    });
    return this.changed(await this.reader.current(user, current.number));
  }

  /**
   * The clerk has checked the identity of the citizen who linked a ticket at the kiosk with the
   * case's number and pickup code: the console stops warning (in the case's history).
   */
  async confirmIdentity(user: StaffPrincipal, number: string, version: number): Promise<Case> {
    const current = await this.repo.findCase(number.toUpperCase());
    if (!current) throw notFound(`case ${number}`);
    await this.reader.officeFor(user, current.officeCode);
    if (user.role === 'back_office') throw forbidden('the front office checks identities');
    await this.repo.transaction(async (t) => {
      const c = await this.lockedCase(current.number, t);
      if (version !== c.version) throw stale(c);
      if (c.identityCheck === null) throw new AppError('conflict', 'no identity to check');
      const fields: CaseWrite = { identityCheck: null, updatedAt: this.now() };
      if (!(await this.repo.updateCase(c.id, c.version, fields, t))) throw stale(c);
      await this.history(t, c.id, user, 'identity_confirmed', {
        note: `ticket ${c.identityCheck}`,
      });
    });
    return this.changed(await this.reader.current(user, current.number));
  }

  // ---- internals ----

  /** Publishes a committed change and hands the case back. */
  private changed(c: Case): Case {
    this.onChange(c);
    return c;
  }

  private async lockedCase(number: string, t: Transaction): Promise<CaseRecord> {
    const c = await this.repo.findCase(number, t, true);
    if (!c) throw notFound(`case ${number}`);
    return c;
  }

  private async history(
    t: Transaction,
    caseId: number,
    user: StaffPrincipal,
    action: CaseHistoryEntry['action'],
    extra: { from?: CaseStatus; to?: CaseStatus; note?: string; changes?: string[] },
  ): Promise<void> {
    await this.repo.addHistory(
      caseId,
      {
        at: this.now(),
        username: user.username,
        action,
        fromStatus: extra.from ?? null,
        toStatus: extra.to ?? null,
        note: extra.note ?? null,
        changes: extra.changes ?? null,
      },
      t,
    );
  }
}

/** A new draft case's row: an empty checklist for its type, a fresh pickup code, no numbers yet. */
function draftCase(
  number: string,
  officeCode: string,
  type: CreateCase['type'],
  now: Date,
): Omit<CaseRecord, 'id' | 'createdBy'> {
  return {
    number,
    officeCode,
    type,
    status: 'draft',
    version: 1,
    applicant: null,
    subjects: [],
    documents: newChecklist(type),
    details: {},
    fee: null,
    actRecordYear: null,
    actRecordNumber: null,
    actRecordDate: null,
    certificateSeries: null,
    certificateNumber: null,
    pickupCode: newPickupCode(),
    identityCheck: null,
    submittedAt: null,
    registeredAt: null,
    issuedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Six random digits, printed on the citizen's receipt (the kiosk's keypad has digits only). */
function newPickupCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

function stale(c: CaseRecord): AppError {
  return new AppError(
    'stale_version',
    `case ${c.number} changed meanwhile (now version ${c.version})`,
    {
      version: c.version,
    },
  );
}
