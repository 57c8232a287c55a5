/**
 * Ends live connections the administrator has just taken away: consoles of sessions that ended (a
 * disabled user, a new password) and kiosks or displays that are no longer paired.
 */
import type { Server } from 'socket.io';
import { Namespace } from '../../protocol';
import type { AuthService } from '../auth/auth-service';
import type { QueueService } from '../queue/queue-service';

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
 * Disconnects every `/kiosk` and `/display` socket, on every node, of an office that requires paired
 * devices whose device token no longer opens it (unpaired, paired anew, or never paired). The page
 * reconnects, is refused with `unauthorized`, and says it is not paired.
 */
export async function dropUnpairedDeviceSockets(
  io: Server,
  queue: QueueService,
  auth: AuthService,
): Promise<number> {
  let dropped = 0;
  const requires = new Map<string, boolean>();
  for (const [ns, kind] of [
    [Namespace.kiosk, 'kiosk'],
    [Namespace.display, 'display'],
  ] as const) {
    for (const socket of await io.of(ns).fetchSockets()) {
      const { office, device, ticket } = socket.handshake.auth as Record<string, unknown>;
      if (typeof office !== 'string') continue;
      // A phone following its ticket is no device (see the socket server's authentication).
      if (ns === Namespace.kiosk && device === undefined && ticket !== undefined) continue;
      if (!requires.has(office)) {
        requires.set(office, await queue.getOffice(office).then((o) => o.requireDevices, () => false));
      }
      if (!requires.get(office)) continue;
      const paired = await auth
        .authenticateDevice(office, kind, typeof device === 'string' ? device : undefined)
        .then(() => true)
        .catch(() => false);
      if (!paired) {
        socket.disconnect(true);
        dropped += 1;
      }
    }
  }
  return dropped;
}
