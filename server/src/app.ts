/**
 * createApp: builds one node (HTTP + Socket.IO on one database) without listening (tests use port 0).
 * The parts are built in wiring/: Socket.IO and Redis, the services, the live layer, the HTTP stack,
 * and the node's start, drain and close.
 */
import http from 'node:http';
import express from 'express';
import pino, { type Logger } from 'pino';
import type { Database } from '../../db/database';
import type { QueueService } from './queue/queue-service';
import type { PrintQueue } from './printing/print-queue';
import type { VirtualPrinter } from './printing/virtual-printer';
import type { CaseService } from './registry/case-service';
import type { AuthService } from './auth/auth-service';
import type { BookingNotifier } from './bookings/booking-service';
import { attachRealtime, type Realtime } from './realtime/socket-server';
import type { NbServer } from './realtime/nb-server';
import { createPublisher } from './realtime/publisher';
import type { AdmissionLimits } from './queue/admission';
import type { Outbox } from './messages/outbox';
import type { RetentionJob } from './security/retention';
import type { MessagingConfig } from './messages/channels';
import { publicUrlOf } from './public-url';
import { answerClientErrors } from './http/client-error';
import proxyaddr from 'proxy-addr';
import { attachSocketServer, type SocketServerOptions } from './wiring/socket-io';
import { DEFAULT_SOCKETS_PER_ADDRESS } from './realtime/address-sockets';
import { buildServices } from './wiring/services';
import { nodeMetrics } from './wiring/node-metrics';
import { mountHttp } from './wiring/http-stack';
import { DrainState, closeNode, drainNode, startWorkers, type NodeParts } from './wiring/lifecycle';

export interface AppDeps {
  db: Database;
  /** The registry's database when it is not `db` (REGISTRY_DATABASE_URL). */
  registryDb?: Database;
  /** A read replica for the administrator's reports (REPORTS_DATABASE_URL). */
  reportsDb?: Database;
  /** After the reports replica fails, how long reports read `db` (default 30 s). */
  reportsReplicaRestMs?: number;
  logger?: Logger;
  /** Injected clock (tests of the office day). */
  now?: () => Date;
  /** bcrypt cost for new password hashes. */
  bcryptRounds?: number;
  /** Socket.IO Redis adapter, for several processes behind one address. */
  redisUrl?: string;
  /** Channel prefix for the Redis adapter (default `navbat`). */
  redisKey?: string;
  /** Failed logins per address per 15 minutes. */
  loginAttempts?: number;
  /**
   * Express's `trust proxy` (TRUST_PROXY): a hop count or the proxies' addresses; `true` counts as
   * one hop (trusting every hop would let a client write its own address).
   */
  trustProxy?: boolean | number | string[];
  /** How often the print worker retries queued jobs (default 5 s). */
  printPollMs?: number;
  /** How long a first try's printed mark may wait to be written with others (default 1 s). */
  printMarkAfterMs?: number;
  /** Open-mode ticket rate per address and per kiosk code (ISSUE_RATE); `null`: no limit. */
  issueRate?: { intervalMs: number; burst: number } | null;
  /** Folder of the built front ends (default dist/web). */
  webDir?: string;
  /** An office's own voice recordings (VOICE_DIR), served before the shipped pack display/voice. */
  voiceDir?: string;
  /** How long a later event waits for an earlier seq before a gap is declared (default 1 s). */
  eventHoldMs?: number;
  /** How long a request may take to arrive whole (default 30 s; its headers: 10 s at most). */
  requestTimeoutMs?: number;
  /** Events a socket may send: a burst, refilled per second (default 20, then 2 a second). */
  socketEventBudget?: { burst: number; perSecond: number };
  /** How long a socket snapshot build is shared at most (default 2 s; tests hold it longer). */
  snapshotMaxAgeMs?: number;
  /** Commands of one office in flight on this node before 503 `overloaded` (default 16). */
  maxCommandsInFlight?: number;
  /** The wait bound of command admission (see queue/admission.ts; defaults there). */
  admission?: Partial<AdmissionLimits>;
  /** Bearer token of `GET /metrics` (METRICS_TOKEN); unset: metrics are off. */
  metricsToken?: string;
  /** Socket.IO connections per client address on this node (SOCKETS_PER_ADDRESS; 0: no cap). */
  socketsPerAddress?: number;
  /** PUBLIC_URL: the base of every link, QR and message; unset: the listening address. */
  publicUrl?: string;
  /** Sends appointment codes (the messages outbox); without it nobody can book. */
  bookingNotifier?: BookingNotifier;
  /** Citizen-message gateways (default: the `log` channel). */
  messaging?: MessagingConfig;
  /** How often the message worker looks for due messages (default 2 s; commits wake it at once). */
  messagePollMs?: number;
}

export interface App {
  server: http.Server;
  /** The Express app (tests walk its route table). */
  http: express.Express;
  io: NbServer;
  queue: QueueService;
  cases: CaseService;
  print: PrintQueue;
  /** Citizen messages: the outbox and its worker. */
  messages: Outbox;
  retention: RetentionJob; // the hourly erasure of old personal data
  virtualPrinter: VirtualPrinter;
  auth: AuthService;
  logger: Logger;
  /** The live layer: ordered publishing, shared snapshots. */
  realtime: Realtime;
  /**
   * Begins a graceful shutdown: `/api/ready` turns 503, no new connections, every socket is told
   * to reconnect (elsewhere), and resolves once the commands in flight finished (or `timeoutMs`).
   */
  drain(timeoutMs: number): Promise<void>;
  /** Closes sockets, HTTP and Redis; the database stays open (its owner closes it). */
  close(): Promise<void>;
}

/**
 * The HTTP server: a request arrives whole within `requestTimeout`, its headers within 10 s (Node's
 * defaults: 300 s and 60 s, checked every 30 s), so a client that trickles its bytes holds a
 * connection no longer than that (answered 408, see http/client-error.ts).
 */
function httpServer(web: express.Express, requestTimeout: number): http.Server {
  const server = http.createServer(
    {
      requestTimeout,
      headersTimeout: Math.min(10_000, requestTimeout),
      connectionsCheckingInterval: Math.min(5_000, requestTimeout / 2),
    },
    web,
  );
  answerClientErrors(server);
  return server;
}

/** Socket.IO's options: Redis, and the cap per client address as Express's `req.ip` gives it. */
function socketOptions(deps: AppDeps, web: express.Express, logger: Logger): SocketServerOptions {
  return {
    ...deps,
    logger,
    socketsPerAddress: deps.socketsPerAddress ?? DEFAULT_SOCKETS_PER_ADDRESS,
    // Read at each handshake: the HTTP stack sets `trust proxy` after this.
    clientAddress: (req) =>
      proxyaddr(req, web.get('trust proxy fn') as (a: string, i: number) => boolean),
  };
}

export async function createApp(deps: AppDeps): Promise<App> {
  const logger = deps.logger ?? pino({ level: 'silent' });
  const web = express();
  const server = httpServer(web, deps.requestTimeoutMs ?? 30_000);
  const sockets = await attachSocketServer(server, socketOptions(deps, web, logger));
  const { io } = sockets;
  const publicLink = () => publicUrlOf(deps.publicUrl, server);
  const publisher = createPublisher(io, {
    logger,
    shared: sockets.shared,
    holdMs: deps.eventHoldMs,
    // Delivery starts with the first command, after the metrics below exist.
    onDelivered: (at) => metrics.observePublish(at),
  });
  const services = buildServices(deps, {
    logger,
    io,
    publicLink,
    publish: publisher.publish,
    rates: sockets.rates,
  });
  const { queue, auth, print, messages, retention } = services;
  const realtime = attachRealtime(io, publisher, {
    queue,
    auth,
    logger,
    now: deps.now,
    eventBudget: deps.socketEventBudget,
    snapshotMaxAgeMs: deps.snapshotMaxAgeMs,
    perAddress: sockets.perAddress,
  });
  const metrics = nodeMetrics(deps.db, sockets, services, realtime, !!deps.metricsToken);
  const drain = new DrainState();
  mountHttp(web, deps, { logger, services, metrics, sockets, drain, publicLink });
  const node: NodeParts = {
    server,
    io,
    admission: services.admission,
    realtime,
    workers: [print, messages, retention],
    quitRedis: () => sockets.quit(),
  };
  startWorkers(node);
  return {
    server,
    http: web,
    io,
    queue,
    cases: services.cases,
    print,
    messages,
    retention,
    virtualPrinter: services.virtualPrinter,
    auth,
    logger,
    realtime,
    drain: (timeoutMs) => drainNode(drain, node, timeoutMs),
    close: () => closeNode(node),
  };
}
