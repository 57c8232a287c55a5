/**
 * Socket.IO connections per client address on one node (SOCKETS_PER_ADDRESS): office devices and
 * staff (kiosks, displays, consoles), a few dozen behind one office's address; a tester held 17,000
 * open from one laptop, 550 MB of the node's memory. The address is the one the HTTP limits count:
 * behind a balancer `TRUST_PROXY` trusts, its `X-Forwarded-For` entry. A citizen's ticket page
 * (`/t/<id>`, the /kiosk namespace with its ticket) is counted per ticket instead, a few pages
 * each: citizens behind one mobile operator's shared address must not meet each other's cap.
 */
import type http from 'node:http';

/** Pages that may follow one ticket at once (the citizen's phone, a relative's, a reload). */
export const SOCKETS_PER_TICKET = 5;

/** The engine's view of one connection: its handshake request, and when it ends. */
interface EngineSocket {
  request: http.IncomingMessage;
  once(event: 'close', listener: () => void): unknown;
  close(): unknown;
}

/** Engine.IO's `allowRequest` callback: an error message, and whether to let the handshake in. */
type Allow = (err: string | null | undefined, success: boolean) => void;

export const TOO_MANY_SOCKETS = 'too many connections from this address';

/**
 * The default cap: an office's devices and staff behind its one address are a few dozen; the
 * ministry's balancer, when the nodes do not trust its `X-Forwarded-For`, is one address for all
 * (set TRUST_PROXY, or SOCKETS_PER_ADDRESS=0).
 */
export const DEFAULT_SOCKETS_PER_ADDRESS = 200;

export class AddressSockets {
  private readonly open = new Map<string, number>();
  /** Connections counted against their address (a ticket page's is taken off). */
  private readonly counted = new WeakMap<EngineSocket, string>();
  private readonly perTicket = new Map<string, number>();
  /** Handshakes refused, and connections closed at once, for being past the cap (a metric). */
  refused = 0;

  constructor(
    private readonly limit: number,
    private readonly addressOf: (req: http.IncomingMessage) => string,
  ) {}

  /**
   * Engine.IO's `allowRequest`: a handshake from an address already at its cap is refused before a
   * session exists (HTTP 403).
   */
  allow = (req: http.IncomingMessage, callback: Allow): void => {
    if ((this.open.get(this.addressOf(req)) ?? 0) < this.limit) {
      callback(null, true);
      return;
    }
    this.refused++;
    callback(TOO_MANY_SOCKETS, false);
  };

  /**
   * Counts a connection the engine opened until it closes. Handshakes of one address arriving
   * together all pass {@link allow} before the first is counted (a WebSocket's upgrade is
   * asynchronous): one past the cap is closed here.
   */
  track = (socket: EngineSocket): void => {
    const address = this.addressOf(socket.request);
    const count = (this.open.get(address) ?? 0) + 1;
    this.open.set(address, count);
    this.counted.set(socket, address);
    socket.once('close', () => this.uncount(socket));
    if (count > this.limit) {
      this.refused++;
      socket.close();
    }
  };

  /**
   * A citizen's page following `ticket` on this connection: counted for the ticket, no longer for
   * its address. False when the ticket has {@link SOCKETS_PER_TICKET} pages already.
   */
  followTicket(socket: EngineSocket, ticket: string): boolean {
    const count = this.perTicket.get(ticket) ?? 0;
    if (count >= SOCKETS_PER_TICKET) return false;
    this.perTicket.set(ticket, count + 1);
    this.uncount(socket);
    socket.once('close', () => {
      const left = (this.perTicket.get(ticket) ?? 1) - 1;
      if (left > 0) this.perTicket.set(ticket, left);
      else this.perTicket.delete(ticket);
    });
    return true;
  }

  private uncount(socket: EngineSocket): void {
    const address = this.counted.get(socket);
    if (address === undefined) return;
    this.counted.delete(socket);
    const left = (this.open.get(address) ?? 1) - 1;
    if (left > 0) this.open.set(address, left);
    else this.open.delete(address);
  }

  /** Connections open from `address` on this node. */
  count(address: string): number {
    return this.open.get(address) ?? 0;
  }
}
