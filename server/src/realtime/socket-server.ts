/**
 * Socket.IO: one namespace per role, one room per office. Connect → auth → snapshot; `queue:sync`
 * → snapshot; committed changes fan out with their per-office `seq` through the publisher
 * (publisher.ts), other nodes' changes included. Kiosks and displays get public DTOs only.
 */
import { hasNul } from '../http/no-nul';
import {
  Namespace,
  QueueEvent,
  type Case,
  SocketAuth,
  type QueueChange,
  type QueueSnapshot,
} from '../../protocol';
import type { QueueService } from '../queue/queue-service';
import { hashToken, type AuthService } from '../auth/auth-service';
import { admitPublicSocket } from '../auth/device-admission';
import { toPublicTicket } from '../queue/ticket-dto';
import { AppError } from '../errors';
import { toAppError } from '../http/errors';
import { SnapshotHub } from './snapshot-hub';
import type { OfficeSequencer } from './office-sequencer';
import type { Publisher } from './publisher';
import {
  CHANGES,
  officeRoom,
  type NbNamespace,
  type NbServer,
  type NbSocket,
  type SocketData,
} from './nb-server';
import type { Logger } from 'pino';
import { SOCKETS_PER_TICKET, type AddressSockets } from './address-sockets';

export interface RealtimeDeps {
  queue: QueueService;
  auth: AuthService;
  logger: Logger;
  now?: () => Date;
  /** Client events a socket may send: a burst, refilled per second; beyond it, it is dropped. */
  eventBudget?: { burst: number; perSecond: number };
  /** How long a snapshot build is shared at most (default 2 s). */
  snapshotMaxAgeMs?: number;
  /** The sockets cap per address: a ticket page is counted per ticket instead. */
  perAddress?: AddressSockets;
}

/** The live layer: publishing committed changes, the shared snapshots, counters for metrics. */
export interface Realtime {
  publish(office: string, changes: QueueChange[]): void;
  snapshots: SnapshotHub;
  sequencer: OfficeSequencer;
  /** Sockets dropped for spending their event budget. */
  readonly dropped: number;
  close(): void;
}

/** Default client event budget: a page syncs after a gap or a reconnect, a few times a minute. */
const EVENT_BUDGET = { burst: 20, perSecond: 2 } as const;

/** Wires the namespaces to the queue behind `publisher`; returns the live layer. */
export function attachRealtime(io: NbServer, publisher: Publisher, deps: RealtimeDeps): Realtime {
  const snapshots = new SnapshotHub({
    build: (office) => deps.queue.snapshot(office),
    latestSeq: (office) => publisher.latestSeq(office),
    maxAgeMs: deps.snapshotMaxAgeMs ?? 2_000,
    now: deps.now ?? (() => new Date()),
    built: (office, seq) => publisher.sequencer.seed(office, seq),
  });
  const stats = { dropped: 0 };
  const budget = deps.eventBudget ?? EVENT_BUDGET;

  for (const ns of [io.of(Namespace.display), io.of(Namespace.kiosk)]) {
    setUp(ns, deps, false, snapshots, budget, stats);
  }
  setUp(io.of(Namespace.counter), deps, true, snapshots, budget, stats);

  if (publisher.shared) {
    io.on(CHANGES, (office, changes, at) => {
      deps.queue.observeCommitted(office, changes);
      publisher.receive(office, changes, at);
    });
  }

  return {
    publish: (office, changes) => publisher.publish(office, changes),
    snapshots,
    sequencer: publisher.sequencer,
    get dropped() {
      return stats.dropped;
    },
    close: () => publisher.close(),
  };
}

function setUp(
  ns: NbNamespace,
  deps: RealtimeDeps,
  staff: boolean,
  snapshots: SnapshotHub,
  budget: { burst: number; perSecond: number },
  stats: { dropped: number },
): void {
  ns.use((socket, next) => {
    authenticate(socket, deps, staff)
      .then(() => next())
      .catch((err: unknown) => {
        const e = toAppError(err);
        const refusal = new Error(e.code) as Error & { data?: unknown };
        refusal.data = { code: e.code, message: e.message };
        next(refusal);
      });
  });
  ns.on('connection', (socket) => {
    const data = socket.data;
    void socket.join(officeRoom(data.office));
    // Every event a client sends spends from its budget, whatever its name: one that keeps
    // sending is disconnected before it costs the office anything.
    const bucket = tokenBucket(budget);
    socket.use((_packet, next) => {
      if (bucket.take()) {
        next();
        return;
      }
      // Packets already read still pass through here once: the socket is dropped (and counted) once.
      if (!socket.connected) return;
      stats.dropped++;
      deps.logger.warn({ office: data.office, nsp: ns.name }, 'socket over its event budget');
      socket.disconnect(true);
    });
    serveSnapshots(socket, deps, staff, snapshots);
  });
}

/**
 * A socket's snapshots: one when it connects (no older than what the page held, see `since`), and
 * one for each `queue:sync` it acks; one build at a time per socket.
 */
function serveSnapshots(
  socket: NbSocket,
  deps: RealtimeDeps,
  staff: boolean,
  snapshots: SnapshotHub,
): void {
  const data = socket.data;
  const build = (since?: number) =>
    staff
      ? snapshots.staff(data.office, since)
      : publicSnapshot(deps.queue, snapshots, data, since);
  // One build at a time per socket: repeats while it runs get its answer.
  let inFlight: Promise<QueueSnapshot> | undefined;
  const send = (since?: number): Promise<QueueSnapshot> => {
    inFlight ??= build(since).finally(() => (inFlight = undefined));
    return inFlight;
  };
  // The first answer is no older than what the page held on the node it came from.
  send(data.since)
    .then((snap) => socket.emit(QueueEvent.snapshot, snap))
    .catch((err: unknown) => deps.logger.warn({ err }, 'snapshot failed'));
  socket.on(QueueEvent.sync, (ack) => {
    if (typeof ack !== 'function') return;
    // A console's session may have ended since it connected: it gets no snapshot then.
    const live = staff ? stillSignedIn(deps, socket, data) : Promise.resolve(true);
    live
      .then(async (ok) => {
        if (!ok) return;
        // It may share the connection's build, begun before events this node has sent since.
        const shared = await send();
        const snap = shared.seq < snapshots.latest(data.office) ? await send() : shared;
        if (socket.connected) ack(snap);
      })
      .catch((err: unknown) => deps.logger.warn({ err }, 'sync failed'));
  });
}

/**
 * The shared public snapshot; a phone following its ticket also gets that ticket with its people
 * ahead and estimate when it is past the snapshot's short head.
 */
async function publicSnapshot(
  queue: QueueService,
  snapshots: SnapshotHub,
  data: SocketData,
  since?: number,
): Promise<QueueSnapshot> {
  const shared = await snapshots.public(data.office, since);
  const id = data.ticket;
  if (id === undefined || shared.tickets.some((t) => t.id === id)) return shared;
  const own = await queue.getTicket(id).catch(() => undefined);
  if (!own || own.office !== data.office || own.status !== 'waiting') return shared;
  return { ...shared, tickets: [...shared.tickets, toPublicTicket(own)] };
}

/** A token bucket: `burst` events at once, `perSecond` more each second. */
function tokenBucket(budget: { burst: number; perSecond: number }): { take(): boolean } {
  let tokens = budget.burst;
  let at = Date.now();
  return {
    take() {
      const now = Date.now();
      tokens = Math.min(budget.burst, tokens + ((now - at) / 1000) * budget.perSecond);
      at = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

async function authenticate(socket: NbSocket, deps: RealtimeDeps, staff: boolean): Promise<void> {
  const parsed = SocketAuth.safeParse(socket.handshake.auth);
  // A NUL ends SQLite's inlined statements early (see http/no-nul.ts): refused like any bad auth.
  if (!parsed.success || hasNul(parsed.data)) {
    // Which field was wrong, as a request's refusal says it (not a generic "needs {office}").
    const issue = parsed.success ? undefined : parsed.error.issues[0];
    const field = issue?.path.length ? `auth.${issue.path.join('.')}` : 'auth';
    throw new AppError(
      'validation_failed',
      issue ? `${field}: ${issue.message}` : 'auth: a NUL character is not allowed',
      { field },
    );
  }
  const { office, token, counter } = parsed.data;
  const record = await deps.queue.getOffice(office);
  if (!staff) await admitPublicSocket(deps, socket.nsp.name, record, parsed.data);
  if (staff) {
    const { user, expiresAt } = await deps.auth.authenticateSession(token);
    if (user.officeCode !== null && user.officeCode !== office) {
      throw new AppError('forbidden', `you work for office ${user.officeCode}`);
    }
    if (counter) void socket.join(`${officeRoom(office)}:counter:${counter}`);
    // Logout on any node ends the sockets of this room (the adapter carries it to every node).
    void socket.join(sessionRoom(token ?? ''));
    endAtExpiry(socket, expiresAt, deps.now ?? (() => new Date()));
  }
  const data: SocketData = { office, staff, token };
  if (parsed.data.since !== undefined) data.since = parsed.data.since;
  if (!staff && socket.nsp.name === Namespace.kiosk && parsed.data.ticket !== undefined) {
    data.ticket = parsed.data.ticket;
    if (deps.perAddress && !deps.perAddress.followTicket(socket.conn, data.ticket)) {
      throw new AppError('rate_limited', `ticket pages at once: ${SOCKETS_PER_TICKET} at most`);
    }
  }
  socket.data = data;
}

/** The room of every `/counter` socket opened with this session token. */
export function sessionRoom(token: string): string {
  return `session:${hashToken(token)}`;
}

// setTimeout's longest delay; a longer session is re-armed when it fires.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Disconnects the socket when its session expires. */
function endAtExpiry(socket: NbSocket, expiresAt: Date, now: () => Date): void {
  const left = expiresAt.getTime() - now().getTime();
  const timer = setTimeout(
    () => {
      if (left > MAX_TIMER_MS) endAtExpiry(socket, expiresAt, now);
      else socket.disconnect(true);
    },
    Math.max(0, Math.min(left, MAX_TIMER_MS)),
  );
  timer.unref();
  socket.once('disconnect', () => clearTimeout(timer));
}

/** Whether the socket's session still authenticates; if not, the socket is ended. */
async function stillSignedIn(
  deps: RealtimeDeps,
  socket: NbSocket,
  data: SocketData,
): Promise<boolean> {
  const ok = await deps.auth
    .authenticate(data.token)
    .then(() => true)
    .catch(() => false);
  if (!ok) socket.disconnect(true);
  return ok;
}

/**
 * Publishes committed case changes to the office's staff consoles (`case:updated` on `/counter`
 * only: cases are personal data, never for kiosks or displays).
 */
export function caseBroadcaster(io: NbServer): (c: Case) => void {
  const counter = io.of(Namespace.counter);
  return (c) => {
    counter.to(officeRoom(c.office)).emit(QueueEvent.caseUpdated, { case: c });
  };
}
