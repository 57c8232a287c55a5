/**
 * The office's booking settings as one change (`PUT …/booking-settings`): the check-in window and
 * remote join, each field left out kept as it was, written in one transaction with its audit row
 * (an administrator's change of them was in no log).
 */
import type { Database } from '../../../db/database';
import { BookingRepository } from '../../../db/repositories/booking-repository';
import { RemoteJoinRepository } from '../../../db/repositories/remote-join-repository';
import {
  RemoteJoinSettings,
  type BookingSettings,
  type BookingSettingsChange,
} from '../../protocol/remote-join';
import type { StaffPrincipal } from '../auth/actor';
import { validationFailed } from '../errors';

/** Applies `change` to the office's settings; answers them as they now are. */
export async function changeBookingSettings(
  db: Database,
  officeCode: string,
  change: BookingSettingsChange,
  admin: StaffPrincipal,
  now: Date,
): Promise<BookingSettings> {
  const bookings = new BookingRepository(db);
  const joins = new RemoteJoinRepository(db);
  return db.transaction(async (t) => {
    const rules = await bookings.checkInRules(officeCode, t);
    const before: BookingSettings = { ...rules, remoteJoin: await joins.settings(officeCode, t) };
    const { remoteJoin, ...bounds } = change;
    const after: BookingSettings = {
      ...before,
      ...bounds,
      remoteJoin: { ...before.remoteJoin!, ...remoteJoin },
    };
    const joined = RemoteJoinSettings.safeParse(after.remoteJoin);
    if (!joined.success) {
      const issue = joined.error.issues[0]!;
      const field = ['remoteJoin', ...issue.path.map(String)].join('.');
      throw validationFailed(`${field}: ${issue.message}`, {
        issues: [{ field, message: issue.message }],
      });
    }
    if (JSON.stringify(before) === JSON.stringify(after)) return after;
    const { earlyMinutes, lateMinutes } = after;
    await bookings.setCheckInRules(officeCode, { earlyMinutes, lateMinutes }, now, t);
    await joins.setSettings(officeCode, joined.data, now, t);
    await bookings.audit(
      {
        officeCode,
        at: now,
        actor: admin.username,
        userId: admin.id,
        action: 'office.booking_settings',
        entity: 'office',
        entityId: officeCode,
        before: logged(before),
        after: logged(after),
      },
      t,
    );
    return after;
  });
}

/** The settings as the log keeps them: one field per value, so a row names only what changed. */
function logged(s: BookingSettings): Record<string, unknown> {
  return {
    earlyMinutes: s.earlyMinutes,
    lateMinutes: s.lateMinutes,
    remoteJoin: s.remoteJoin?.enabled,
    remoteJoinCap: s.remoteJoin?.dailyCap,
  };
}
