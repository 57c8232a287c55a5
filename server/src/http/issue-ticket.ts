/**
 * The kiosk's ticket issuing (`POST …/tickets`, CONTRACT §4), mounted by api-router.ts: who may
 * issue (a paired kiosk, or anyone at a kiosk's pace), the limits on guessing case numbers and
 * booking codes, and the print status the kiosk shows.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { DEVICE_TOKEN_HEADER, IssueTicket, OfficeCode } from '../../protocol';
import { CheckInBooking } from '../../protocol/bookings';
import type { StaffTicket } from '../../protocol';
import type { AuthService } from '../auth/auth-service';
import type { CheckInService } from '../bookings/check-in';
import { AppError, forbidden } from '../errors';
import type { NewPrintJob, PrintQueue, PrintStatus } from '../printing/print-queue';
import type { QueueService } from '../queue/queue-service';
import { toPublicTicket, withAppointment } from '../queue/ticket-dto';
import { countTry, type RateStore } from '../security/rate-store';
import { parse, parseParams } from './errors';
import { requestKey } from './request-key';
import { NO_ISSUE_LIMIT, issueLimitHeaders, type IssuePace, type IssueRate } from './issue-pace';

const OfficeParam = z.object({ office: OfficeCode });

/** What issuing takes of the API's dependencies (ApiDeps, which documents them). */
export interface TicketIssueDeps {
  queue: QueueService;
  auth: AuthService;
  print?: PrintQueue;
  issueRate?: IssueRate;
  checkIn?: CheckInService;
  /** Addresses past their pace, refused at the door from then on (shed-overload.ts). */
  issuePace?: IssuePace;
}

/**
 * `{service}` (or `{booking}`, checked in instead): a paired kiosk's ticket, or in open mode
 * anyone's, paced per address and per kiosk. Answers 201 `{ticket, print}`, 200 for a repeat.
 */
export async function issueTicket(
  deps: TicketIssueDeps,
  rates: RateStore,
  req: Request,
  res: Response,
): Promise<void> {
  const { office } = parseParams(OfficeParam, req);
  const booked = typeof req.body === 'object' && req.body !== null && 'booking' in req.body;
  const parsed = booked ? parse(CheckInBooking, req.body) : parse(IssueTicket, req.body);
  const address = req.ip ?? 'unknown';
  const rate = deps.issueRate ?? DEFAULT_ISSUE_RATE;
  const { body, paired } = await admitIssuer(
    deps,
    rates,
    office,
    req.get(DEVICE_TOKEN_HEADER),
    address,
    parsed,
  ).catch((err: unknown) => {
    const details =
      err instanceof AppError && err.code === 'rate_limited' ? err.details : undefined;
    const seconds = (details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (seconds !== undefined) issueLimitHeaders(res, rate, seconds * 1000);
    throw err;
  });
  const key = requestKey(req);
  const actor = { kind: 'kiosk' as const, code: body.kiosk ?? null };
  if ('booking' in body) {
    const [code, answer] = await checkInBooking(deps, rates, address, office, body, key, actor);
    res.status(code).json(answer);
    return;
  }
  // Where only paired kiosks issue, guesses are counted per kiosk: the kiosks of an office may all
  // stand behind one address (its NAT), and one kiosk's misses must not close the others.
  const guesser: CaseGuesser = paired
    ? { key: `kiosk:${office}:${body.kiosk ?? ''}`, perAll: CASE_MISSES_PER_KIOSK }
    : { key: `ip:${address}`, perAll: CASE_MISSES_PER_ADDRESS };
  const caseTry =
    body.caseNumber === undefined ? undefined : await takeCaseTry(rates, guesser, body.caseNumber);
  // The paper's QR is built from PUBLIC_URL at print time, never from this request's Host.
  const issued = await deps.queue.issue(office, body, key, actor).catch(async (err: unknown) => {
    if (!(err instanceof AppError && err.code === 'not_found')) await caseTry?.undo();
    throw err;
  });
  await caseTry?.undo();
  const status = await issuedPrintStatus(deps.print, issued);
  const holderKey = await deps.queue.holderKey(issued.ticket.id);
  res
    .status(issued.created ? 201 : 200)
    .json({ ticket: toPublicTicket(issued.ticket), print: { status }, holderKey });
}

/**
 * Who may issue: with `requireDevices` only a paired kiosk, under its own code (the body's kiosk
 * becomes the device's; `paired`); otherwise anyone, at a pace no real kiosk reaches.
 */
async function admitIssuer<Body extends IssueTicket | CheckInBooking>(
  deps: TicketIssueDeps,
  rates: RateStore,
  office: string,
  deviceToken: string | undefined,
  address: string,
  body: Body,
): Promise<{ body: Body; paired: boolean }> {
  if ((await deps.queue.getOffice(office)).requireDevices) {
    // Only a paired kiosk issues tickets here, and under its own code.
    const device = await deps.auth.authenticateDevice(office, 'kiosk', deviceToken);
    if (body.kiosk !== undefined && body.kiosk !== device.code) {
      throw forbidden(`this device is paired as kiosk ${device.code}, not ${body.kiosk}`);
    }
    return { body: { ...body, kiosk: device.code }, paired: true };
  }
  // Open mode: anyone may issue, at a pace no real kiosk reaches, per address. Not per kiosk code:
  // here the code is a claim anyone can make, and counting it let a stranger naming K1 use up K1's
  // pace and stop the real K1 (pairing, `requireDevices`, makes the code an identity).
  await takeIssue(rates, deps.issueRate ?? DEFAULT_ISSUE_RATE, [`issue:ip:${address}`], (ms) =>
    deps.issuePace?.hold(address, ms),
  );
  // A ticket with a phone sends an SMS the office pays for, to any number the caller names.
  if ('phone' in body && body.phone !== undefined && deps.issueRate !== NO_ISSUE_LIMIT)
    await takeIssue(rates, PHONE_ISSUE_RATE, [`issue-phone:ip:${address}`]);
  return { body, paired: false };
}

/** A new job is tried at once (the kiosk says "take your ticket"); a repeat reports it. */
async function issuedPrintStatus(
  print: PrintQueue | undefined,
  issued: { ticket: StaffTicket; created: boolean; printJob?: NewPrintJob },
): Promise<PrintStatus> {
  if (!print) return 'none';
  if (issued.printJob !== undefined) {
    return print.printNow({ ...issued.printJob, ticket: issued.ticket });
  }
  // A new ticket without a job has none; a repeated request reports the first one's.
  return issued.created ? 'none' : print.statusOf(issued.ticket.id);
}

export type { IssueRate };

export const DEFAULT_ISSUE_RATE: IssueRate = { intervalMs: 2000, burst: 20 };

/**
 * Open-mode tickets with a phone, per address: 20 at once, then one per 20 s (a kiosk's hall in
 * a rush asks for SMS about every other ticket; a stranger naming numbers sent 1,800 an hour from
 * one laptop at the ticket pace, the office's daily 5,000 gone in under three hours). Paired kiosks
 * have no such limit.
 */
const PHONE_ISSUE_RATE: IssueRate = { intervalMs: 20_000, burst: 20 };

async function takeIssue(
  rates: RateStore,
  rate: IssueRate,
  keys: string[],
  refused?: (waitMs: number) => void,
): Promise<void> {
  const waitMs = await rates.takeAll(keys, rate.intervalMs, rate.burst);
  if (waitMs > 0) {
    refused?.(waitMs);
    throw new AppError('rate_limited', 'too many tickets from here; wait a moment', {
      retryAfterSeconds: Math.ceil(waitMs / 1000),
    });
  }
}

// Guessing pickup codes: a few misses per case from one address, more per address over all cases
// and per case over all addresses, then a pause. Case numbers are sequential, so a stranger can
// name anyone's case: their misses must not lock its citizen out (5 from their address do not; it
// takes 50 in 15 minutes, from at least 10 addresses), while a six-digit code guessed at 50 tries
// per 15 minutes takes about 100 days on average. Where only paired kiosks issue, a kiosk stands
// for an address (its hall's mistypes counted apart from the other kiosks').
const CASE_MISS_WINDOW_MS = 15 * 60_000;
const CASE_MISSES_PER_ADDRESS = 20;
// A paired kiosk serves a whole hall: its citizens' mistypes over all cases add up faster.
const CASE_MISSES_PER_KIOSK = 60;
const CASE_MISSES_PER_CASE_AND_ADDRESS = 5;
const CASE_MISSES_PER_CASE = 50;

function caseKey(caseNumber: string): string {
  return `case:number:${caseNumber.trim().toUpperCase().slice(0, 40)}`;
}

/** Whose misses are counted (an address, or a paired kiosk) and how many over all cases. */
interface CaseGuesser {
  key: string;
  perAll: number;
}

/**
 * Counts a try at a case number as a miss before the case is looked up, and refuses it (not
 * counted) over any limit: counted after the lookup, 20 guesses sent at once all passed a limit
 * of 5. A try that matched, or failed for another reason, is taken back (`undo`).
 */
async function takeCaseTry(
  rates: RateStore,
  guesser: CaseGuesser,
  caseNumber: string,
): Promise<{ undo: () => Promise<void> }> {
  const keys = [
    `case:${guesser.key}`,
    `${caseKey(caseNumber)}:${guesser.key}`,
    caseKey(caseNumber),
  ];
  const { counts, undo } = await countTry(rates, keys, CASE_MISS_WINDOW_MS);
  const [byGuesser, byCaseHere, byCase] = counts;
  if (
    byGuesser! > guesser.perAll ||
    byCaseHere! > CASE_MISSES_PER_CASE_AND_ADDRESS ||
    byCase! > CASE_MISSES_PER_CASE
  ) {
    await undo();
    throw new AppError(
      'rate_limited',
      'too many wrong case numbers or codes; ask at the information desk',
    );
  }
  return { undo };
}

// Guessing booking codes: a few misses per address, then a pause (as for case numbers).
const BOOKING_MISSES_PER_ADDRESS = 20;

/**
 * `{booking}`: checks the booking in (bookings/check-in.ts). Answers 201 `{ticket, print}` (the
 * ticket with `appointment`), `late: true` when the window had closed (an ordinary ticket), and 200
 * with the same ticket when the booking had checked in before.
 */
async function checkInBooking(
  deps: TicketIssueDeps,
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
    : done.printJob !== undefined
      ? await deps.print.printNow({ ...done.printJob, ticket: done.ticket })
      : await deps.print.statusOf(done.ticket.id);
  const answer = {
    ticket: withAppointment(done.ticket),
    print: { status },
    holderKey: await deps.queue.holderKey(done.ticket.id),
    ...(done.late ? { late: true } : {}),
  };
  return [done.created ? 201 : 200, answer];
}
