/**
 * The national bench's database: a fresh MariaDB database, migrated the way the server migrates at
 * start (`openDatabase`), and N offices written straight through the models, one transaction per
 * office, each shaped like the demo office (its services, windows 1–6, kiosk K1, display D1) with
 * one clerk who may act at every window of the office.
 */
import mysql from 'mysql2/promise';
import bcrypt from 'bcrypt';
import { openDatabase, type Database } from '../../db/database';
import {
  DEMO_COUNTERS,
  DEMO_OFFICE,
  DEMO_PASSWORD,
  DEMO_SERVICES,
} from '../../db/seed/demo-office';
import { createOffice } from '../../db/seed/seed-demo';

/** What the load generator needs to know of one seeded office. */
export interface OfficePlan {
  code: string;
  clerk: string;
  /** Window number → the service codes it calls. */
  counters: Record<string, string[]>;
  services: string[];
}

/** A database made for this run, dropped by `drop`. */
export interface RunDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export const PASSWORD = DEMO_PASSWORD;

/** Creates (after dropping any leftover of the same name) the database `name` on `serverUrl`. */
export async function createDatabase(serverUrl: string, name: string): Promise<RunDatabase> {
  const admin = await mysql.createConnection(serverUrl);
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(
      `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await admin.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    name,
    drop: async () => {
      const again = await mysql.createConnection(serverUrl);
      try {
        await again.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await again.end();
      }
    },
  };
}

/**
 * MariaDB's count of statements received from every client (`Questions`): read before and after a
 * phase, the difference is what the phase's servers sent (the bench's own two reads aside).
 */
export async function statementsReceived(serverUrl: string): Promise<number> {
  const c = await mysql.createConnection(serverUrl);
  try {
    const [rows] = await c.query<mysql.RowDataPacket[]>("SHOW GLOBAL STATUS LIKE 'Questions'");
    return Number(rows[0]?.Value ?? NaN);
  } finally {
    await c.end();
  }
}

/** `nat01` … `natNN`. */
export function officeCode(i: number): string {
  return `nat${String(i + 1).padStart(2, '0')}`;
}

/** Migrates the database at `url` and writes `count` offices; returns their plans. */
export async function migrateAndSeed(url: string, count: number): Promise<OfficePlan[]> {
  const db = await openDatabase(url);
  try {
    // Cost 4: the logins of the run stay cheap; the server checks whatever cost the hash says.
    const passwordHash = await bcrypt.hash(PASSWORD, 4);
    const plans: OfficePlan[] = [];
    for (let i = 0; i < count; i++) {
      const plan: OfficePlan = {
        code: officeCode(i),
        clerk: `${officeCode(i)}.clerk`,
        counters: DEMO_COUNTERS,
        services: DEMO_SERVICES.map((s) => s.code),
      };
      await seedOffice(db, plan, passwordHash, i);
      plans.push(plan);
    }
    return plans;
  } finally {
    await db.close();
  }
}

/** One office in one transaction. */
async function seedOffice(
  db: Database,
  plan: OfficePlan,
  passwordHash: string,
  index: number,
): Promise<void> {
  const m = db.models;
  await db.transaction(async (t) => {
    const names = Object.fromEntries(
      Object.entries(DEMO_OFFICE.names).map(([lang, name]) => [lang, `${name} ${index + 1}`]),
    );
    const casePrefix = `N${String(index + 1).padStart(2, '0')}`;
    await createOffice(db, { code: plan.code, names, casePrefix }, plan.counters, t);
    const device = { officeCode: plan.code, tokenHash: null };
    await m.Device.bulkCreate(
      [
        { ...device, code: 'K1', kind: 'kiosk', name: 'Kiosk', printerUrl: 'virtual' },
        { ...device, code: 'D1', kind: 'display', name: 'Display', printerUrl: null },
      ],
      { transaction: t },
    );
    await m.User.create(
      { officeCode: plan.code, username: plan.clerk, passwordHash, role: 'clerk', name: 'Clerk' },
      { transaction: t },
    );
  });
}
