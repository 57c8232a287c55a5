/** createApp: builds HTTP + Socket.IO on one database without listening (tests use port 0). */
import { refuseNul } from './http/no-nul';
import http from 'node:http';
import path from 'node:path';
import fs from 'node:fs';
import express from 'express';
import helmet from 'helmet';
import compression from 'compression';
import { pinoHttp } from 'pino-http';
import pino, { type Logger } from 'pino';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Namespace, type Case, type QueueChange } from '../protocol';
import type { Database } from '../../db/database';
import { QueueService } from './queue/queue-service';
import { caseLinks } from './registry/case-links';
import { CounterSessionService } from './queue/counter-session-service';
import { NoShowUndo } from './queue/no-show-undo';
import { PrintQueue } from './printing/print-queue';
import { printerSettings, ticketSender } from './printing/ticket-printer';
import { parsePrinterUrl } from './printing/printer-target';
import { probePrinter } from './printing/printer-status';
import { VirtualPrinter } from './printing/virtual-printer';
import { CaseService } from './registry/case-service';
import { caseRouter } from './http/case-router';
import { printerRouter } from './http/printer-router';
import { AuthService } from './auth/auth-service';
import { apiRouter } from './http/api-router';
import { adminRouter } from './http/admin-router';
import type { BookingNotifier } from './bookings/booking-service';
import { appointmentRoutes } from './http/appointment-routes';
import { createAdminServices } from './admin-pages';
import { dropEndedStaffSockets, dropUnpairedDeviceSockets } from './auth/staff-sockets';
import { CheckInService } from './bookings/check-in';
import { errorHandler, unknownRoute } from './http/errors';
import {
  attachRealtime,
  caseBroadcaster,
  sessionRoom,
  type NbServer,
  type Realtime,
} from './realtime/socket-server';
import { CommandAdmission, type AdmissionLimits } from './queue/admission';
import { shedOverload } from './http/shed-overload';
import { Metrics } from './metrics';
import { opsRouter } from './http/ops-router';
import { sameOriginWrites } from './http/auth-middleware';
import { MemoryRateStore, RedisRateStore, type RateStore } from './security/rate-store';
import { ROOT_DIR, WEB_DIR } from './paths';
import { AppError } from './errors';
import { Outbox } from './messages/outbox';
import { RetentionJob } from './security/retention';
import { bookingNotifier } from './messages/booking-messages';
import { createChannels, type MessagingConfig } from './messages/channels';
import { messagesRouter } from './http/messages-router';
import { docsRouter } from './http/openapi/docs-router';
import { publicUrlOf, type PublicUrl } from './public-url';

export interface AppDeps {
  db: Database;
  /** The registry's database when it is not `db` (REGISTRY_DATABASE_URL). */
  registryDb?: Database;
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
  /** Open-mode ticket rate per address and per kiosk code (ISSUE_RATE); `null`: no limit. */
  issueRate?: { intervalMs: number; burst: number } | null;
  /** Folder of the built front ends (default dist/web). */
  webDir?: string;
  /** An office's own voice recordings (VOICE_DIR), served before the shipped pack display/voice. */
  voiceDir?: string;
  /** How long a later event waits for an earlier seq before a gap is declared (default 1 s). */
  eventHoldMs?: number;
  /** Events a socket may send: a burst, refilled per second (default 20, then 2 a second). */
  socketEventBudget?: { burst: number; perSecond: number };
  /** Commands of one office in flight on this node before 503 `overloaded` (default 64). */
  maxCommandsInFlight?: number;
  /** The wait bound of command admission (see queue/admission.ts; defaults there). */
  admission?: Partial<AdmissionLimits>;
  /** Bearer token of `GET /metrics` (METRICS_TOKEN); unset: metrics are off. */
  metricsToken?: string;
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

const PAGE_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  mediaSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'", 'ws:', 'wss:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
  // Offices serve plain HTTP on their LAN: never push browsers to https.
  upgradeInsecureRequests: null,
};

export async function createApp(deps: AppDeps): Promise<App> {
  const logger = deps.logger ?? pino({ level: 'silent' });
  const auth = new AuthService(deps.db, { rounds: deps.bcryptRounds, now: deps.now });
  // The queue publishes through the realtime layer, which needs the queue: bind late.
  let publish: (office: string, changes: QueueChange[]) => void = () => undefined;
  const registryDb = deps.registryDb ?? deps.db;
  const virtualPrinter = new VirtualPrinter({ keep: 20 });
  // The sender renders from the queue's state, and the queue enqueues jobs: the sender reads
  // `queue` only when a job is sent, after both exist.
  const print: PrintQueue = new PrintQueue({
    db: deps.db,
    logger,
    now: deps.now,
    pollMs: deps.printPollMs,
    onStatus: (office, kiosk, status) => queue.setPrinterStatus(office, kiosk, status),
    probe: () => probePrinters(queue),
    send: (job, timeoutMs): Promise<void> =>
      ticketSender({
        queue,
        virtual: virtualPrinter,
        publicBase: () => publicLink().url,
      })(job, timeoutMs),
  });
  const admission = new CommandAdmission({
    ...deps.admission,
    ...(deps.maxCommandsInFlight === undefined ? {} : { maxInFlight: deps.maxCommandsInFlight }),
  });
  const messages = new Outbox({
    db: deps.db,
    registryDb,
    logger,
    now: deps.now,
    publicUrl: () => publicLink().url,
    pollMs: deps.messagePollMs,
  });
  messages.useChannels(createChannels(deps.messaging ?? {}, messages.listener, logger));
  const queue: QueueService = new QueueService({
    db: deps.db,
    admission,
    print,
    messages,
    cases: caseLinks(registryDb, deps.db),
    now: deps.now,
    publish: (office, changes) => publish(office, changes),
    publicUrl: () => publicLink(),
  });
  const retention = new RetentionJob({ ...deps, registryDb, settings: messages, logger });
  for (const job of [print, messages, retention]) job.start();

  // Redis (REDIS_URL): the Socket.IO adapter's two connections; the first also keeps the rate limits.
  let redis: Redis[] = [];
  if (deps.redisUrl) {
    const pub = new Redis(deps.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
    const sub = pub.duplicate();
    await Promise.all([pub.connect(), sub.connect()]);
    redis = [pub, sub];
  }
  const rates: RateStore = redis[0]
    ? new RedisRateStore(redis[0], deps.redisKey ?? 'navbat')
    : new MemoryRateStore();

  const app = express();
  app.disable('x-powered-by');
  if (deps.trustProxy === true) app.set('trust proxy', 1);
  else if (deps.trustProxy) app.set('trust proxy', deps.trustProxy);
  app.use(shedOverload(admission)); // before a byte is parsed or logged
  app.use(helmet({ contentSecurityPolicy: { directives: PAGE_CSP }, hsts: false }));
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => req.url === '/api/health' },
      // A request line, not its headers: those carry session tokens, cookies and device tokens.
      serializers: {
        req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          url: redactSecrets(req.url),
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  let draining = false;
  // While draining, requests on kept-alive connections are sent elsewhere, and the connection closes.
  app.use((req, res, next) => {
    if (draining && req.path !== '/api/ready') {
      res.setHeader('Connection', 'close');
      res.setHeader('Retry-After', '1');
      res
        .status(503)
        .json({ error: { code: 'unavailable', message: 'the server is shutting down' } });
      return;
    }
    next();
  });
  // The sources live in Socket.IO, built below; they are read only when /metrics is scraped.
  const metrics = new Metrics({
    sockets: () =>
      Object.fromEntries(
        ['/display', '/kiosk', '/counter'].map((ns) => [ns, io.of(ns).sockets.size]),
      ),
    printQueue: () => deps.db.models.PrintJob.count({ where: { status: 'queued' } }),
    messageQueue: () => messages.queued(),
    snapshotBuilds: () => realtime.snapshots.builds,
    socketsDropped: () => realtime.dropped,
    eventGaps: () => realtime.sequencer.gaps,
    commandsRefused: () => admission.refused,
  });
  app.use('/api', metrics.commandTimer());
  // Phones on 2G and kiosks on a busy LAN: every page, script and JSON answer goes gzipped.
  app.use(compression());
  app.use(express.json({ limit: '1mb' }));
  app.use('/api', refuseNul);
  app.use('/api', sameOriginWrites);
  // Bound once Socket.IO exists, like `publish`.
  let publishCase: (c: Case) => void = () => undefined;
  const cases = new CaseService({
    db: deps.db,
    registryDb,
    now: deps.now,
    onChange: (c) => publishCase(c),
    messages,
  });
  app.use('/api', messagesRouter({ auth, messages }));
  app.use('/api', caseRouter({ auth, cases }));
  app.use(
    '/api',
    printerRouter({ queue, virtual: virtualPrinter, auth, publicUrl: () => publicLink().url }),
  );
  const windows = new CounterSessionService({ db: deps.db, queue, now: deps.now });
  const noShowUndo = new NoShowUndo({ db: deps.db, queue, now: deps.now });
  let endSession: (token: string) => void = () => undefined;
  const notifier = bookingNotifier(messages, deps.bookingNotifier);
  const checkIn = new CheckInService({ db: deps.db, queue, notifier, now: deps.now });
  app.use(
    '/api',
    apiRouter({
      db: deps.db,
      queue,
      auth,
      print,
      loginAttempts: deps.loginAttempts,
      rates,
      issueRate: deps.issueRate === null ? { intervalMs: 1, burst: 1e9 } : deps.issueRate,
      onLogout: (token) => endSession(token),
      windows,
      noShowUndo,
      checkIn,
    }),
  );
  let dropSockets: () => Promise<void> = () => Promise.resolve();
  let dropDevices: () => Promise<void> = () => Promise.resolve();
  const admin = createAdminServices({
    db: deps.db,
    registryDb,
    queue,
    auth,
    now: deps.now,
    onSessionsEnded: async () => {
      await windows.releaseEnded();
      await dropSockets();
    },
    onDevicesChanged: () => dropDevices(),
  });
  app.use('/api', adminRouter({ admin, auth }));
  let redisPing: (() => Promise<boolean>) | undefined;
  app.use(
    opsRouter({
      db: deps.db,
      redisPing: () => redisPing?.() ?? Promise.resolve(true),
      draining: () => draining,
      metrics,
      metricsToken: deps.metricsToken,
    }),
  );
  const appointments = { db: deps.db, now: deps.now, queue, auth, checkIn, messages, notifier };
  app.use('/api', appointmentRoutes(appointments));
  app.use(docsRouter());
  app.use('/api', unknownRoute);
  // The administration pages live inside the counter app's folder.
  app.get(['/admin', '/admin/'], (req, res) => {
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    res.redirect(302, `/counter/admin/${query}`);
  });
  mountVoicePacks(app, deps.voiceDir);
  mountWebApps(app, deps.webDir ?? WEB_DIR);
  app.use(unknownRoute);
  app.use(errorHandler(logger));

  const server = http.createServer(app);
  function publicLink(): PublicUrl {
    return publicUrlOf(deps.publicUrl, server);
  }
  const io: NbServer = new Server(server, { serveClient: false, maxHttpBufferSize: 1e6 });
  const [pub, sub] = redis;
  if (pub && sub) {
    io.adapter(createAdapter(pub, sub, { key: deps.redisKey ?? 'navbat' }));
    redisPing = () => answersWithin(pub.ping(), 1_000);
  }
  const realtime = attachRealtime(io, {
    queue,
    auth,
    logger,
    now: deps.now,
    shared: redis.length > 0,
    holdMs: deps.eventHoldMs,
    eventBudget: deps.socketEventBudget,
    onDelivered: (at) => metrics.observePublish(at),
  });

  publish = (office, changes) => realtime.publish(office, changes);
  publishCase = caseBroadcaster(io);
  endSession = (token) => io.of(Namespace.counter).in(sessionRoom(token)).disconnectSockets(true);
  dropSockets = () => dropEndedStaffSockets(io, auth).then(() => undefined);
  dropDevices = () => dropUnpairedDeviceSockets(io, queue, auth).then(() => undefined);

  return {
    server,
    http: app,
    io,
    queue,
    cases,
    print,
    messages,
    retention,
    virtualPrinter,
    auth,
    logger,
    realtime,
    async drain(timeoutMs) {
      draining = true;
      // No new connections; the ones open finish what they asked.
      server.close();
      // Every socket of this node reconnects, through the balancer, to a node that stays.
      for (const ns of ['/display', '/kiosk', '/counter']) io.of(ns).local.disconnectSockets();
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        admission.idle(),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(timer);
      // The disconnect packets are written asynchronously: give them a moment to leave before the
      // transports close (else a page sees a dropped connection instead of "go elsewhere").
      await new Promise((resolve) => setTimeout(resolve, Math.min(300, timeoutMs)));
      server.closeIdleConnections();
    },
    async close() {
      await print.stop();
      realtime.close();
      await messages.stop();
      await retention.stop();
      await io.close();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(redis.map((r) => r.quit().catch(() => undefined)));
    },
  };
}

/**
 * The hall display's voice clips at `/display/voice/`: an office's recordings (VOICE_DIR) first, each
 * file missing there taken from the pack shipped in display/voice.
 */
function mountVoicePacks(app: express.Express, overrideDir: string | undefined): void {
  const shipped = path.join(ROOT_DIR, 'display', 'voice');
  const dirs = overrideDir === undefined ? [shipped] : [overrideDir, shipped];
  for (const dir of dirs) {
    app.use(
      '/display/voice',
      express.static(dir, {
        index: false,
        // An office may swap its recordings at any time: browsers revalidate (ETag) on each load.
        setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
      }),
    );
  }
}

/** Whether `answer` settles well within `ms` (a ping of a service that may hang). */
function answersWithin(answer: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    answer.then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** A URL as it may be logged: the value of a `device` or `token` parameter (a pairing link) hidden. */
function redactSecrets(url: string): string {
  return url.replace(/([?&](?:device|token)=)[^&#]*/gi, '$1[redacted]');
}

/** Serves the built kiosk, display and counter apps; `/kiosk` → `/kiosk/`. */
function mountWebApps(app: express.Express, webDir: string): void {
  for (const page of ['kiosk', 'display', 'counter']) {
    app.get(`/${page}`, (req, res, next) => {
      // Express matches `/kiosk/` here too (non-strict routing): only the bare path redirects.
      if (req.path.endsWith('/')) {
        next();
        return;
      }
      const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      res.redirect(301, `/${page}/${query}`);
    });
  }
  // The public ticket page (the printed QR's target) is the kiosk app's ticket.html.
  app.get('/t/:id', (_req, res, next) => {
    res.set('Cache-Control', 'no-cache');
    res.sendFile(path.join(webDir, 'kiosk', 'ticket.html'), (err) => {
      if (err) next(new AppError('not_found', 'the ticket page is not built'));
    });
  });
  app.get('/', (_req, res) => {
    res.redirect(302, '/kiosk/?office=kulob&kiosk=K1');
  });
  if (!fs.existsSync(path.join(webDir, 'kiosk', 'index.html'))) {
    app.use(['/kiosk', '/display', '/counter'], (_req, res) => {
      res
        .status(503)
        .type('text/plain')
        .send('The web apps are not built yet: run `npm run build`.');
    });
    return;
  }
  app.use(
    express.static(webDir, {
      index: 'index.html',
      setHeaders(res, file) {
        // Hashed assets never change; pages must always be fresh.
        res.setHeader(
          'Cache-Control',
          file.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    }),
  );
}

/** Asks every kiosk printer whether it answers and records the result (published on a change). */
async function probePrinters(queue: QueueService): Promise<void> {
  for (const p of await queue.kioskPrinters()) {
    let status: 'online' | 'offline';
    try {
      const address = printerSettings(p.printerUrl).address;
      status = await probePrinter(parsePrinterUrl(address), { timeoutMs: 1500 });
    } catch {
      status = 'offline';
    }
    await queue.setPrinterStatus(p.officeCode, p.code, status);
  }
}
