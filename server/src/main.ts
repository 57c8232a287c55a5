/** The composition root: config → database → services → HTTP + Socket.IO → listen. */
import pino from 'pino';
import type { Config } from './config';
import type { Database } from '../../db/database';
import { createApp, type App } from './app';
import {
  closeDatabases,
  fail,
  oneLine,
  openDatabases,
  readConfig,
  seedIfDemo,
  type Databases,
} from './wiring/start-up';
import { printBanner } from './wiring/banner';

const DAY_CLOSE_INTERVAL_MS = 60_000;
/** A node asked to stop is gone within this (orchestrators kill at 10 s). */
const SHUTDOWN_MS = 9_000;

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const logger = pino({ level: config.logLevel });
  const dbs = await openDatabases(config);
  const { db } = dbs;

  let app: App;
  try {
    await seedIfDemo(config, db, logger, process.env);
    app = await createApp({
      db,
      registryDb: dbs.registryDb,
      reportsDb: dbs.reportsDb,
      logger,
      bcryptRounds: config.bcryptRounds,
      redisUrl: config.redisUrl,
      redisKey: config.redisKey,
      trustProxy: config.trustProxy,
      loginAttempts: config.loginAttempts,
      issueRate: config.issueRate ?? null,
      admission: {
        maxWaitMs: config.commandWaitMs || Infinity,
        maxInFlight: config.commandMaxInFlight,
      },
      voiceDir: config.voiceDir,
      metricsToken: config.metricsToken,
      socketsPerAddress: config.socketsPerAddress,
      publicUrl: config.publicUrl,
      messaging: config.messaging,
    });
  } catch (err) {
    await closeDatabases(dbs);
    fail(`cannot start: ${oneLine(err)}`);
  }

  listen(app, config);
  const closeDays = () => {
    closeStaleDays(db, app).catch((err: unknown) => logger.warn({ err }, 'day close failed'));
  };
  const timer = setInterval(closeDays, DAY_CLOSE_INTERVAL_MS);
  closeDays();
  const shutdown = () => {
    clearInterval(timer);
    stop(app, dbs);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

function listen(app: App, config: Config): void {
  app.server.on('error', (err) => fail(`cannot listen on port ${config.port}: ${oneLine(err)}`));
  app.server.listen(config.port, config.host, () => printBanner(app.server, config));
}

/**
 * SIGTERM: stop accepting, let the commands in flight commit, send every socket elsewhere, close the
 * databases and exit — all within SHUTDOWN_MS, or exit 1 regardless.
 */
function stop(app: App, dbs: Databases): void {
  setTimeout(() => process.exit(1), SHUTDOWN_MS).unref();
  app
    .drain(SHUTDOWN_MS - 2_000)
    .then(() => app.close())
    .then(() => closeDatabases(dbs))
    .then(() => process.exit(0))
    .catch(() => process.exit(1));
}

/** Expires tickets left from earlier office days, office by office. */
async function closeStaleDays(db: Database, app: App): Promise<void> {
  const offices = await db.models.Office.findAll({ attributes: ['code'] });
  for (const o of offices) await app.queue.closeStaleDays(o.code);
}

void main();
