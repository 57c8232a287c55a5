/**
 * Ends live connections the administrator has just taken away: consoles of sessions that ended (a
 * disabled user, a new password) and kiosks or displays that are no longer paired.
 */
import type { Server } from 'socket.io';
import { Namespace, SocketAuth } from '../../protocol';
import type { AuthService } from './auth-service';
import type { QueueService } from '../queue/queue-service';
import { admitPublicSocket } from '../auth/device-admission';
import type { OfficeRecord } from '../../../db/records';

/**
 * Disconnects every `/counter` socket, on every node, whose token no longer authenticates. The
 * console reconnects, is refused with `unauthorized`, and shows its sign-in again.
 */
export async function dropEndedStaffSockets(io: Server, auth: AuthService): Promise<number> {
  let dropped = 0;
  for (const socket of await io.of(Namespace.counter).fetchSockets()) {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    const alive = await auth
      .authenticate(typeof token === 'string' ? token : undefined)
      .then(() => true)
      .catch(() => false);
    if (!alive) {
      socket.disconnect(true);
      dropped += 1;
    }
  }
  return dropped;
}

/**
 * Disconnects every `/kiosk` and `/display` socket, on every node, that the admission rule no longer
 * lets in (unpaired, paired anew, or never paired where pairing is now required). The page
 * reconnects, is refused with `unauthorized`, and says it is not paired.
 */
export async function dropUnpairedDeviceSockets(
  io: Server,
  queue: QueueService,
  auth: AuthService,
): Promise<number> {
  let dropped = 0;
  const offices = new Map<string, Promise<OfficeRecord | undefined>>();
  for (const ns of [Namespace.kiosk, Namespace.display]) {
    for (const socket of await io.of(ns).fetchSockets()) {
      const parsed = SocketAuth.safeParse(socket.handshake.auth);
      if (!parsed.success) continue;
      const { office: code } = parsed.data;
      if (!offices.has(code))
        offices.set(
          code,
          queue.getOffice(code).catch(() => undefined),
        );
      const office = await offices.get(code);
      if (!office) continue;
      const admitted = await admitPublicSocket({ queue, auth }, ns, office, parsed.data)
        .then(() => true)
        .catch(() => false);
      if (!admitted) {
        socket.disconnect(true);
        dropped += 1;
      }
    }
  }
  return dropped;
}
