/**
 * The public routes' per-address limits (SMS sign-ups for a ticket, booking and remote-join codes
 * guessed) on two nodes behind one balancer, sharing one Redis: an address that the balancer sends
 * to one node and then the other, or that drops its sticky cookie, meets one count, not one per
 * node. (Each node counting alone let such a client send twice the SMS, and guess twice the codes.)
 */
import { randomBytes } from 'node:crypto';
import {
  freshDatabase,
  seedTestDemo,
  startTestServer,
  type TestDatabase,
  type TestServer,
} from '../testing/harness';
import { request } from '../testing/client';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const OFFICE = '/api/offices/kulob';

describe('per-address limits on two nodes sharing one Redis', () => {
  let tdb: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  let phoneSeq = 0;
  beforeAll(async () => {
    tdb = await freshDatabase('sqlite');
    await seedTestDemo(tdb.db);
    const redisKey = `navbat-test-${randomBytes(4).toString('hex')}`;
    const common = { shared: tdb, redisUrl: REDIS_URL, redisKey, trustProxy: 1 };
    a = await startTestServer(common);
    b = await startTestServer(common);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await tdb.drop();
  });

  /** Node a, then b, then a…: as a balancer without a sticky cookie sends one client's requests. */
  const node = (i: number) => (i % 2 === 0 ? a : b);

  it('lets a stranger sign up five tickets for SMS from one address, across both nodes', async () => {
    const from = { 'X-Forwarded-For': '10.60.0.1' };
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const issued = await request(node(i).url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'birth' },
      });
      expect(issued.status).toBe(201);
      const res = await request(
        node(i).url,
        'POST',
        `/api/tickets/${issued.body.ticket.id}/notify`,
        {
          body: { phone: `+99292${String(1_000_000 + phoneSeq++)}`, language: 'tg' },
          headers: from,
        },
      );
      statuses.push(res.status);
      if (res.status === 429) {
        // As every limit refuses: the code, the seconds to wait (body and header), the count left.
        const wait = res.body.error.details.retryAfterSeconds as number;
        expect(res.body.error.code).toBe('rate_limited');
        expect(wait).toBeGreaterThan(800);
        expect(wait).toBeLessThanOrEqual(900);
        expect(Math.abs(Number(res.headers.get('retry-after')) - wait)).toBeLessThanOrEqual(1);
        expect(res.headers.get('ratelimit')).toMatch(/remaining=0\b/);
      }
    }
    // Alone, each node would have let five through: ten in all.
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429]);
    // Another address is not held back by it.
    const other = await request(a.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } });
    const res = await request(b.url, 'POST', `/api/tickets/${other.body.ticket.id}/notify`, {
      body: { phone: `+99292${String(1_000_000 + phoneSeq++)}`, language: 'tg' },
      headers: { 'X-Forwarded-For': '10.60.0.2' },
    });
    expect(res.status).toBe(202);
  });

  it.each([
    ['booking', `${OFFICE}/bookings/12345678/confirm`],
    ['remote-join', `${OFFICE}/remote-joins/12345678/confirm`],
  ])('counts %s code guesses from one address on both nodes together', async (_kind, path) => {
    const from = { 'X-Forwarded-For': `10.61.0.${path.includes('bookings') ? 1 : 2}` };
    const statuses: number[] = [];
    let refusal: { body: { error: { details: { retryAfterSeconds: number } } } } | undefined;
    for (let i = 0; i < 22; i++) {
      const res = await request(node(i).url, 'POST', path, {
        body: { otp: '000000' },
        headers: from,
      });
      statuses.push(res.status);
      if (res.status === 429) refusal = res;
    }
    // Twenty guesses per address per 10 minutes, wherever they land; no code here exists.
    expect(statuses.slice(0, 20).every((s) => s !== 429 && s >= 400)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    expect(refusal?.body.error.details.retryAfterSeconds).toBeLessThanOrEqual(600);
    // The limit's header says what is left of the shared count, on whichever node answers.
    const fresh = { 'X-Forwarded-For': `10.61.1.${path.includes('bookings') ? 1 : 2}` };
    const left = async (server: TestServer) => {
      const res = await request(server.url, 'POST', path, {
        body: { otp: '000000' },
        headers: fresh,
      });
      return /remaining=(\d+)/.exec(res.headers.get('ratelimit') ?? '')?.[1];
    };
    expect([await left(a), await left(b), await left(a)]).toEqual(['19', '18', '17']);
  });
});
