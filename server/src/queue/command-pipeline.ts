/**
 * The queue's command pipeline: transaction → work → render its changes → seq → commit → publish.
 * Every queue command, and every administrator's change to an office, runs through it once.
 */
import type { Transaction } from 'sequelize';
import type { OfficeInfo, QueueChange, StaffTicket } from '../../protocol';
import type { Database } from '../../../db/database';
import type { QueueRepository } from '../../../db/repositories/queue-repository';
import type { OfficeRecord } from '../../../db/records';
import { notFound } from '../errors';
import { ChangeRenderer, type PendingChange } from './change-renderer';
import type { WindowGuard } from './counter-sessions';
import type { CommandAdmission } from './admission';
import type { OfficeCache } from './office-cache';
import type { TicketOffices } from './ticket-offices';
import type { CaseLinks } from '../registry/case-links';
import type { Outbox } from '../messages/outbox';

/** Receives committed changes of one office, in seq order. */
export type Publish = (officeCode: string, changes: QueueChange[]) => void;

/** What a command learnt on its way that later steps need not read again. */
export interface CommandHints {
  /** Live message recipients of the office today, when read with a locked row. */
  recipients?: number;
}

/** A command's writes inside its transaction; it lists in `changes` what to publish. */
export type CommandWork<T> = (
  t: Transaction,
  office: OfficeRecord,
  changes: PendingChange[],
  hints: CommandHints,
) => Promise<T>;

/** A committed command: its result, the tickets its events carry (by id), the events. */
export interface Committed<T> {
  result: T;
  tickets: Map<string, StaffTicket>;
  events: QueueChange[];
}

export interface CommandPipelineDeps {
  db: Database;
  repo: QueueRepository;
  cache: OfficeCache;
  windows: WindowGuard;
  tickets: TicketOffices;
  publish: Publish;
  cases?: CaseLinks;
  messages?: Pick<Outbox, 'queueChanged'>;
  admission?: CommandAdmission;
  /** The office as every page sees it (an `office:updated` event carries it). */
  officeInfo: (office: OfficeRecord) => OfficeInfo;
}

export class CommandPipeline {
  constructor(private readonly deps: CommandPipelineDeps) {}

  /**
   * Runs one command. Changes are rendered inside the transaction (the state of their seq) and
   * published right after commit, with nothing in between but the seq the commit answered, so one
   * process emits in commit order.
   * The rendered tickets are handed back: the caller answers with what the events carry.
   * `configures`: an administrator's change, which reads its office in the transaction and
   * forgets the office's cache after.
   */
  async run<T>(
    officeCode: string,
    work: CommandWork<T>,
    options: { configures?: boolean } = {},
  ): Promise<Committed<T>> {
    const leave = this.deps.admission?.enter(officeCode);
    try {
      const done = await this.commit(officeCode, work, options.configures === true);
      if (options.configures) this.deps.cache.forget(officeCode);
      return done;
    } catch (err) {
      // A rolled-back command may have read (into the cache) what it wrote.
      this.deps.cache.forget(officeCode);
      throw err;
    } finally {
      leave?.();
    }
  }

  private async commit<T>(
    officeCode: string,
    work: CommandWork<T>,
    configures: boolean,
  ): Promise<Committed<T>> {
    if (!configures) await this.deps.cache.warm(officeCode);
    const done = await this.deps.db.transaction((t) =>
      this.inTransaction(t, officeCode, work, configures),
    );
    const { result, seq } = done;
    // Made from answers the commit's round trip settled: no read, no other command's answer
    // between the commit and the publication.
    const events = done.later ? await done.later() : done.events;
    if (events.length) {
      // Answered with the commit (on MySQL the seq travels with COMMIT): already settled, so
      // this await lets no other command's answer in before the publication.
      const first = await seq;
      events.forEach((e, i) => (e.seq = first + i));
      this.deps.cache.observe(officeCode, events);
      this.deps.tickets.learn(officeCode, events);
      this.deps.publish(officeCode, events);
    }
    const tickets = new Map<string, StaffTicket>();
    for (const e of events) {
      if ('ticket' in e) tickets.set(e.ticket.id, e.ticket);
    }
    return { result, tickets, events };
  }

  private async inTransaction<T>(
    t: Transaction,
    officeCode: string,
    work: CommandWork<T>,
    configures: boolean,
  ): Promise<{
    result: T;
    events: QueueChange[];
    later?: () => Promise<QueueChange[]>;
    seq: Promise<number>;
  }> {
    const { repo, cache } = this.deps;
    const changes: PendingChange[] = [];
    // A configuration reads and renders inside its transaction; the queue's commands take the
    // office, its services and windows from the cache.
    const office = configures
      ? await repo.findOffice(officeCode, t)
      : await cache.office(officeCode, t);
    if (!office) throw notFound(`office ${officeCode}`);
    const hints: CommandHints = {};
    const result = await work(t, office, changes, hints);
    const catalog = configures ? undefined : cache.catalog(officeCode, t);
    const renderer = new ChangeRenderer(
      repo,
      officeCode,
      t,
      this.deps.cases,
      this.deps.windows,
      catalog,
    );
    if (changes.length > 0 && changes.every((c) => 'numbered' in c && c.numbered !== undefined)) {
      // Tickets numbered with the commit (MySQL): the number, the rows and the seq go in one round
      // trip, and the events are made after it. Such a ticket has no phone (its "issued" message
      // would need the number here), so the messages have nothing to do for it: a waiting ticket
      // is messaged only when issued to a phone given in its own command.
      const later = await renderer.prepareIssued(changes);
      const seq = (await repo.takeSeq(officeCode, changes.length, t)).first;
      return { result, events: [], later, seq };
    }
    const events = await renderer.changes(changes, this.deps.officeInfo);
    await this.deps.messages?.queueChanged(t, office, events, hints.recipients);
    // Last, so the office-wide row lock is held as briefly as possible (on MySQL, with COMMIT).
    const seq = events.length
      ? (await repo.takeSeq(officeCode, events.length, t)).first
      : Promise.resolve(0);
    return { result, events, seq };
  }
}
