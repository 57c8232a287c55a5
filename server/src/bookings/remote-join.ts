/**
 * Remote join (issue #19): a citizen takes today's ticket from the phone after a one-time code by
 * SMS, when the office allows it, up to a cap per office day. The ticket is issued through the
 * queue's own issue path (displays, counters and messages see it as any ticket), marked `remote`.
 * Each confirmation takes the office day's lock row inside the ticket's transaction and counts the
 * day's confirmed joins there, so the cap holds however many confirm at once, on any node.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import { wrongCode } from '../../protocol/booking-rules';
import {
  isOpenAt,
  nextOpening,
  type Language,
  type Service,
  type StaffTicket,
} from '../../protocol';
import type {
  CreateRemoteJoin,
  RemoteJoin,
  RemoteJoinAvailability,
  RemoteJoinSettings,
  RemoteJoinTicket,
} from '../../protocol/remote-join';
import {
  RemoteJoinRepository,
  type RemoteJoinRecord,
} from '../../../db/repositories/remote-join-repository';
import { isUniqueViolation } from '../../../db/repositories/queue-repository';
import type { OfficeRecord } from '../../../db/records';
import type { Database } from '../../../db/database';
import type { QueueService } from '../queue/queue-service';
import type { AdmitBooking } from '../queue/ticket-issuer';
import { officeDay } from '../queue/office-day';
import { toPublicTicket } from '../queue/ticket-dto';
import { AppError, notFound } from '../errors';
import { otpHash, randomDigits, sameHash, sha256, wrongCodeRefusal } from './one-time-code';

/** Sends a remote join's one-time code: an outbox row in the join's own transaction. */
export interface RemoteJoinNotifier {
  joinCode(
    t: Transaction,
    m: { officeCode: string; phone: string; language: Language; otp: string; join: string },
  ): Promise<void>;
}

export interface RemoteJoinDeps {
  db: Database;
  queue: Pick<QueueService, 'issue' | 'getTicket' | 'getOffice' | 'listServices' | 'holderKey'>;
  /** Without one nobody can join (the code could not reach the citizen). */
  notifier?: RemoteJoinNotifier;
  now?: () => Date;
}

/** Thrown inside the ticket's transaction when another confirmation of the join committed first. */
class AlreadyJoined extends Error {
  constructor(readonly ticketId: string) {
    super('already joined');
  }
}

export class RemoteJoinService {
  private readonly repo: RemoteJoinRepository;
  private readonly now: () => Date;

  constructor(private readonly deps: RemoteJoinDeps) {
    this.repo = new RemoteJoinRepository(deps.db);
    this.now = deps.now ?? (() => new Date());
  }

  /** The office's setting (off until an administrator sets it). */
  async settings(officeCode: string): Promise<RemoteJoinSettings> {
    await this.deps.queue.getOffice(officeCode);
    return this.repo.settings(officeCode);
  }

  async setSettings(officeCode: string, s: RemoteJoinSettings): Promise<void> {
    await this.deps.queue.getOffice(officeCode);
    await this.repo.transaction((t) => this.repo.setSettings(officeCode, s, this.now(), t));
  }

  /**
   * What the join page asks first (public): off, or on with today's places left under the cap. Read
   * outside any transaction (SQLite's would take its one writer for a public read); a join that
   * commits meanwhile is refused by the cap itself, which counts under the day's lock row.
   */
  async availability(officeCode: string): Promise<RemoteJoinAvailability> {
    const office = await this.deps.queue.getOffice(officeCode);
    const settings = await this.repo.settings(officeCode);
    if (!settings.enabled) return { enabled: false, left: null };
    const taken = await this.repo.confirmedOn(officeCode, officeDay(this.now(), office.timeZone));
    return { enabled: true, left: Math.max(0, settings.dailyCap - taken) };
  }

  /** Remote tickets handed out today: what the cap counts. */
  async confirmedToday(officeCode: string): Promise<number> {
    const office = await this.deps.queue.getOffice(officeCode);
    const day = officeDay(this.now(), office.timeZone);
    return this.repo.transaction((t) => this.repo.confirmedOn(officeCode, day, t));
  }

  /**
   * A pending join and its code by SMS. Off: 409 `remote_join_off`; the day's cap reached: 409
   * `remote_join_full`; closed now: 409 `office_closed`, as the kiosk answers; the phone holds a
   * waiting ticket today: 409 `conflict`.
   */
  async create(officeCode: string, req: CreateRemoteJoin): Promise<RemoteJoin> {
    const office = await this.deps.queue.getOffice(officeCode);
    const services = await this.deps.queue.listServices(officeCode);
    const service = services.find((s) => s.code === req.service);
    if (!service) throw notFound(`service ${req.service}`);
    // Before any code is sent: a closed service could only be refused at the confirmation.
    assertServiceOpen(service);
    const notifier = this.deps.notifier;
    if (!notifier) throw new AppError('unavailable', 'remote join needs an SMS channel (SMS_URL)');
    const now = this.now();
    assertOpen(office, now);
    const day = officeDay(now, office.timeZone);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.repo.transaction(async (t) => {
          await this.repo.lock([phoneKey(officeCode, day, req.phone)], t);
          await this.assertRoom(officeCode, day, req.phone, t);
          const otp = randomDigits(6);
          const record: RemoteJoinRecord = {
            id: randomUUID(),
            officeCode,
            code: randomDigits(8, true),
            serviceCode: req.service,
            day,
            phone: req.phone,
            language: req.language,
            status: 'pending',
            otpHash: '',
            otpAttempts: 0,
            ticketId: null,
            createdAt: now,
          };
          record.otpHash = otpHash(record.id, otp);
          await this.repo.insert(record, t);
          await notifier.joinCode(t, { ...req, officeCode, otp, join: record.code });
          return toJoin(record);
        });
      } catch (err) {
        // Two joins drew the same code: draw again (a new transaction).
        if (!isUniqueViolation(err) || attempt >= 3) throw err;
      }
    }
  }

  /**
   * Confirms a join with its code: the ticket (`created: false` when it was confirmed before) and
   * when to come. A wrong code 400; the fifth wrong code cancels the join (409 `cancelled`).
   */
  async confirm(
    officeCode: string,
    code: string,
    otp: string,
  ): Promise<RemoteJoinTicket & { created: boolean }> {
    await this.deps.queue.getOffice(officeCode);
    const checked = await this.checkCode(officeCode, code, otp);
    if (checked.ticketId) return this.answer(checked, checked.ticketId, false);
    const services = await this.deps.queue.listServices(officeCode);
    const service = services.find((s) => s.code === checked.serviceCode);
    if (service) assertServiceOpen(service);
    const admit: AdmitBooking = (t, ticket) => this.admit(t, officeCode, code, ticket);
    try {
      const issued = await this.deps.queue.issue(
        officeCode,
        {
          service: checked.serviceCode,
          language: checked.language as Language,
          phone: checked.phone,
        },
        undefined,
        { kind: 'citizen' },
        admit,
      );
      return this.answer({ ...checked, status: 'confirmed' }, issued.ticket.id, true);
    } catch (err) {
      if (err instanceof AlreadyJoined) return this.answer(checked, err.ticketId, false);
      throw err;
    }
  }

  /** Checks the code in a transaction of its own, so a wrong guess counts even when refused. */
  private async checkCode(
    officeCode: string,
    code: string,
    otp: string,
  ): Promise<RemoteJoinRecord> {
    type Outcome = { join: RemoteJoinRecord; refused?: undefined } | { refused: AppError };
    const outcome = await this.repo.transaction(async (t): Promise<Outcome> => {
      const j = await this.repo.findByCode(officeCode, code, t, true);
      if (!j) throw notFound('remote join');
      if (j.status === 'confirmed') return { join: j };
      if (j.status !== 'pending')
        throw new AppError('conflict', `the join is ${j.status}`, { reason: j.status });
      if (j.otpHash && sameHash(j.otpHash, otpHash(j.id, otp))) return { join: j };
      const wrong = wrongCode(j.otpAttempts);
      await this.repo.update(
        j.id,
        wrong.cancel
          ? { otpAttempts: wrong.attempts, status: 'cancelled', ended: this.now() }
          : { otpAttempts: wrong.attempts },
        t,
      );
      // The count is committed; the answer is an error all the same.
      return { refused: wrongCodeRefusal(wrong, 'join') };
    });
    if (outcome.refused) throw outcome.refused;
    return outcome.join;
  }

  /** Inside the ticket's transaction: the join's row, then the day's lock row, then the cap. */
  private async admit(
    t: Transaction,
    officeCode: string,
    code: string,
    ticket: { id: string; now: Date; office: OfficeRecord },
  ): ReturnType<AdmitBooking> {
    const j = await this.repo.findByCode(officeCode, code, t, true);
    if (j?.status === 'confirmed' && j.ticketId) throw new AlreadyJoined(j.ticketId);
    if (!j || j.status !== 'pending') throw notFound('remote join');
    const day = officeDay(ticket.now, ticket.office.timeZone);
    if (j.day !== day)
      throw new AppError('conflict', 'the join was for another day', { reason: 'expired' });
    await this.repo.lock([dayKey(officeCode, day), phoneKey(officeCode, day, j.phone)], t);
    await this.assertRoom(officeCode, day, j.phone, t);
    await this.repo.update(
      j.id,
      { status: 'confirmed', ticketId: ticket.id, ended: ticket.now },
      t,
    );
    return { queueTime: ticket.now, appointmentCode: null, remote: true };
  }

  /** Refuses when remote join is off, the day's cap is reached or the phone already waits. */
  private async assertRoom(
    officeCode: string,
    day: string,
    phone: string,
    t: Transaction,
  ): Promise<void> {
    const settings = await this.repo.settings(officeCode, t);
    if (!settings.enabled) {
      throw new AppError('conflict', 'this office does not take remote joins', {
        reason: 'remote_join_off',
      });
    }
    if ((await this.repo.confirmedOn(officeCode, day, t)) >= settings.dailyCap) {
      throw new AppError('conflict', 'today’s remote places are all taken: come to the kiosk', {
        reason: 'remote_join_full',
        cap: settings.dailyCap,
      });
    }
    if (await this.repo.phoneWaiting(officeCode, day, phone, t)) {
      throw new AppError('conflict', 'this phone already holds a waiting ticket today', {
        reason: 'phone_has_ticket',
      });
    }
  }

  private async answer(
    j: RemoteJoinRecord,
    ticketId: string,
    created: boolean,
  ): Promise<RemoteJoinTicket & { created: boolean }> {
    const ticket: StaffTicket = await this.deps.queue.getTicket(ticketId);
    const wait = ticket.status === 'waiting' ? (ticket.estimatedWaitMinutes ?? 0) : 0;
    return {
      join: { ...toJoin({ ...j, status: 'confirmed' }), ticket: ticketId },
      ticket: toPublicTicket(ticket),
      comeBy: new Date(this.now().getTime() + wait * 60_000).toISOString(),
      holderKey: await this.deps.queue.holderKey(ticketId),
      created,
    };
  }
}

/** Outside the opening hours nobody joins: the kiosk's own refusal. */
function assertOpen(office: OfficeRecord, now: Date): void {
  if (isOpenAt(office.openingHours, now, office.timeZone)) return;
  const next = nextOpening(office.openingHours, now, office.timeZone);
  throw new AppError('conflict', 'the office is closed now', {
    reason: 'office_closed',
    ...(next ? { opens: next } : {}),
  });
}

/**
 * A service closed by the office (or called by no window) takes nobody: 409 `service_closed`, with
 * the office's reason in each language it gave (`closedReasons`), for the page to say.
 */
function assertServiceOpen(service: Service): void {
  if (service.open) return;
  throw new AppError('conflict', `service ${service.code} is closed now`, {
    reason: 'service_closed',
    ...(service.closedReasons ? { closedReasons: service.closedReasons } : {}),
  });
}

function toJoin(j: RemoteJoinRecord): RemoteJoin {
  const out: RemoteJoin = { code: j.code, service: j.serviceCode, status: j.status };
  if (j.ticketId) out.ticket = j.ticketId;
  return out;
}

function dayKey(officeCode: string, day: string): string {
  return `remote:${officeCode}:${day}`;
}

function phoneKey(officeCode: string, day: string, phone: string): string {
  return `remote-phone:${officeCode}:${day}:${sha256(phone).slice(0, 32)}`;
}
