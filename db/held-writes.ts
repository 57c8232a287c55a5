/**
 * Writes held for a transaction's next round trip (MySQL/MariaDB). A command's inserts and updates
 * whose answers nobody reads (the ticket's row, its key, its audit row, its print job) need not
 * each cost a round trip: they are held and sent, in order, in front of the transaction's next
 * statement, as one multi-statement query. The office's seq, taken last in every command, usually
 * carries them all (see QueueRepository.takeSeq). Any other statement on the transaction first
 * sends what is held, so a read always sees the transaction's own writes; what is still held when
 * the work ends is sent before COMMIT, and a transaction that fails drops it.
 *
 * A held write that fails fails the statement that carried it, with the same Sequelize error
 * (a unique key, say) it would have raised alone; the statements after it in the batch never run,
 * and the transaction rolls back. The values are bound by Sequelize's own replacement escaping, as
 * for any other query of ours. SQLite runs in process: there, a write is simply run at once.
 */
import { QueryTypes, type QueryOptions, type Sequelize, type Transaction } from 'sequelize';
// Sequelize's own named-replacement binding (the one `sequelize.query` applies), kept for the batch.
import { injectReplacements } from 'sequelize/lib/utils/sql';

/** The option that marks a batch's own query (the beforeQuery hook lets it through). */
const CARRIES = Symbol('carries held writes');

/** A held write: its statement, and what it answers once its batch is sent. */
interface Held {
  sql: string;
  settle: (result: unknown, err?: Error) => void;
}

/** What {@link HeldWrites.later} answers: the statement's own result, once it has been sent. */
export interface HeldWrite {
  sent: Promise<unknown>;
}

export class HeldWrites {
  private readonly held = new WeakMap<Transaction, Held[]>();

  constructor(
    private readonly sequelize: Sequelize,
    private readonly batched: boolean,
  ) {
    if (!batched) return;
    // Any other statement on a transaction with held writes sends them first, in order.
    this.sequelize.addHook('beforeQuery', async (options: QueryOptions & { [CARRIES]?: true }) => {
      const t = options.transaction;
      if (t && !options[CARRIES] && this.held.get(t)?.length) await this.send(t, []);
    });
  }

  /**
   * Holds `sql` for the transaction's next round trip (runs it now on SQLite). Its result, when
   * someone needs it (a print job's id), comes in `sent`, after the statement that carries it.
   */
  async later(
    t: Transaction,
    sql: string,
    replacements: Record<string, unknown>,
  ): Promise<HeldWrite> {
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

  /**
   * Runs `sql` with the held writes in front of it, in one round trip; answers `sql`'s own result
   * as `sequelize.query` answers a raw query (`[result, result]`).
   */
  async with(
    t: Transaction,
    sql: string,
    replacements: Record<string, unknown>,
  ): Promise<[unknown, unknown]> {
    if (!this.batched || !this.held.get(t)?.length) {
      return this.sequelize.query(sql, { transaction: t, replacements });
    }
    const bound = this.bind(sql, replacements);
    const last = await this.send(t, [bound]);
    return [last, last];
  }

  /** Sends what is still held (the work is done; COMMIT follows). */
  async flush(t: Transaction): Promise<void> {
    if (this.held.get(t)?.length) await this.send(t, []);
  }

  /** Drops what is held (the transaction is being rolled back). */
  drop(t: Transaction): void {
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

  /** Sends the held writes and `after` as one query; answers the last statement's result. */
  private async send(t: Transaction, after: string[]): Promise<unknown> {
    const held = this.held.get(t) ?? [];
    this.held.delete(t);
    const statements = [...held.map((h) => h.sql), ...after];
    const options = { transaction: t, type: QueryTypes.RAW, [CARRIES]: true } as QueryOptions;
    let results: unknown[];
    try {
      // The leading comment keeps Sequelize from taking a batch that starts with an INSERT for a
      // plain INSERT, whose answer it reduces to an insert id.
      const sql = `/* held writes */ ${statements.join(';\n')}`;
      const [answer] = await this.sequelize.query(sql, options);
      // One statement answers its own result; several answer an array of them.
      results = statements.length === 1 ? [answer] : answer;
    } catch (err) {
      const failed = err instanceof Error ? err : new Error(String(err));
      for (const h of held) h.settle(undefined, failed);
      throw err;
    }
    held.forEach((h, i) => h.settle(results[i]));
    return results.at(-1);
  }
}
