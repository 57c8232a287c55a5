/** Ends the live consoles of sessions that ended (a disabled user, a new password). */
import type { Server } from 'socket.io';
import { Namespace } from '../../protocol';
import type { AuthService } from '../auth/auth-service';

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
