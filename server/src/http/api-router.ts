/** REST routes of the live queue (CONTRACT §4): thin — parse, call one service, answer. */
import { Router, type RequestHandler } from 'express';
import { apiRoute, Endpoints } from '../../protocol/endpoints';
import { z } from 'zod';
import {
  Login,
  OfficeCode,
  CounterNumber,
  SESSION_COOKIE,
  TicketId,
  Transfer,
  CallTicket,
  PauseCounter,
  TakeCounter,
  type CallReason,
} from '../../protocol';
import type { QueueService } from '../queue/queue-service';
import type { PrintQueue } from '../printing/print-queue';
import { hashToken, type AuthService } from '../auth/auth-service';
import type { CounterSessionService } from '../queue/counter-session-service';
import type { NoShowUndo } from '../queue/no-show-undo';
import { toPublicTicket } from '../queue/ticket-dto';
import type { CheckInService } from '../bookings/check-in';
import { AppError } from '../errors';
import { parse, parseParams } from './errors';
import { requireStaff, staffOf, tokenOf } from './auth-middleware';
import type { Database } from '../../../db/database';
import { LoginThrottle } from '../security/login-throttle';
import { MemoryRateStore, type RateStore } from '../security/rate-store';
import { issueTicket, type IssueRate } from './issue-ticket';
import type { IssuePace } from './issue-pace';

export interface ApiDeps {
  db: Database;
  queue: QueueService;
  auth: AuthService;
  /** Failed logins per address and per username (default: 10 per 15 minutes, in `rates`). */
  loginThrottle?: LoginThrottle;
  /** Where rate-limit counts live (Redis when several nodes share them); default this process. */
  rates?: RateStore;
  /** The print queue (tickets of kiosks with a printer). */
  print?: PrintQueue;
  /** Tickets one address (or one kiosk code) may take in open mode (ISSUE_RATE). */
  issueRate?: IssueRate;
  /** Addresses past their issue pace, refused at the door (shed-overload.ts). */
  issuePace?: IssuePace;
  /** Ends the consoles' sockets of a session that was just logged out (on every node). */
  onLogout?: (token: string) => void;
  /** Mark the session cookie Secure (when served over HTTPS). */
  secureCookies?: boolean;
  /** Window sessions (one window, one clerk). */
  windows?: CounterSessionService;
  /** Taking back a no-show marked by mistake. */
  noShowUndo?: NoShowUndo;
  /** Checking in with a booking code (`{booking}` instead of `{service}`). */
  checkIn?: CheckInService;
}

const OfficeParam = z.object({ office: OfficeCode });
const CounterParams = z.object({ office: OfficeCode, counter: CounterNumber });
const TicketParam = z.object({ id: TicketId });
const ActionParam = z.enum(['recall', 'start', 'no-show', 'complete']);

export function apiRouter(deps: ApiDeps): Router {
  const r = Router();
  const staff = requireStaff(deps.auth);
  // Windows are worked by clerks (and admins standing in); the back office has no window.
  const windowStaff = requireStaff(deps.auth, ['clerk', 'admin']);
  const rates = deps.rates ?? new MemoryRateStore();

  r.get(apiRoute(Endpoints.health), async (_req, res) => {
    if (await deps.db.ping()) {
      res.json({ status: 'ok' });
    } else {
      res
        .status(503)
        .json({ error: { code: 'unavailable', message: 'the database does not answer' } });
    }
  });
  mountKioskRoutes(r, deps, rates);
  mountSessionRoutes(r, deps, rates, staff);
  mountWindowRoutes(r, deps, windowStaff);
  mountClerkTicketRoutes(r, deps, windowStaff);
  r.get(apiRoute(Endpoints.queue), staff, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    res.json(await deps.queue.snapshot(office));
  });
  return r;
}

/** The kiosk's public routes: the office, its services, issuing a ticket and reading one. */
function mountKioskRoutes(r: Router, deps: ApiDeps, rates: RateStore): void {
  const { queue } = deps;

  r.get(apiRoute(Endpoints.office), async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    res.json({ office: await queue.officeInfo(office) });
  });

  r.get(apiRoute(Endpoints.services), async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    res.json(await queue.listServices(office));
  });

  r.post(apiRoute(Endpoints.issueTicket), (req, res) => issueTicket(deps, rates, req, res));

  r.get(apiRoute(Endpoints.ticket), async (req, res) => {
    const { id } = parseParams(TicketParam, req);
    res.json({ ticket: toPublicTicket(await queue.getTicket(id)) });
  });
}

/** Staff sessions: logging in (throttled per address and per username), out, and who is in. */
function mountSessionRoutes(
  r: Router,
  deps: ApiDeps,
  rates: RateStore,
  staff: RequestHandler,
): void {
  const { auth } = deps;
  const throttle = deps.loginThrottle ?? new LoginThrottle(rates, 10);

  r.post(apiRoute(Endpoints.login), async (req, res) => {
    const body = parse(Login, req.body);
    const address = req.ip ?? 'unknown';
    // Counted before the password is checked, so attempts sent together meet the limit too.
    const attempt = await throttle.attempt(address, body.username);
    const session = await auth
      .login(body.username, body.password, { address, office: body.office })
      .catch(async (err: unknown) => {
        // Only a wrong password is a failed attempt (not a disabled account's right one: ten of
        // those locked the clerk out for 15 minutes after the account was enabled again).
        if (!(err instanceof AppError && err.code === 'unauthorized') || isDisabled(err))
          await attempt.undo();
        throw err;
      });
    await attempt.undo();
    await throttle.succeeded(address, body.username);
    res.cookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.secureCookies ?? false,
      path: '/',
    });
    res.json(session);
  });

  r.post(apiRoute(Endpoints.logout), staff, async (req, res) => {
    const token = tokenOf(req);
    if (token) {
      await auth.logout(token);
      deps.onLogout?.(token);
    }
    // The windows this session worked are free again, and every console sees it.
    await deps.windows?.releaseEnded();
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  r.get(apiRoute(Endpoints.me), staff, (_req, res) => {
    const u = staffOf(res);
    res.json({
      user: {
        id: u.id,
        username: u.username,
        role: u.role,
        name: u.name,
        office: u.officeCode ?? undefined,
      },
    });
  });
}

/** A clerk's window: taking and leaving it, calling tickets to it, pausing and resuming it. */
function mountWindowRoutes(r: Router, deps: ApiDeps, windowStaff: RequestHandler): void {
  const { queue } = deps;

  r.post(apiRoute(Endpoints.takeWindow), windowStaff, async (req, res) => {
    const { office, counter } = parseParams(CounterParams, req);
    const { takeover } = parse(TakeCounter, req.body ?? {});
    const token = tokenOf(req);
    if (!deps.windows || !token) throw new AppError('not_found', `no route POST ${req.path}`);
    const state = await deps.windows.take(
      office,
      counter,
      staffOf(res),
      hashToken(token),
      takeover ?? false,
    );
    res.json({ counter: state });
  });

  r.delete(apiRoute(Endpoints.leaveWindow), windowStaff, async (req, res) => {
    const { office, counter } = parseParams(CounterParams, req);
    if (!deps.windows) throw new AppError('not_found', `no route DELETE ${req.path}`);
    res.json({ counter: await deps.windows.leave(office, counter, staffOf(res)) });
  });

  r.post(apiRoute(Endpoints.callNext), windowStaff, async (req, res) => {
    const { office, counter } = parseParams(CounterParams, req);
    let reason: CallReason | undefined;
    const ticket = await queue.callNext(office, counter, staffOf(res), (r) => (reason = r));
    // `reason` (an addition): why this ticket was chosen, for the clerk.
    res.json(ticket ? { ticket, reason } : { ticket });
  });

  r.post(apiRoute(Endpoints.callTicket), windowStaff, async (req, res) => {
    const { office, counter } = parseParams(CounterParams, req);
    const { ticketId } = parse(CallTicket, req.body);
    res.json({ ticket: await queue.callTicket(office, counter, ticketId, staffOf(res)) });
  });

  r.post(apiRoute(Endpoints.pauseCounter), windowStaff, async (req, res) => {
    const { office, counter } = parseParams(CounterParams, req);
    const { reason } = parse(PauseCounter, req.body);
    res.json({ counter: await queue.setCounterPause(office, counter, reason, staffOf(res)) });
  });

  r.post(apiRoute(Endpoints.resumeCounter), windowStaff, async (req, res) => {
    const { office, counter } = parseParams(CounterParams, req);
    res.json({ counter: await queue.setCounterPause(office, counter, null, staffOf(res)) });
  });
}

/** A clerk's ticket actions: transfer, undo a no-show, recall / start / no-show / complete. */
function mountClerkTicketRoutes(r: Router, deps: ApiDeps, windowStaff: RequestHandler): void {
  r.post(apiRoute(Endpoints.transferTicket), windowStaff, async (req, res) => {
    const { id } = parseParams(TicketParam, req);
    const body = parse(Transfer, req.body);
    res.json({ ticket: await deps.queue.transfer(id, body, staffOf(res)) });
  });

  r.post(apiRoute(Endpoints.undoNoShow), windowStaff, async (req, res) => {
    const { id } = parseParams(TicketParam, req);
    if (!deps.noShowUndo) throw new AppError('not_found', `no route POST ${req.path}`);
    res.json({ ticket: await deps.noShowUndo.undo(id, staffOf(res)) });
  });

  r.post(apiRoute(Endpoints.ticketAction), windowStaff, async (req, res) => {
    const { id } = parseParams(TicketParam, req);
    const action = ActionParam.safeParse(req.params.action);
    if (!action.success) throw new AppError('not_found', `no route POST ${req.path}`);
    res.json({ ticket: await deps.queue.act(id, action.data, staffOf(res)) });
  });
}

/** The refusal of a disabled account's right password (auth-service.ts). */
function isDisabled(err: AppError): boolean {
  return (err.details as { reason?: unknown } | undefined)?.reason === 'account_disabled';
}
