/**
 * The audit log as an administrator reads it: who (by name), what, about which ticket or case. A
 * search for a case number also finds the rows of every ticket linked to the case and the case's own
 * history; a ticket number finds every row of its tickets and the visit it added to a case.
 */
import type { AuditEntry, AuditQuery } from '../../protocol';
import type { Database } from '../../../db/database';
import { AuditRepository, type AuditRow } from '../../../db/repositories/audit-repository';
import { AuthRepository } from '../../../db/repositories/auth-repository';
import { CatalogueRepository } from '../../../db/repositories/catalogue-repository';
import { RegistryRepository, type CaseRecord } from '../../../db/repositories/registry-repository';
import type { StaffPrincipal } from '../auth/actor';
import { assertAdministers } from '../auth/office-admin';
import type { QueueService } from '../queue/queue-service';
import { dayStart, nextDay } from '../queue/office-day';

/** What a ticket number looks like: a prefix letter and three or more digits (`A002`). */
const TICKET_NUMBER = /^[A-Za-z]\d{3,}$/;

export interface AuditServiceDeps {
  db: Database;
  /** The registry's database (cases), when it is not `db`. */
  registryDb?: Database;
  queue: QueueService;
}

/** The audit log as the administrator searches it. */
export class AuditService {
  constructor(private readonly deps: AuditServiceDeps) {}

  async auditLog(
    officeCode: string,
    query: AuditQuery,
    admin: StaffPrincipal,
  ): Promise<AuditEntry[]> {
    assertAdministers(admin, officeCode);
    const office = await this.deps.queue.getOffice(officeCode);
    return searchAuditLog({
      db: this.deps.db,
      registry: new RegistryRepository(this.deps.registryDb ?? this.deps.db),
      officeCode,
      timeZone: office.timeZone,
      query,
    });
  }
}

interface AuditLogInput {
  db: Database;
  registry: RegistryRepository;
  officeCode: string;
  timeZone: string;
  query: AuditQuery;
}

/** The office's audit entries matching `query`, newest first. */
async function searchAuditLog(input: AuditLogInput): Promise<AuditEntry[]> {
  const { registry, officeCode, query } = input;
  const repo = new AuditRepository(input.db);
  const q = query.q?.trim() || undefined;
  const limit = query.limit ?? 200;
  const from = query.from ? dayStart(query.from, input.timeZone) : undefined;
  const to = query.to ? dayStart(nextDay(query.to), input.timeZone) : undefined;
  const searched = q ? await registry.findCase(q.toUpperCase()) : undefined;
  const theCase = searched?.officeCode === officeCode ? searched : undefined;
  const visits = theCase ? await registry.visitsOf(theCase.id) : [];
  // A ticket number also finds the rows of its tickets that were written without it.
  const numbered =
    q && TICKET_NUMBER.test(q)
      ? await repo.ticketIdsByNumber(officeCode, q.toUpperCase(), query)
      : [];
  const rows = await repo.search({
    officeCode,
    q,
    ticketIds: [...visits.map((v) => v.ticketId), ...numbered],
    ticketNumber: q !== undefined && TICKET_NUMBER.test(q),
    action: query.action || undefined,
    actor: query.user || undefined,
    from,
    to,
    limit,
  });
  const ticketIds = [...new Set(rows.filter((r) => r.entity === 'ticket').map((r) => r.entityId))];
  const [users, services, caseOfTicket] = await Promise.all([
    new AuthRepository(input.db).listUsers(officeCode),
    new CatalogueRepository(input.db).listServices(officeCode),
    registry.caseNumbersOf(ticketIds),
  ]);
  const serviceCode = new Map(services.map((s) => [s.id, s.code]));
  const entries = rows.map((r) => toEntry(r, caseOfTicket.get(r.entityId) ?? null, serviceCode));
  const keep = entryFilter(query, from, to);
  const history = await caseHistory(registry, theCase, q, entries, keep);
  const names = new Map(users.map((u) => [u.username, u.name]));
  return [...entries, ...history]
    .map((e) => ({ ...e, actorName: names.get(e.actor) ?? null }))
    .sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id)
    .slice(0, limit);
}

/**
 * The case's side: its own history when its number was searched, else the visits a searched
 * ticket added to a case (from the cases its entries name).
 */
async function caseHistory(
  registry: RegistryRepository,
  theCase: CaseRecord | undefined,
  q: string | undefined,
  entries: readonly AuditEntry[],
  keep: (e: AuditEntry) => boolean,
): Promise<AuditEntry[]> {
  if (theCase) return (await caseEntries(registry, theCase)).filter(keep);
  if (!q) return [];
  const history: AuditEntry[] = [];
  const number = q.toUpperCase();
  const numbers = [...new Set(entries.flatMap((e) => (e.caseNumber ? [e.caseNumber] : [])))];
  for (const caseNumber of numbers.slice(0, 10)) {
    const linked = await registry.findCase(caseNumber);
    if (!linked) continue;
    // The case's entries that name this ticket: opened from it, or a visit it added.
    const about = (await caseEntries(registry, linked)).filter(
      (e) => e.subject === `${linked.number} · ${number}` && keep(e),
    );
    history.push(...about);
  }
  return history;
}

/** The search's filters (action, user, dates) for entries that are not rows of the audit log. */
function entryFilter(query: AuditQuery, from?: Date, to?: Date): (e: AuditEntry) => boolean {
  return (e) =>
    matchesAction(e.action, query.action) &&
    (!query.user || e.actor === query.user) &&
    (!from || new Date(e.at) >= from) &&
    (!to || new Date(e.at) < to);
}

function toEntry(
  r: AuditRow,
  caseNumber: string | null,
  serviceCode: ReadonlyMap<number, string>,
): AuditEntry {
  const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));
  const ticket = r.entity === 'ticket';
  return {
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actor,
    actorName: null,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    subject: r.subject ?? (ticket ? null : r.entityId),
    caseNumber: ticket ? caseNumber : null,
    before: ticket ? withServiceCode(parse(r.before), serviceCode) : parse(r.before),
    after: ticket ? withServiceCode(parse(r.after), serviceCode) : parse(r.after),
  };
}

/** A ticket row names its service by internal id; the page knows services by code. */
function withServiceCode(value: unknown, serviceCode: ReadonlyMap<number, string>): unknown {
  if (typeof value !== 'object' || value === null || !('serviceId' in value)) return value;
  const { serviceId, ...rest } = value as { serviceId: unknown } & Record<string, unknown>;
  const code = typeof serviceId === 'number' ? serviceCode.get(serviceId) : undefined;
  return code ? { ...rest, service: code } : rest;
}

/** A case's history as audit entries (negative ids: they are not rows of the audit log). */
async function caseEntries(registry: RegistryRepository, c: CaseRecord): Promise<AuditEntry[]> {
  const history = await registry.historyOf(c.id);
  return history.map((h, i): AuditEntry => ({
    id: -(c.id * 10_000 + i + 1),
    at: h.at.toISOString(),
    actor: h.username,
    actorName: null,
    action: `case.${h.action}`,
    entity: 'case',
    entityId: c.number,
    // Opening a case from a ticket and a later visit name the ticket: "KUL-2026-000001 · A002".
    subject: ticketOf(h) ? `${c.number} · ${ticketOf(h)}` : c.number,
    caseNumber: c.number,
    before: h.fromStatus ? { status: h.fromStatus } : null,
    after:
      h.toStatus || h.note || h.changes
        ? {
            ...(h.toStatus ? { status: h.toStatus } : {}),
            ...(h.note && !ticketOf(h) ? { note: h.note } : {}),
            ...(h.changes ? { fields: h.changes } : {}),
          }
        : null,
  }));
}

/** The ticket number a case's history entry names (its creation from a ticket, a visit). */
function ticketOf(h: { action: string; note: string | null }): string | undefined {
  if (h.action !== 'created' && h.action !== 'ticket_linked') return undefined;
  return /\b[A-Z]\d{3,}\b/.exec(h.note ?? '')?.[0];
}

/** The audit filter's rule for `action`: exact, or a prefix ending in a dot (`ticket.`). */
function matchesAction(action: string, filter: string | undefined): boolean {
  if (!filter) return true;
  return filter.endsWith('.') ? action.startsWith(filter) : action === filter;
}
