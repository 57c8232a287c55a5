/**
 * Socket.IO: one namespace per role, one room per office. Connect → auth → snapshot; `queue:sync`
 * → snapshot; committed changes fan out with their per-office `seq`. Kiosks and displays get public
 * DTOs only.
 */
import type { Namespace as IoNamespace, Server, Socket } from 'socket.io';
import {
  Namespace,
  QueueEvent,
  type Case,
  SocketAuth,
  type ClientToServerEvents,
  type CounterState,
  type QueueChange,
  type QueueSnapshot,
  type ServerToClientEvents,
} from '../../protocol';
import type { QueueService } from '../queue/queue-service';
import type { AuthService } from '../auth/auth-service';
import { toPublicTicket } from '../queue/ticket-dto';
import { AppError } from '../errors';
import { toAppError } from '../http/errors';
import type { Logger } from 'pino';
import type { OfficeRecord } from '../../../db/records';

type NbSocket = Socket<ClientToServerEvents, ServerToClientEvents>;
type NbNamespace = IoNamespace<ClientToServerEvents, ServerToClientEvents>;

interface SocketData {
  office: string;
  staff: boolean;
}

export interface RealtimeDeps {
  queue: QueueService;
  auth: AuthService;
  logger: Logger;
}

/** Wires the namespaces; returns the function that publishes committed changes. */
export function attachRealtime(
  io: Server,
  deps: RealtimeDeps,
): (office: string, changes: QueueChange[]) => void {
  const display = io.of(Namespace.display) as NbNamespace;
  const kiosk = io.of(Namespace.kiosk) as NbNamespace;
  const counter = io.of(Namespace.counter) as NbNamespace;

  for (const ns of [display, kiosk]) setUp(ns, deps, false);
  setUp(counter, deps, true);

  return (office, changes) => {
    const room = officeRoom(office);
    for (const change of changes) {
      if (change.kind === 'counter:updated') {
        const publicCounter = toPublicCounter(change.counter);
        counter.to(room).emit(change.kind, { seq: change.seq, counter: change.counter });
        display.to(room).emit(change.kind, { seq: change.seq, counter: publicCounter });
        kiosk.to(room).emit(change.kind, { seq: change.seq, counter: publicCounter });
      } else if (change.kind === 'printer:updated') {
        // A printer's state is public: every namespace gets it (and the seq stays gapless).
        const payload = { seq: change.seq, printer: change.printer };
        for (const ns of [counter, display, kiosk]) ns.to(room).emit(change.kind, payload);
      } else if (change.kind === 'office:updated') {
        const payload = { seq: change.seq, office: change.office };
        for (const ns of [counter, display, kiosk]) ns.to(room).emit(change.kind, payload);
      } else if (change.kind === 'services:updated') {
        const payload = { seq: change.seq, services: change.services };
        for (const ns of [counter, display, kiosk]) ns.to(room).emit(change.kind, payload);
      } else {
        const publicTicket = toPublicTicket(change.ticket);
        counter.to(room).emit(change.kind, { seq: change.seq, ticket: change.ticket });
        display.to(room).emit(change.kind, { seq: change.seq, ticket: publicTicket });
        kiosk.to(room).emit(change.kind, { seq: change.seq, ticket: publicTicket });
      }
    }
  };
}

function setUp(ns: NbNamespace, deps: RealtimeDeps, staff: boolean): void {
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
  ns.on('connection', (socket: NbSocket) => {
    const data = socket.data as SocketData;
    void socket.join(officeRoom(data.office));
    const send = async () => snapshotFor(deps.queue, data.office, staff);
    send()
      .then((snap) => socket.emit(QueueEvent.snapshot, snap))
      .catch((err: unknown) => deps.logger.warn({ err }, 'snapshot failed'));
    socket.on(QueueEvent.sync, (ack) => {
      if (typeof ack !== 'function') return;
      send()
        .then(ack)
        .catch((err: unknown) => deps.logger.warn({ err }, 'sync failed'));
    });
  });
}

async function authenticate(socket: NbSocket, deps: RealtimeDeps, staff: boolean): Promise<void> {
  const parsed = SocketAuth.safeParse(socket.handshake.auth);
  if (!parsed.success) throw new AppError('validation_failed', 'auth needs {office}');
  const { office, token, counter } = parsed.data;
  const record = await deps.queue.getOffice(office);
  if (!staff) await admitPublicSocket(deps, socket.nsp.name, record, parsed.data);
  if (staff) {
    const user = await deps.auth.authenticate(token);
    if (user.officeCode !== null && user.officeCode !== office) {
      throw new AppError('forbidden', `you work for office ${user.officeCode}`);
    }
    if (counter) void socket.join(`${officeRoom(office)}:counter:${counter}`);
  }
  const data: SocketData = { office, staff };
  socket.data = data;
}

/**
 * Who may hold a `/kiosk` or `/display` connection of `office` (401 otherwise): anyone where the office
 * does not require paired devices; else a device of that kind with its token, or — on `/kiosk` — a
 * citizen's phone following its own ticket (public data). Checked at connect, and again for live
 * sockets when an administrator pairs, unpairs or starts requiring pairing.
 */
export async function admitPublicSocket(
  deps: Pick<RealtimeDeps, 'queue' | 'auth'>,
  namespace: string,
  office: OfficeRecord,
  auth: Pick<SocketAuth, 'device' | 'ticket'>,
): Promise<void> {
  if (!office.requireDevices) return;
  const kind = namespace === Namespace.kiosk ? 'kiosk' : 'display';
  if (kind === 'kiosk' && auth.device === undefined && auth.ticket !== undefined) {
    const found = await deps.queue.getTicket(auth.ticket).catch(() => undefined);
    if (!found || found.office !== office.code)
      throw new AppError('unauthorized', 'unknown ticket');
    return;
  }
  await deps.auth.authenticateDevice(office.code, kind, auth.device);
}

async function snapshotFor(
  queue: QueueService,
  office: string,
  staff: boolean,
): Promise<QueueSnapshot> {
  const snap = await queue.snapshot(office);
  if (staff) return snap;
  return {
    ...snap,
    tickets: snap.tickets.map(toPublicTicket),
    counters: snap.counters.map(toPublicCounter),
  };
}

/** A window as kiosks and displays see it: its public ticket, and not who works there. */
function toPublicCounter(c: CounterState): CounterState {
  const { clerk: _clerk, ...rest } = c;
  return rest.ticket ? { ...rest, ticket: toPublicTicket(rest.ticket) } : rest;
}

/**
 * Publishes committed case changes to the office's staff consoles (`case:updated` on `/counter`
 * only: cases are personal data, never for kiosks or displays).
 */
export function caseBroadcaster(io: Server): (c: Case) => void {
  const counter = io.of(Namespace.counter) as NbNamespace;
  return (c) => {
    counter.to(officeRoom(c.office)).emit(QueueEvent.caseUpdated, { case: c });
  };
}

function officeRoom(office: string): string {
  return `office:${office}`;
}
