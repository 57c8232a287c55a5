/**
 * A node's Express app, mounted in order: overload shedding before anything is parsed, security
 * headers, the request log, the drain gate, command timing, gzip, JSON, the NUL and same-origin
 * checks; then every API router, the ops endpoints and the docs; then the pages; errors last.
 */
import express from 'express';
import helmet from 'helmet';
import compression from 'compression';
import type { Logger } from 'pino';
import type { Database } from '../../../db/database';
import { refuseNul } from '../http/no-nul';
import { requestLog } from '../http/request-log';
import { shedOverload } from '../http/shed-overload';
import { IssuePace, NO_ISSUE_LIMIT, type IssueRate } from '../http/issue-pace';
import { DEFAULT_ISSUE_RATE } from '../http/issue-ticket';
import { sameOriginWrites } from '../http/auth-middleware';
import { errorHandler, unknownRoute } from '../http/errors';
import { messagesRouter } from '../http/messages-router';
import { caseRouter } from '../http/case-router';
import { printerRouter } from '../http/printer-router';
import { apiRouter } from '../http/api-router';
import { adminRouter } from '../http/admin-router';
import { opsRouter } from '../http/ops-router';
import { appointmentRoutes } from '../http/appointment-routes';
import { docsRouter } from '../http/openapi/docs-router';
import { mountAdminRedirect, mountVoicePacks, mountWebApps } from '../http/web-pages';
import type { Metrics } from '../metrics';
import { WEB_DIR } from '../paths';
import type { PublicUrl } from '../public-url';
import type { Services } from './services';
import type { SocketServer } from './socket-io';
import type { DrainState } from './lifecycle';

/** The settings the HTTP side takes (a part of `AppDeps`). */
export interface HttpSettings {
  db: Database;
  now?: () => Date;
  /** Express's `trust proxy`; `true` counts as one hop. */
  trustProxy?: boolean | number | string[];
  /** Open-mode ticket rate per address and per kiosk code; `null`: no limit. */
  issueRate?: { intervalMs: number; burst: number } | null;
  metricsToken?: string;
  voiceDir?: string;
  webDir?: string;
}

/** The node's parts the routes answer from. */
export interface HttpParts {
  logger: Logger;
  services: Services;
  metrics: Metrics;
  sockets: Pick<SocketServer, 'rates' | 'ping'>;
  drain: DrainState;
  publicLink: () => PublicUrl;
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

export function mountHttp(app: express.Express, settings: HttpSettings, parts: HttpParts): void {
  const pace = new IssuePace(issueRateOf(settings));
  mountMiddleware(app, settings, parts, pace);
  mountApi(app, settings, parts, pace);
  mountAdminRedirect(app);
  mountVoicePacks(app, settings.voiceDir);
  mountWebApps(app, settings.webDir ?? WEB_DIR);
  app.use(unknownRoute);
  app.use(errorHandler(parts.logger));
}

/** ISSUE_RATE: the default, or none (`null`: tests and benches issue from one address). */
function issueRateOf(settings: HttpSettings): IssueRate {
  if (settings.issueRate === null) return NO_ISSUE_LIMIT;
  return settings.issueRate ?? DEFAULT_ISSUE_RATE;
}

function mountMiddleware(
  app: express.Express,
  settings: HttpSettings,
  parts: HttpParts,
  pace: IssuePace,
): void {
  app.disable('x-powered-by');
  if (settings.trustProxy === true) app.set('trust proxy', 1);
  else if (settings.trustProxy) app.set('trust proxy', settings.trustProxy);
  app.use(shedOverload(parts.services.admission, pace)); // before a byte is parsed or logged
  app.use(helmet({ contentSecurityPolicy: { directives: PAGE_CSP }, hsts: false }));
  app.use(requestLog(parts.logger));
  app.use(parts.drain.refuse);
  app.use('/api', parts.metrics.commandTimer());
  // Phones on 2G and kiosks on a busy LAN: every page, script and JSON read goes gzipped. A
  // command's answer (POST, PATCH, …) is one ticket or case, under what gzip pays for: no wrapper.
  const gzip = compression();
  app.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') gzip(req, res, next);
    else next();
  });
  app.use(express.json({ limit: '1mb' }));
  app.use(refuseNul); // pages and voice files too: a NUL anywhere is 400
  app.use('/api', sameOriginWrites);
}

function mountApi(
  app: express.Express,
  settings: HttpSettings,
  parts: HttpParts,
  pace: IssuePace,
): void {
  const { db, now } = settings;
  const { auth, queue, messages, cases, print, checkIn, notifier } = parts.services;
  const { rates } = parts.sockets;
  app.use('/api', messagesRouter({ auth, messages, rates }));
  app.use('/api', caseRouter({ auth, cases }));
  const publicUrl = () => parts.publicLink().url;
  app.use(
    '/api',
    printerRouter({ queue, virtual: parts.services.virtualPrinter, auth, publicUrl }),
  );
  app.use(
    '/api',
    apiRouter({
      db,
      queue,
      auth,
      print,
      loginThrottle: parts.services.loginThrottle,
      rates,
      issueRate: pace.rate,
      issuePace: pace,
      onLogout: (token) => parts.services.ends.session(token),
      windows: parts.services.windows,
      noShowUndo: parts.services.noShowUndo,
      checkIn,
    }),
  );
  app.use('/api', adminRouter({ admin: parts.services.admin, auth }));
  app.use(
    opsRouter({
      db,
      redisPing: () => parts.sockets.ping(),
      draining: () => parts.drain.draining,
      metrics: parts.metrics,
      metricsToken: settings.metricsToken,
    }),
  );
  app.use('/api', appointmentRoutes({ db, now, queue, auth, checkIn, messages, notifier, rates }));
  app.use(docsRouter());
  app.use('/api', unknownRoute);
}
