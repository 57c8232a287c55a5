/** REST routes of the live queue (CONTRACT §4): thin — parse, call one service, answer. */
import { Router } from 'express';
import { apiRoute, Endpoints } from '../../protocol/endpoints';
import { z } from 'zod';
import {
  DEVICE_TOKEN_HEADER,
  IDEMPOTENCY_HEADER,
  IdempotencyKey,
  IssueTicket,
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
import type { PrintQueue, PrintStatus } from '../printing/print-queue';
import { hashToken, type AuthService } from '../auth/auth-service';
import type { CounterSessionService } from '../queue/counter-session-service';
import type { NoShowUndo } from '../queue/no-show-undo';
import { toPublicTicket, withAppointment } from '../queue/ticket-dto';
import { CheckInBooking } from '../../protocol/bookings';
import type { CheckInService } from '../bookings/check-in';
import { AppError, forbidden } from '../errors';
import { parse, parseParams } from './errors';
import { requireStaff, staffOf, tokenOf } from './auth-middleware';
import type { Database } from '../../../db/database';
import { LoginThrottle } from '../security/login-throttle';
import { MemoryRateStore, type RateStore } from '../security/rate-store';

export interface ApiDeps {
  db: Database;
  queue: QueueService;
  auth: AuthService;
  /** Failed logins allowed per address, and per username, per 15 minutes. */
  loginAttempts?: number;
  /** Where rate-limit counts live (Redis when several nodes share them); default this process. */
  rates?: RateStore;
  /** The print queue (tickets of kiosks with a printer). */
  print?: PrintQueue;
  /** Tickets one address (or one kiosk code) may take in open mode (ISSUE_RATE). */
  issueRate?: IssueRate;
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
  const { queue, auth } = deps;
  const r = Router();
  const staff = requireStaff(auth);
  // Windows are worked by clerks (and admins standing in); the back office has no window.
  const windowStaff = requireStaff(auth, ['clerk', 'admin']);

  r.get(apiRoute(Endpoints.health), async (_req, res) => {
    if (await deps.db.ping()) {
      res.json({ status: 'ok' });
    } else {
      res
        .status(503)
        .json({ error: { code: 'unavailable', message: 'the database does not answer' } });
    }
  });

  // ---- public (kiosk) ----

  r.get(apiRoute(Endpoints.office), async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    res.json({ office: await queue.officeInfo(office) });
  });

  r.get(apiRoute(Endpoints.services), async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    res.json(await queue.listServices(office));
  });

  const rates = deps.rates ?? new MemoryRateStore();
  const issueRate = deps.issueRate ?? DEFAULT_ISSUE_RATE;

  r.post(apiRoute(Endpoints.issueTicket), async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    const booked = typeof req.body === 'object' && req.body !== null && 'booking' in req.body;
    let body = booked ? parse(CheckInBooking, req.body) : parse(IssueTicket, req.body);
    const address = req.ip ?? 'unknown';
    if ((await queue.getOffice(office)).requireDevices) {
      // Only a paired kiosk issues tickets here, and under its own code.
      const device = await auth.authenticateDevice(office, 'kiosk', req.get(DEVICE_TOKEN_HEADER));
      if (body.kiosk !== undefined && body.kiosk !== device.code) {
        throw forbidden(`this device is paired as kiosk ${device.code}, not ${body.kiosk}`);
      }
      body = { ...body, kiosk: device.code };
    } else {
      // Open mode: anyone may issue, at a pace no real kiosk reaches (per address and per kiosk).
      await takeIssue(rates, issueRate, `issue:ip:${address}`);
      if (body.kiosk !== undefined)
        await takeIssue(rates, issueRate, `issue:kiosk:${office}:${body.kiosk}`);
    }
    const rawKey = req.get(IDEMPOTENCY_HEADER);
    const key = rawKey === undefined ? undefined : parse(IdempotencyKey, rawKey);
    const actor = { kind: 'kiosk' as const, code: body.kiosk ?? null };
    if ('booking' in body) {
      const [code, answer] = await checkInBooking(deps, rates, address, office, body, key, actor);
      res.status(code).json(answer);
      return;
    }
    if (body.caseNumber !== undefined) await refuseCaseGuesser(rates, address, body.caseNumber);
    // The paper's QR is built from PUBLIC_URL at print time, never from this request's Host.
    const issued = await queue.issue(office, body, key, actor).catch(async (err: unknown) => {
      if (body.caseNumber !== undefined && err instanceof AppError && err.code === 'not_found') {
        await countCaseMiss(rates, address, body.caseNumber);
      }
      throw err;
    });
    // A new job is tried at once (the kiosk says "take your ticket"); a repeated request reports it.
    const status: PrintStatus = !deps.print
      ? 'none'
      : issued.printJobId !== undefined
        ? await deps.print.printNow(issued.printJobId)
        : // A new ticket without a job has none; a repeated request reports the first one's.
          issued.created
          ? 'none'
          : await deps.print.statusOf(issued.ticket.id);
    res
      .status(issued.created ? 201 : 200)
      .json({ ticket: toPublicTicket(issued.ticket), print: { status } });
  });

  r.get(apiRoute(Endpoints.ticket), async (req, res) => {
    const { id } = parseParams(TicketParam, req);
    res.json({ ticket: toPublicTicket(await queue.getTicket(id)) });
  });

  // ---- staff ----

  const throttle = new LoginThrottle(rates, deps.loginAttempts ?? 10);

  r.post(apiRoute(Endpoints.login), async (req, res) => {
    const body = parse(Login, req.body);
    const address = req.ip ?? 'unknown';
    await throttle.check(address, body.username);
    const session = await auth
      .login(body.username, body.password, { address })
      .catch(async (err: unknown) => {
        if (err instanceof AppError && err.code === 'unauthorized') {
          await throttle.failed(address, body.username);
        }
        throw err;
      });
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

  r.post(apiRoute(Endpoints.transferTicket), windowStaff, async (req, res) => {
    const { id } = parseParams(TicketParam, req);
    const body = parse(Transfer, req.body);
    res.json({ ticket: await queue.transfer(id, body, staffOf(res)) });
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
    res.json({ ticket: await queue.act(id, action.data, staffOf(res)) });
  });

  r.get(apiRoute(Endpoints.queue), staff, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    res.json(await queue.snapshot(office));
  });

  return r;
}

/** One ticket per `intervalMs` on average, with bursts of `burst` (a family at the kiosk). */
export interface IssueRate {
  intervalMs: number;
  burst: number;
}

const DEFAULT_ISSUE_RATE: IssueRate = { intervalMs: 2000, burst: 20 };

async function takeIssue(rates: RateStore, rate: IssueRate, key: string): Promise<void> {
  const waitMs = await rates.take(key, rate.intervalMs, rate.burst);
  if (waitMs > 0) {
    throw new AppError('rate_limited', 'too many tickets from here; wait a moment', {
      retryAfterSeconds: Math.ceil(waitMs / 1000),
    });
  }
}

// Guessing pickup codes: a few misses per case number, and per address, then a pause.
const CASE_MISS_WINDOW_MS = 15 * 60_000;
const CASE_MISSES_PER_ADDRESS = 20;
const CASE_MISSES_PER_CASE = 5;

function caseKey(caseNumber: string): string {
  return `case:number:${caseNumber.trim().toUpperCase().slice(0, 40)}`;
}

async function refuseCaseGuesser(
  rates: RateStore,
  address: string,
  caseNumber: string,
): Promise<void> {
  const [byAddress, byCase] = await Promise.all([
    rates.count(`case:ip:${address}`),
    rates.count(caseKey(caseNumber)),
  ]);
  if (byAddress >= CASE_MISSES_PER_ADDRESS || byCase >= CASE_MISSES_PER_CASE) {
    throw new AppError(
      'rate_limited',
      'too many wrong case numbers or codes; ask at the information desk',
    );
  }
}

async function countCaseMiss(rates: RateStore, address: string, caseNumber: string): Promise<void> {
  await Promise.all([
    rates.increment(`case:ip:${address}`, CASE_MISS_WINDOW_MS),
    rates.increment(caseKey(caseNumber), CASE_MISS_WINDOW_MS),
  ]);
}

// Guessing booking codes: a few misses per address, then a pause (as for case numbers).
const BOOKING_MISSES_PER_ADDRESS = 20;

/**
 * `{booking}`: checks the booking in (bookings/check-in.ts). Answers 201 `{ticket, print}` (the
 * ticket with `appointment`), `late: true` when the window had closed (an ordinary ticket), and 200
 * with the same ticket when the booking had checked in before.
 */
async function checkInBooking(
  deps: ApiDeps,
  rates: RateStore,
  address: string,
  office: string,
  body: CheckInBooking,
  key: string | undefined,
  actor: { kind: 'kiosk'; code: string | null },
): Promise<[number, unknown]> {
  if (!deps.checkIn) throw new AppError('not_found', 'this server takes no bookings');
  if ((await rates.count(`booking:ip:${address}`)) >= BOOKING_MISSES_PER_ADDRESS) {
    throw new AppError('rate_limited', 'too many wrong booking codes; ask at the information desk');
  }
  const done = await deps.checkIn.checkIn(office, body, key, actor).catch(async (err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') {
      await rates.increment(`booking:ip:${address}`, CASE_MISS_WINDOW_MS);
    }
    throw err;
  });
  const status: PrintStatus = !deps.print
    ? 'none'
    : done.printJobId !== undefined
      ? await deps.print.printNow(done.printJobId)
      : await deps.print.statusOf(done.ticket.id);
  const answer = {
    ticket: withAppointment(done.ticket),
    print: { status },
    ...(done.late ? { late: true } : {}),
  };
  return [done.created ? 201 : 200, answer];
}
