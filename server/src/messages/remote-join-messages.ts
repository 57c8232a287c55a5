/** A remote join's one-time code through the outbox: the booking code's template, sent at once. */
import type { Transaction } from 'sequelize';
import type { Language } from '../../protocol';
import type { RemoteJoinNotifier } from '../bookings/remote-join';
import type { Outbox } from './outbox';

export class RemoteJoinMessages implements RemoteJoinNotifier {
  constructor(private readonly outbox: Outbox) {}

  async joinCode(
    t: Transaction,
    m: { officeCode: string; phone: string; language: Language; otp: string; join: string },
  ): Promise<void> {
    const now = this.outbox.now();
    const values = { code: m.otp, booking: m.join };
    await this.outbox.queueTable.insert(
      {
        officeCode: m.officeCode,
        channel: 'sms',
        to: m.phone,
        template: 'booking_code',
        language: m.language,
        text: await this.outbox.render(m.officeCode, 'booking_code', m.language, values, t),
        dedupeKey: `j:${m.officeCode}:${m.join}:code`,
        nextAttemptAt: now,
      },
      now,
      t,
    );
    t.afterCommit(() => this.outbox.kick());
  }
}

/** The remote-join notifier: the given one (tests), or the outbox's when it has an SMS channel. */
export function remoteJoinNotifier(
  outbox: Outbox,
  given: RemoteJoinNotifier | undefined,
): RemoteJoinNotifier | undefined {
  return given ?? (outbox.channels().sms ? new RemoteJoinMessages(outbox) : undefined);
}
