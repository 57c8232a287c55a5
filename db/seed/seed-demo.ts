/** Seeds the demo office into an empty database, in one transaction. */
import type { Transaction } from 'sequelize';
import type { Database } from '../database';
import { BookingRepository } from '../repositories/booking-repository';
import { BookingResourceRepository } from '../repositories/booking-resource-repository';
import { DEMO_BOOKING_PLAN } from '../../server/protocol/booking-rules';
import {
  DEMO_COUNTERS,
  DEMO_HALL,
  DEMO_OFFICE,
  DEMO_PASSWORD,
  DEMO_SERVICES,
  DEMO_STAFF,
} from './demo-office';

export interface SeedOptions {
  /** Hashes the demo password (the auth service's bcrypt). */
  hashPassword: (password: string) => Promise<string>;
  /** `virtual` or a printer URL for kiosk K1. */
  printer?: string;
  now?: Date;
}

/**
 * CONTRACT §6: every demo service takes appointments Mon–Fri 08:00–17:00, 20-minute slots; the
 * ceremony hall is there for an administrator to link services to.
 */
async function seedAppointments(
  db: Database,
  officeCode: string,
  now: Date,
  t: Transaction,
): Promise<void> {
  for (const s of DEMO_SERVICES)
    await new BookingRepository(db).setPlan(officeCode, s.code, DEMO_BOOKING_PLAN, now, t);
  await new BookingResourceRepository(db).put(officeCode, DEMO_HALL.code, DEMO_HALL, now, t);
}

/**
 * An office with the demo's services and the windows `counters` (number → the services it serves),
 * in `t`: the demo office, and the national bench's seventy like it.
 */
export async function createOffice(
  db: Database,
  o: { code: string; names: Record<string, string>; casePrefix: string },
  counters: Record<string, readonly string[]>,
  t: Transaction,
): Promise<void> {
  const m = db.models;
  await m.Office.create(
    {
      code: o.code,
      names: JSON.stringify(o.names),
      casePrefix: o.casePrefix,
      timeZone: DEMO_OFFICE.timeZone,
      languages: JSON.stringify(DEMO_OFFICE.languages),
      priorities: JSON.stringify(DEMO_OFFICE.priorities),
      ticker: null,
      openingHours: null,
    },
    { transaction: t },
  );
  await m.OfficeState.create({ officeCode: o.code, seq: 0 }, { transaction: t });
  const serviceIds = new Map<string, number>();
  for (const [i, s] of DEMO_SERVICES.entries()) {
    const row = await m.Service.create(
      {
        officeCode: o.code,
        code: s.code,
        prefix: s.prefix,
        names: JSON.stringify(s.names),
        documents: JSON.stringify(s.documents),
        closedReason: null,
        sortOrder: (i + 1) * 10,
      },
      { transaction: t },
    );
    serviceIds.set(s.code, row.id);
  }
  for (const [number, codes] of Object.entries(counters)) {
    const counter = await m.Counter.create(
      { officeCode: o.code, number, name: null, pauseReason: null },
      { transaction: t },
    );
    for (const code of codes) {
      const serviceId = serviceIds.get(code);
      if (serviceId === undefined) throw new Error(`counter ${number}: no service ${code}`);
      await m.CounterService.create({ counterId: counter.id, serviceId }, { transaction: t });
    }
  }
}

/** Seeds and returns true when the database holds no office yet; otherwise does nothing. */
export async function seedDemo(db: Database, options: SeedOptions): Promise<boolean> {
  const m = db.models;
  if ((await m.Office.count()) > 0 || (await m.User.count()) > 0) return false;
  const passwordHash = await options.hashPassword(DEMO_PASSWORD);
  const now = options.now ?? new Date();
  await db.transaction(async (t) => {
    const o = DEMO_OFFICE;
    await createOffice(db, o, DEMO_COUNTERS, t);
    await seedAppointments(db, o.code, now, t);
    await m.Device.create(
      {
        officeCode: o.code,
        code: 'K1',
        kind: 'kiosk',
        name: 'Киоски даромадгоҳ',
        printerUrl: options.printer ?? 'virtual',
        tokenHash: null,
      },
      { transaction: t },
    );
    await m.Device.create(
      {
        officeCode: o.code,
        code: 'D1',
        kind: 'display',
        name: 'Экрани толор',
        printerUrl: null,
        tokenHash: null,
      },
      { transaction: t },
    );
    for (const s of DEMO_STAFF) {
      await m.User.create(
        { officeCode: o.code, username: s.username, passwordHash, role: s.role, name: s.name },
        { transaction: t },
      );
    }
    await m.AuditEntry.create(
      {
        officeCode: o.code,
        at: now,
        actor: 'system',
        userId: null,
        action: 'office.seed_demo',
        entity: 'office',
        entityId: o.code,
        before: null,
        after: null,
      },
      { transaction: t },
    );
  });
  return true;
}
