/**
 * The services of one node over its databases (queue, printing, messages, registry cases, check-in,
 * window sessions, administration), wired to the live layer through the publisher and the socket
 * ends they are handed. Nothing here listens or starts a worker.
 */
import type { Logger } from 'pino';
import type { Database } from '../../../db/database';
import { QueueService } from '../queue/queue-service';
import type { Publish } from '../queue/command-pipeline';
import { CommandAdmission, type AdmissionLimits } from '../queue/admission';
import { CounterSessionService } from '../queue/counter-session-service';
import { NoShowUndo } from '../queue/no-show-undo';
import { caseLinks } from '../registry/case-links';
import { CaseService } from '../registry/case-service';
import { PrintQueue } from '../printing/print-queue';
import { printerSettings, ticketSender } from '../printing/ticket-printer';
import { VirtualPrinter } from '../printing/virtual-printer';
import { parsePrinterUrl } from '../printing/printer-target';
import { probePrinter } from '../printing/printer-status';
import { AuthService } from '../auth/auth-service';
import type { BookingNotifier } from '../bookings/booking-service';
import { CheckInService } from '../bookings/check-in';
import { createAdminServices, type AdminServices } from '../admin-pages';
import { Outbox } from '../messages/outbox';
import { bookingNotifier } from '../messages/booking-messages';
import { createChannels, type MessagingConfig } from '../messages/channels';
import { RetentionJob } from '../security/retention';
import { LoginThrottle } from '../security/login-throttle';
import type { RateStore } from '../security/rate-store';
import type { PublicUrl } from '../public-url';
import { caseBroadcaster } from '../realtime/socket-server';
import type { NbServer } from '../realtime/nb-server';
import { socketEnds, type SocketEnds } from './socket-io';

/** The settings the services take (a part of `AppDeps`). */
export interface ServiceDeps {
  db: Database;
  registryDb?: Database;
  reportsDb?: Database;
  /** After the reports replica fails, how long reports read `db` (default 30 s). */
  reportsReplicaRestMs?: number;
  now?: () => Date;
  bcryptRounds?: number;
  printPollMs?: number;
  printMarkAfterMs?: number;
  maxCommandsInFlight?: number;
  admission?: Partial<AdmissionLimits>;
  bookingNotifier?: BookingNotifier;
  messaging?: MessagingConfig;
  messagePollMs?: number;
  /** Failed logins allowed per address, and per username, per 15 minutes (default 10). */
  loginAttempts?: number;
}

/** What the services reach beyond themselves through. */
export interface ServiceEdges {
  logger: Logger;
  /** Case changes go to the staff consoles, and sockets are ended, through it. */
  io: NbServer;
  /** Hands a command's committed changes to the live layer. */
  publish: Publish;
  /** PUBLIC_URL, else the listening address: the base of links, QR codes and messages. */
  publicLink: () => PublicUrl;
  /** Where rate-limit counts live (Redis when several nodes share them). */
  rates: RateStore;
}

export interface Services {
  auth: AuthService;
  admission: CommandAdmission;
  virtualPrinter: VirtualPrinter;
  print: PrintQueue;
  messages: Outbox;
  queue: QueueService;
  cases: CaseService;
  retention: RetentionJob;
  windows: CounterSessionService;
  noShowUndo: NoShowUndo;
  /** Sends appointment codes; none when no SMS channel is configured (nobody can book then). */
  notifier: BookingNotifier | undefined;
  checkIn: CheckInService;
  admin: AdminServices;
  ends: SocketEnds;
  /** Failed logins per address and per username: the login route counts, an admin clears. */
  loginThrottle: LoginThrottle;
}

export function buildServices(deps: ServiceDeps, edges: ServiceEdges): Services {
  const { db, now } = deps;
  const registryDb = deps.registryDb ?? db;
  const auth = new AuthService(db, { rounds: deps.bcryptRounds, now });
  const messages = buildOutbox(deps, edges);
  const { queue, print, virtualPrinter, admission } = buildQueue(deps, edges, messages);
  const ends = socketEnds(edges.io, auth, queue);
  const windows = new CounterSessionService({ db, queue, now });
  const notifier = bookingNotifier(messages, deps.bookingNotifier);
  const loginThrottle = new LoginThrottle(edges.rates, deps.loginAttempts ?? 10);
  const admin = createAdminServices({
    db,
    registryDb,
    reportsDb: deps.reportsDb,
    logger: edges.logger,
    replicaRestMs: deps.reportsReplicaRestMs,
    queue,
    auth,
    now,
    onSessionsEnded: async () => {
      await windows.releaseEnded();
      await ends.endedSessions();
    },
    onDevicesChanged: () => ends.unpairedDevices(),
    loginLocks: loginThrottle,
  });
  return {
    auth,
    admission,
    virtualPrinter,
    print,
    messages,
    queue,
    cases: new CaseService({ db, registryDb, now, onChange: caseBroadcaster(edges.io), messages }),
    retention: new RetentionJob({ db, registryDb, now, settings: messages, logger: edges.logger }),
    windows,
    noShowUndo: new NoShowUndo({ db, queue, now }),
    notifier,
    checkIn: new CheckInService({ db, queue, notifier, now }),
    admin,
    ends,
    loginThrottle,
  };
}

/** The citizen-message outbox with its channels (default: the `log` channel). */
function buildOutbox(deps: ServiceDeps, edges: ServiceEdges): Outbox {
  const messages = new Outbox({
    db: deps.db,
    registryDb: deps.registryDb ?? deps.db,
    logger: edges.logger,
    now: deps.now,
    publicUrl: () => edges.publicLink().url,
    pollMs: deps.messagePollMs,
  });
  messages.useChannels(createChannels(deps.messaging ?? {}, messages.listener, edges.logger));
  return messages;
}

/** The queue with its command admission and the print queue it enqueues tickets on. */
function buildQueue(
  deps: ServiceDeps,
  edges: ServiceEdges,
  messages: Outbox,
): Pick<Services, 'queue' | 'print' | 'virtualPrinter' | 'admission'> {
  const virtualPrinter = new VirtualPrinter({ keep: 20 });
  const publicBase = () => edges.publicLink().url;
  // The sender renders from the queue's state, and the queue enqueues jobs: the print queue reads
  // `queue` only when a job is sent or a printer probed, after both exist.
  const print: PrintQueue = new PrintQueue({
    db: deps.db,
    logger: edges.logger,
    now: deps.now,
    pollMs: deps.printPollMs,
    markAfterMs: deps.printMarkAfterMs,
    onStatus: (office, kiosk, status) => queue.setPrinterStatus(office, kiosk, status),
    probe: () => probePrinters(queue),
    send: (job, timeoutMs, ticket) =>
      ticketSender({ queue, virtual: virtualPrinter, publicBase })(job, timeoutMs, ticket),
  });
  const admission = new CommandAdmission({
    ...deps.admission,
    ...(deps.maxCommandsInFlight === undefined ? {} : { maxInFlight: deps.maxCommandsInFlight }),
  });
  const queue: QueueService = new QueueService({
    db: deps.db,
    admission,
    print,
    messages,
    cases: caseLinks(deps.registryDb ?? deps.db, deps.db),
    now: deps.now,
    publish: edges.publish,
    publicUrl: () => edges.publicLink(),
  });
  return { queue, print, virtualPrinter, admission };
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
