/**
 * Registration cases (single window): one visit opens a case, the front office fills and submits it,
 * the back office registers it (act record) and marks it ready (certificate), the front office
 * issues it. Each command is one registry transaction with its history row; edits and transitions
 * carry the version they saw (optimistic locking).
 */
import { randomInt } from 'node:crypto';
import type { Transaction } from 'sequelize';
import {
  applyDocumentReceipts,
  canCreateCase,
  canEdit,
  caseTransition,
  certificateActType,
  describeBlocker,
  formatActRecordNumber,
  formatCaseNumber,
  formatCertificate,
  missingForSubmit,
  newChecklist,
  patchCaseSchema,
  validateDetails,
  validateSubjects,
  withRequirements,
  type Case,
  type CaseDocument,
  type CaseHistoryEntry,
  type CaseQuery,
  type CaseStatus,
  type CaseTicket,
  type CaseType,
  type CaseTransition,
  type CreateCase,
  type Fee,
  type Person,
  type Subject,
} from '../../protocol';
import type { Database } from '../../../db/database';
import { QueueRepository, isUniqueViolation } from '../../../db/repositories/queue-repository';
import { CaseRecipientRepository } from '../../../db/repositories/case-recipient-repository';
import {
  RegistryRepository,
  type CaseRecord,
  type CaseWrite,
} from '../../../db/repositories/registry-repository';
import type { OfficeRecord } from '../../../db/records';
import { officeDay } from '../queue/office-day';
import { AppError, forbidden, notFound, validationFailed } from '../errors';
import type { StaffPrincipal } from '../auth/actor';
import type { Outbox } from '../messages/outbox';

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
  /** Applicants who consented to messages (registry database). */
  private readonly recipients: CaseRecipientRepository;
  private readonly now: () => Date;
  private readonly onChange: (c: Case) => void;
  private readonly db: Database;

  constructor(private readonly deps: CaseServiceDeps) {
    this.db = deps.db;
    this.onChange = deps.onChange ?? (() => undefined);
    this.queue = new QueueRepository(deps.db);
    this.repo = new RegistryRepository(deps.registryDb);
    this.recipients = new CaseRecipientRepository(deps.registryDb);
    this.now = deps.now ?? (() => new Date());
  }

  /** Opens a draft case for the citizen whose ticket the clerk is serving. */
  async create(user: StaffPrincipal, req: CreateCase): Promise<Case> {
    if (!canCreateCase(user.role)) throw forbidden('only the front office opens cases');
    const ticket = await this.queue.findTicket(req.ticketId);
    if (!ticket) throw notFound(`ticket ${req.ticketId}`);
    const office = await this.officeFor(user, ticket.officeCode);
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
            number,
            officeCode: office.code,
            type: req.type,
            status: 'draft',
            version: 1,
            applicant: null,
            subjects: [],
            documents: newChecklist(req.type),
            details: {},
            fee: null,
            searchText: searchText(number, null, []),
            actRecordYear: null,
            actRecordNumber: null,
            actRecordDate: null,
            certificateSeries: null,
            certificateNumber: null,
            createdBy: user.username,
            pickupCode: newPickupCode(),
            identityCheck: null,
            submittedAt: null,
            registeredAt: null,
            issuedAt: null,
            createdAt: now,
            updatedAt: now,
          },
          t,
        );
        await this.repo.linkTicket(id, ticket.id, ticket.number, now, t);
        await this.history(t, id, user, 'created', { note: `ticket ${ticket.number}` });
        return number;
      });
      return this.changed(await this.current(user, number));
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new AppError('conflict', `ticket ${ticket.number} already belongs to a case`);
      }
      throw err;
    }
  }

  /** A case by number (staff of its office); the read of its personal data is audited. */
  async get(user: StaffPrincipal, number: string): Promise<Case> {
    const c = await this.current(user, number);
    await this.auditView(user, c.office, c.number);
    return c;
  }

  /** The case a ticket belongs to (the window opens it when it calls a pickup ticket); audited. */
  async ofTicket(user: StaffPrincipal, ticketId: string): Promise<Case> {
    const record = await this.repo.caseOfTicket(ticketId);
    if (!record) throw notFound(`case of ticket ${ticketId}`);
    await this.officeFor(user, record.officeCode);
    await this.auditView(user, record.officeCode, record.number);
    return this.toDto(record);
  }

  /** The case as a command's answer (the one who changed it sees it: no separate view row). */
  private async current(user: StaffPrincipal, number: string): Promise<Case> {
    const record = await this.repo.findCase(number.toUpperCase());
    if (!record) throw notFound(`case ${number}`);
    await this.officeFor(user, record.officeCode);
    return this.toDto(record);
  }

  /** Every staff read of cases' personal data is in the office's audit (`case.viewed`). */
  private async auditView(
    user: StaffPrincipal,
    officeCode: string,
    what: string,
    after?: unknown,
  ): Promise<void> {
    await this.db.transaction(async (t) => {
      await this.queue.audit(
        {
          officeCode,
          at: this.now(),
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

  /** The office's cases by status and term (number, name, document); `submitted` oldest first. */
  async list(user: StaffPrincipal, query: CaseQuery, officeCode?: string): Promise<Case[]> {
    const office = await this.officeFor(user, officeCode ?? user.officeCode ?? '');
    const rows = await this.repo.search({
      officeCode: office.code,
      statuses: query.status ? [query.status] : undefined,
      term: query.q ? normalise(query.q) : undefined,
      oldestFirst: query.status === 'submitted',
      limit: 100,
    });
    if (rows.length > 0) {
      await this.auditView(user, office.code, 'list', {
        query: { status: query.status ?? null, q: query.q ?? null },
        cases: rows.map((r) => r.number),
      });
    }
    return Promise.all(rows.map((r) => this.toDto(r, { history: false })));
  }

  /** Edits a draft or returned case; an older `version` changes nothing (409 stale_version). */
  async patch(user: StaffPrincipal, number: string, body: unknown): Promise<Case> {
    const current = await this.repo.findCase(number.toUpperCase());
    if (!current) throw notFound(`case ${number}`);
    const office = await this.officeFor(user, current.officeCode);
    const now = this.now();
    const parsed = patchCaseSchema(now, office.timeZone).safeParse(body);
    if (!parsed.success) throw zodFailure(parsed.error.issues);
    const patch = parsed.data;
    await this.repo.transaction(async (t) => {
      const c = await this.lockedCase(current.number, t);
      if (patch.version !== c.version) throw stale(c);
      // The applicant's phone and consent may be taken at any step; everything else only in edits.
      const onlyNotify = Object.keys(patch).every((k) => k === 'version' || k === 'notify');
      if (!onlyNotify && !canEdit(c.status as CaseStatus, user.role)) {
        if (user.role !== 'clerk') throw forbidden('only the front office edits cases');
        throw new AppError('illegal_transition', `a ${c.status} case cannot be edited`);
      }
      const type = c.type as CaseType;
      const fields: CaseWrite = {};
      const changed: string[] = [];
      let subjects = c.subjects as Subject[];
      let details = c.details as Record<string, unknown>;
      let applicant = c.applicant as Person | null;
      if (patch.applicant !== undefined) {
        applicant = patch.applicant;
        fields.applicant = applicant;
        changed.push('applicant');
      }
      if (patch.subjects !== undefined) {
        const checked = validateSubjects(type, patch.subjects);
        if (!checked.ok) throw zodFailure(checked.issues, 'subjects');
        subjects = checked.value;
        fields.subjects = subjects;
        changed.push('subjects');
      }
      if (patch.details !== undefined) {
        const checked = validateDetails(type, patch.details, now, {
          partial: true,
          timeZone: office.timeZone,
        });
        if (!checked.ok) throw zodFailure(checked.issues, 'details');
        details = checked.value;
        fields.details = details;
        changed.push('details');
      }
      let documents = c.documents as CaseDocument[];
      if (patch.documents !== undefined) {
        const checked = applyDocumentReceipts(documents, patch.documents);
        if (!checked.ok) throw zodFailure(checked.issues, 'documents');
        documents = checked.value;
        changed.push('documents');
      }
      if (patch.fee !== undefined) {
        fields.fee = patch.fee satisfies Fee;
        changed.push('fee');
      }
      if (patch.notify !== undefined) {
        await this.deps.messages?.caseConsent(t, c, patch.notify, user.username);
        changed.push('notify');
      }
      fields.documents = withRequirements(type, documents, { details, subjects });
      fields.searchText = searchText(c.number, applicant, subjects);
      fields.updatedAt = now;
      if (!(await this.repo.updateCase(c.id, c.version, fields, t))) throw stale(c);
      await this.history(t, c.id, user, 'edited', { changes: changed });
    });
    return this.changed(await this.current(user, current.number));
  }

  /** Moves a case along the workflow; numbers for act records and certificates are taken here. */
  async transition(user: StaffPrincipal, number: string, req: CaseTransition): Promise<Case> {
    const current = await this.repo.findCase(number.toUpperCase());
    if (!current) throw notFound(`case ${number}`);
    const office = await this.officeFor(user, current.officeCode);
    await this.repo.transaction(async (t) => {
      const c = await this.lockedCase(current.number, t);
      if (req.version !== c.version) throw stale(c);
      const now = this.now();
      const type = c.type as CaseType;
      const details = c.details as Record<string, unknown>;
      const blockers =
        req.to === 'submitted'
          ? missingForSubmit(
              {
                type,
                applicant: c.applicant as Person | null,
                subjects: c.subjects as Subject[],
                documents: c.documents as CaseDocument[],
                details,
                fee: c.fee as Fee | null,
              },
              now,
              office.timeZone,
            )
          : [];
      const decision = caseTransition({
        from: c.status as CaseStatus,
        to: req.to,
        role: user.role,
        note: req.note,
        case: {
          type,
          hasActRecord: c.actRecordNumber !== null,
          hasCertificate: c.certificateNumber !== null,
          submitBlockers: blockers,
        },
      });
      if (!decision.ok) {
        if (decision.code === 'validation') {
          throw validationFailed(decision.reason, {
            blockers: (decision.blockers ?? []).map((b) => ({ ...b, message: describeBlocker(b) })),
          });
        }
        if (decision.code === 'forbidden') throw forbidden(decision.reason);
        throw new AppError('illegal_transition', decision.reason);
      }
      const fields: CaseWrite = { status: req.to, updatedAt: now };
      const today = officeDay(now, office.timeZone);
      const year = Number(today.slice(0, 4));
      if (decision.effects.assignActRecord) {
        // The series row lock serialises registrars; the unique key is the last word on duplicates.
        fields.actRecordYear = year;
        fields.actRecordNumber = await this.repo.nextInSeries(office.code, `act:${type}`, year, t);
        fields.actRecordDate = today;
      }
      if (decision.effects.assignCertificate) {
        const actType = certificateActType(type, details);
        if (!actType)
          throw validationFailed('the case names no act record type for its certificate');
        const seq = await this.repo.nextInSeries(office.code, `cert:${actType}`, year, t);
        const cert = formatCertificate(actType, year, seq);
        fields.certificateSeries = cert.series;
        fields.certificateNumber = cert.number;
      }
      if (decision.effects.stamp) fields[decision.effects.stamp] = now;
      if (!(await this.repo.updateCase(c.id, c.version, fields, t))) throw stale(c);
      await this.deps.messages?.caseChanged(t, { ...c, version: c.version + 1 }, req.to);
      await this.history(t, c.id, user, 'transition', {
        from: c.status,
        to: req.to,
        note: req.note,
      });
    });
    return this.changed(await this.current(user, current.number));
  }

  /**
   * The clerk has checked the identity of the citizen who linked a ticket at the kiosk with the
   * case's number and pickup code: the console stops warning (in the case's history).
   */
  async confirmIdentity(user: StaffPrincipal, number: string, version: number): Promise<Case> {
    const current = await this.repo.findCase(number.toUpperCase());
    if (!current) throw notFound(`case ${number}`);
    await this.officeFor(user, current.officeCode);
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
    return this.changed(await this.current(user, current.number));
  }

  // ---- internals ----

  /** Publishes a committed change and hands the case back. */
  private changed(c: Case): Case {
    this.onChange(c);
    return c;
  }

  /** Full names of the staff who wrote a history (it stores usernames). */
  private async namesOf(usernames: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(usernames)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.models.User.findAll({
      attributes: ['username', 'name'],
      where: { username: unique },
    });
    return new Map(rows.map((r) => [r.username, r.name]));
  }

  private async officeFor(user: StaffPrincipal, officeCode: string): Promise<OfficeRecord> {
    if (user.officeCode !== null && user.officeCode !== officeCode) {
      // Another office's cases do not exist for this user.
      throw notFound('case');
    }
    const office = await this.queue.findOffice(officeCode);
    if (!office) throw notFound(`office ${officeCode}`);
    return office;
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
    extra: { from?: string; to?: string; note?: string; changes?: string[] },
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

  private async toDto(c: CaseRecord, opts: { history?: boolean } = {}): Promise<Case> {
    const one = opts.history !== false; // one case in full, not a line of a list
    const [visits, history, recipient] = await Promise.all([
      this.repo.visitsOf(c.id),
      one ? this.repo.historyOf(c.id) : Promise.resolve([]),
      one ? this.recipients.view(c.number) : undefined,
    ]);
    const names = await this.namesOf(history.map((h) => h.username));
    const tickets: CaseTicket[] = [];
    for (const v of visits) {
      const ticket = await this.queue.findTicket(v.ticketId);
      if (ticket) {
        tickets.push({
          id: ticket.id,
          number: ticket.number,
          issuedAt: ticket.issuedAt.toISOString(),
          status: ticket.status,
        });
      }
    }
    const dto: Case = {
      ...(c.pickupCode ? { pickupCode: c.pickupCode } : {}),
      ...(c.identityCheck ? { identityCheck: { ticket: c.identityCheck } } : {}),
      number: c.number,
      type: c.type as CaseType,
      status: c.status as CaseStatus,
      version: c.version,
      office: c.officeCode,
      createdAt: c.createdAt.toISOString(),
      applicant: (c.applicant as Person | null) ?? null,
      subjects: c.subjects as Subject[],
      documents: c.documents as CaseDocument[],
      details: c.details as Record<string, unknown>,
      fee: (c.fee as Fee | null) ?? null,
      ...(recipient ? { notify: recipient } : {}),
      tickets,
      history: history.map((h) => {
        const entry: CaseHistoryEntry = {
          at: h.at.toISOString(),
          user: h.username,
          action: h.action as CaseHistoryEntry['action'],
        };
        const name = names.get(h.username);
        if (name) entry.userName = name;
        if (h.fromStatus) entry.from = h.fromStatus as CaseStatus;
        if (h.toStatus) entry.to = h.toStatus as CaseStatus;
        if (h.note) entry.note = h.note;
        if (h.changes) entry.changes = h.changes;
        return entry;
      }),
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

/** Six random digits, printed on the citizen's receipt (the kiosk's keypad has digits only). */
function newPickupCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Lower case, ё → е, single spaces: how names and numbers are searched. */
function normalise(text: string): string {
  return text.toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** What a case is found by: its number, every person's names and document numbers. */
function searchText(
  number: string,
  applicant: Person | null,
  subjects: readonly Subject[],
): string {
  const people = [applicant, ...subjects.map((s) => s.person)].filter((p): p is Person => !!p);
  const parts = [number];
  for (const p of people) {
    parts.push([p.lastName, p.firstName, p.middleName ?? ''].join(' '));
    parts.push([p.firstName, p.lastName].join(' '));
    if (p.idDocument) parts.push(p.idDocument.number.replace(/\s+/g, ''));
  }
  return normalise(parts.join(' | '));
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

function zodFailure(
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
  prefix?: string,
): AppError {
  const list = issues.map((i) => ({
    field: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)',
    message: i.message,
  }));
  const first = list[0];
  return validationFailed(first ? `${first.field}: ${first.message}` : 'invalid input', {
    issues: list,
  });
}
