/**
 * A node's life after it is built: its background workers (print jobs, citizen messages, the hourly
 * erasure of old personal data) start and stop; a graceful shutdown drains it (`/api/ready` turns
 * 503, requests go elsewhere, sockets reconnect elsewhere, commands in flight finish); then it closes.
 */
import type http from 'node:http';
import type { RequestHandler } from 'express';
import type { NbServer } from '../realtime/nb-server';
import type { Realtime } from '../realtime/socket-server';
import type { CommandAdmission } from '../queue/admission';

/** A background job of the node: started once built, stopped on close. */
interface Worker {
  start(): void;
  stop(): Promise<void>;
}

/** Whether a graceful shutdown has begun: read by the HTTP stack and by `/api/ready`. */
export class DrainState {
  draining = false;

  /** While draining, requests on kept-alive connections are sent elsewhere, and the connection closes. */
  readonly refuse: RequestHandler = (req, res, next) => {
    if (this.draining && req.path !== '/api/ready') {
      res.setHeader('Connection', 'close');
      res.setHeader('Retry-After', '1');
      res
        .status(503)
        .json({ error: { code: 'unavailable', message: 'the server is shutting down' } });
      return;
    }
    next();
  };
}

/** The parts of a node its shutdown stops, in order. */
export interface NodeParts {
  server: http.Server;
  io: NbServer;
  admission: CommandAdmission;
  realtime: Realtime;
  /** Stopped first to last: print jobs, messages, retention. */
  workers: [print: Worker, messages: Worker, retention: Worker];
  /** Closes the Redis connections. */
  quitRedis: () => Promise<void>;
}

export function startWorkers(parts: Pick<NodeParts, 'workers'>): void {
  for (const job of parts.workers) job.start();
}

/**
 * No new connections, every socket of this node told to reconnect (through the balancer, to a node
 * that stays), and resolves once the commands in flight finished (or `timeoutMs`).
 */
export async function drainNode(
  state: DrainState,
  parts: NodeParts,
  timeoutMs: number,
): Promise<void> {
  const { server, io } = parts;
  state.draining = true;
  // No new connections; the ones open finish what they asked.
  server.close();
  for (const ns of ['/display', '/kiosk', '/counter']) io.of(ns).local.disconnectSockets();
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    parts.admission.idle(),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
  ]);
  clearTimeout(timer);
  // The disconnect packets are written asynchronously: give them a moment to leave before the
  // transports close (else a page sees a dropped connection instead of "go elsewhere").
  await new Promise((resolve) => setTimeout(resolve, Math.min(300, timeoutMs)));
  server.closeIdleConnections();
}

/** How long connections still open at close may finish what they asked before they are ended. */
const CLOSE_GRACE_MS = 1_000;

/** Closes workers, sockets, HTTP and Redis; the database stays open (its owner closes it). */
export async function closeNode(parts: NodeParts): Promise<void> {
  const [print, messages, retention] = parts.workers;
  const { server } = parts;
  await print.stop();
  parts.realtime.close();
  await messages.stop();
  await retention.stop();
  // Nothing new comes in; the connections still open get a moment to finish what they asked, then
  // are ended: a page reconnecting over a kept-alive connection (Engine.IO requests skip the drain's
  // `Connection: close`) opens a new long-polling session on it and would keep the server open for
  // good. Socket.IO's close closes the websockets and waits for the HTTP server's.
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const ending = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
  await parts.io.close();
  await closed;
  clearTimeout(ending);
  await parts.quitRedis();
}
