/**
 * A console's socket ends with its session: logout on any node, expiry (by the clock), and a
 * `queue:sync` from a session that has ended gets no snapshot.
 */
import { randomBytes } from 'node:crypto';
import {
  freshDatabase,
  seedTestDemo,
  startTestServer,
  type TestDatabase,
  type TestServer,
} from '../testing/harness';
import { io } from 'socket.io-client';
import { connectSocket, login, request, type QueueSocket } from '../testing/client';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function ended(socket: QueueSocket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

describe('two nodes on one Redis', () => {
  let tdb: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    tdb = await freshDatabase('sqlite');
    await seedTestDemo(tdb.db);
    const redisKey = `navbat-test-${randomBytes(4).toString('hex')}`;
    a = await startTestServer({ shared: tdb, redisUrl: REDIS_URL, redisKey });
    b = await startTestServer({ shared: tdb, redisUrl: REDIS_URL, redisKey });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await tdb.drop();
  });

  it('ends the console sockets of a session on every node when it logs out', async () => {
    const token = await login(a.url, 'clerk1');
    const onB = await connectSocket(b.url, '/counter', { office: 'kulob', token });
    const onA = await connectSocket(a.url, '/counter', { office: 'kulob', token });
    const other = await connectSocket(b.url, '/counter', {
      office: 'kulob',
      token: await login(a.url, 'clerk2'),
    });
    const gone = Promise.all([ended(onA.socket), ended(onB.socket)]);
    expect((await request(a.url, 'POST', '/api/auth/logout', { token })).status).toBe(204);
    expect(await gone).toEqual(['io server disconnect', 'io server disconnect']);
    // Another clerk's console stays.
    const snap = await other.socket.timeout(5000).emitWithAck('queue:sync');
    expect(snap.office.code).toBe('kulob');
    other.socket.close();
  });
});

describe('session expiry', () => {
  let server: TestServer;
  let clock = new Date('2026-12-03T08:00:00Z');
  beforeAll(async () => {
    server = await startTestServer({ now: () => clock });
  });
  afterAll(async () => server.close());

  it('ends a console socket when its session expires', async () => {
    clock = new Date('2026-12-03T08:00:00Z');
    const token = await login(server.url, 'clerk1');
    // 12-hour sessions: connect 300 ms before the end. The end is heard for from the start: on a
    // busy machine it may come before the socket's first snapshot.
    clock = new Date(clock.getTime() + 12 * 3600_000 - 300);
    const socket: QueueSocket = io(`${server.url}/counter`, {
      auth: { office: 'kulob', token },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    const connected = new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const gone = ended(socket);
    await connected;
    expect(await gone).toBe('io server disconnect');
  });

  it('answers no queue:sync of an expired session, and ends the socket', async () => {
    clock = new Date('2026-12-04T08:00:00Z');
    const token = await login(server.url, 'clerk2');
    const { socket } = await connectSocket(server.url, '/counter', { office: 'kulob', token });
    expect((await socket.timeout(5000).emitWithAck('queue:sync')).office.code).toBe('kulob');
    // The clock jumps past the end (the timer set at connect has not fired yet).
    clock = new Date(clock.getTime() + 13 * 3600_000);
    const gone = ended(socket);
    socket.emit('queue:sync', () => {
      throw new Error('an expired session got a snapshot');
    });
    expect(await gone).toBe('io server disconnect');
  });
});
