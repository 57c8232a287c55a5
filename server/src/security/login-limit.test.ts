/**
 * The login limit behind a proxy: the client address is the one the trusted proxy saw, failures
 * count per address and per username (at an address the user logged in from, only their own
 * failures there hold them back), and two nodes on one Redis share the counts.
 */
import { randomBytes } from 'node:crypto';
import {
  freshDatabase,
  seedTestDemo,
  startTestServer,
  type TestDatabase,
  type TestServer,
} from '../testing/harness';
import { login, request } from '../testing/client';
import { seedSecondOffice } from '../testing/second-office';
import { parseTrustProxy } from '../config';
import type { AdminUser, AuditEntry } from '../../protocol';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function attempt(
  server: TestServer,
  username: string,
  forwardedFor: string,
  password = 'wrong',
  office?: string,
) {
  return request(server.url, 'POST', '/api/auth/login', {
    body: { username, password, office },
    headers: { 'x-forwarded-for': forwardedFor },
  });
}

/** Office `vose` beside the demo one, seeded once. */
async function withSecondOffice(tdb: TestDatabase): Promise<void> {
  if ((await tdb.db.models.Office.count({ where: { code: 'vose' } })) === 0) {
    await seedSecondOffice(tdb.db);
  }
}

/** The usernames of the failed logins an office's administrator reads in its audit. */
async function failedLoginsSeen(server: TestServer, admin: string, office: string) {
  const token = await login(server.url, admin);
  const r = await request<{ entries: AuditEntry[] }>(
    server.url,
    'GET',
    `/api/offices/${office}/audit?action=auth.login_failed`,
    { token },
  );
  expect(r.status).toBe(200);
  return r.body.entries.map((e) => e.entityId);
}

describe('two nodes behind one proxy, on one Redis', () => {
  let tdb: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    tdb = await freshDatabase('sqlite');
    await seedTestDemo(tdb.db);
    const redisKey = `navbat-test-${randomBytes(4).toString('hex')}`;
    const common = { shared: tdb, redisUrl: REDIS_URL, redisKey, trustProxy: 1, loginAttempts: 3 };
    a = await startTestServer(common);
    b = await startTestServer(common);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await tdb.drop();
  });

  it('counts the address the proxy saw, whatever X-Forwarded-For the client wrote', async () => {
    // The proxy appends the real address (10.0.0.7); the client forged what comes before it.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const node = i % 2 === 0 ? a : b;
      statuses.push((await attempt(node, `nobody${i}`, `198.51.100.${i}, 10.0.0.7`)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // Another address is not held back by it.
    expect((await attempt(a, 'nobody9', '10.0.0.8')).status).toBe(401);
  });

  it('counts failures per username across addresses and nodes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const node = i % 2 === 0 ? b : a;
      statuses.push((await attempt(node, 'clerk3', `10.1.0.${i}`)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Even the right password waits for the window to end, and the answer says how long.
    const held = await attempt(a, 'clerk3', '10.1.0.99', 'demo');
    expect(held.status).toBe(429);
    const retryAfter = Number(held.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Other users log in as usual.
    expect((await attempt(a, 'clerk4', '10.1.0.99', 'demo')).status).toBe(200);
  });

  it('holds the limit for attempts sent at the same moment, on both nodes', async () => {
    // Counted before the password is checked: 12 guesses at once get the 3 allowed, no more.
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => attempt(i % 2 ? a : b, 'racer', '10.7.0.1')),
    );
    const statuses = guesses.map((g) => g.status).sort();
    expect(statuses).toEqual([...Array(3).fill(401), ...Array(9).fill(429)]);
    // The username is held back elsewhere too; the refused guesses were not counted.
    expect((await attempt(a, 'racer', '10.7.0.2')).status).toBe(429);
    // Right passwords are no failures: six logins at one address leave its attempts whole.
    for (let i = 0; i < 6; i++) {
      expect((await attempt(i % 2 ? a : b, 'clerk1', '10.7.0.3', 'demo')).status).toBe(200);
    }
    const after: number[] = [];
    for (let i = 0; i < 4; i++) after.push((await attempt(a, `nobody-${i}`, '10.7.0.3')).status);
    expect(after).toEqual([401, 401, 401, 429]);
  });

  it("does not lock a user out of an address they logged in from when strangers spend the username's attempts", async () => {
    // The registrar logs in at her own desk (10.2.0.5) in the morning.
    expect((await attempt(a, 'back1', '10.2.0.5', 'demo')).status).toBe(200);
    // Someone elsewhere on the network tries her username until it is held back.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt(b, 'back1', `10.2.1.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    // A new address waits, even with the right password; her own desk does not, on either node.
    expect((await attempt(a, 'back1', '10.2.1.50', 'demo')).status).toBe(429);
    expect((await attempt(b, 'back1', '10.2.0.5', 'demo')).status).toBe(200);
    // Her desk's own failures still count against it.
    const own: number[] = [];
    for (let i = 0; i < 4; i++) own.push((await attempt(a, 'back1', '10.2.0.5')).status);
    expect(own).toEqual([401, 401, 401, 429]);
  });

  it('does not lock a whole office behind one address out when one clerk mistypes', async () => {
    // The office reaches the server through one NAT address; two of its staff log in there.
    const office = '10.6.0.1';
    expect((await attempt(a, 'clerk4', office, 'demo')).status).toBe(200);
    expect((await attempt(b, 'admin', office, 'demo')).status).toBe(200);
    // clerk4 mistypes until held back, at that address, on either node.
    const own: number[] = [];
    for (let i = 0; i < 4; i++) own.push((await attempt(i % 2 ? a : b, 'clerk4', office)).status);
    expect(own).toEqual([401, 401, 401, 429]);
    expect((await attempt(a, 'clerk4', office, 'demo')).status).toBe(429);
    // Her colleague, known there, logs in; a name never seen there is held back by the address.
    expect((await attempt(b, 'admin', office, 'demo')).status).toBe(200);
    expect((await attempt(a, 'nobody-new', office)).status).toBe(429);
    expect((await attempt(a, 'back1', office, 'demo')).status).toBe(429);
  });

  it('writes logins and failed logins into the audit with the address', async () => {
    const rows = await tdb.db.models.AuditEntry.findAll({
      where: { entityId: 'clerk4' },
      order: [['id', 'ASC']],
    });
    expect(rows.map((r) => r.action)).toContain('auth.login');
    const failed = await tdb.db.models.AuditEntry.findOne({
      where: { action: 'auth.login_failed', entityId: 'clerk3' },
    });
    expect(JSON.parse(failed?.after ?? '{}')).toEqual({ address: '10.1.0.0' });
  });

  it('shows a failed login of an unknown username to the administrator of the office whose login page sent it', async () => {
    // One office: it is that office's, even from a client that names none.
    expect((await attempt(a, 'ghost1', '10.4.0.1')).status).toBe(401);
    expect(await failedLoginsSeen(b, 'admin', 'kulob')).toContain('ghost1');
    // Two offices: the login page's office; one the server does not know is no error, and no one's.
    await withSecondOffice(tdb);
    expect((await attempt(b, 'ghost2', '10.4.0.2', 'wrong', 'vose')).status).toBe(401);
    expect((await attempt(a, 'ghost3', '10.4.0.3', 'wrong', 'nowhere')).status).toBe(401);
    const vose = await failedLoginsSeen(a, 'vadmin', 'vose');
    expect(vose).toContain('ghost2');
    expect(vose).not.toContain('ghost3');
    expect(await failedLoginsSeen(a, 'admin', 'kulob')).not.toContain('ghost2');
    // A known username's failure stays in its own office, whichever page it came from.
    expect((await attempt(a, 'clerk2', '10.4.0.4', 'wrong', 'vose')).status).toBe(401);
    expect(await failedLoginsSeen(a, 'admin', 'kulob')).toContain('clerk2');
  });

  it('lets the office’s administrator clear a username strangers held back, on every node, audited', async () => {
    await withSecondOffice(tdb);
    for (let i = 0; i < 3; i++) await attempt(b, 'clerk1', `10.5.1.${i}`);
    expect((await attempt(a, 'clerk1', '10.5.2.1', 'demo')).status).toBe(429);
    const admin = await login(a.url, 'admin');
    const users = await request<{ users: AdminUser[] }>(a.url, 'GET', '/api/users', {
      token: admin,
    });
    const locked = (name: string) => users.body.users.find((u) => u.username === name)?.loginLocked;
    expect([locked('clerk1'), locked('clerk2')]).toEqual([true, false]);
    // Until when: the end of the username's 15-minute window (Redis's clock on both nodes).
    const until = users.body.users.find((u) => u.username === 'clerk1')?.loginLockedUntil;
    const left = new Date(until ?? 0).getTime() - Date.now();
    expect(left).toBeGreaterThan(14 * 60_000);
    expect(left).toBeLessThanOrEqual(15 * 60_000 + 1_000);
    expect(users.body.users.find((u) => u.username === 'clerk2')?.loginLockedUntil).toBeUndefined();
    // Another office's administrator may not; an unknown username is 404.
    const path = '/api/users/clerk1/login-lock';
    const vadmin = await login(b.url, 'vadmin');
    expect((await request(b.url, 'DELETE', path, { token: vadmin })).status).toBe(403);
    const nobody = await request(a.url, 'DELETE', '/api/users/nobody/login-lock', {
      token: admin,
    });
    expect(nobody.status).toBe(404);
    const cleared = await request<{ user: AdminUser }>(a.url, 'DELETE', path, { token: admin });
    expect(cleared.body.user).toMatchObject({ username: 'clerk1', loginLocked: false });
    // The clerk gets in at once from a new address, through the other node.
    expect((await attempt(b, 'clerk1', '10.5.2.1', 'demo')).status).toBe(200);
    const audit = await request<{ entries: AuditEntry[] }>(
      a.url,
      'GET',
      '/api/offices/kulob/audit?action=user.login_unlock',
      { token: admin },
    );
    expect(audit.body.entries).toEqual([
      expect.objectContaining({
        actor: 'admin',
        entityId: 'clerk1',
        before: { failedLogins: 3 },
        after: { failedLogins: 0 },
      }),
    ]);
  });
});

it('trusts only the listed proxies', async () => {
  const server = await startTestServer({ trustProxy: ['10.9.9.9'], loginAttempts: 2 });
  try {
    // We are not 10.9.9.9 (the test connects from 127.0.0.1): X-Forwarded-For is ignored.
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await attempt(server, `u${i}`, `203.0.113.${i}`)).status);
    expect(statuses).toEqual([401, 401, 429]);
  } finally {
    await server.close();
  }
});

it('reads TRUST_PROXY as 0, a hop count or proxy addresses', () => {
  expect(parseTrustProxy(undefined)).toBe(false);
  expect(parseTrustProxy('0')).toBe(false);
  expect(parseTrustProxy('2')).toBe(2);
  expect(parseTrustProxy('true')).toBe(1);
  expect(parseTrustProxy('10.0.0.5, 10.0.0.0/24,::1')).toEqual(['10.0.0.5', '10.0.0.0/24', '::1']);
  expect(() => parseTrustProxy('everyone')).toThrow(/TRUST_PROXY/);
});

it('takes as long for an unknown username as for a wrong password', async () => {
  const server = await startTestServer({ bcryptRounds: 10, loginAttempts: 100 });
  try {
    const admin = await request<{ token: string }>(server.url, 'POST', '/api/auth/login', {
      body: { username: 'admin', password: 'demo' },
    });
    // A user hashed at the server's own cost (the demo seed uses a cheap one).
    await request(server.url, 'POST', '/api/users', {
      token: admin.body.token,
      body: { username: 'timed', password: 'secret-one', role: 'clerk', name: 'T' },
    });
    const once = async (username: string) => {
      const start = process.hrtime.bigint();
      expect((await attempt(server, username, '127.0.0.1')).status).toBe(401);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    // Interleaved, best of five each: a busy machine slows both alike. Without the equaliser an
    // unknown name answers in a millisecond or two, a bcrypt compare at cost 10 takes tens of ms.
    let known = Infinity;
    let unknown = Infinity;
    for (let i = 0; i < 5; i++) {
      known = Math.min(known, await once('timed'));
      unknown = Math.min(unknown, await once('no-such-user'));
    }
    expect(unknown).toBeGreaterThan(known * 0.3);
  } finally {
    await server.close();
  }
});
