/**
 * Office boundaries, proved by walking the app's own route table: every staff route answered for
 * each role of one office, against that office and against another one. A route added later is
 * walked too (and fails here until it says whether it is public).
 */
import { startTestServer, type TestServer } from '../testing/harness';
import { login, refusedSocket, request } from '../testing/client';
import { seedSecondOffice } from '../testing/second-office';
import { routeTable, type RouteEntry } from './route-table';

// Answered to anyone (public data or the login itself); every other /api route needs a session.
const PUBLIC = new Set([
  'GET /api/health',
  'GET /api/ready',
  'GET /api/offices/:office',
  'GET /api/offices/:office/services',
  'POST /api/offices/:office/tickets',
  'GET /api/tickets/:id',
  'POST /api/auth/login',
  'GET /api/offices/:office/kiosks/:code/printer',
  'GET /api/offices/:office/kiosks/:code/paper',
  'GET /api/offices/:office/kiosks/:code/paper/:index.png',
  // Bookings from a citizen's phone (the booking code and the one-time code protect them).
  'GET /api/offices/:office/slots',
  'GET /api/offices/:office/bookable-services',
  'GET /api/offices/:office/services/:service/documents',
  'POST /api/offices/:office/bookings',
  'POST /api/offices/:office/bookings/:code/confirm',
  'DELETE /api/offices/:office/bookings/:code',
  'GET /api/offices/:office/remote-join',
  'POST /api/offices/:office/remote-joins',
  'POST /api/offices/:office/remote-joins/:code/confirm',
  // The ticket's holder asks for its messages (the ticket id, printed on their paper, is the key).
  'POST /api/tickets/:id/notify',
  'GET /api/tickets/:id/notify',
  'DELETE /api/tickets/:id/notify',
  'POST /api/tickets/:id/telegram',
  // The API reference (generated from the endpoint table).
  'GET /api/openapi.json',
  'GET /api/docs',
  'GET /api/docs/init.js',
]);
// Not tied to an office.
const OFFICE_FREE = new Set([
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'GET /api/cases',
  'GET /api/users',
]);

interface Side {
  office: string;
  ticket: string;
  caseNumber: string;
  user: string;
}

let server: TestServer;
let own: Side;
let other: Side;
const tokens = new Map<string, string>();

beforeAll(async () => {
  server = await startTestServer();
  await seedSecondOffice(server.db);
  const issue = async (office: string) =>
    (
      await request<{ ticket: { id: string } }>(
        server.url,
        'POST',
        `/api/offices/${office}/tickets`,
        {
          body: { service: 'birth' },
        },
      )
    ).body.ticket.id;
  const openCase = async (username: string, ticketId: string) => {
    const token = await login(server.url, username);
    const office = username === 'vclerk' ? 'vose' : 'kulob';
    await request(server.url, 'POST', `/api/offices/${office}/counters/1/call`, {
      token,
      body: { ticketId },
    });
    const res = await request<{ case: { number: string } }>(server.url, 'POST', '/api/cases', {
      token,
      body: { ticketId, type: 'birth' },
    });
    if (res.status !== 201) throw new Error(`case: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.case.number;
  };
  const [kt, vt] = [await issue('kulob'), await issue('vose')];
  own = { office: 'kulob', ticket: kt, caseNumber: await openCase('clerk1', kt), user: 'clerk2' };
  other = { office: 'vose', ticket: vt, caseNumber: await openCase('vclerk', vt), user: 'vclerk' };
  for (const u of ['clerk1', 'back1', 'admin']) tokens.set(u, await login(server.url, u));
});
afterAll(async () => server.close());

function fill(route: RouteEntry, side: Side): string {
  const code = route.path.includes('/services/') ? 'birth' : 'K1';
  return route.path
    .replace(':office', side.office)
    .replace(':counter', '1')
    .replace(':code', code)
    .replace(':service', 'birth')
    .replace(':index', '0')
    .replace(':id', side.ticket)
    .replace(':action', 'recall')
    .replace(':number', side.caseNumber)
    .replace(':username', side.user);
}

/** A body that passes the route's schema, so that only the office can refuse it. */
function bodyFor(route: RouteEntry, side: Side): unknown {
  const key = `${route.method} ${route.path}`;
  switch (key) {
    case 'POST /api/cases':
      return { ticketId: side.ticket, type: 'birth' };
    case 'PATCH /api/cases/:number':
      return { version: 1 };
    case 'POST /api/cases/:number/identity':
      return { version: 1 };
    case 'POST /api/cases/:number/transitions':
      return { to: 'cancelled', version: 1 };
    case 'POST /api/tickets/:id/transfer':
      return { service: 'birth' };
    case 'POST /api/offices/:office/counters/:counter/call':
      return { ticketId: side.ticket };
    case 'POST /api/users':
      return {
        username: `x${Date.now()}`,
        password: 'secret-one',
        role: 'clerk',
        name: 'X',
        office: side.office,
      };
    case 'PATCH /api/users/:username':
      return { name: 'Renamed' };
    default:
      return route.method === 'GET' || route.method === 'HEAD' ? undefined : {};
  }
}

function apiRoutes(): RouteEntry[] {
  return routeTable(server.app.http).filter((r) => r.path.startsWith('/api/'));
}

it('walks a route table that has the known staff routes', () => {
  const keys = apiRoutes().map((r) => `${r.method} ${r.path}`);
  expect(keys).toEqual(
    expect.arrayContaining(['GET /api/offices/:office/queue', 'GET /api/cases/:number']),
  );
  expect(keys.length).toBeGreaterThan(30);
});

it('refuses every non-public route without a session', async () => {
  for (const route of apiRoutes()) {
    if (PUBLIC.has(`${route.method} ${route.path}`)) continue;
    const res = await request(server.url, route.method, fill(route, own), {
      body: bodyFor(route, own),
    });
    expect(`${route.method} ${route.path} → ${res.status}`).toMatch(/ → 401$/);
  }
});

it.each(['clerk1', 'back1', 'admin'])(
  'closes every route of another office to %s, and leaves its own office open',
  async (username) => {
    const token = tokens.get(username) ?? '';
    for (const route of apiRoutes()) {
      const key = `${route.method} ${route.path}`;
      if (PUBLIC.has(key) || OFFICE_FREE.has(key)) continue;
      const theirs = await request(server.url, route.method, fill(route, other), {
        token,
        body: bodyFor(route, other),
      });
      expect(`${key} → ${theirs.status}`).toMatch(/ → 40[34]$/);
      expect(JSON.stringify(theirs.body ?? '')).not.toContain(other.caseNumber);
      const ours = await request(server.url, route.method, fill(route, own), {
        token,
        body: bodyFor(route, own),
      });
      // Our own office may still refuse the role, never the office.
      const message = (ours.body as { error?: { message?: string } } | undefined)?.error?.message;
      expect(`${key} → ${message ?? ours.status}`).not.toMatch(/you work for office/);
    }
  },
);

it("lists no user of another office to an office's admin", async () => {
  const res = await request<{ users: Array<{ username: string }> }>(
    server.url,
    'GET',
    '/api/users',
    {
      token: tokens.get('admin'),
    },
  );
  expect(res.status).toBe(200);
  expect(res.body.users.map((u) => u.username)).toContain('clerk1');
  expect(res.body.users.map((u) => u.username)).not.toContain('vclerk');
});

it('lists no case of another office, asked for by name', async () => {
  const res = await request<{ cases: unknown[] }>(server.url, 'GET', '/api/cases?office=vose', {
    token: tokens.get('clerk1'),
  });
  expect(res.status).toBe(404);
});

it.each(['clerk1', 'back1', 'admin'])(
  'refuses %s a console socket of another office',
  async (u) => {
    expect(
      await refusedSocket(server.url, '/counter', { office: 'vose', token: tokens.get(u) ?? '' }),
    ).toBe('forbidden');
  },
);
