/**
 * SOCKETS_PER_ADDRESS: one client address holds at most so many Socket.IO connections on a node
 * (a tester held 17,000 open from one laptop, 550 MB). Behind a balancer the node trusts, the
 * address is the forwarded one: an office's devices are not counted with another office's.
 */
import { io } from 'socket.io-client';
import { startTestServer, type TestServer } from '../testing/harness';
import { connectSocket, request, type QueueSocket } from '../testing/client';
import { SOCKETS_PER_TICKET, TOO_MANY_SOCKETS } from './address-sockets';

const CAP = 3;

/** A citizen's ticket page (`/t/<id>`) following `ticket`. */
function ticketPage(base: string, ticket: string): QueueSocket {
  return io(`${base}/kiosk`, {
    auth: { office: 'kulob', ticket },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
}

/** A display socket from `forwardedFor` (a header only a trusted balancer's is believed). */
function display(base: string, forwardedFor?: string): QueueSocket {
  return io(`${base}/display`, {
    auth: { office: 'kulob' },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    ...(forwardedFor ? { extraHeaders: { 'x-forwarded-for': forwardedFor } } : {}),
  });
}

/** Whether the socket gets its snapshot (connected) or a connect error, within 5 s. */
function outcome(socket: QueueSocket): Promise<'snapshot' | 'refused' | 'closed'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('closed'), 5_000);
    const done = (how: 'snapshot' | 'refused' | 'closed') => {
      clearTimeout(timer);
      resolve(how);
    };
    socket.once('queue:snapshot', () => done('snapshot'));
    socket.once('connect_error', () => done('refused'));
    socket.once('disconnect', () => done('closed'));
  });
}

async function metric(s: TestServer, name: string): Promise<number> {
  const res = await fetch(`${s.url}/metrics`, { headers: { authorization: 'Bearer m' } });
  const line = new RegExp(`^${name} (\\S+)$`, 'm').exec(await res.text());
  return Number(line?.[1]);
}

describe('Socket.IO connections per address', () => {
  let s: TestServer | undefined;
  const open: QueueSocket[] = [];
  async function start(options: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
    const started = await startTestServer(options);
    s = started;
    return started;
  }
  afterEach(async () => {
    for (const socket of open.splice(0)) socket.close();
    await s?.close();
    s = undefined;
  });

  it('refuses a connection past the cap from one address, and lets one in when another closes', async () => {
    const server = await start({ socketsPerAddress: CAP, metricsToken: 'm' });
    for (let i = 0; i < CAP; i++)
      open.push((await connectSocket(server.url, '/display', { office: 'kulob' })).socket);
    const fourth = display(server.url);
    open.push(fourth);
    expect(await outcome(fourth)).toBe('refused');
    // A long-polling handshake is refused before a session exists, with the reason.
    const polling = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
    expect(polling.status).toBe(403);
    expect(((await polling.json()) as { message: string }).message).toBe(TOO_MANY_SOCKETS);
    expect(await metric(server, 'navbat_sockets_refused_total')).toBeGreaterThanOrEqual(2);

    open.shift()!.close();
    await new Promise((r) => setTimeout(r, 100)); // the server hears the close
    const again = display(server.url);
    open.push(again);
    expect(await outcome(again)).toBe('snapshot');
  });

  it('holds the cap when many connect from one address at the same moment', async () => {
    const server = await start({ socketsPerAddress: CAP });
    const burst = Array.from({ length: 12 }, () => display(server.url));
    open.push(...burst);
    const outcomes = await Promise.all(burst.map(outcome));
    await new Promise((r) => setTimeout(r, 200));
    expect(outcomes.filter((o) => o === 'snapshot').length).toBeGreaterThan(0);
    expect(burst.filter((socket) => socket.connected).length).toBeLessThanOrEqual(CAP);
  });

  it("behind a trusted balancer counts each client's forwarded address, not the balancer's", async () => {
    const server = await start({ socketsPerAddress: CAP, trustProxy: 1 });
    const officeA = Array.from({ length: CAP }, () => display(server.url, '10.1.0.7'));
    open.push(...officeA);
    expect(await Promise.all(officeA.map(outcome))).toEqual(Array(CAP).fill('snapshot'));
    const officeB = display(server.url, '10.2.0.9');
    const moreA = display(server.url, '10.1.0.7');
    open.push(officeB, moreA);
    expect(await Promise.all([outcome(officeB), outcome(moreA)])).toEqual(['snapshot', 'refused']);
  });

  it("counts a citizen's ticket pages per ticket, not against their shared address", async () => {
    const server = await start({ socketsPerAddress: CAP });
    const issued = await request(server.url, 'POST', '/api/offices/kulob/tickets', {
      body: { service: 'birth' },
    });
    const ticket: string = issued.body.ticket.id;
    // More citizens' pages than the address's cap (one mobile operator's address for many).
    const pages = Array.from({ length: SOCKETS_PER_TICKET }, () => ticketPage(server.url, ticket));
    open.push(...pages);
    expect(await Promise.all(pages.map(outcome))).toEqual(
      Array(SOCKETS_PER_TICKET).fill('snapshot'),
    );
    const oneTooMany = ticketPage(server.url, ticket);
    const refusal = new Promise<string>((resolve) =>
      oneTooMany.once('connect_error', (err) => resolve(err.message)),
    );
    expect(await refusal).toBe('rate_limited');
    oneTooMany.close();
    await new Promise((r) => setTimeout(r, 100)); // the server hears the close
    // The pages still open take none of the address's three.
    const displays = Array.from({ length: CAP }, () => display(server.url));
    open.push(...displays);
    expect(await Promise.all(displays.map(outcome))).toEqual(Array(CAP).fill('snapshot'));
    const fourth = display(server.url);
    open.push(fourth);
    expect(await outcome(fourth)).toBe('refused');
    expect(pages.every((page) => page.connected)).toBe(true);
  });
});
