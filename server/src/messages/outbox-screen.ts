/**
 * The screen a claimed batch passes before anything is sent: a message whose office day closed
 * expires, one to an address that opted out fails, a case message waits out the quiet hours, and
 * the daily caps (per number, per office) hold the rest back; what passes goes to its gateway.
 */
import type { MessageSettings } from '../../protocol';
import type { OutboxOutcome, OutboxRecord } from '../../../db/repositories/outbox-records';
import type { AddressCap, OutboxTable } from '../../../db/repositories/outbox-table';
import type { Channel } from './channel';
import { officeDayEnd, officeDayStart, quietHoursEnd } from './rules';

/** What the screen reads of the world. */
export interface ScreenLookups {
  tables: OutboxTable[];
  officeTimeZone(officeCode: string): Promise<string>;
  settings(officeCode: string): Promise<MessageSettings>;
  optedOut(addresses: string[]): Promise<Set<string>>;
  channel(kind: OutboxRecord['channel']): Channel | undefined;
}

/** A message cleared to go, with its gateway and the per-number cap it is flagged under. */
export interface ReadyMessage {
  m: OutboxRecord;
  channel: Channel;
  cap: AddressCap;
}

/** What the worker knows of an office while it sends one batch. */
interface OfficeContext {
  tz: string;
  settings: MessageSettings;
  /** When the office day began (the caps count from it). */
  dayStart: Date;
  /** Messages of the office day sent or under way (the daily cap). */
  sentToday: number;
  /** The same per phone number and kind ({@link capKey}), for the numbers of this batch. */
  byAddress: Map<string, number>;
}

/**
 * One-time codes (a booking's, a remote join's): anyone can have one sent to any number, so they
 * are capped per number apart from the notices the citizen asked for (turn, case, booking). Counted
 * together, a stranger's 25 bookings for a phone used up its daily cap, and its citizen's own
 * ticket messages were refused that day.
 */
const CODE_TEMPLATES: readonly string[] = ['booking_code'];

type CapKind = 'code' | 'notice';

/** The kind of per-number count a message falls under. */
function capKind(template: string): CapKind {
  return CODE_TEMPLATES.includes(template) ? 'code' : 'notice';
}

/** The per-number count a message falls under: its kind and number. */
function capKey(to: string, template: string): string {
  return `${capKind(template)}:${to}`;
}

/** Splits a claimed batch into messages to send now and those settled otherwise. */
export async function screenBatch(
  batch: OutboxRecord[],
  now: Date,
  look: ScreenLookups,
): Promise<{ ready: ReadyMessage[]; settled: OutboxOutcome[] }> {
  const offices = new Map<string, OfficeContext>();
  for (const code of new Set(batch.map((m) => m.officeCode)))
    offices.set(code, await officeContext(code, batch, now, look));
  const optedOut = await look.optedOut(batch.map((m) => m.to));
  const ready: ReadyMessage[] = [];
  const settled: OutboxOutcome[] = [];
  for (const m of batch) {
    const verdict = screenOne(m, offices.get(m.officeCode)!, optedOut.has(m.to), now, look);
    if ('channel' in verdict) ready.push(verdict);
    else settled.push(verdict);
  }
  return { ready, settled };
}

/** The office's settings and what it and the batch's numbers have been sent today. */
async function officeContext(
  code: string,
  batch: OutboxRecord[],
  now: Date,
  look: ScreenLookups,
): Promise<OfficeContext> {
  const [tz, settings] = await Promise.all([look.officeTimeZone(code), look.settings(code)]);
  const dayStart = officeDayStart(now, tz);
  const addresses = batch.filter((m) => m.officeCode === code).map((m) => m.to);
  const byAddress = new Map<string, number>();
  for (const table of look.tables) {
    for (const kind of ['code', 'notice'] as CapKind[]) {
      const only = { of: CODE_TEMPLATES, not: kind === 'notice' };
      for (const [to, n] of await table.countByAddress(addresses, dayStart, only)) {
        byAddress.set(`${kind}:${to}`, (byAddress.get(`${kind}:${to}`) ?? 0) + n);
      }
    }
  }
  // The office's count for its day is read once per batch and kept up to date here.
  let sentToday = 0;
  for (const table of look.tables)
    sentToday += await table.countSince({ officeCode: code }, dayStart);
  return { tz, settings, dayStart, sentToday, byAddress };
}

/** One message's fate: sent now through its gateway, or settled (counted in `ctx` when sent). */
function screenOne(
  m: OutboxRecord,
  ctx: OfficeContext,
  optedOut: boolean,
  now: Date,
  look: ScreenLookups,
): ReadyMessage | OutboxOutcome {
  const fail = (error: string): OutboxOutcome => ({ kind: 'failed', id: m.id, error });
  if (m.expiresAt && m.expiresAt <= now)
    return { kind: 'expired', id: m.id, error: 'the office day closed before it could go' };
  if (optedOut) return fail('the citizen opted out (STOP)');
  if (m.caseNumber !== null) {
    const quiet = { from: ctx.settings.quietFrom, until: ctx.settings.quietUntil };
    const quietEnd = quietHoursEnd(now, ctx.tz, quiet);
    if (quietEnd) return { kind: 'postpone', id: m.id, next: quietEnd };
  }
  const byPhone = ctx.byAddress.get(capKey(m.to, m.template)) ?? 0;
  const capped =
    byPhone >= ctx.settings.dailyCapPhone
      ? 'the daily limit for this number is reached'
      : ctx.sentToday >= ctx.settings.dailyCapOffice
        ? "the office's daily limit is reached"
        : undefined;
  if (capped) {
    // Case messages wait for tomorrow; queue messages are for today only.
    return m.caseNumber !== null
      ? { kind: 'postpone', id: m.id, next: officeDayEnd(now, ctx.tz) }
      : fail(capped);
  }
  const channel = look.channel(m.channel);
  if (!channel) return fail(`no ${m.channel} gateway is configured`);
  ctx.sentToday++;
  ctx.byAddress.set(capKey(m.to, m.template), byPhone + 1);
  // Counted again where it is flagged `sending` (outbox-table.ts), against rounds running beside this.
  const cap: AddressCap = {
    to: m.to,
    since: ctx.dayStart,
    templates: { of: CODE_TEMPLATES, not: capKind(m.template) === 'notice' },
    limit: ctx.settings.dailyCapPhone,
  };
  return { m, channel, cap };
}
