/**
 * Statements held for a transaction's next round trip (MySQL/MariaDB). A command's START
 * TRANSACTION and its inserts and updates whose answers nobody reads (the ticket's row, its key,
 * its audit row, its print job) need not each cost a round trip: they are held, and travel in
 * order in front of the transaction's next statement, as one multi-statement query whose answer
 * that statement's caller gets as if it had been sent alone. So START goes with the command's
 * first read, the writes with the office's seq (taken last in every command) or with COMMIT. A
 * read always sees the transaction's own writes: they travel in front of it. Only a statement
 * with bound parameters (a model's INSERT) cannot carry them: they go alone, just before it.
 *
 * A held write that fails fails the query that carried it, with the same Sequelize error (a
 * unique key, say) it would have raised alone (its own `sent` rejects with the driver's error);
 * the statements after it never run, and the transaction rolls back. A transaction that fails drops what it held. The values are bound by
 * Sequelize's own replacement escaping, as for any other query of ours. SQLite runs in process:
 * there, a write is simply run at once.
 */
import { Transaction, type QueryOptions, type Sequelize, type Transaction as Tx } from 'sequelize';
// Sequelize's own named-replacement binding (the one `sequelize.query` applies), kept for the batch.
import { injectReplacements } from 'sequelize/lib/utils/sql';

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

export class HeldWrites {
  private readonly held = new WeakMap<Tx, Held[]>();

  constructor(
    private readonly sequelize: Sequelize,
    private readonly batched: boolean,
  ) {
    if (!batched) return;
    // Any statement on a transaction with something held carries it.
    this.sequelize.addHook(
      'beforeQuery',
      // eslint-disable-next-line @typescript-eslint/require-await -- Sequelize awaits its hooks
      async (options: QueryOptions, query: unknown) => {
        const t = options.transaction;
        const held = t ? this.held.get(t) : undefined;
        if (!t || !held?.length) return;
        this.held.delete(t);
        const pending = query as PendingQuery;
        pending.connection = this.carrier(pending.connection, held);
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
    const t = new Transaction(this.sequelize, {});
    // Sequelize's begin sends START TRANSACTION on its own; here it waits for the first statement.
    (t as unknown as { begin: () => Promise<void> }).begin = async () => {
      await this.later(t, START, {});
    };
    await (t as unknown as { prepareEnvironment(cls: boolean): Promise<void> }).prepareEnvironment(
      false,
    );
    let result: T;
    try {
      result = await work(t);
      // Writes still held go now, so that one that fails is an error of the work (COMMIT would
      // carry them, but a COMMIT that fails costs Sequelize its connection).
      if (this.held.get(t)?.some((h) => h.sql !== START)) {
        await this.sequelize.query('DO 0', { transaction: t });
      }
    } catch (err) {
      // As Sequelize's managed transaction: rolled back (if a deadlock has not done it already).
      this.drop(t);
      await t.rollback().catch(() => undefined);
      throw err;
    }
    await t.commit();
    return result;
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
    const dropped = new Error('the transaction was rolled back');
    for (const h of list ?? []) h.settle(undefined, dropped);
  }

  /** `sql` with its replacements bound as `sequelize.query` binds them. */
  private bind(sql: string, replacements: Record<string, unknown>): string {
    const { dialect } = this.sequelize as unknown as { dialect: unknown };
    return injectReplacements(sql, dialect, replacements);
  }

  /**
   * The connection as one query sees it: its text goes out behind the held statements, in one
   * round trip, and it is answered its own result; the held ones are settled with theirs. A
   * statement with bound parameters (a prepared statement, never multi-statement) is sent just
   * after them instead.
   */
  private carrier(wire: Wire, held: Held[]): Wire {
    const front = held.map((h) => h.sql).join(';\n');
    const n = held.length;
    this.log(wire, front);
    const settle = (err: Error | null, results: unknown[]) => {
      held.forEach((h, i) => h.settle(results[i], err ?? undefined));
    };
    return {
      uuid: wire.uuid,
      query: (options, cb) =>
        wire.query({ ...options, sql: `${front};\n${options.sql}` }, (err, answer) => {
          if (err) {
            settle(err, []);
            cb(err);
            return;
          }
          const results = answer as unknown[];
          settle(null, results);
          cb(null, results[n]);
        }),
      execute: (sql, params, cb) =>
        wire.query({ sql: front }, (err, answer) => {
          settle(err, n === 1 ? [answer] : (answer as unknown[]));
          if (err) cb(err);
          else wire.execute(sql, params, cb);
        }),
    };
  }

  /** Held statements appear in Sequelize's query log, marked, as they leave. */
  private log(wire: Wire, front: string): void {
    const { logging } = (this.sequelize as unknown as { options: { logging?: unknown } }).options;
    if (typeof logging === 'function') {
      (logging as (line: string) => void)(
        `Executing (${wire.uuid ?? 'default'}): /* carried */ ${front}`,
      );
    }
  }
}
