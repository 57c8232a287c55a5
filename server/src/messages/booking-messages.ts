/**
 * An appointment's messages through the outbox: the one-time code and the confirmation, then the
 * reminders of a confirmed booking (README "Reminders"). The reminders are outbox rows written with
 * the confirmation and due later, each under its own dedupe key, so a booking gets each at most
 * once whatever the nodes, retries or repeated confirmations; the outbox's worker sends them when
 * due, like any message. Cancelling or checking in withdraws those still queued, in the same
 * transaction as that change.
 */
import type { Transaction } from 'sequelize';
import type { Language, TemplateKey } from '../../protocol';
import type { Booking } from '../../protocol/bookings';
import { pad2, zonedParts } from '../../protocol/zoned-time';
import { QueueRepository } from '../../../db/repositories/queue-repository';
import { withdrawQueued } from '../../../db/repositories/outbox-withdrawal';
import type { BookingNotifier } from '../bookings/booking-service';
import type { Outbox } from './outbox';
import { reminderTimes, type ReminderKind } from './reminder-times';

const TEMPLATES: Record<ReminderKind, TemplateKey> = {
  day: 'booking_reminder_day',
  hour: 'booking_reminder_hour',
};

/** The dedupe key of a booking's reminder (office and code: a booking code is unique per office). */
export function reminderKey(officeCode: string, code: string, kind: ReminderKind): string {
  return `b:${officeCode}:${code}:remind:${kind}`;
}

/** The booking service's notifier on top of the outbox. */
export class BookingMessages implements BookingNotifier {
  private readonly offices: QueueRepository;

  constructor(private readonly outbox: Outbox) {
    this.offices = new QueueRepository(outbox.queueTable.db);
  }

  /**
   * The one-time code of a new booking, written in the booking's transaction (an office's own
   * wording may name the office and the service: the defaults keep it to one SMS part).
   */
  async code(
    t: Transaction,
    m: { officeCode: string; phone: string; language: Language; otp: string; booking: Booking },
  ): Promise<void> {
    const { names } = await this.where(m, t);
    await this.outbox.enqueueDirect(t, m, 'booking_code', `b:${m.booking.code}:code:${m.otp}`, {
      ...names,
      code: m.otp,
      booking: m.booking.code,
    });
  }

  /**
   * The confirmation now (its code, its time on the office clock and the cancel link), and the
   * reminders of the booking for later.
   */
  async confirmed(
    t: Transaction,
    m: { officeCode: string; phone: string; language: Language; booking: Booking },
  ): Promise<void> {
    const { timeZone, names } = await this.where(m, t);
    const start = new Date(m.booking.start);
    const p = zonedParts(start, timeZone);
    const link = `${this.outbox.publicBase()}/book/?office=${encodeURIComponent(m.officeCode)}&cancel=${m.booking.code}`;
    await this.outbox.enqueueDirect(t, m, 'booking_confirmed', `b:${m.booking.code}:confirmed`, {
      ...names,
      booking: m.booking.code,
      time: `${pad2(p.day)}.${pad2(p.month)} ${pad2(p.hour)}:${pad2(p.minute)}`,
      link,
    });
    const settings = await this.outbox.settings(m.officeCode, t);
    const now = this.outbox.now();
    const time = `${pad2(p.hour)}:${pad2(p.minute)}`;
    const values = { ...names, booking: m.booking.code, time, link };
    const quiet = { from: settings.quietFrom, until: settings.quietUntil };
    for (const r of reminderTimes({ start, confirmedAt: now, timeZone, quiet })) {
      const template = TEMPLATES[r.kind];
      await this.outbox.queueTable.insert(
        {
          officeCode: m.officeCode,
          channel: 'sms',
          to: m.phone,
          template,
          language: m.language,
          text: await this.outbox.render(m.officeCode, template, m.language, values, t),
          dedupeKey: reminderKey(m.officeCode, m.booking.code, r.kind),
          nextAttemptAt: r.at,
          expiresAt: r.expiresAt,
        },
        now,
        t,
      );
    }
  }

  /** The office cancelled the booking: the citizen hears it, with the link to book again. */
  async cancelledByOffice(
    t: Transaction,
    m: { officeCode: string; phone: string; language: Language; booking: Booking },
  ): Promise<void> {
    const { timeZone, names } = await this.where(m, t);
    const p = zonedParts(new Date(m.booking.start), timeZone);
    const values = {
      ...names,
      booking: m.booking.code,
      time: `${pad2(p.day)}.${pad2(p.month)} ${pad2(p.hour)}:${pad2(p.minute)}`,
      link: `${this.outbox.publicBase()}/book/?office=${encodeURIComponent(m.officeCode)}`,
    };
    const dedupeKey = `b:${m.officeCode}:${m.booking.code}:cancelled`;
    await this.outbox.enqueueDirect(t, m, 'booking_cancelled', dedupeKey, values);
  }

  /**
   * Where and what the appointment is, in the citizen's language: the office's and the service's
   * names (a reminder a day later must say which office and which service it is for).
   */
  private async where(
    m: { officeCode: string; language: Language; booking: Booking },
    t: Transaction,
  ): Promise<{ timeZone: string; names: { office: string; service: string } }> {
    const office = await this.offices.findOffice(m.officeCode, t);
    const services = await this.offices.listServices(m.officeCode, t);
    const service = services.find((s) => s.code === m.booking.service);
    return {
      timeZone: office?.timeZone ?? 'Asia/Dushanbe',
      names: {
        office: office?.names[m.language] ?? m.officeCode,
        service: service?.names[m.language] ?? m.booking.service,
      },
    };
  }

  /** Withdraws the booking's reminders that have not gone yet. */
  async withdraw(
    t: Transaction,
    m: { officeCode: string; code: string; reason: string },
  ): Promise<void> {
    const keys = (['day', 'hour'] as const).map((k) => reminderKey(m.officeCode, m.code, k));
    await withdrawQueued(this.outbox.queueTable, keys, `withdrawn: ${m.reason}`, t);
  }
}

/**
 * The notifier bookings use: the one given (tests), else the outbox's when an SMS gateway is set;
 * without one the code could not reach the citizen (SMS_URL=off): no bookings.
 */
export function bookingNotifier(
  outbox: Outbox,
  given: BookingNotifier | undefined,
): BookingNotifier | undefined {
  return given ?? (outbox.channels().sms ? new BookingMessages(outbox) : undefined);
}
