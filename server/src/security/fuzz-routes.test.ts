/**
 * Fuzzing every REST route of the route table with bodies, queries and path parameters generated
 * from the protocol's zod schemas (valid-but-odd, broken in one place, or anything), as each role
 * and as nobody, on SQLite and MariaDB: never a 5xx, always the contract's error shape, and a
 * refused request leaves every table's row count (the audit included) as it was.
 * Reproduce a failure with FUZZ_SEED=<seed printed> (FUZZ_RUNS=<n> runs per route).
 */
import fc from 'fast-check';
import type { z } from 'zod';
import {
  CaseQuery,
  CaseTransition,
  CallTicket,
  ConfirmIdentity,
  CreateCase,
  CreateDevice,
  CreateService,
  CreateUser,
  IssueTicket,
  Login,
  MessageQuery,
  MessageSettings,
  NotifyTicket,
  OfficeSettings,
  PatchCase,
  PauseCounter,
  PutCounter,
  ReportQuery,
  AuditQuery,
  TakeCounter,
  TemplateKeys,
  TemplateText,
  TestMessage,
  Transfer,
  UpdateDevice,
  UpdateService,
  UpdateUser,
} from '../../protocol';
import {
  BookingResourceInput,
  ServiceBookingPlan,
  CancelBooking,
  CancelOnBehalf,
  ConfirmBooking,
  CreateBooking,
  DayBookingsQuery,
  SlotsQuery,
} from '../../protocol/bookings';
import {
  BookingSettingsChange,
  ConfirmRemoteJoin,
  CreateRemoteJoin,
} from '../../protocol/remote-join';
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';
import { seedSecondOffice } from '../testing/second-office';
import { FUZZ_SEED, fuzzRuns, oddString, payloadFor, tableCounts } from '../testing/fuzz';
import { routeTable } from './route-table';

interface Spec {
  body?: z.ZodType;
  query?: z.ZodType;
}

// Every API route's body or query schema; a route missing here fails the first test.
/** Routes that answer with HTML or a script, not the JSON the request helper reads. */
const STATIC_PAGES = new Set(['GET /api/docs', 'GET /api/docs/init.js']);

const SPECS: Record<string, Spec> = {
  'POST /api/tickets/:id/notify': { body: NotifyTicket },
  'GET /api/tickets/:id/notify': {},
  'DELETE /api/tickets/:id/notify': {},
  'POST /api/tickets/:id/telegram': {},
  'POST /api/cases/:number/telegram': {},
  'GET /api/offices/:office/messages': { query: MessageQuery },
  'POST /api/offices/:office/messages/test': { body: TestMessage },
  'GET /api/offices/:office/messages/totals': {},
  'GET /api/offices/:office/message-templates': {},
  'PUT /api/offices/:office/message-templates/:key/:language': { body: TemplateText },
  'DELETE /api/offices/:office/message-templates/:key/:language': {},
  'GET /api/offices/:office/message-settings': {},
  'PUT /api/offices/:office/message-settings': { body: MessageSettings },
  'POST /api/cases': { body: CreateCase },
  'GET /api/cases': { query: CaseQuery },
  'GET /api/cases/:number': {},
  'PATCH /api/cases/:number': { body: PatchCase },
  'POST /api/cases/:number/transitions': { body: CaseTransition },
  'POST /api/cases/:number/identity': { body: ConfirmIdentity },
  'GET /api/tickets/:id/case': {},
  'GET /api/offices/:office/kiosks/:code/printer': {},
  'POST /api/offices/:office/kiosks/:code/test-print': {},
  'GET /api/offices/:office/kiosks/:code/paper': {},
  'GET /api/offices/:office/kiosks/:code/paper/:index.png': {},
  'GET /api/health': {},
  'GET /api/ready': {},
  'GET /api/openapi.json': {},
  'GET /api/docs': {},
  'GET /api/docs/init.js': {},
  'GET /api/offices/:office/booking-settings': {},
  'PUT /api/offices/:office/booking-settings': { body: BookingSettingsChange },
  'GET /api/offices/:office': {},
  'GET /api/offices/:office/services': {},
  'POST /api/offices/:office/tickets': { body: IssueTicket },
  'GET /api/tickets/:id': {},
  'POST /api/auth/login': { body: Login },
  'POST /api/auth/logout': {},
  'GET /api/auth/me': {},
  'POST /api/offices/:office/counters/:counter/session': { body: TakeCounter },
  'DELETE /api/offices/:office/counters/:counter/session': {},
  'POST /api/offices/:office/counters/:counter/call-next': {},
  'POST /api/offices/:office/counters/:counter/call': { body: CallTicket },
  'POST /api/offices/:office/counters/:counter/pause': { body: PauseCounter },
  'POST /api/offices/:office/counters/:counter/resume': {},
  'POST /api/tickets/:id/transfer': { body: Transfer },
  'POST /api/tickets/:id/undo-no-show': {},
  'POST /api/tickets/:id/:action': {},
  'GET /api/offices/:office/queue': {},
  'GET /api/offices/:office/admin/services': {},
  'POST /api/offices/:office/services': { body: CreateService },
  'PATCH /api/offices/:office/services/:code': { body: UpdateService },
  'GET /api/offices/:office/counters': {},
  'PUT /api/offices/:office/counters/:counter': { body: PutCounter },
  'GET /api/users': {},
  'POST /api/users': { body: CreateUser },
  'PATCH /api/users/:username': { body: UpdateUser },
  'DELETE /api/users/:username/login-lock': {},
  'GET /api/offices/:office/devices': {},
  'POST /api/offices/:office/devices': { body: CreateDevice },
  'POST /api/offices/:office/devices/:code/pair': {},
  'DELETE /api/offices/:office/devices/:code/pair': {},
  'PATCH /api/offices/:office/devices/:code': { body: UpdateDevice },
  'DELETE /api/offices/:office/devices/:code': {},
  'GET /api/offices/:office/settings': {},
  'PATCH /api/offices/:office/settings': { body: OfficeSettings },
  'POST /api/offices/:office/day/close': {},
  'GET /api/offices/:office/reports/summary': { query: ReportQuery },
  'GET /api/offices/:office/audit': { query: AuditQuery },
  'GET /api/offices/:office/slots': { query: SlotsQuery },
  'GET /api/offices/:office/bookable-services': {},
  'GET /api/offices/:office/services/:service/documents': {},
  'POST /api/offices/:office/bookings': { body: CreateBooking },
  'POST /api/offices/:office/bookings/:code/confirm': { body: ConfirmBooking },
  'DELETE /api/offices/:office/bookings/:code': { body: CancelBooking },
  'GET /api/offices/:office/bookings': { query: DayBookingsQuery },
  'POST /api/offices/:office/bookings/:code/cancel': { body: CancelOnBehalf },
  'GET /api/offices/:office/remote-join': {},
  'POST /api/offices/:office/remote-joins': { body: CreateRemoteJoin },
  'POST /api/offices/:office/remote-joins/:code/confirm': { body: ConfirmRemoteJoin },
  'GET /api/offices/:office/booking-plans': {},
  'PUT /api/offices/:office/services/:service/booking-plan': {
    body: ServiceBookingPlan.nullable(),
  },
  'DELETE /api/offices/:office/services/:service/booking-plan': {},
  'GET /api/offices/:office/booking-resources': {},
  'PUT /api/offices/:office/booking-resources/:resource': { body: BookingResourceInput },
  'DELETE /api/offices/:office/booking-resources/:resource': {},
};

// A refused login is audited (login.failed): the one write a refusal makes.
const AUDITED_REFUSALS = new Set(['POST /api/auth/login']);

describe.each(testDialects())('fuzzing every route on %s', (dialect) => {
  let s: TestServer;
  const tokens: string[] = [];
  const known = { ticket: '', caseNumber: 'KUL-2026-000001' };

  beforeAll(async () => {
    s = await startTestServer({ database: dialect });
    await seedSecondOffice(s.db);
    for (const u of ['admin', 'clerk1', 'back1', 'vclerk']) tokens.push(await login(s.url, u));
    const t = await request<{ ticket: { id: string } }>(
      s.url,
      'POST',
      '/api/offices/kulob/tickets',
      {
        body: { service: 'birth' },
      },
    );
    known.ticket = t.body.ticket.id;
  });
  afterAll(() => s.close());

  const params: Record<string, fc.Arbitrary<string>> = {
    office: fc.constantFrom('kulob', 'vose', 'nowhere'),
    counter: fc.constantFrom('1', '2', '99'),
    code: fc.constantFrom('K1', 'D1', 'birth', '12345678'),
    service: fc.constantFrom('birth', 'marriage', 'none'),
    index: fc.constantFrom('0', '1', '1001', '-1'),
    action: fc.constantFrom('recall', 'start', 'no-show', 'complete', 'explode'),
    username: fc.constantFrom('clerk2', 'nobody'),
    key: fc.constantFrom(...TemplateKeys, 'nope'),
    language: fc.constantFrom('tg', 'ru', 'uz', 'en', 'xx'),
  };
  const paramArb = (name: string): fc.Arbitrary<string> => {
    if (name === 'id') return fc.oneof(fc.constant(known.ticket), fc.uuid(), oddString(0, 40));
    if (name === 'number') return fc.oneof(fc.constant(known.caseNumber), oddString(0, 50));
    return fc.oneof({ weight: 4, arbitrary: params[name] ?? fc.constant('x') }, oddString(0, 50));
  };

  function requestArb(method: string, path: string) {
    const spec = SPECS[`${method} ${path}`] ?? {};
    const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    const logout = path === '/api/auth/logout';
    return fc.record({
      path: fc
        .tuple(...names.map(paramArb))
        .map((values) =>
          names.reduce((p, n, i) => p.replace(`:${n}`, encodeURIComponent(values[i] ?? '')), path),
        ),
      body: method === 'GET' ? fc.constant(undefined) : payloadFor(spec.body),
      query: spec.query ? payloadFor(spec.query) : fc.constant(undefined),
      // Logout would end the tokens the other runs use: it gets none or a forged one.
      token: logout
        ? fc.constantFrom(undefined, 'forged')
        : fc.constantFrom(...tokens.map((_, i) => i), -1, -2),
    });
  }

  function queryString(query: unknown): string {
    if (typeof query !== 'object' || query === null) return '';
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(query as Record<string, unknown>)) {
      sp.append(k, typeof v === 'string' ? v : JSON.stringify(v));
    }
    const text = sp.toString();
    return text ? `?${text}` : '';
  }

  function tokenOf(t: number | string | undefined): string | undefined {
    if (typeof t === 'number') return t >= 0 ? tokens[t] : t === -2 ? 'not-a-token' : undefined;
    return t;
  }

  it('has a schema entry for every API route', () => {
    const missing = routeTable(s.app.http)
      .filter((r) => r.path.startsWith('/api/'))
      .map((r) => `${r.method} ${r.path}`)
      .filter((k) => !(k in SPECS));
    expect(missing).toEqual([]);
  });

  it(`never answers 5xx nor half-writes a refused request (seed ${FUZZ_SEED})`, async () => {
    const routes = routeTable(s.app.http).filter((r) => r.path.startsWith('/api/'));
    const runs = fuzzRuns(dialect === 'sqlite' ? 12 : 8);
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      await fc.assert(
        fc.asyncProperty(requestArb(route.method, route.path), async (r) => {
          if (STATIC_PAGES.has(key)) {
            // The reference page and its script are static files (not JSON): only the status counts.
            const page = await fetch(s.url + r.path + queryString(r.query));
            expect(`${key} → ${page.status}`).toMatch(/ → [1-4]\d\d$/);
            return;
          }
          if (key.endsWith('.png')) {
            // A printed ticket's paper is an image, not JSON: only the status counts (a GET).
            const token = tokenOf(r.token);
            const image = await fetch(s.url + r.path + queryString(r.query), {
              headers: token ? { authorization: `Bearer ${token}` } : {},
            });
            expect(`${key} ${r.path} → ${image.status}`).toMatch(/ → [1-4]\d\d$/);
            return;
          }
          const before = await tableCounts(s.db);
          const res = await request(s.url, route.method, r.path + queryString(r.query), {
            body: r.body,
            token: tokenOf(r.token),
          }).catch((err: Error) => ({ status: 0, body: { transport: err.message } }));
          const what = `${key} ${r.path} → ${res.status} ${String(JSON.stringify(res.body ?? null)).slice(0, 300)}`;
          expect(what).toMatch(/ → [1-4]\d\d /);
          // Node itself refuses an over-long URL (431/414) before any route: no JSON body then.
          if (res.status < 400 || res.status === 431 || res.status === 414) return;
          const error = (res.body as { error?: { code?: unknown; message?: unknown } }).error;
          expect(typeof error?.code === 'string' && typeof error.message === 'string').toBe(true);
          const after = await tableCounts(s.db);
          if (AUDITED_REFUSALS.has(key)) after.audit_log = before.audit_log ?? 0;
          expect({ what, counts: after }).toEqual({ what, counts: before });
        }),
        { numRuns: runs, seed: FUZZ_SEED + routes.indexOf(route), endOnFailure: true },
      );
    }
    expect((await request(s.url, 'GET', '/api/health')).status).toBe(200);
  }, 240_000);
});
