/**
 * The live queue of one office as a socket namespace reports it: a snapshot, then events applied in
 * `seq` order. A gap in `seq` asks the server for a fresh snapshot (`queue:sync`); stale events are
 * ignored. Components never build socket messages: they read `state` and subscribe.
 */
import { io, type Socket } from 'socket.io-client';
import type { Case, QueueSnapshot, SocketAuth, Ticket } from '../server/protocol';
// Constants only: a value from schemas.ts would pull zod into every page.
import { RECENT_CALLS_IN_SNAPSHOT } from '../server/protocol/constants';
import {
  QueueChangeEvents,
  QueueEvent,
  type ClientToServerEvents,
  type Namespace,
  type QueueChange,
  type QueueChangeEvent,
  type QueueChangePayloads,
  type ServerToClientEvents,
} from '../server/protocol/events';
import { isCall, mergeCalls, recountServices } from './queue-calls';
import { EMPTY_QUEUE_STATE, isLive, type QueueState } from './queue-state';

export { isCurrentCall, newestFirst, nowCalling } from './queue-calls';
export { EMPTY_QUEUE_STATE, isLive, type CallNotice, type QueueState } from './queue-state';

const SYNC_TIMEOUT_MS = 5_000;
const REFUSED_RETRY_MS = 10_000;
const SERVER_DISCONNECT_RETRY_MS = 2_000;

/** How to reach the namespace. */
export interface QueueStoreOptions {
  namespace: Namespace;
  auth: SocketAuth;
  /** Server origin; the page's own by default. */
  url?: string;
  /**
   * Outside a browser (a §5 client in Node): keep cookies, as a page does, so that a balancer's
   * sticky cookie holds Socket.IO's polling handshake on one node.
   */
  withCredentials?: boolean;
  /** Retry a refused connection (unknown office, …) after this many ms; 0 = never. */
  retryRefusedMs?: number;
  /**
   * Asks for a fresh snapshot this long after the last one (0 or absent: never): a kiosk's
   * estimates also move with service times, which no event carries.
   */
  refreshMs?: number;
  /** Staff consoles: told of every case change of the office (`case:updated`, `/counter` only). */
  onCase?: (c: Case) => void;
}

/** A listener of state changes. */
export type QueueListener<T extends Ticket> = (state: QueueState<T>) => void;

type QueueSocket<T extends Ticket> = Socket<ServerToClientEvents<T>, ClientToServerEvents>;

/** Holds one namespace's live queue; `T` is `StaffTicket` on `/counter`. */
export class QueueStore<T extends Ticket = Ticket> {
  private stateValue: QueueState<T> = EMPTY_QUEUE_STATE;
  private socket?: QueueSocket<T>;
  private readonly listeners = new Set<QueueListener<T>>();
  private pending: QueueChange<T>[] = [];
  /** An event took a call out of a full `recentCalls`: a snapshot fills the list again. */
  private callsShort = false;
  /** A line went from empty to waiting by a call taken back or a transfer: no estimate for it. */
  private estimateMissing = false;
  private syncing = false;
  /**
   * The socket (re)connected and its snapshot is on the way: events wait for it (the server sends
   * what it publishes meanwhile first), and no other snapshot is asked for.
   */
  private awaitingSnapshot = false;
  /** A snapshot or event was applied on this connection: an older snapshot is stale then. */
  private currentSinceConnect = false;
  private snapshotTimer?: ReturnType<typeof setTimeout>;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private refreshTimer?: ReturnType<typeof setTimeout>;
  private readonly options: QueueStoreOptions;

  constructor(options: QueueStoreOptions) {
    this.options = options;
  }

  /** The current state. */
  get state(): QueueState<T> {
    return this.stateValue;
  }

  /** Whether the socket is connected now. */
  get connected(): boolean {
    return this.stateValue.connected;
  }

  /** Opens the socket (idempotent). */
  connect(): void {
    if (this.socket) return;
    const { namespace, auth, url, withCredentials } = this.options;
    const socket: QueueSocket<T> = io(url === undefined ? namespace : `${url}${namespace}`, {
      // Asked again at every (re)connection: a page that holds a queue says how new it is, so that
      // another node, still behind, does not send it an older snapshot.
      auth: (send) => {
        const { ready, seq } = this.stateValue;
        send(ready && seq >= 0 ? { ...auth, since: seq } : { ...auth });
      },
      ...(withCredentials ? { withCredentials } : {}),
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.awaitSnapshot(socket);
      this.patch({ connected: true, refused: undefined });
    });
    socket.on('disconnect', (reason) => {
      this.patch({ connected: false });
      // socket.io-client gives up when the server closes the socket on purpose; a hall display must
      // not stay dark because of it.
      if (reason === 'io server disconnect') this.retryLater(socket, SERVER_DISCONNECT_RETRY_MS);
    });
    socket.on('connect_error', (error) => this.onConnectError(socket, error));
    socket.on(QueueEvent.snapshot, (snapshot) => this.applySnapshot(snapshot));
    // The server could not deliver an event in order: one snapshot puts things right.
    socket.on(QueueEvent.gap, () => {
      if (this.stateValue.ready && !this.awaitingSnapshot) this.requestSync();
    });
    const onCase = this.options.onCase;
    if (onCase) socket.on(QueueEvent.caseUpdated, (payload) => onCase(payload.case));
    for (const event of QueueChangeEvents) this.listen(socket, event);
  }

  /** Buffers or applies each `event` the socket receives, tagged with its name. */
  private listen<K extends QueueChangeEvent>(socket: QueueSocket<T>, event: K): void {
    // Socket.IO's listener types cannot follow a generic event name: this one place says it for
    // every change event (the payload map in the protocol is the truth either way).
    const on = socket.on.bind(socket) as unknown as (
      name: K,
      listener: (payload: QueueChangePayloads<T>[K]) => void,
    ) => void;
    on(event, (payload) => this.receive({ kind: event, ...payload } as QueueChange<T>));
  }

  /** Closes the socket and forgets the queue. */
  disconnect(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.snapshotTimer);
    clearTimeout(this.refreshTimer);
    this.awaitingSnapshot = false;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = undefined;
    this.pending = [];
    this.syncing = false;
    this.set(EMPTY_QUEUE_STATE);
  }

  /** Calls `listener` on every change until the returned function is called. */
  subscribe(listener: QueueListener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private onConnectError(socket: QueueSocket<T>, error: Error): void {
    // Refusals by the server's middleware are final for socket.io-client (`active` false);
    // transport failures are retried by the manager on its own.
    if (socket.active) return;
    this.patch({ connected: false, refused: error.message });
    this.retryLater(socket, this.options.retryRefusedMs ?? REFUSED_RETRY_MS);
  }

  private retryLater(socket: QueueSocket<T>, delay: number): void {
    if (delay <= 0) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.socket === socket && !socket.connected) socket.connect();
    }, delay);
  }

  /**
   * Until the connection's snapshot arrives, what the page holds is from before (another node,
   * before a restart): an event now is compared with the snapshot, not with it. A snapshot that
   * never comes (its build failed) is asked for after a while.
   */
  private awaitSnapshot(socket: QueueSocket<T>): void {
    this.awaitingSnapshot = true;
    this.currentSinceConnect = false;
    clearTimeout(this.snapshotTimer);
    this.snapshotTimer = setTimeout(() => {
      if (this.socket !== socket || !this.awaitingSnapshot) return;
      this.awaitingSnapshot = false;
      this.requestSync();
    }, SYNC_TIMEOUT_MS);
  }

  private receive(item: QueueChange<T>): void {
    const { seq } = item;
    if (!this.stateValue.ready || this.syncing || this.awaitingSnapshot) {
      this.pending.push(item);
      return;
    }
    if (seq <= this.stateValue.seq) return;
    if (seq !== this.stateValue.seq + 1) {
      this.pending.push(item);
      this.requestSync();
      return;
    }
    this.set(this.apply(this.stateValue, item));
    this.refillCalls();
  }

  /**
   * Asks for a snapshot when an event took a call out of a full list, or (a kiosk, which shows
   * waits) left a line without its estimate (see `applyTicket`).
   */
  private refillCalls(): void {
    if (!this.callsShort && !this.estimateMissing) return;
    this.callsShort = false;
    this.estimateMissing = false;
    this.requestSync();
  }

  private requestSync(): void {
    const socket = this.socket;
    if (this.syncing || !socket) return;
    this.syncing = true;
    socket.timeout(SYNC_TIMEOUT_MS).emit(QueueEvent.sync, (error, snapshot) => {
      if (this.socket !== socket) return;
      this.syncing = false;
      // A lost ack is retried with the next event; the buffer keeps what arrived meanwhile.
      if (error) {
        if (this.pending.length > 0) this.requestSync();
        else this.refreshLater();
        return;
      }
      this.applySnapshot(snapshot);
    });
  }

  private applySnapshot(snapshot: QueueSnapshot): void {
    this.awaitingSnapshot = false;
    clearTimeout(this.snapshotTimer);
    // Built before events this page has already applied on this connection (an answer to
    // `queue:sync` shares a build in flight): it would take them back. A connection's first
    // snapshot is the truth whatever its seq (a database restored from a backup counts lower).
    if (this.currentSinceConnect && snapshot.seq < this.stateValue.seq) {
      this.syncing = false;
      this.drain();
      return;
    }
    this.currentSinceConnect = true;
    this.refreshLater();
    // `tickets` of a staff namespace are staff tickets: the generic parameter says which.
    const tickets = (snapshot.tickets as T[]).filter(isLive);
    const previous = this.stateValue;
    const byId = new Map(tickets.map((t) => [t.id, t]));
    const called = tickets.filter((t) => t.calledAt !== undefined && t.status !== 'waiting');
    // The server's list of the day's calls is the truth every display shares; a server that sends
    // none leaves the page with what it saw itself.
    const history = (
      snapshot.recentCalls ? (snapshot.recentCalls as T[]) : previous.recentCalls
    ).map((t) => byId.get(t.id) ?? t);
    const next: QueueState<T> = {
      ...previous,
      ready: true,
      seq: snapshot.seq,
      serverOffsetMs: Date.parse(snapshot.serverTime) - Date.now() || 0,
      tickets,
      counters: snapshot.counters,
      services: snapshot.services,
      printers: snapshot.printers ?? [],
      office: snapshot.office ?? previous.office,
      catalog: snapshot.catalog ?? previous.catalog,
      // Calls made while this page was away belong among the others by call time, not after them.
      recentCalls: mergeCalls([], [...called, ...history].filter(isCall)),
    };
    this.syncing = false;
    this.set(next);
    this.drain();
  }

  private refreshLater(): void {
    const every = this.options.refreshMs;
    if (!every) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      if (this.stateValue.connected && !this.awaitingSnapshot) this.requestSync();
      else this.refreshLater();
    }, every);
  }

  private drain(): void {
    const queued = this.pending.sort((a, b) => a.seq - b.seq);
    this.pending = [];
    let state = this.stateValue;
    for (let i = 0; i < queued.length; i++) {
      const item = queued[i]!;
      if (item.seq <= state.seq) continue;
      if (item.seq !== state.seq + 1) {
        this.pending = queued.slice(i);
        this.set(state);
        this.requestSync();
        return;
      }
      state = this.apply(state, item);
    }
    this.set(state);
    this.refillCalls();
  }

  private apply(state: QueueState<T>, item: QueueChange<T>): QueueState<T> {
    const seq = item.seq;
    switch (item.kind) {
      case 'printer:updated': {
        const printer = item.printer;
        const others = state.printers.filter((p) => p.kiosk !== printer.kiosk);
        return { ...state, seq, printers: [...others, printer] };
      }
      case 'office:updated':
        return { ...state, seq, office: item.office };
      case 'services:updated': {
        // A service added while the page is open has nobody waiting yet: it shows "0" at once.
        const known = new Set(state.services.map((s) => s.code));
        const added = item.services
          .filter((s) => !known.has(s.code))
          .map((s) => ({ code: s.code, waiting: 0, estimatedWaitMinutes: 0 }));
        const services = added.length > 0 ? [...state.services, ...added] : state.services;
        return { ...state, seq, catalog: item.services, services };
      }
      case 'counter:updated': {
        const counter = item.counter;
        const exists = state.counters.some((c) => c.number === counter.number);
        const counters = exists
          ? state.counters.map((c) => (c.number === counter.number ? counter : c))
          : [...state.counters, counter];
        return { ...state, seq, counters };
      }
      case 'ticket:issued':
      case 'ticket:called':
      case 'ticket:updated':
        return this.applyTicket(state, item.kind, seq, item.ticket, item.was);
    }
  }

  private applyTicket(
    state: QueueState<T>,
    event: QueueEvent,
    seq: number,
    ticket: T,
    was?: Ticket['status'],
  ): QueueState<T> {
    const before = state.tickets.find((t) => t.id === ticket.id);
    const others = before ? state.tickets.filter((t) => t !== before) : state.tickets;
    const tickets = isLive(ticket) ? [...others, ticket] : others;
    const services = recountServices(state.services, before, ticket, event, was);
    // Only an issued ticket carries the wait of the next to come; a line that a transfer or a call
    // taken back started has none until the server's figures come (a kiosk showed "no wait").
    if (this.options.refreshMs && event !== QueueEvent.ticketIssued) {
      const emptyBefore = (code: string) =>
        (state.services.find((s) => s.code === code)?.waiting ?? 0) === 0;
      this.estimateMissing ||= services.some((s) => s.waiting > 0 && emptyBefore(s.code));
    }
    let recentCalls = state.recentCalls
      .map((t) => (t.id === ticket.id ? ticket : t))
      .filter(isCall);
    // A call taken back (a transfer) leaves a full list one short: the server's list has the call
    // before the oldest this page holds, and every display shows the same previous calls.
    if (recentCalls.length < state.recentCalls.length) {
      this.callsShort ||= state.recentCalls.length >= RECENT_CALLS_IN_SNAPSHOT;
    }
    let lastCall = state.lastCall;
    if (event === QueueEvent.ticketCalled) {
      recentCalls = mergeCalls([ticket], recentCalls);
      lastCall = { seq, ticket };
    }
    return { ...state, seq, tickets, services, recentCalls, lastCall };
  }

  private patch(change: Partial<QueueState<T>>): void {
    this.set({ ...this.stateValue, ...change });
  }

  private set(state: QueueState<T>): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    for (const listener of this.listeners) listener(state);
  }
}
