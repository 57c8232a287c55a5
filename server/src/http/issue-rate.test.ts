/**
 * The open-mode issue limit (ISSUE_RATE): an office without paired kiosks lets anyone issue, at a
 * pace per address that no real kiosk reaches (not per kiosk code: a claim a stranger could spend). Requests come from distinct
 * loopback addresses (127.0.0.x) so that the server sees different clients, as it would in a hall.
 */
import http from 'node:http';
import { startTestServer, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';

const OFFICE = '/api/offices/kulob';
// A burst of three, then one ticket a minute: the fourth of a burst is always refused.
const RATE = { intervalMs: 60_000, burst: 3 };

interface Answer {
  status: number;
  retryAfter: string | undefined;
  rateLimit: string | undefined;
  body: {
    ticket?: { number: string };
    error?: { code: string; details?: { retryAfterSeconds?: number } };
  };
}

/** `POST …/tickets` from `address` (a real connection from that loopback address). */
function issueFrom(s: TestServer, address: string, body: Record<string, unknown>): Promise<Answer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${s.url}${OFFICE}/tickets`,
      {
        method: 'POST',
        localAddress: address,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': payload.length },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
            rateLimit: res.headers['ratelimit'] as string | undefined,
            body: JSON.parse(text) as Answer['body'],
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('the open-mode issue limit (ISSUE_RATE)', () => {
  let s: TestServer;
  const tickets = () => s.db.models.Ticket.count();
  const audited = () => s.db.models.AuditEntry.count();

  beforeAll(async () => {
    s = await startTestServer({ issueRate: RATE });
    // The demo has one kiosk (K1); a second one stands beside it.
    await s.db.models.Device.create({
      officeCode: 'kulob',
      code: 'K2',
      kind: 'kiosk',
      name: 'Second kiosk',
      printerUrl: null,
      tokenHash: null,
    });
  });
  afterAll(() => s.close());

  it('refuses a burst from one address past the limit with 429 and Retry-After, writing nothing', async () => {
    const before = { tickets: await tickets(), audit: await audited() };
    const burst = await Promise.all(
      Array.from({ length: 6 }, () => issueFrom(s, '127.0.0.2', { service: 'birth' })),
    );
    expect(burst.filter((a) => a.status === 201)).toHaveLength(RATE.burst);
    const refused = burst.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(6 - RATE.burst);
    for (const answer of refused) {
      expect(answer.status).toBe(429);
      expect(answer.body.error?.code).toBe('rate_limited');
      const seconds = answer.body.error?.details?.retryAfterSeconds;
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThanOrEqual(RATE.intervalMs / 1000);
      expect(answer.retryAfter).toBe(String(seconds));
      // As the other public limits say it (README "Contract additions").
      expect(answer.rateLimit).toBe(`limit=${RATE.burst}, remaining=0, reset=${seconds}`);
    }
    // Only the admitted tickets exist, each with its audit row; the refusals left no trace.
    expect(await tickets()).toBe(before.tickets + RATE.burst);
    expect(await audited()).toBe(before.audit + RATE.burst);
  });

  it('still issues to another address', async () => {
    const other = await issueFrom(s, '127.0.0.3', { service: 'birth' });
    expect(other.status).toBe(201);
    expect(other.body.ticket?.number).toMatch(/^A\d{3}$/);
  });

  it('does not let other addresses naming a kiosk use up that kiosk’s pace', async () => {
    // Strangers send K1's code from three addresses, a burst each...
    for (const address of ['127.0.0.4', '127.0.0.5', '127.0.0.6']) {
      for (let i = 0; i < RATE.burst; i++) {
        expect((await issueFrom(s, address, { service: 'death', kiosk: 'K1' })).status).toBe(201);
      }
    }
    // ...and the real K1, at its own address, still issues its burst; then its own pace holds it.
    for (let i = 0; i < RATE.burst; i++) {
      expect((await issueFrom(s, '127.0.0.7', { service: 'death', kiosk: 'K1' })).status).toBe(201);
    }
    const before = await tickets();
    const fourth = await issueFrom(s, '127.0.0.7', { service: 'death', kiosk: 'K1' });
    expect([fourth.status, fourth.body.error?.code]).toEqual([429, 'rate_limited']);
    expect(Number(fourth.retryAfter)).toBeGreaterThan(0);
    expect(await tickets()).toBe(before);
  });
});

/**
 * A ticket request from `address` whose body is held back (its headers sent): it holds whatever
 * the server gives it at the door until `finish`; `answered` resolves with its status.
 */
function heldIssue(s: TestServer, address: string): { answered: Promise<number>; finish(): void } {
  return heldPost(s, address, `${OFFICE}/tickets`, JSON.stringify({ service: 'certificate' }));
}

describe('an address past its issue pace, flooding', () => {
  let s: TestServer;

  beforeAll(async () => {
    // Four commands of the office in flight at most: a flood that held slots would shut the door.
    s = await startTestServer({ issueRate: RATE, admission: { maxInFlight: 4 } });
  });
  afterAll(() => s.close());

  it('is refused at the door, so the kiosks and the clerks are not refused for it', async () => {
    for (let i = 0; i < RATE.burst; i++)
      expect((await issueFrom(s, '127.0.0.20', { service: 'birth' })).status).toBe(201);
    expect((await issueFrom(s, '127.0.0.20', { service: 'birth' })).status).toBe(429);
    // Ten more from that address, their bodies held back: refused at once, they hold no slot
    // (let in at the door, they held the office's four until their bodies came).
    const held = Array.from({ length: 10 }, () => heldIssue(s, '127.0.0.20'));
    const all = Promise.all(held.map((h) => h.answered));
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 500))]);
    const clerk = await login(s.url, 'clerk1');
    const kiosk = await issueFrom(s, '127.0.0.21', { service: 'birth', kiosk: 'K1' });
    const call = await request(s.url, 'POST', `${OFFICE}/counters/3/call-next`, { token: clerk });
    for (const h of held) h.finish();
    expect(new Set(await all)).toEqual(new Set([429]));
    expect([kiosk.status, call.status]).toEqual([201, 200]);
    // And 200 at once: every one refused, none of them a ticket.
    const before = await s.db.models.Ticket.count();
    const flood = await Promise.all(
      Array.from({ length: 200 }, () => issueFrom(s, '127.0.0.20', { service: 'certificate' })),
    );
    expect(new Set(flood.map((a) => a.status))).toEqual(new Set([429]));
    expect(await s.db.models.Ticket.count()).toBe(before);
  });
});

describe('open-mode tickets with a phone', () => {
  let s: TestServer;

  beforeAll(async () => {
    // The ticket pace out of the way: only the SMS budget of an address is left to meet.
    s = await startTestServer({ issueRate: { intervalMs: 1, burst: 1000 } });
  });
  afterAll(() => s.close());

  it('are held to 20 at once per address: each sends an SMS the office pays for', async () => {
    const phone = (i: number) => `+99293${String(2_000_000 + i)}`;
    for (let i = 0; i < 20; i++) {
      const answer = await issueFrom(s, '127.0.0.30', { service: 'consultation', phone: phone(i) });
      expect(answer.status).toBe(201);
    }
    const refused = await issueFrom(s, '127.0.0.30', { service: 'consultation', phone: phone(20) });
    expect([refused.status, refused.body.error?.code]).toEqual([429, 'rate_limited']);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    // A ticket without a phone still comes; another address has its own 20.
    expect((await issueFrom(s, '127.0.0.30', { service: 'consultation' })).status).toBe(201);
    const other = await issueFrom(s, '127.0.0.31', { service: 'consultation', phone: phone(21) });
    expect(other.status).toBe(201);
  });
});

describe('requests whose bodies never come', () => {
  let s: TestServer;

  beforeAll(async () => {
    // Four commands of the office in flight at most, as above.
    s = await startTestServer({ admission: { maxInFlight: 4 } });
  });
  afterAll(() => s.close());

  it('give their door slots back within a second, and then take none', async () => {
    // No sign-in, no ticket: a window's call-next whose body is announced and never sent.
    const call = `${OFFICE}/counters/1/call-next`;
    const stalled = Array.from({ length: 6 }, () => heldPost(s, '127.0.0.40', call));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const during = await issueFrom(s, '127.0.0.41', { service: 'birth', kiosk: 'K1' });
    // They held the office's four slots until the request timeout (30 s): every tap was 503.
    expect(during.status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const clerk = await login(s.url, 'clerk1');
    const kiosk = await issueFrom(s, '127.0.0.41', { service: 'birth', kiosk: 'K1' });
    const called = await request(s.url, 'POST', `${OFFICE}/counters/3/call-next`, { token: clerk });
    expect([kiosk.status, called.status]).toEqual([201, 200]);
    // The address is known as slow now: more of the same hold nothing even for that second.
    const more = Array.from({ length: 6 }, () => heldPost(s, '127.0.0.40', call));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await issueFrom(s, '127.0.0.41', { service: 'birth', kiosk: 'K1' });
    expect(again.status).toBe(201);
    for (const h of [...stalled, ...more]) h.finish();
    // The first four were let in (the last two refused at the door); all of them, once their
    // bodies came, were refused for having no sign-in.
    const first = await Promise.all(stalled.map((h) => h.answered));
    expect(first.filter((status) => status === 401)).toHaveLength(4);
    expect(first.filter((status) => status === 503)).toHaveLength(2);
    expect(await Promise.all(more.map((h) => h.answered))).toEqual(Array(6).fill(401));
  });
});

/** A POST from `address` that announces a body and sends it only at `finish`. */
function heldPost(
  s: TestServer,
  address: string,
  path: string,
  payload = '{}',
): { answered: Promise<number>; finish(): void } {
  let finish = () => undefined as void;
  const answered = new Promise<number>((resolve, reject) => {
    const req = http.request(`${s.url}${path}`, {
      method: 'POST',
      localAddress: address,
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': payload.length },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.flushHeaders();
    finish = () => req.end(payload);
  });
  return { answered, finish: () => finish() };
}
