/** Opening the database (MySQL/MariaDB or SQLite), running migrations, and the one transaction helper. */
import path from 'node:path';
import fs from 'node:fs';
import { Sequelize, Transaction, type Options, type QueryInterface } from 'sequelize';
import { Umzug, SequelizeStorage } from 'umzug';
import { format as mysqlFormat } from 'mysql2';
import { HeldWrites } from './held-writes';
import { initModels, type Models } from './models';
import { initRegistryModels, type RegistryModels } from './models/registry';
import { queueMigrations, registryMigrations, type MigrationSet } from './migrations';

export { queueMigrations, registryMigrations };

export type Dialect = 'mysql' | 'sqlite';

/** Where the data lives, parsed from DATABASE_URL. */
export type DatabaseTarget =
  { dialect: 'sqlite'; storage: string } | { dialect: 'mysql'; url: string; redacted: string };

const DEFAULT_SQLITE_PATH = './data/navbat.sqlite';

/** Parses DATABASE_URL: unset → embedded SQLite; `sqlite:/path`; `mysql://user:pass@host:port/db`. */
export function parseDatabaseUrl(url: string | undefined): DatabaseTarget {
  if (url === undefined || url.trim() === '') {
    return { dialect: 'sqlite', storage: path.resolve(DEFAULT_SQLITE_PATH) };
  }
  if (url.startsWith('sqlite:')) {
    const rest = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (rest === '' || rest === ':memory:')
      throw new Error('DATABASE_URL: sqlite needs a file path');
    return { dialect: 'sqlite', storage: path.resolve(rest) };
  }
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) {
    const normalised = url.replace(/^mariadb:/, 'mysql:');
    const parsed = new URL(normalised);
    if (parsed.pathname.length <= 1)
      throw new Error('DATABASE_URL: the MySQL URL names no database');
    if (parsed.password) parsed.password = '***';
    return { dialect: 'mysql', url: normalised, redacted: parsed.toString() };
  }
  throw new Error('DATABASE_URL must start with mysql:// or sqlite:');
}

/** Runs `run` again when it loses a deadlock, up to five times in all. */
async function retryDeadlocks<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (!isDeadlock(err)) throw err;
      if (attempt >= 5) throw new DatabaseBusyError('the database stayed busy; try again');
    }
  }
}

/** Thrown when a transaction keeps losing deadlocks; mapped to 503. */
export class DatabaseBusyError extends Error {}

/** An open database: the models and the transaction helper every command goes through. */
export class Database {
  /** The Sequelize instance (only db/ and tests touch it directly). */
  readonly sequelize: Sequelize;
  readonly models: Models;
  /** The registry's models, on this same connection (used when this database holds the registry). */
  readonly registryModels: RegistryModels;
  readonly dialect: Dialect;
  /** Writes held for a transaction's next round trip (see held-writes.ts). */
  readonly held: HeldWrites;
  // SQLite has one writer: commands of this process queue here instead of failing with SQLITE_BUSY.
  // (SQLite is the single-process deployment; several nodes share one MySQL/MariaDB instead.)
  private writeQueue: Promise<unknown> = Promise.resolve();
  /** Reads at one moment in flight (see {@link readAtOneMoment}): closing waits for them. */
  private readonly reads = new Set<Promise<unknown>>();

  constructor(target: DatabaseTarget, options: { pool?: number } = {}) {
    const common: Options = { logging: false, benchmark: false };
    if (target.dialect === 'sqlite') {
      fs.mkdirSync(path.dirname(target.storage), { recursive: true });
      this.sequelize = new Sequelize({ ...common, dialect: 'sqlite', storage: target.storage });
    } else {
      this.sequelize = new Sequelize(target.url, {
        ...common,
        dialect: 'mysql',
        timezone: '+00:00',
        // Several statements a query: a command's held writes travel together (held-writes.ts).
        dialectOptions: {
          charset: 'utf8mb4',
          connectTimeout: 5000,
          multipleStatements: true,
          queryFormat: sentAsBound,
        },
        define: { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
        pool: { max: options.pool ?? 20, min: 0, acquire: 10000, idle: 10000 },
      });
    }
    this.dialect = target.dialect;
    this.held = new HeldWrites(this.sequelize, target.dialect === 'mysql');
    this.models = initModels(this.sequelize);
    this.registryModels = initRegistryModels(this.sequelize);
    if (target.dialect === 'mysql') {
      // Every connection reads committed data: set once per connection instead of once per command.
      this.sequelize.addHook('afterConnect', async (connection) => {
        const conn = connection as { query(sql: string, cb: (err: Error | null) => void): void };
        await new Promise<void>((resolve, reject) => {
          conn.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED', (err) =>
            err ? reject(err) : resolve(),
          );
        });
      });
    }
  }

  /** Checks the connection and prepares SQLite (WAL, busy timeout); throws if unreachable. */
  async connect(): Promise<void> {
    await this.sequelize.authenticate();
    if (this.dialect === 'sqlite') {
      await this.sequelize.query('PRAGMA journal_mode=WAL');
      await this.sequelize.query('PRAGMA busy_timeout=5000');
    }
  }

  /** Runs the pending migrations of the given sets (default: both); returns their names. */
  async migrate(
    sets: readonly MigrationSet[] = [queueMigrations, registryMigrations],
  ): Promise<string[]> {
    const done: string[] = [];
    for (const set of sets) {
      const applied = await this.umzug(set).up();
      done.push(...applied.map((m) => m.name));
    }
    return done;
  }

  /** The umzug runner of one migration set (tests use it to migrate down). */
  umzug(set: MigrationSet): Umzug<QueryInterface> {
    return new Umzug<QueryInterface>({
      migrations: set.migrations.map((m) => ({
        name: m.name,
        up: ({ context }) => m.module.up({ context }),
        down: ({ context }) => m.module.down({ context }),
      })),
      context: this.sequelize.getQueryInterface(),
      storage: new SequelizeStorage({ sequelize: this.sequelize, tableName: set.storageTable }),
      logger: undefined,
    });
  }

  /**
   * Runs `work` in one transaction: serialised IMMEDIATE transactions on SQLite, READ COMMITTED on
   * MySQL (row locks, SKIP LOCKED), retried on deadlock. Everything a command changes commits together.
   */
  async transaction<T>(work: (t: Transaction) => Promise<T>): Promise<T> {
    if (this.dialect === 'sqlite') {
      const run = this.writeQueue.then(() =>
        this.sequelize.transaction({ type: Transaction.TYPES.IMMEDIATE }, work),
      );
      this.writeQueue = run.catch(() => undefined);
      return run;
    }
    // READ COMMITTED is the session level of every connection (see the afterConnect hook).
    // Its START TRANSACTION and held writes travel with its statements (held-writes.ts).
    return retryDeadlocks(() => this.held.transaction(work));
  }

  /**
   * Runs `work`'s reads at one moment (see {@link HeldWrites.readAtOneMoment}): a snapshot's seq and
   * the counts read beside it agree, though tickets commit while they run. Outside the write queue.
   */
  async readAtOneMoment<T>(work: (t: Transaction) => Promise<T>): Promise<T> {
    const run = this.held.readAtOneMoment(work);
    // Closing waits for it: SQLite's own connection of a read would be closed under it.
    this.reads.add(run);
    void run.then(
      () => this.reads.delete(run),
      () => this.reads.delete(run),
    );
    return run;
  }

  /**
   * Runs one statement's write on its own: in the serialised write queue on SQLite (a write beside
   * an open IMMEDIATE transaction would meet SQLITE_BUSY), autocommitted on MySQL, where a
   * BEGIN and a COMMIT around a single statement are two round trips that change nothing.
   */
  async autocommit<T>(work: (t: Transaction | undefined) => Promise<T>): Promise<T> {
    if (this.dialect === 'sqlite') return this.transaction(work);
    return retryDeadlocks(() => work(undefined));
  }

  /** True while the database answers a trivial query. */
  async ping(): Promise<boolean> {
    try {
      await this.sequelize.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Closes the pool. The writes already queued (SQLite) and the reads at one moment in flight run
   * first: their callers wait for them, and a transaction that began on a closed handle failed (a
   * test server's last command, queued behind another as it closed, once failed its suite with
   * SQLITE_MISUSE; so did a snapshot's read on SQLite's own connection of a read transaction).
   */
  async close(): Promise<void> {
    await this.writeQueue;
    await Promise.allSettled([...this.reads]);
    await this.sequelize.close();
  }
}

function isDeadlock(err: unknown): boolean {
  const parent = (err as { parent?: { errno?: number } } | undefined)?.parent;
  return parent?.errno === 1213 || parent?.errno === 1205;
}

/** Opens, checks and migrates the database that `url` names (by default both migration sets). */
export async function openDatabase(
  url: string | undefined,
  sets: readonly MigrationSet[] = [queueMigrations, registryMigrations],
): Promise<Database> {
  const target = parseDatabaseUrl(url);
  if (target.dialect === 'sqlite') await checkSqlitePath(target.storage);
  const db = new Database(target);
  try {
    await db.connect();
    await db.migrate(sets);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return db;
}

/**
 * Refuses an SQLite path that cannot hold a database (a folder, a file or folder it may not write,
 * a place where no folder can be made), with the reason, before the driver is asked: some of those
 * make it hang or open nothing at all.
 */
async function checkSqlitePath(storage: string): Promise<void> {
  const info = await fs.promises.stat(storage).catch(() => undefined);
  if (info?.isDirectory()) throw new Error(`${storage} is a folder, not a database file`);
  if (info && !info.isFile()) throw new Error(`${storage} is not a regular file`);
  const dir = path.dirname(storage);
  try {
    await makeFolders(dir);
    await fs.promises.access(info ? storage : dir, fs.constants.R_OK | fs.constants.W_OK);
  } catch (err) {
    throw new Error(
      `${info ? storage : dir} is not writable (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      { cause: err },
    );
  }
}

// Node's own recursive mkdir never returns for a path under /proc: one level at a time instead.
async function makeFolders(dir: string): Promise<void> {
  const info = await fs.promises.stat(dir).catch(() => undefined);
  if (info?.isDirectory()) return;
  if (info) throw Object.assign(new Error(`${dir} is not a folder`), { code: 'ENOTDIR' });
  const parent = path.dirname(dir);
  if (parent !== dir) await makeFolders(parent);
  await fs.promises.mkdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
}

/**
 * mysql2's formatting of a query, for its connections: a query without values is sent as it is.
 * Sequelize and the held writes send every query bound already (values go through `execute`,
 * which is not formatted), yet mysql2 scanned each of them for `?` placeholders: 1 % of a kiosk
 * ticket's CPU. One that brings values is formatted as mysql2 would.
 */
function sentAsBound(this: unknown, sql: string, values: unknown, timeZone?: string): string {
  if (values === undefined || (Array.isArray(values) && values.length === 0)) return sql;
  return mysqlFormat(sql, values as Parameters<typeof mysqlFormat>[1], false, timeZone);
}
