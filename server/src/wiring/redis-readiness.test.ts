/**
 * A node is ready only when it hears the other nodes. The Socket.IO adapter rides on two Redis
 * connections; `/api/ready` pinged only the publishing one, so after Redis came back a node could
 * say "ready" while its subscribing connection was still subscribing again, and an event another
 * node published in that moment never reached its displays (CI of 9d8a11c: a display counted 39 of
 * 40). Here a TCP relay in front of the real Redis cuts the subscribing connection and holds its
 * new subscriptions: the node must not say ready until they are through.
 */
import http from 'node:http';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { attachSocketServer, type SocketServer } from './socket-io';
import { waitFor } from '../testing/wait';

const REDIS = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');

/** A relay to Redis that can cut its subscribing clients and hold their next subscriptions. */
class SubscriptionRelay {
  private readonly server = net.createServer((client) => this.relay(client));
  private readonly subscribers = new Set<net.Socket>();
  private readonly held: Array<() => void> = [];
  holding = false;

  listen(): Promise<number> {
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () =>
        resolve((this.server.address() as net.AddressInfo).port),
      ),
    );
  }

  /** Ends the connections that subscribed, as a Redis restart would. */
  cutSubscribers(): void {
    for (const socket of this.subscribers) socket.destroy();
    this.subscribers.clear();
  }

  /** How many clients wait with a subscription held back. */
  get waiting(): number {
    return this.held.length;
  }

  release(): void {
    this.holding = false;
    for (const flush of this.held.splice(0)) flush();
  }

  close(): Promise<void> {
    this.cutSubscribers();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: net.Socket): void {
    const upstream = net.connect(Number(REDIS.port || 6379), REDIS.hostname);
    const pending: Buffer[] = [];
    let held = false;
    client.on('data', (chunk: Buffer) => {
      if (/subscribe/i.test(chunk.toString('latin1'))) {
        this.subscribers.add(client);
        if (this.holding && !held) {
          held = true;
          this.held.push(() => {
            held = false;
            for (const part of pending.splice(0)) upstream.write(part);
          });
        }
      }
      if (held) pending.push(chunk);
      else upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  }
}

describe('readiness with Redis: both of the adapter connections', () => {
  const relay = new SubscriptionRelay();
  const server = http.createServer();
  let sockets: SocketServer;

  beforeAll(async () => {
    const port = await relay.listen();
    sockets = await attachSocketServer(server, {
      redisUrl: `redis://127.0.0.1:${port}`,
      redisKey: `navbat-test-${randomBytes(4).toString('hex')}`,
    });
  });

  afterAll(async () => {
    relay.release();
    await sockets?.io.close();
    await sockets?.quit();
    await relay.close();
  });

  it('is not ready while the subscribing connection has not subscribed again', async () => {
    await waitFor(() => sockets.ping(), 'ready at the start');

    relay.holding = true;
    relay.cutSubscribers();
    await waitFor(() => relay.waiting > 0, 'the subscriber back, its subscriptions held');
    // The publishing connection answers all along; the node still cannot hear the others.
    expect(await sockets.ping()).toBe(false);
    expect(await sockets.ping()).toBe(false);

    relay.release();
    await waitFor(() => sockets.ping(), 'ready once the subscriptions are through', 5_000);
  });
});
