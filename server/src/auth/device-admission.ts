/**
 * The admission rule of public sockets: who may hold a `/kiosk` or `/display` connection of an
 * office. The realtime layer asks it at connect; the administration asks it again when pairing
 * changes (server/src/auth/staff-sockets.ts).
 */
import { Namespace, type SocketAuth } from '../../protocol';
import { AppError } from '../errors';
import type { QueueService } from '../queue/queue-service';
import type { AuthService } from './auth-service';
import type { OfficeRecord } from '../../../db/records';

/**
 * Who may hold a `/kiosk` or `/display` connection of `office` (401 otherwise): anyone where the office
 * does not require paired devices; else a device of that kind with its token, or — on `/kiosk` — a
 * citizen's phone following its own ticket (public data). Checked at connect, and again for live
 * sockets when an administrator pairs, unpairs or starts requiring pairing.
 */
export async function admitPublicSocket(
  deps: { queue: Pick<QueueService, 'getTicket'>; auth: Pick<AuthService, 'authenticateDevice'> },
  namespace: string,
  office: OfficeRecord,
  auth: Pick<SocketAuth, 'device' | 'ticket'>,
): Promise<void> {
  if (!office.requireDevices) return;
  const kind = namespace === Namespace.kiosk ? 'kiosk' : 'display';
  if (kind === 'kiosk' && auth.device === undefined && auth.ticket !== undefined) {
    const found = await deps.queue.getTicket(auth.ticket).catch(() => undefined);
    if (!found || found.office !== office.code)
      throw new AppError('unauthorized', 'unknown ticket');
    return;
  }
  await deps.auth.authenticateDevice(office.code, kind, auth.device);
}
