/** Reads and writes of the administration: catalogue, windows, staff, devices, settings, audit. */
import { Op, QueryTypes, type Transaction, type WhereOptions } from 'sequelize';
import type { Names } from '../../server/protocol';
import type { Database } from '../database';
import type { AuditEntryModel } from '../models';
import type { AuditInput, PriorityCategory, UserRecord } from '../records';

type Tx = Transaction | undefined;

/** A service with the fields only administrators edit. */
export interface AdminServiceRecord {
  id: number;
  code: string;
  prefix: string;
  names: Names;
  documents: string[];
  isOpen: boolean;
  closedReason: string | null;
  sortOrder: number;
  targetWaitMinutes: number;
}

/** The office's editable settings as stored. */
export interface OfficeSettingsRecord {
  code: string;
  timeZone: string;
  priorities: PriorityCategory[];
  fairnessN: number;
  maxRecalls: number;
  ticker: string | null;
  languages: string[];
  openingHours: unknown;
  kioskIdleSeconds: number;
  requireDevices: boolean;
  priorityByClerk: boolean;
}

export interface DeviceRecord {
  code: string;
  kind: string;
  name: string | null;
  printerUrl: string | null;
  printerStatus: string | null;
  paired: boolean;
}

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
  action?: string;
  actor?: string;
  from?: Date;
  to?: Date;
  limit: number;
}

/** One ticket as the reports read it. */
export interface ReportTicketRow {
  /** The office day the ticket was issued on (`YYYY-MM-DD`). */
  day: string;
  serviceId: number;
  status: string;
  issuedAt: Date;
  calledAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  counterNumber: string | null;
}

export class AdminRepository {
  constructor(private readonly db: Database) {}

  private get m() {
    return this.db.models;
  }

  // ---- services ----

  async listServices(officeCode: string, t?: Tx): Promise<AdminServiceRecord[]> {
    const rows = await this.db.sequelize.query<{
      id: number;
      code: string;
      prefix: string;
      names: string;
      documents: string;
      is_open: number | boolean;
      closed_reason: string | null;
      sort_order: number;
      target_wait_minutes: number;
    }>(
      `SELECT id, code, prefix, names, documents, is_open, closed_reason, sort_order,
              target_wait_minutes
         FROM services WHERE office_code = :office ORDER BY sort_order, id`,
      { type: QueryTypes.SELECT, replacements: { office: officeCode }, transaction: t },
    );
    return rows.map((r) => ({
      id: Number(r.id),
      code: r.code,
      prefix: r.prefix,
      names: JSON.parse(r.names) as Names,
      documents: JSON.parse(r.documents) as string[],
      isOpen: Boolean(r.is_open),
      closedReason: r.closed_reason,
      sortOrder: Number(r.sort_order),
      targetWaitMinutes: Number(r.target_wait_minutes),
    }));
  }

  async insertService(
    officeCode: string,
    s: Omit<AdminServiceRecord, 'id' | 'isOpen' | 'closedReason'>,
    t: Transaction,
  ): Promise<number> {
    const row = await this.m.Service.create(
      {
        officeCode,
        code: s.code,
        prefix: s.prefix,
        names: JSON.stringify(s.names),
        documents: JSON.stringify(s.documents),
        sortOrder: s.sortOrder,
        closedReason: null,
      },
      { transaction: t },
    );
    await this.setTargetWait(row.id, s.targetWaitMinutes, t);
    return row.id;
  }

  async updateService(
    id: number,
    f: Partial<Omit<AdminServiceRecord, 'id' | 'code' | 'prefix'>>,
    t: Transaction,
  ): Promise<void> {
    const fields: Record<string, unknown> = {};
    if (f.names !== undefined) fields.names = JSON.stringify(f.names);
    if (f.documents !== undefined) fields.documents = JSON.stringify(f.documents);
    if (f.sortOrder !== undefined) fields.sortOrder = f.sortOrder;
    if (f.isOpen !== undefined) fields.isOpen = f.isOpen;
    if (f.closedReason !== undefined) fields.closedReason = f.closedReason;
    if (Object.keys(fields).length) {
      await this.m.Service.update(fields, { where: { id }, transaction: t });
    }
    if (f.targetWaitMinutes !== undefined) await this.setTargetWait(id, f.targetWaitMinutes, t);
  }

  // The column came with the administration's migration; the shared model does not declare it.
  private async setTargetWait(id: number, minutes: number, t: Transaction): Promise<void> {
    await this.db.sequelize.query(
      'UPDATE services SET target_wait_minutes = :minutes WHERE id = :id',
      {
        replacements: { id, minutes },
        transaction: t,
      },
    );
  }

  // ---- counters ----

  /** The counter's id, creating it when the office has no such window yet. */
  async upsertCounter(
    officeCode: string,
    number: string,
    name: string | null | undefined,
    now: Date,
    t: Transaction,
  ): Promise<{ id: number; created: boolean }> {
    const row = await this.m.Counter.findOne({ where: { officeCode, number }, transaction: t });
    if (row) {
      if (name !== undefined) await row.update({ name }, { transaction: t });
      return { id: row.id, created: false };
    }
    const created = await this.m.Counter.create(
      { officeCode, number, name: name ?? null, pauseReason: null, createdAt: now, updatedAt: now },
      { transaction: t },
    );
    return { id: created.id, created: true };
  }

  async setCounterServices(counterId: number, serviceIds: number[], t: Transaction): Promise<void> {
    await this.m.CounterService.destroy({ where: { counterId }, transaction: t });
    if (serviceIds.length) {
      await this.m.CounterService.bulkCreate(
        serviceIds.map((serviceId) => ({ counterId, serviceId })),
        { transaction: t },
      );
    }
  }

  // ---- staff ----

  async listUsers(officeCode: string | undefined): Promise<UserRecord[]> {
    const where: WhereOptions = officeCode
      ? { [Op.or]: [{ officeCode }, { officeCode: null }] }
      : {};
    const rows = await this.m.User.findAll({ where, order: [['username', 'ASC']] });
    return rows.map(toUser);
  }

  async findUser(username: string, t?: Tx): Promise<UserRecord | undefined> {
    const row = await this.m.User.findOne({ where: { username }, transaction: t });
    return row ? toUser(row) : undefined;
  }

  async insertUser(user: Omit<UserRecord, 'id'>, t: Transaction): Promise<UserRecord> {
    return toUser(await this.m.User.create(user, { transaction: t }));
  }

  async updateUser(
    id: number,
    fields: Partial<Pick<UserRecord, 'role' | 'name' | 'passwordHash' | 'disabled'>>,
    t: Transaction,
  ): Promise<void> {
    await this.m.User.update(fields, { where: { id }, transaction: t });
  }

  /** Ends every open session of a user; returns how many were open. */
  async revokeSessions(userId: number, now: Date, t: Transaction): Promise<number> {
    const [count] = await this.m.Session.update(
      { revokedAt: now },
      { where: { userId, revokedAt: null }, transaction: t },
    );
    return count;
  }

  /** Enabled administrators (so the last one is never disabled or demoted). */
  async countActiveAdmins(t: Transaction): Promise<number> {
    return this.m.User.count({ where: { role: 'admin', disabled: false }, transaction: t });
  }

  // ---- devices ----

  async listDevices(officeCode: string, t?: Tx): Promise<DeviceRecord[]> {
    const rows = await this.m.Device.findAll({
      where: { officeCode },
      order: [
        ['kind', 'DESC'],
        ['code', 'ASC'],
      ],
      transaction: t,
    });
    return rows.map((r) => ({
      code: r.code,
      kind: r.kind,
      name: r.name,
      printerUrl: r.printerUrl,
      printerStatus: r.printerStatus ?? null,
      paired: r.tokenHash !== null,
    }));
  }

  /** A new device; a duplicate code in the office is the unique key's error (the caller maps it). */
  async createDevice(
    officeCode: string,
    device: { code: string; kind: string; name: string | null; printerUrl: string | null },
    t: Transaction,
  ): Promise<void> {
    await this.m.Device.create({ officeCode, ...device, tokenHash: null }, { transaction: t });
  }

  /** Stores the hash of a device's new token (`null`: unpaired). */
  async setDeviceToken(
    officeCode: string,
    code: string,
    tokenHash: string | null,
    t: Transaction,
  ): Promise<void> {
    await this.m.Device.update({ tokenHash }, { where: { officeCode, code }, transaction: t });
  }

  async updateDevice(
    officeCode: string,
    code: string,
    fields: { printerUrl?: string | null; name?: string | null },
    t: Transaction,
  ): Promise<void> {
    const update: Record<string, unknown> = { ...fields };
    // A new address says nothing yet about whether that printer answers.
    if (fields.printerUrl !== undefined) {
      update.printerStatus = null;
      update.printerCheckedAt = null;
    }
    await this.m.Device.update(update, { where: { officeCode, code }, transaction: t });
  }

  // ---- office settings ----

  async officeSettings(code: string, t?: Tx): Promise<OfficeSettingsRecord | undefined> {
    const r = await this.m.Office.findByPk(code, { transaction: t });
    if (!r) return undefined;
    return {
      code: r.code,
      timeZone: r.timeZone,
      priorities: JSON.parse(r.priorities) as PriorityCategory[],
      fairnessN: r.fairnessN,
      maxRecalls: r.maxRecalls,
      ticker: r.ticker,
      languages: JSON.parse(r.languages) as string[],
      openingHours: r.openingHours ? (JSON.parse(r.openingHours) as unknown) : null,
      kioskIdleSeconds: r.kioskIdleSeconds,
      requireDevices: Boolean(r.requireDevices),
      priorityByClerk: Boolean(r.priorityByClerk),
    };
  }

  async updateOffice(
    code: string,
    f: Partial<Omit<OfficeSettingsRecord, 'code' | 'timeZone'>>,
    t: Transaction,
  ): Promise<void> {
    const fields: Record<string, unknown> = {};
    if (f.priorities !== undefined) fields.priorities = JSON.stringify(f.priorities);
    if (f.languages !== undefined) fields.languages = JSON.stringify(f.languages);
    if (f.openingHours !== undefined)
      fields.openingHours = f.openingHours === null ? null : JSON.stringify(f.openingHours);
    const keys = [
      'fairnessN',
      'maxRecalls',
      'ticker',
      'kioskIdleSeconds',
      'requireDevices',
      'priorityByClerk',
    ] as const;
    for (const key of keys) {
      if (f[key] !== undefined) fields[key] = f[key];
    }
    await this.m.Office.update(fields, { where: { code }, transaction: t });
  }

  // ---- tickets (day close, reports) ----

  /** Today's tickets still waiting or called, locked for the day close. */
  async openTicketsOfDay(officeCode: string, day: string, t: Transaction): Promise<string[]> {
    const rows = await this.m.Ticket.findAll({
      attributes: ['id'],
      where: { officeCode, day, status: ['waiting', 'called'] },
      transaction: t,
    });
    return rows.map((r) => r.id);
  }

  /** Every ticket of the office days `fromDay`…`toDay` (inclusive). */
  async reportTickets(
    officeCode: string,
    fromDay: string,
    toDay: string,
  ): Promise<ReportTicketRow[]> {
    const rows = await this.m.Ticket.findAll({
      attributes: [
        'day',
        'serviceId',
        'status',
        'issuedAt',
        'calledAt',
        'startedAt',
        'finishedAt',
        'counterNumber',
      ],
      where: { officeCode, day: { [Op.between]: [fromDay, toDay] } },
      order: [['issuedAt', 'ASC']],
      raw: true,
    });
    return rows.map((r) => ({
      day: r.day,
      serviceId: Number(r.serviceId),
      status: r.status,
      issuedAt: toDate(r.issuedAt),
      calledAt: r.calledAt === null ? null : toDate(r.calledAt),
      startedAt: r.startedAt === null ? null : toDate(r.startedAt),
      finishedAt: r.finishedAt === null ? null : toDate(r.finishedAt),
      counterNumber: r.counterNumber,
    }));
  }

  // ---- audit ----

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
    const rows = await this.m.Ticket.findAll({
      attributes: ['id'],
      where: { officeCode, number, ...day },
      order: [['issuedAt', 'DESC']],
      limit: 400,
    });
    return rows.map((r) => r.id);
  }

  async audit(entry: AuditInput, t: Transaction): Promise<void> {
    await this.m.AuditEntry.create(
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

  /** The office's audit rows, newest first. `action` matches exactly or as a prefix (`service.`). */
  async searchAudit(f: AuditFilter): Promise<AuditRow[]> {
    const and: WhereOptions[] = [{ officeCode: f.officeCode }];
    if (f.action) {
      and.push(
        f.action.endsWith('.') ? { action: { [Op.like]: `${f.action}%` } } : { action: f.action },
      );
    }
    if (f.actor) and.push({ actor: f.actor });
    if (f.from) and.push({ at: { [Op.gte]: f.from } });
    if (f.to) and.push({ at: { [Op.lt]: f.to } });
    if (f.q) {
      const like = { [Op.like]: `%${f.q}%` };
      and.push({
        [Op.or]: [
          { actor: like },
          { action: like },
          { entityId: like },
          { before: like },
          { after: like },
          // A ticket number is said and typed in any case: "a002" finds A002.
          { subject: f.q.toUpperCase() },
          ...(f.ticketIds?.length
            ? [{ entity: 'ticket', entityId: { [Op.in]: [...f.ticketIds] } }]
            : []),
        ],
      });
    }
    const rows = await this.m.AuditEntry.findAll({
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

/** Cases of an office as the reports read them (the registry may live in its own database). */
export interface ReportCaseRow {
  type: string;
  status: string;
  createdAt: Date;
  submittedAt: Date | null;
  registeredAt: Date | null;
  issuedAt: Date | null;
}

/** Cases created, registered or issued between `from` and `to` (instants, `to` excluded). */
export async function reportCases(
  registryDb: Database,
  officeCode: string,
  from: Date,
  to: Date,
): Promise<ReportCaseRow[]> {
  const within = { [Op.gte]: from, [Op.lt]: to };
  const rows = await registryDb.registryModels.Case.findAll({
    attributes: ['type', 'status', 'createdAt', 'submittedAt', 'registeredAt', 'issuedAt'],
    where: {
      officeCode,
      [Op.or]: [{ createdAt: within }, { registeredAt: within }, { issuedAt: within }],
    },
    raw: true,
  });
  const opt = (v: unknown) => (v === null || v === undefined ? null : toDate(v));
  return rows.map((r) => ({
    type: r.type,
    status: r.status,
    createdAt: toDate(r.createdAt),
    submittedAt: opt(r.submittedAt),
    registeredAt: opt(r.registeredAt),
    issuedAt: opt(r.issuedAt),
  }));
}

/** A DATETIME: a Date from mysql2, sometimes a string from SQLite. */
function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
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

function toUser(r: {
  id: number;
  officeCode: string | null;
  username: string;
  passwordHash: string;
  role: string;
  name: string;
  disabled: boolean;
}): UserRecord {
  return {
    id: r.id,
    officeCode: r.officeCode,
    username: r.username,
    passwordHash: r.passwordHash,
    role: r.role,
    name: r.name,
    disabled: Boolean(r.disabled),
  };
}
