/**
 * Socket.IO on a node's HTTP server and, with REDIS_URL, the Redis adapter that shares it between the
 * nodes behind one address (the adapter's first connection also keeps the rate limits); and the ways
 * the services end staff and device sockets on every node.
 */
import type http from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Namespace } from '../../protocol';
import { sessionRoom } from '../realtime/socket-server';
import type { NbServer } from '../realtime/nb-server';
import { MemoryRateStore, RedisRateStore, type RateStore } from '../security/rate-store';
import { dropEndedStaffSockets, dropUnpairedDeviceSockets } from '../auth/staff-sockets';
import type { AuthService } from '../auth/auth-service';
import type { QueueService } from '../queue/queue-service';

export interface SocketServerOptions {
  /** Socket.IO Redis adapter, for several processes behind one address. */
  redisUrl?: string;
  /** Channel prefix for the Redis adapter and the rate limits (default `navbat`). */
  redisKey?: string;
}

/** The node's Socket.IO server with what rides on its Redis connections. */
export interface SocketServer {
  io: NbServer;
  /** Whether other nodes share this Socket.IO server (the Redis adapter is on). */
  shared: boolean;
  /** Where rate-limit counts live: Redis when nodes share them, else this process. */
  rates: RateStore;
  /** Whether Redis answers (always true without Redis). */
  ping(): Promise<boolean>;
  /** Closes the Redis connections (Socket.IO itself is closed by its owner). */
  quit(): Promise<void>;
}

/** Attaches Socket.IO to `server`, first connecting to Redis when it is configured. */
export async function attachSocketServer(
  server: http.Server,
  options: SocketServerOptions,
): Promise<SocketServer> {
  const redis = await connectRedis(options.redisUrl);
  const key = options.redisKey ?? 'navbat';
  const io: NbServer = new Server(server, { serveClient: false, maxHttpBufferSize: 1e6 });
  const [pub, sub] = redis;
  if (pub && sub) io.adapter(createAdapter(pub, sub, { key }));
  return {
    io,
    shared: redis.length > 0,
    rates: pub ? new RedisRateStore(pub, key) : new MemoryRateStore(),
    ping: () => (pub ? answersWithin(pub.ping(), 1_000) : Promise.resolve(true)),
    quit: async () => {
      await Promise.all(redis.map((r) => r.quit().catch(() => undefined)));
    },
  };
}

/** The Redis adapter's two connections (publish and subscribe), or none without REDIS_URL. */
async function connectRedis(url: string | undefined): Promise<Redis[]> {
  if (!url) return [];
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  return [pub, sub];
}

/** Whether `answer` settles well within `ms` (a ping of a service that may hang). */
function answersWithin(answer: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    answer.then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** How the services end sockets whose sign-in no longer holds, on every node. */
export interface SocketEnds {
  /** Ends the consoles' sockets of a session that was just logged out. */
  session(token: string): void;
  /** Ends the staff sockets whose sessions ended (a password change, a disabled account). */
  endedSessions(): Promise<void>;
  /** Ends the kiosk and display sockets of devices no longer paired. */
  unpairedDevices(): Promise<void>;
}

export function socketEnds(io: NbServer, auth: AuthService, queue: QueueService): SocketEnds {
  return {
    session: (token) => io.of(Namespace.counter).in(sessionRoom(token)).disconnectSockets(true),
    endedSessions: () => dropEndedStaffSockets(io, auth).then(() => undefined),
    unpairedDevices: () => dropUnpairedDeviceSockets(io, queue, auth).then(() => undefined),
  };
}
