/**
 * Socket.IO on a node's HTTP server and, with REDIS_URL, the Redis adapter that shares it between the
 * nodes behind one address (the adapter's first connection also keeps the rate limits); and the ways
 * the services end staff and device sockets on every node.
 */
import type http from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Namespace } from '../../protocol';
import { sessionRoom } from '../realtime/socket-server';
import { AddressSockets } from '../realtime/address-sockets';
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
  /** Hears when the rate limits count in this process because Redis failed. */
  logger?: Pick<Logger, 'warn'>;
  /** Socket.IO connections one client address may hold open on this node (0: no cap). */
  socketsPerAddress?: number;
  /** The client address the cap counts (behind a trusted balancer, its forwarded entry). */
  clientAddress?: (req: http.IncomingMessage) => string;
}

/** The node's Socket.IO server with what rides on its Redis connections. */
export interface SocketServer {
  io: NbServer;
  /** Whether other nodes share this Socket.IO server (the Redis adapter is on). */
  shared: boolean;
  /** Where rate-limit counts live: Redis when nodes share them, else this process. */
  rates: RateStore;
  /**
   * Whether Redis answers on both of the adapter's connections (always true without Redis). The
   * subscribing one counts too: after Redis comes back it subscribes again, and until it has, this
   * node does not hear what the other nodes publish (a balancer must not send citizens here yet).
   */
  ping(): Promise<boolean>;
  /** Closes the Redis connections (Socket.IO itself is closed by its owner). */
  quit(): Promise<void>;
  /** Connections refused for their address's cap so far (a metric). */
  readonly refusedByAddress: () => number;
  /** The cap per address (and per followed ticket), when there is one. */
  perAddress: AddressSockets | undefined;
}

/** Attaches Socket.IO to `server`, first connecting to Redis when it is configured. */
export async function attachSocketServer(
  server: http.Server,
  options: SocketServerOptions,
): Promise<SocketServer> {
  const redis = await connectRedis(options.redisUrl, options.logger);
  const key = options.redisKey ?? 'navbat';
  const perAddress = options.socketsPerAddress
    ? new AddressSockets(
        options.socketsPerAddress,
        options.clientAddress ?? ((req) => req.socket.remoteAddress ?? 'unknown'),
      )
    : undefined;
  const io: NbServer = new Server(server, {
    serveClient: false,
    maxHttpBufferSize: 1e6,
    ...(perAddress ? { allowRequest: perAddress.allow } : {}),
  });
  if (perAddress) io.engine.on('connection', perAddress.track);
  const [pub, sub] = redis;
  if (pub && sub) io.adapter(createAdapter(forgivingPublisher(pub), sub, { key }));
  return {
    io,
    shared: redis.length > 0,
    rates: pub
      ? new RedisRateStore(pub, key, {
          onFallback: (err) =>
            options.logger?.warn(
              { err },
              'Redis failed: the rate limits count in this process for a few seconds',
            ),
        })
      : new MemoryRateStore(),
    ping: () => everyAnswers(redis),
    refusedByAddress: () => perAddress?.refused ?? 0,
    perAddress,
    quit: async () => {
      await Promise.all(redis.map((r) => r.quit().catch(() => undefined)));
    },
  };
}

/**
 * The adapter's publishing connection. The adapter sends what other nodes should hear and never
 * awaits it, so while Redis is away each failed `publish` was a rejection nobody handled, and Node
 * ends a process on the first: every node of a deployment exited within two seconds of losing
 * Redis (ioredis fails a command after three reconnection attempts). A publish that fails is now
 * dropped here: the nodes that missed it see a gap in the office's `seq` and their pages resync
 * from the database. Only `publish` changes; every other command goes to the client as it is.
 */
export function forgivingPublisher(pub: Redis): Redis {
  const publish = (channel: string, message: string): Promise<number> =>
    pub.publish(channel, message);
  return new Proxy(pub, {
    get(target, prop, receiver) {
      if (prop !== 'publish') return Reflect.get(target, prop, receiver) as unknown;
      return (channel: string, message: string): Promise<number> => {
        const sent = publish(channel, message);
        sent.catch(() => undefined);
        return sent;
      };
    },
  });
}

/** How long a node waits for Redis at start-up before it gives up (ms). */
const REDIS_START_MS = 10_000;

/**
 * The Redis adapter's two connections (publish and subscribe), or none without REDIS_URL. A Redis
 * that refuses or does not answer at start-up stops the node with REDIS_URL named; a connection
 * lost later is retried by the client, and said once in the log until it is back.
 */
async function connectRedis(
  url: string | undefined,
  logger: Pick<Logger, 'warn'> | undefined,
): Promise<Redis[]> {
  if (!url) return [];
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = pub.duplicate();
  const connections = [pub, sub];
  for (const redis of connections) reportFailures(redis, logger);
  // The client's own rejection says only "Connection is closed": the error event says why.
  let failure: string | undefined;
  pub.once('error', (err: Error) => (failure ??= err.message));
  const ready = Promise.all(connections.map((r) => r.connect())).catch((err: unknown) => {
    failure ??= err instanceof Error ? err.message : String(err);
    throw err;
  });
  if (!(await answersWithin(ready, REDIS_START_MS))) {
    for (const redis of connections) redis.disconnect();
    const why = failure ?? `no answer within ${REDIS_START_MS / 1000} s`;
    throw new Error(`Redis at REDIS_URL ${withoutPassword(url)} does not answer: ${why}`);
  }
  return connections;
}

/** A lost connection's errors, said once until it is back (the client retries on its own). */
function reportFailures(redis: Redis, logger: Pick<Logger, 'warn'> | undefined): void {
  let said = false;
  redis.on('error', (err: Error) => {
    if (said) return;
    said = true;
    logger?.warn({ err: err.message }, 'Redis connection failed; retrying');
  });
  redis.on('ready', () => (said = false));
}

/** A Redis URL as it may be shown: its password hidden. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

/**
 * Whether every connection answers a PING within a second. On the subscribing connection the PING
 * goes after the subscriptions it sends again on reconnecting, and Redis answers in order: its
 * answer means the subscriptions hold again.
 */
async function everyAnswers(connections: Redis[]): Promise<boolean> {
  const answers = await Promise.all(connections.map((r) => answersWithin(r.ping(), 1_000)));
  return answers.every(Boolean);
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
