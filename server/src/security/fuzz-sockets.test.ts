/**
 * Fuzzing the sockets: handshakes generated from the protocol's SocketAuth schema (valid-but-odd,
 * broken in one place, or anything) on every namespace, then the events a client may send
 * (`queue:sync` with and without an ack, odd arguments, unknown names), on SQLite and MariaDB:
 * every handshake is admitted or refused with a contract code, nothing is written, the process
 * throws nothing and the server keeps answering. Reproduce with FUZZ_SEED=<seed printed>.
 */
import fc from 'fast-check';
import { io } from 'socket.io-client';
import { SocketAuth } from '../../protocol';
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';
import { FUZZ_SEED, fuzzRuns, oddString, payloadFor, tableCounts } from '../testing/fuzz';

const NAMESPACES = ['/display', '/kiosk', '/counter'] as const;
const CODES =
  /^(validation_failed|unauthorized|forbidden|not_found|unavailable|overloaded|rate_limited)$/;

const eventArb = fc.record({
  name: fc.oneof(
    { weight: 4, arbitrary: fc.constant('queue:sync') },
    fc.constantFrom('queue:snapshot', 'ticket:issued', 'constructor', '__proto__'),
    oddString(1, 20),
  ),
  args: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  ack: fc.boolean(),
});

describe.each(testDialects())('fuzzing the sockets on %s', (dialect) => {
  let s: TestServer;
  let token = '';
  let ticket = '';
  const thrown: unknown[] = [];
  const onThrow = (err: unknown) => thrown.push(err);

  beforeAll(async () => {
    s = await startTestServer({ database: dialect });
    token = await login(s.url, 'clerk1');
    ticket = (
      await request<{ ticket: { id: string } }>(s.url, 'POST', '/api/offices/kulob/tickets', {
        body: { service: 'birth' },
      })
    ).body.ticket.id;
    process.on('uncaughtException', onThrow);
    process.on('unhandledRejection', onThrow);
  });
  afterAll(async () => {
    process.off('uncaughtException', onThrow);
    process.off('unhandledRejection', onThrow);
    await s.close();
  });

  /** Connects with `auth`, sends `events`, and says how the handshake ended. */
  async function visit(
    nsp: string,
    auth: unknown,
    events: Array<{ name: string; args: unknown[]; ack: boolean }>,
  ): Promise<string> {
    const socket = io(s.url + nsp, {
      auth: auth as Record<string, unknown>,
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    try {
      const outcome = await new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (err) => resolve(`refused ${err.message}`));
        // Socket.IO's own parser drops a handshake whose auth is not an object (an array, a number).
        // (the refusal of a namespace may also close the connection: its code arrives first).
        socket.io.once('close', () => setTimeout(() => resolve('dropped'), 500));
        setTimeout(() => resolve('no answer to the handshake'), 5000).unref();
      });
      if (outcome !== 'connected') return outcome;
      const acks: Array<Promise<unknown>> = [];
      for (const e of events) {
        if (e.ack && e.name === 'queue:sync') {
          acks.push(
            socket
              .timeout(3000)
              .emitWithAck('queue:sync')
              .catch(() => 0),
          );
        } else {
          (socket.emit as (n: string, ...a: unknown[]) => void)(e.name, ...e.args);
        }
      }
      await Promise.all(acks);
      return outcome;
    } finally {
      socket.close();
    }
  }

  it(`admits or refuses every handshake cleanly and survives every event (seed ${FUZZ_SEED})`, async () => {
    const valid = fc
      .record({
        office: fc.constantFrom('kulob', 'vose', 'nowhere'),
        token: fc.constantFrom(token, 'forged', undefined),
        counter: fc.constantFrom('1', '2', undefined),
        ticket: fc.constantFrom(ticket, undefined),
      })
      .map((a) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)));
    const auth = fc.oneof(valid, payloadFor(SocketAuth));
    const before = await tableCounts(s.db);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...NAMESPACES),
        auth,
        fc.array(eventArb, { maxLength: 6 }),
        async (nsp, a, events) => {
          const outcome = await visit(nsp, a, events);
          expect(outcome).toMatch(/^(connected|refused .+|dropped)$/);
          if (outcome === 'dropped') expect(typeof a !== 'object' || Array.isArray(a)).toBe(true);
          if (outcome.startsWith('refused')) expect(outcome.slice(8)).toMatch(CODES);
          expect(thrown).toEqual([]);
        },
      ),
      { numRuns: fuzzRuns(dialect === 'sqlite' ? 120 : 80), seed: FUZZ_SEED, endOnFailure: true },
    );
    expect(await tableCounts(s.db)).toEqual(before);
    expect((await request(s.url, 'GET', '/api/health')).status).toBe(200);
  });
});
