/**
 * Statements held for a transaction's next round trip (MySQL/MariaDB). A command's START
 * TRANSACTION and its statements whose answers nobody waits for inside the command (the ticket's
 * row, its key, its audit row, its print job, a new ticket's people ahead, the office's seq) need
 * not each cost a round trip: they are held, and travel in order in front of a later statement of
 * the same command, as one multi-statement query whose answer that statement's caller gets as if
 * it had been sent alone; a held statement's own answer comes in its `sent`. START goes with the
 * transaction's first statement; the rest with one of the command's own statements sent through
 * {@link HeldWrites.send} (a lock it takes, a number) or at the latest with COMMIT.
 *
 * Any other statement on the transaction — a read of the command's, or a read the office cache
 * makes in it and shares with other commands — sends the held statements just before it, apart, so
 * a read always sees the transaction's own writes. A held write that fails fails its command, never
 * the statement that happened to be next: carried, it fails the carrying query with the Sequelize
 * error it would have raised alone (a unique key, say; the statements after it never run); sent
 * apart, its error is kept and raised by the command's next carrier or before its commit; carried
 * by COMMIT (which then never ran), the transaction is rolled back on its connection and the error
 * raised from the commit. Either way nothing of the command is stored; a transaction that fails
 * drops what it held. The values are bound by Sequelize's own replacement escaping, as for any
 * other query of ours. The hot path's own statements and the COMMIT skip Sequelize's query
 * machinery and go to the transaction's connection directly ({@link HeldWrites.send}). SQLite
 * runs in process: there, a statement is simply run at once.
 */
import {
  QueryTypes,
  Transaction,
  type QueryOptions,
  type Sequelize,
  type Transaction as Tx,
} from 'sequelize';
import { SqlBinding } from './sql-binding';

/** A held statement, and what it answers once it has been sent. */
interface Held {
  sql: string;
  settle: (result: unknown, err?: Error) => void;
}

/** What {@link HeldWrites.later} answers: the statement's own result, once it has been sent. */
export interface HeldWrite {
  sent: Promise<unknown>;
}

type Callback = (err: Error | null, result?: unknown) => void;

/** The part of a mysql2 connection that Sequelize's MySQL query uses. */
interface Wire {
  uuid?: string;
  query(options: { sql: string }, cb: Callback): { setMaxListeners(n: number): unknown };
  execute(sql: string, params: unknown[], cb: Callback): { setMaxListeners(n: number): unknown };
}

/** The query Sequelize is about to run (its `beforeQuery` hook's second argument). */
interface PendingQuery {
  connection: Wire;
}

const START = 'START TRANSACTION';
/**
 * A read at one moment: the pool's sessions are READ COMMITTED (each statement sees what has
 * committed when it runs), so this transaction alone is REPEATABLE READ (SET TRANSACTION without
 * SESSION is for the next transaction only), with its read view taken at START.
 */
const READ_AT_ONE_MOMENT = [
  'SET TRANSACTION ISOLATION LEVEL REPEATABLE READ',
  'START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY',
];
/** Statements that open a transaction: they travel with its first statement, whatever it is. */
const OPENERS = new Set([START, ...READ_AT_ONE_MOMENT]);

export class HeldWrites {
  private readonly held = new WeakMap<Tx, Held[]>();
  /** A held write that failed when sent apart: its command's next carrier or commit raises it. */
  private readonly failed = new WeakMap<Tx, Error>();
  /** Sequelize's named-replacement binding (the one `sequelize.query` applies), texts split once. */
  private readonly binding: SqlBinding;

  constructor(
    private readonly sequelize: Sequelize,
    private readonly batched: boolean,
  ) {
    this.binding = new SqlBinding((sequelize as unknown as { dialect: { name: string } }).dialect);
    if (!batched) return;
    // A statement on a transaction with something held: see carrier().
    this.sequelize.addHook(
      'beforeQuery',
      // Sequelize awaits its hooks: what this one throws rejects the query.
      (options: QueryOptions & { completesTransaction?: boolean }, query: unknown) => {
        const t = options.transaction;
        if (!t) return;
        // Sequelize's own ROLLBACK (a deadlock's) takes what is held along; COMMIT is ours.
        const carries = options.completesTransaction === true;
        const failed = this.failed.get(t);
        if (failed && carries) throw failed;
        const held = this.held.get(t);
        if (!held?.length) return;
        this.held.delete(t);
        const pending = query as PendingQuery;
        pending.connection = this.carrier(t, pending.connection, held, carries);
      },
    );
  }

  /**
   * Runs `work` in a transaction whose START TRANSACTION travels with its first statement and whose
   * held writes travel at the latest with its COMMIT (MySQL; Sequelize's managed transaction
   * otherwise). What `work` throws rolls the transaction back.
   */
  async transaction<T>(work: (t: Tx) => Promise<T>): Promise<T> {
    if (!this.batched) return this.sequelize.transaction(work);
    return this.opened([START], work);
  }

  /**
   * Runs `work`'s reads at one moment: each sees what had committed when the transaction began,
   * whatever commits while they run (a snapshot's seq and its counts). On MySQL a REPEATABLE READ,
   * READ ONLY transaction with a consistent snapshot; on SQLite a deferred transaction, whose
   * first read fixes what the rest see. No locks, so writers never wait for it.
   */
  async readAtOneMoment<T>(work: (t: Tx) => Promise<T>): Promise<T> {
    if (!this.batched) {
      return this.sequelize.transaction({ type: Transaction.TYPES.DEFERRED }, work);
    }
    return this.opened(READ_AT_ONE_MOMENT, work);
  }

  /** `work` in a transaction opened by `openers`, held for its first statement (MySQL). */
  private async opened<T>(openers: readonly string[], work: (t: Tx) => Promise<T>): Promise<T> {
    const t = new Transaction(this.sequelize, {});
    // Sequelize's begin sends START TRANSACTION on its own; here it waits for the first statement.
    (t as unknown as { begin: () => Promise<void> }).begin = async () => {
      for (const sql of openers) await this.later(t, sql, {});
    };
    await (t as unknown as { prepareEnvironment(cls: boolean): Promise<void> }).prepareEnvironment(
      false,
    );
    let result: T;
    try {
      result = await work(t);
      // A held write sent apart that failed: an error of the work, and COMMIT is never sent.
      const failed = this.failed.get(t);
      if (failed) throw failed;
    } catch (err) {
      // As Sequelize's managed transaction: rolled back (if a deadlock has not done it already).
      this.drop(t);
      await t.rollback().catch(() => undefined);
      throw err;
    }
    await this.commit(t);
    return result;
  }

  /**
   * Runs one of a command's own statements on its transaction's connection, carrying what the
   * transaction holds, straight to the driver (MySQL): none of Sequelize's hooks, query object or
   * result formatting, which cost the hot path as much as the driver itself (issue #16). Answers
   * what mysql2 answers — the rows of a SELECT (dates already parsed by the connection's type
   * casts, as Sequelize reads them), the OK packet of a write — and fails with the error
   * `sequelize.query` would raise (a unique key: UniqueConstraintError; a deadlock keeps its errno
   * for the retry). Logged like a carried query when Sequelize's logging is on.
   */
  async send<T>(t: Tx, sql: string, replacements: Record<string, unknown>): Promise<T> {
    if (!this.batched) throw new Error('HeldWrites.send is for MySQL; SQLite runs its queries');
    const failed = this.failed.get(t);
    if (failed) throw failed;
    const wire = (t as unknown as { connection?: Wire }).connection;
    if (!wire || (t as unknown as { finished?: string }).finished)
      throw new Error('the transaction has no open connection');
    const held = this.held.get(t) ?? [];
    this.held.delete(t);
    return (await this.carry(wire, held, this.bind(sql, replacements))) as T;
  }

  /**
   * One read outside any transaction on a pooled connection, straight to the driver as {@link send}
   * goes (MySQL; `sequelize.query` on SQLite): the staff session's lookup, which every staff
   * request makes. Rows as mysql2 answers them.
   */
  async read<T extends object>(sql: string, replacements: Record<string, unknown>): Promise<T[]> {
    if (!this.batched) {
      return this.sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });
    }
    const manager = (
      this.sequelize as unknown as {
        connectionManager: {
          getConnection(options: { type: 'SELECT' }): Promise<Wire>;
          releaseConnection(connection: Wire): void;
        };
      }
    ).connectionManager;
    const wire = await manager.getConnection({ type: 'SELECT' });
    try {
      return (await this.carry(wire, [], this.bind(sql, replacements))) as T[];
    } finally {
      manager.releaseConnection(wire);
    }
  }

  /**
   * COMMIT, carrying what is still held, sent as {@link send} sends, then the connection back to
   * the pool and the transaction's after-commit hooks run (as Sequelize's `commit` does). If a
   * carried statement fails, COMMIT never ran; if COMMIT itself fails, the transaction's state is
   * unknown: either way it is rolled back on its connection, which goes back to the pool when the
   * rollback answers (destroyed when it does not), and the error is raised. (MySQL only: SQLite's
   * transactions are Sequelize's own, see {@link transaction}.)
   */
  private async commit(t: Tx): Promise<void> {
    const wire = (t as unknown as { connection: Wire }).connection;
    const held = this.held.get(t) ?? [];
    this.held.delete(t);
    const internals = t as unknown as {
      finished?: string;
      cleanup(): void;
      forceCleanup(): Promise<void>;
      _afterCommitHooks: Array<(t: Tx) => unknown>;
    };
    let error: Error | undefined;
    try {
      await this.carry(wire, held, 'COMMIT');
    } catch (err) {
      error = err as Error;
    }
    internals.finished = 'commit';
    if (error === undefined) {
      internals.cleanup();
    } else {
      const clean = await new Promise<boolean>((resolve) =>
        wire.query({ sql: 'ROLLBACK' }, (rollbackErr) => resolve(!rollbackErr)),
      );
      if (clean) internals.cleanup();
      else await internals.forceCleanup();
    }
    for (const hook of internals._afterCommitHooks) await hook.apply(t, [t]);
    if (error !== undefined) throw error;
  }

  /**
   * `sql` behind the held statements, in one round trip on `wire`: the held ones are settled with
   * their answers, and `sql`'s answer returned. A failure settles them all with it and is raised
   * as Sequelize would raise it.
   */
  private carry(wire: Wire, held: Held[], sql: string): Promise<unknown> {
    const n = held.length;
    const front = held.map((h) => h.sql).join(';\n');
    if (n) this.log(wire, 'carried', front);
    this.log(wire, undefined, sql);
    return new Promise((resolve, reject) => {
      wire.query({ sql: n ? `${front};\n${sql}` : sql }, (err, answer) => {
        if (err) {
          for (const h of held) h.settle(undefined, err);
          reject(this.formatted(wire, err));
          return;
        }
        const results = n ? (answer as unknown[]) : [answer];
        held.forEach((h, i) => h.settle(results[i]));
        resolve(results[n]);
      });
    });
  }

  /**
   * Holds `sql` for the transaction's next round trip (runs it now on SQLite). Its result, when
   * someone needs it (a print job's id), comes in `sent`, once the statement that carries it has
   * been answered.
   */
  async later(t: Tx, sql: string, replacements: Record<string, unknown>): Promise<HeldWrite> {
    if (!this.batched) {
      const [result] = await this.sequelize.query(sql, { transaction: t, replacements });
      return { sent: Promise.resolve(result) };
    }
    let settle: Held['settle'] = () => undefined;
    const sent = new Promise<unknown>((resolve, reject) => {
      settle = (result, err) => (err === undefined ? resolve(result) : reject(err));
    });
    // The carrying statement's caller hears of a failure; nobody need await this one.
    sent.catch(() => undefined);
    const held = { sql: this.bind(sql, replacements), settle };
    const list = this.held.get(t);
    if (list) list.push(held);
    else this.held.set(t, [held]);
    return { sent };
  }

  /** Drops what is held (the transaction is being rolled back). */
  drop(t: Tx): void {
    const list = this.held.get(t);
    this.held.delete(t);
    this.failed.delete(t);
    const dropped = new Error('the transaction was rolled back');
    for (const h of list ?? []) h.settle(undefined, dropped);
  }

  /** `sql` with its replacements bound as `sequelize.query` binds them. */
  private bind(sql: string, replacements: Record<string, unknown>): string {
    return this.binding.bind(sql, replacements);
  }

  /**
   * The connection as one query sees it. A carrier (a number, COMMIT), or any statement when only
   * the transaction's opening statements are held, goes out behind the held statements in one round trip and is answered its own
   * result; the held ones are settled with theirs. Any other statement — it may be a read shared
   * with other commands — has the held writes sent apart just before it; their failure is kept for
   * the command (see {@link failed}) and the statement runs as if nothing were held. So does a
   * statement with bound parameters (a prepared statement is never multi-statement). ROLLBACK
   * drops them.
   */
  private carrier(t: Tx, wire: Wire, held: Held[], carries: boolean): Wire {
    const front = held.map((h) => h.sql).join(';\n');
    const n = held.length;
    const together = carries || held.every((h) => OPENERS.has(h.sql));
    const settle = (err: Error | null, results: unknown[]) => {
      held.forEach((h, i) => h.settle(results[i], err ?? undefined));
    };
    /** Sends the held statements apart; then `next`, whatever became of them. */
    const apart = (next: () => void) => {
      this.log(wire, 'held, sent apart', front);
      wire.query({ sql: front }, (err, answer) => {
        if (err) {
          this.failed.set(t, this.formatted(wire, err));
          settle(err, []);
        } else settle(null, n === 1 ? [answer] : (answer as unknown[]));
        next();
      });
    };
    return {
      uuid: wire.uuid,
      query: (options, cb) => {
        if (/^\s*ROLLBACK\b/i.test(options.sql)) {
          settle(new Error('the transaction was rolled back'), []);
          return wire.query(options, cb);
        }
        if (!together) {
          let command: ReturnType<Wire['query']> | undefined;
          apart(() => (command = wire.query(options, cb)));
          return command ?? { setMaxListeners: () => undefined };
        }
        this.log(wire, 'carried', front);
        return wire.query({ ...options, sql: `${front};\n${options.sql}` }, (err, answer) => {
          if (err) {
            settle(err, []);
            cb(err);
            return;
          }
          const results = answer as unknown[];
          settle(null, results);
          cb(null, results[n]);
        });
      },
      execute: (sql, params, cb) => {
        let command: ReturnType<Wire['execute']> | undefined;
        apart(() => (command = wire.execute(sql, params, cb)));
        return command ?? { setMaxListeners: () => undefined };
      },
    };
  }

  /** A driver's error as Sequelize would have raised it (a unique key: UniqueConstraintError). */
  private formatted(wire: Wire, err: Error): Error {
    const { dialect } = this.sequelize as unknown as {
      dialect: {
        Query: new (c: Wire, s: Sequelize, o: object) => { formatError(e: Error): Error };
      };
    };
    return new dialect.Query(wire, this.sequelize, {}).formatError(err);
  }

  /** Held statements appear in Sequelize's query log, marked, as they leave. */
  private log(wire: Wire, how: string | undefined, sql: string): void {
    const { logging } = (this.sequelize as unknown as { options: { logging?: unknown } }).options;
    if (typeof logging === 'function') {
      const marked = how === undefined ? sql : `/* ${how} */ ${sql}`;
      (logging as (line: string) => void)(`Executing (${wire.uuid ?? 'default'}): ${marked}`);
    }
  }
}
