/**
 * The office's catalogue as the administrator edits it: the office row (settings), its services and
 * its windows' service lists. The office and service rows are read into records here, once (the
 * queue reads them through the same mappers).
 */
import type { Transaction } from 'sequelize';
import type { Names } from '../../server/protocol';
import type { WeeklyHours } from '../../server/protocol/opening-hours';
import type { Database } from '../database';
import type { OfficeModel, ServiceModel } from '../models';
import type { OfficeRecord, PriorityCategory, ServiceRecord } from '../records';

type Tx = Transaction | undefined;

/** What a new service is made of (the rest takes its defaults: open, no reason). */
export type NewService = Pick<
  ServiceRecord,
  'code' | 'prefix' | 'names' | 'documents' | 'sortOrder' | 'targetWaitMinutes'
>;

/** The fields of a service an administrator may change. */
export type ServiceChange = Partial<Omit<ServiceRecord, 'id' | 'officeCode' | 'code' | 'prefix'>>;

/** The office settings an administrator may change. */
export type OfficeChange = Partial<
  Pick<
    OfficeRecord,
    | 'priorities'
    | 'languages'
    | 'openingHours'
    | 'fairnessN'
    | 'maxRecalls'
    | 'ticker'
    | 'kioskIdleSeconds'
    | 'requireDevices'
    | 'priorityByClerk'
  >
>;

export class CatalogueRepository {
  constructor(private readonly db: Database) {}

  private get m() {
    return this.db.models;
  }

  async findOffice(code: string, t?: Tx): Promise<OfficeRecord | undefined> {
    const row = await this.m.Office.findByPk(code, { transaction: t });
    return row ? toOffice(row) : undefined;
  }

  async updateOffice(code: string, f: OfficeChange, t: Transaction): Promise<void> {
    const { priorities, languages, openingHours, ...plain } = f;
    await this.m.Office.update(
      {
        ...plain,
        ...(priorities === undefined ? {} : { priorities: JSON.stringify(priorities) }),
        ...(languages === undefined ? {} : { languages: JSON.stringify(languages) }),
        ...(openingHours === undefined
          ? {}
          : { openingHours: openingHours === null ? null : JSON.stringify(openingHours) }),
      },
      { where: { code }, transaction: t },
    );
  }

  /** The office's services in catalogue order. */
  async listServices(officeCode: string, t?: Tx): Promise<ServiceRecord[]> {
    const rows = await this.m.Service.findAll({
      where: { officeCode },
      order: [
        ['sortOrder', 'ASC'],
        ['id', 'ASC'],
      ],
      transaction: t,
    });
    return rows.map(toService);
  }

  async insertService(officeCode: string, s: NewService, t: Transaction): Promise<number> {
    const row = await this.m.Service.create(
      {
        officeCode,
        code: s.code,
        prefix: s.prefix,
        names: JSON.stringify(s.names),
        documents: JSON.stringify(s.documents),
        sortOrder: s.sortOrder,
        targetWaitMinutes: s.targetWaitMinutes,
        closedReason: null,
      },
      { transaction: t },
    );
    return row.id;
  }

  async updateService(id: number, f: ServiceChange, t: Transaction): Promise<void> {
    const { names, documents, ...plain } = f;
    const fields = {
      ...plain,
      ...(names === undefined ? {} : { names: JSON.stringify(names) }),
      ...(documents === undefined ? {} : { documents: JSON.stringify(documents) }),
    };
    if (Object.keys(fields).length) {
      await this.m.Service.update(fields, { where: { id }, transaction: t });
    }
  }

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
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null || text === '') return fallback;
  return JSON.parse(text) as T;
}

/** The office row as a record (JSON columns parsed, booleans as booleans on both dialects). */
export function toOffice(r: OfficeModel): OfficeRecord {
  return {
    code: r.code,
    names: parseJson<Names>(r.names, { tg: r.code, ru: r.code, uz: r.code, en: r.code }),
    casePrefix: r.casePrefix,
    timeZone: r.timeZone,
    languages: parseJson<string[]>(r.languages, ['tg', 'ru', 'uz', 'en']),
    priorities: parseJson<PriorityCategory[]>(r.priorities, []),
    fairnessN: r.fairnessN,
    maxRecalls: r.maxRecalls,
    ticker: r.ticker,
    kioskIdleSeconds: r.kioskIdleSeconds,
    openingHours: parseJson<WeeklyHours | null>(r.openingHours, null),
    requireDevices: Boolean(r.requireDevices),
    priorityByClerk: Boolean(r.priorityByClerk),
  };
}

/** The service row as a record. */
export function toService(r: ServiceModel): ServiceRecord {
  return {
    id: r.id,
    officeCode: r.officeCode,
    code: r.code,
    prefix: r.prefix,
    names: parseJson<Names>(r.names, { tg: r.code, ru: r.code, uz: r.code, en: r.code }),
    documents: parseJson<string[]>(r.documents, []),
    isOpen: Boolean(r.isOpen),
    closedReason: r.closedReason,
    sortOrder: r.sortOrder,
    targetWaitMinutes: r.targetWaitMinutes,
  };
}
