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
    const values = { code: m.otp, booking: m.join };
    const dedupeKey = `j:${m.officeCode}:${m.join}:code`;
    await this.outbox.enqueueDirect(t, m, 'booking_code', dedupeKey, values);
  }
}

/** The remote-join notifier: the given one (tests), or the outbox's when it has an SMS channel. */
export function remoteJoinNotifier(
  outbox: Outbox,
  given: RemoteJoinNotifier | undefined,
): RemoteJoinNotifier | undefined {
  return given ?? (outbox.channels().sms ? new RemoteJoinMessages(outbox) : undefined);
}
