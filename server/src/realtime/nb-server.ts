/**
 * Navbat's typed Socket.IO server: what a socket carries once admitted, the message the nodes sharing
 * the server send each other, and the room of an office.
 */
import type { Namespace as IoNamespace, Server, Socket } from 'socket.io';
import type { ClientToServerEvents, QueueChange, ServerToClientEvents } from '../../protocol';

/** What a socket carries once admitted (set by the namespace's middleware). */
export interface SocketData {
  office: string;
  staff: boolean;
  /** The ticket a citizen's phone follows on `/kiosk`. */
  ticket?: string;
  /** `/counter`: the session token, re-checked on `queue:sync`. */
  token?: string;
  /** The last seq the page applied before it (re)connected: its first snapshot is no older. */
  since?: number;
}

/** Inter-node message carrying one command's committed changes (Redis adapter). */
export const CHANGES = 'navbat:changes';

/** Messages between the nodes sharing the Socket.IO server (`serverSideEmit`). */
export interface InterServerEvents {
  [CHANGES]: (office: string, changes: QueueChange[], committedAt: number) => void;
}

/** The typed Socket.IO server, its namespaces and sockets. */
export type NbServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type NbNamespace = IoNamespace<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type NbSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** The room of an office's sockets, in every namespace. */
export function officeRoom(office: string): string {
  return `office:${office}`;
}
