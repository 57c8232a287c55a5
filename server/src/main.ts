/** The composition root: config → database → services → HTTP + Socket.IO → listen. */
import pino from 'pino';
import { loadConfig, type Config } from './config';
import {
  openDatabase,
  parseDatabaseUrl,
  queueMigrations,
  registryMigrations,
  type Database,
} from '../../db/database';
import { seedDemo } from '../../db/seed/seed-demo';
import { DEMO_PASSWORD, DEMO_STAFF } from '../../db/seed/demo-office';
import { createApp, type App } from './app';
import { publicUrlOf } from './public-url';

const DAY_CLOSE_INTERVAL_MS = 60_000;
/** A node asked to stop is gone within this (orchestrators kill at 10 s). */
const SHUTDOWN_MS = 9_000;

/** The registry's own database (REGISTRY_DATABASE_URL), when it has one. */
async function openRegistry(config: Config, db: Database): Promise<Database | undefined> {
  if (!config.registryDatabaseUrl) return undefined;
  try {
    return await openDatabase(config.registryDatabaseUrl, [registryMigrations]);
  } catch (err) {
    await db.close().catch(() => undefined);
    fail(
      `cannot open the registry database (${describeDatabase(config.registryDatabaseUrl)}): ${oneLine(err)}`,
    );
  }
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    fail(`configuration: ${(err as Error).message}`);
  }
  const logger = pino({ level: config.logLevel });
  const where = describeDatabase(config.databaseUrl);

  let db: Database;
  try {
    db = await openDatabase(
      config.databaseUrl,
      config.registryDatabaseUrl ? [queueMigrations] : undefined,
    );
  } catch (err) {
    fail(`cannot open the database (${where}): ${oneLine(err)}`);
  }
  const registryDb = await openRegistry(config, db);

  let app: App;
  try {
    if (config.demo) {
      const seeded = await seedDemo(db, {
        hashPassword: (p) => import('bcrypt').then((b) => b.hash(p, config.bcryptRounds)),
        printer: config.demoPrinter,
      });
      if (seeded) logger.info('demo office "kulob" seeded');
      if (process.env.DEMO_PRINTER?.trim()) {
        // An explicit DEMO_PRINTER also re-points kiosk K1 of an already seeded demo database.
        await db.transaction((t) =>
          db.models.Device.update(
            { printerUrl: config.demoPrinter },
            { where: { officeCode: 'kulob', code: 'K1' }, transaction: t },
          ),
        );
      }
    }
    app = await createApp({
      db,
      registryDb,
      logger,
      bcryptRounds: config.bcryptRounds,
      redisUrl: config.redisUrl,
      redisKey: config.redisKey,
      trustProxy: config.trustProxy,
      loginAttempts: config.loginAttempts,
      issueRate: config.issueRate ?? null,
      admission: { maxWaitMs: config.commandWaitMs || Infinity },
      voiceDir: config.voiceDir,
      metricsToken: config.metricsToken,
      publicUrl: config.publicUrl,
      messaging: config.messaging,
    });
  } catch (err) {
    await db.close().catch(() => undefined);
    await registryDb?.close().catch(() => undefined);
    fail(`cannot start: ${oneLine(err)}`);
  }

  app.server.on('error', (err) => fail(`cannot listen on port ${config.port}: ${oneLine(err)}`));
  app.server.listen(config.port, config.host, () => {
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    printBanner(port, where, config);
    const link = publicUrlOf(config.publicUrl, app.server);
    process.stdout.write(
      link.configured
        ? `  phones   ${link.url} (PUBLIC_URL: QR codes and links)\n`
        : `  PUBLIC_URL is not set: QR codes and links lead to ${link.url}, which phones on mobile data cannot open\n`,
    );
  });

  const timer = setInterval(() => {
    closeStaleDays(db, app).catch((err: unknown) => logger.warn({ err }, 'day close failed'));
  }, DAY_CLOSE_INTERVAL_MS);
  closeStaleDays(db, app).catch((err: unknown) => logger.warn({ err }, 'day close failed'));

  // SIGTERM: stop accepting, let the commands in flight commit, send every socket elsewhere,
  // close the databases and exit — all within SHUTDOWN_MS, or exit 1 regardless.
  const shutdown = () => {
    clearInterval(timer);
    setTimeout(() => process.exit(1), SHUTDOWN_MS).unref();
    app
      .drain(SHUTDOWN_MS - 2_000)
      .then(() => app.close())
      .then(() => db.close())
      .then(() => registryDb?.close())
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/** Expires tickets left from earlier office days, office by office. */
async function closeStaleDays(db: Database, app: App): Promise<void> {
  const offices = await db.models.Office.findAll({ attributes: ['code'] });
  for (const o of offices) await app.queue.closeStaleDays(o.code);
}

function printBanner(port: number, where: string, config: Config): void {
  const base = `http://localhost:${port}`;
  const lines = [
    `Navbat is running on ${base} (database: ${where}` +
      (config.registryDatabaseUrl
        ? `, registry: ${describeDatabase(config.registryDatabaseUrl)}`
        : '') +
      `${config.redisUrl ? ', Redis adapter on' : ''})`,
    `  kiosk    ${base}/kiosk/?office=kulob&kiosk=K1`,
    `  display  ${base}/display/?office=kulob`,
    `  counter  ${base}/counter/?office=kulob`,
    `  admin    ${base}/admin/?office=kulob`,
    `  booking  ${base}/book/?office=kulob`,
    `  join     ${base}/join/?office=kulob (remote join: off until an admin switches it on)`,
  ];
  if (config.demo) {
    lines.push(
      `  demo logins (password "${DEMO_PASSWORD}"): ` +
        DEMO_STAFF.map((s) => `${s.username} (${s.role})`).join(', '),
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
}

function describeDatabase(url: string | undefined): string {
  try {
    const target = parseDatabaseUrl(url);
    return target.dialect === 'sqlite' ? `SQLite ${target.storage}` : target.redacted;
  } catch (err) {
    return `invalid DATABASE_URL (${(err as Error).message})`;
  }
}

function oneLine(err: unknown): string {
  const e = err as { message?: string; parent?: { message?: string } };
  return (e.parent?.message ?? e.message ?? String(err)).split('\n')[0] ?? 'unknown error';
}

function fail(message: string): never {
  process.stderr.write(`navbat: ${message}\n`);
  process.exit(1);
}

void main();
