/**
 * The national bench's sockets, in a worker thread so that parsing their events does not delay the
 * load generator: per office a /display, a /kiosk and one /counter socket per window, connected the
 * way the pages connect (polling first, then the websocket upgrade, cookies kept so that the
 * balancer's sticky cookie holds). Records when each office's display saw each `ticket:issued`,
 * `ticket:called` per ticket, and per socket every gap or step back in the office's `seq`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';
import { nowMs } from '../lib/stats';

/** One socket to open. */
export interface SocketSpec {
  office: string;
  namespace: '/display' | '/kiosk' | '/counter';
  auth: Record<string, string>;
}

export interface SocketWorkerOptions {
  url: string;
  sockets: SocketSpec[];
  /** Check `seq` order (the floor numbers its events across offices: off there). */
  checkSeq: boolean;
  /** Connections opened at once. */
  batch: number;
}

/** What the worker hands back at the end. */
export interface SocketReport {
  connected: number;
  failed: number;
  errors: string[];
  /** Sockets connected when collected. */
  connectedNow: number;
  disconnects: number;
  /** [ticket id, ms] of the first `ticket:issued` per ticket at its office's display. */
  displayed: Array<[string, number]>;
  /** `ticket:called` seen more than once for one ticket by one display socket. */
  repeatedCalls: number;
  /** Events the display sockets received in all. */
  events: number;
  seqGaps: number;
  /** Events older than one already received (a real step back in `seq`). */
  seqBackwards: number;
  /**
   * Events the socket's snapshot already held (seq ≤ the snapshot's): one committed while the
   * snapshot was read and delivered after it. Clients drop them; not an order fault.
   */
  inSnapshot: number;
  /** `queue:gap` notices (the server said an event would not come in order). */
  gapNotices: number;
  syncs: number;
  /** The first few gaps and steps back, described (namespace, office, event, seq). */
  samples: string[];
}

export type SocketWorkerMessage =
  | { type: 'connected'; connected: number; failed: number; errors: string[] }
  | {
      type: 'report';
      report: SocketReport;
    };

const opts = workerData as SocketWorkerOptions;
const port = parentPort!;
const sockets: Socket[] = [];
const displayed = new Map<string, number>();
const counts = {
  failed: 0,
  disconnects: 0,
  repeatedCalls: 0,
  events: 0,
  seqGaps: 0,
  seqBackwards: 0,
  inSnapshot: 0,
  gapNotices: 0,
  syncs: 0,
};
const errors: string[] = [];
const samples: string[] = [];

/**
 * Follows one socket's `seq` as the pages do (ui/queue-store.ts): a snapshot sets it, each change
 * must be the next one; events that come before the first snapshot or during a resync wait and
 * are checked after it (the socket joins its office's room before its snapshot is read, so an
 * event committed meanwhile may come first).
 */
function trackSeq(socket: Socket, spec: SocketSpec): void {
  let last: number | undefined;
  /** The seq of the latest snapshot: events up to it are already in it. */
  let snapshotSeq = -1;
  let syncing = false;
  let waiting: Array<{ event: string; seq: number }> = [];
  const sync = (): void => {
    if (syncing) return;
    syncing = true;
    counts.syncs++;
    socket.timeout(10_000).emit('queue:sync', (err: Error | null, snap?: { seq: number }) => {
      syncing = false;
      if (!err && snap) snapshot(snap.seq);
    });
  };
  const check = (event: string, seq: number): void => {
    if (last === undefined) return;
    if (seq <= snapshotSeq) {
      counts.inSnapshot++;
      return;
    }
    if ((seq <= last || seq > last + 1) && samples.length < 8) {
      samples.push(`${spec.namespace} ${spec.office}: ${event} seq ${seq} after ${last}`);
    }
    if (seq <= last) counts.seqBackwards++;
    else if (seq > last + 1) {
      counts.seqGaps++;
      sync();
    }
    last = Math.max(last, seq);
  };
  const snapshot = (seq: number): void => {
    last = snapshotSeq = seq;
    const held = waiting.sort((a, b) => a.seq - b.seq);
    waiting = [];
    for (const e of held) check(e.event, e.seq);
  };
  socket.on('queue:snapshot', (snap: { seq: number }) => snapshot(snap.seq));
  socket.on('queue:gap', () => {
    counts.gapNotices++;
    sync();
  });
  socket.onAny((event: string, payload?: { seq?: unknown }) => {
    // A snapshot resets the count; a gap notice names a seq, it is not one.
    if (event === 'queue:snapshot' || event === 'queue:gap') return;
    if (typeof payload?.seq !== 'number' || !opts.checkSeq) return;
    if (last === undefined || syncing) waiting.push({ event, seq: payload.seq });
    else check(event, payload.seq);
  });
}

/** The display's records: first sight of each issued ticket, repeated calls of one ticket. */
function trackDisplay(socket: Socket): void {
  const called = new Set<string>();
  socket.on('ticket:issued', (msg: { ticket: { id: string } }) => {
    const t = nowMs();
    counts.events++;
    if (!displayed.has(msg.ticket.id)) displayed.set(msg.ticket.id, t);
  });
  socket.on('ticket:called', (msg: { ticket: { id: string } }) => {
    counts.events++;
    if (called.has(msg.ticket.id)) counts.repeatedCalls++;
    called.add(msg.ticket.id);
  });
}

function connectOne(spec: SocketSpec): Promise<void> {
  return new Promise((resolve) => {
    const socket = io(opts.url + spec.namespace, {
      auth: spec.auth,
      forceNew: true,
      // Node keeps cookies only when asked; a browser on the page's origin always sends them.
      withCredentials: true,
      timeout: 20_000,
    });
    trackSeq(socket, spec);
    if (spec.namespace === '/display') trackDisplay(socket);
    socket.on('disconnect', () => counts.disconnects++);
    socket.once('connect', () => {
      sockets.push(socket);
      resolve();
    });
    socket.once('connect_error', (err: Error) => {
      counts.failed++;
      if (errors.length < 5) errors.push(`${spec.namespace} ${spec.office}: ${err.message}`);
      socket.close();
      resolve();
    });
  });
}

async function connectAll(): Promise<void> {
  for (let i = 0; i < opts.sockets.length; i += opts.batch) {
    await Promise.all(opts.sockets.slice(i, i + opts.batch).map(connectOne));
  }
  const message: SocketWorkerMessage = {
    type: 'connected',
    connected: sockets.length,
    failed: counts.failed,
    errors,
  };
  port.postMessage(message);
}

port.on('message', (req: { type: 'report' | 'close' }) => {
  if (req.type === 'close') {
    for (const s of sockets) s.close();
    port.close();
    return;
  }
  const message: SocketWorkerMessage = {
    type: 'report',
    report: {
      connected: sockets.length,
      failed: counts.failed,
      errors,
      connectedNow: sockets.filter((s) => s.connected).length,
      disconnects: counts.disconnects,
      displayed: [...displayed.entries()],
      repeatedCalls: counts.repeatedCalls,
      events: counts.events,
      seqGaps: counts.seqGaps,
      seqBackwards: counts.seqBackwards,
      inSnapshot: counts.inSnapshot,
      gapNotices: counts.gapNotices,
      syncs: counts.syncs,
      samples,
    },
  };
  port.postMessage(message);
});

void connectAll();
