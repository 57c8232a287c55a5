/**
 * The publisher of committed changes, built before the services that publish through it: each
 * office's changes are put in seq order (the OfficeSequencer, which declares gaps) and emitted to this
 * node's sockets, staff whole and kiosks and displays the public view; with other nodes sharing the
 * Socket.IO server, they are sent to those too.
 */
import { Namespace, QueueEvent, type QueueChange } from '../../protocol';
import type { Logger } from 'pino';
import { toPublicCounter, toPublicTicket } from '../queue/ticket-dto';
import { OfficeSequencer } from './office-sequencer';
import { CHANGES, officeRoom, type NbNamespace, type NbServer } from './nb-server';

export interface PublisherDeps {
  logger: Logger;
  /** Whether other nodes share this Socket.IO server through an adapter (Redis). */
  shared?: boolean;
  /** How long a later seq waits for an earlier one before a gap is declared (default 1 s). */
  holdMs?: number;
  /** Told when each delivered event's command committed (the publish lag metric). */
  onDelivered?: (committedAt: number) => void;
}

export interface Publisher {
  /** Whether other nodes share this Socket.IO server: their changes come through {@link receive}. */
  readonly shared: boolean;
  /** Hands one command's committed changes to this node's sockets and to the other nodes. */
  readonly publish: (office: string, changes: QueueChange[]) => void;
  /** Hands changes another node committed to this node's sockets. */
  receive(office: string, changes: QueueChange[], committedAt: number): void;
  /** The latest seq that went out to this node's sockets of an office: older snapshots are stale. */
  latestSeq(office: string): number | undefined;
  sequencer: OfficeSequencer;
  close(): void;
}

export function createPublisher(io: NbServer, deps: PublisherDeps): Publisher {
  const counter = io.of(Namespace.counter);
  const display = io.of(Namespace.display);
  const kiosk = io.of(Namespace.kiosk);
  const latest = new Map<string, number>();
  const sequencer = new OfficeSequencer({
    deliver: deliverer({ counter, display, kiosk }, latest),
    gap: (office, seq) => {
      deps.logger.warn({ office, seq }, 'event gap: clients resync');
      for (const ns of [counter, display, kiosk]) {
        ns.local.to(officeRoom(office)).emit(QueueEvent.gap, { seq });
      }
    },
    holdMs: deps.holdMs ?? 1_000,
    delivered: deps.onDelivered,
  });
  const shared = deps.shared ?? false;
  return {
    shared,
    publish: (office, changes) => {
      const at = Date.now();
      sequencer.push(office, changes, at);
      if (shared) io.serverSideEmit(CHANGES, office, changes, at);
    },
    receive: (office, changes, at) => sequencer.push(office, changes, at),
    latestSeq: (office) => latest.get(office),
    sequencer,
    close: () => sequencer.close(),
  };
}

/**
 * Emits committed changes, in order, to this node's sockets of the office: staff get them whole,
 * kiosks and displays the public view (every namespace gets every change, so its seq stays gapless).
 */
function deliverer(
  namespaces: { counter: NbNamespace; display: NbNamespace; kiosk: NbNamespace },
  latest: Map<string, number>,
): (office: string, changes: QueueChange[]) => void {
  const { counter, display, kiosk } = namespaces;
  const all = [counter, display, kiosk];
  return (office, changes) => {
    // Only this node's sockets: every node runs its own sequencer over every node's changes.
    const room = officeRoom(office);
    const to = (ns: NbNamespace) => ns.local.to(room);
    for (const change of changes) {
      const seq = change.seq;
      if (seq > (latest.get(office) ?? -1)) latest.set(office, seq);
      switch (change.kind) {
        case 'counter:updated': {
          const publicCounter = toPublicCounter(change.counter);
          to(counter).emit(change.kind, { seq, counter: change.counter });
          for (const ns of [display, kiosk])
            to(ns).emit(change.kind, { seq, counter: publicCounter });
          break;
        }
        case 'printer:updated':
          for (const ns of all) to(ns).emit(change.kind, { seq, printer: change.printer });
          break;
        case 'office:updated':
          for (const ns of all) to(ns).emit(change.kind, { seq, office: change.office });
          break;
        case 'services:updated':
          for (const ns of all) to(ns).emit(change.kind, { seq, services: change.services });
          break;
        case 'ticket:issued':
        case 'ticket:called':
        case 'ticket:updated': {
          const publicTicket = toPublicTicket(change.ticket);
          // `was` absent (an issued ticket) is dropped on the wire, as JSON drops undefined.
          const { was } = change;
          to(counter).emit(change.kind, { seq, ticket: change.ticket, was });
          for (const ns of [display, kiosk])
            to(ns).emit(change.kind, { seq, ticket: publicTicket, was });
          break;
        }
      }
    }
  };
}
