/**
 * A fleet of /display Socket.IO clients in a worker thread, so that parsing N copies of every
 * event does not delay the load generator's timers (and vice versa). Records, per ticket id, the
 * monotonic time each socket received its `ticket:issued`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';
import { nowMs } from './lib/stats';

export interface FleetOptions {
  url: string;
  namespace: string;
  auth: Record<string, unknown>;
  count: number;
  /** Connections opened at once. */
  batch: number;
  /** Behave like ui/queue-store.ts: on a gap or a step back in `seq`, ask for `queue:sync`. */
  syncOnGap?: boolean;
}

export type FleetRequest =
  { type: 'collect' } | { type: 'progress' } | { type: 'reset' } | { type: 'close' };

export type FleetMessage =
  | {
      type: 'connected';
      connected: number;
      failed: number;
      errors: string[];
      connectMs: number;
      snapshots: number;
    }
  | { type: 'snapshots'; snapshots: number }
  | { type: 'progress'; received: number }
  | {
      type: 'collected';
      /** [ticket id, receive times…] */
      events: Array<[string, number[]]>;
      received: number;
      seqGaps: number;
      seqDisorder: number;
      disconnects: number;
      /** queue:sync requests sent (syncOnGap). */
      syncs: number;
    }
  | { type: 'closed' };

interface IssuedEvent {
  seq: number;
  ticket: { id: string };
}

const opts = workerData as FleetOptions;
const port = parentPort!;
const sockets: Socket[] = [];
let events = new Map<string, number[]>();
let received = 0;
let seqGaps = 0;
let seqDisorder = 0;
let disconnects = 0;
let snapshots = 0;
let syncs = 0;

function connectOne(): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = io(opts.url + opts.namespace, {
      transports: ['websocket'],
      auth: opts.auth,
      forceNew: true,
      reconnection: false,
      timeout: 20_000,
    });
    let lastSeq = -1;
    let syncing = false;
    socket.on('queue:snapshot', () => {
      snapshots++;
    });
    const sync = (): void => {
      if (syncing) return;
      syncing = true;
      syncs++;
      socket
        .timeout(10_000)
        .emit('queue:sync', (err: Error | null, snap: { seq: number } | undefined) => {
          syncing = false;
          if (!err && snap) lastSeq = Math.max(lastSeq, snap.seq);
        });
    };
    // Every numbered event counts for the seq order (a printer or window change comes between tickets).
    socket.onAny((event: string, msg: { seq?: unknown } | undefined) => {
      if (event === 'queue:snapshot' || typeof msg?.seq !== 'number') return;
      if (lastSeq >= 0) {
        if (msg.seq <= lastSeq) seqDisorder++;
        else if (msg.seq > lastSeq + 1) {
          seqGaps++;
          if (opts.syncOnGap) sync();
        }
      }
      lastSeq = Math.max(lastSeq, msg.seq);
    });
    socket.on('ticket:issued', (msg: IssuedEvent) => {
      const t = nowMs();
      received++;
      let list = events.get(msg.ticket.id);
      if (!list) {
        list = [];
        events.set(msg.ticket.id, list);
      }
      list.push(t);
    });
    socket.on('disconnect', () => {
      disconnects++;
    });
    socket.once('connect', () => {
      sockets.push(socket);
      resolve(null);
    });
    socket.once('connect_error', (err: Error) => {
      socket.close();
      resolve(err.message);
    });
  });
}

async function connectAll(): Promise<void> {
  const started = nowMs();
  const errors: string[] = [];
  let failed = 0;
  for (let i = 0; i < opts.count; i += opts.batch) {
    const n = Math.min(opts.batch, opts.count - i);
    const results = await Promise.all(Array.from({ length: n }, connectOne));
    for (const r of results) {
      if (r !== null) {
        failed++;
        if (errors.length < 5) errors.push(r);
      }
    }
  }
  const connectMs = nowMs() - started;
  // Every display gets its snapshot on connect; wait (a while) until they all have it.
  const deadline = nowMs() + 30_000;
  while (snapshots < sockets.length && nowMs() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  disconnects = 0;
  post({ type: 'connected', connected: sockets.length, failed, errors, connectMs, snapshots });
}

function post(msg: FleetMessage): void {
  port.postMessage(msg);
}

port.on('message', (req: FleetRequest) => {
  if (req.type === 'collect') {
    post({
      type: 'collected',
      events: [...events.entries()],
      received,
      seqGaps,
      seqDisorder,
      disconnects,
      syncs,
    });
  } else if (req.type === 'progress') {
    post({ type: 'progress', received });
  } else if (req.type === 'reset') {
    events = new Map();
    received = 0;
    seqGaps = 0;
    seqDisorder = 0;
    disconnects = 0;
    syncs = 0;
    post({ type: 'snapshots', snapshots });
  } else {
    for (const s of sockets) s.close();
    post({ type: 'closed' });
  }
});

void connectAll();
