/**
 * The ceremony hall: a room with its own calendar that several services book. Its slots are the
 * hall's, a ceremony of one service takes the slot from every other, two nodes racing for its last
 * ceremony leave exactly one booking, and the administrator manages rooms over HTTP (audited).
 */
import type { Transaction } from 'sequelize';
import { Database, parseDatabaseUrl } from '../../../db/database';
import {
  freshDatabase,
  seedTestDemo,
  startTestServer,
  testDialects,
  type TestDatabase,
  type TestServer,
} from '../testing/harness';
import { AppError } from '../errors';
import { officeInstant } from '../../protocol/booking-rules';
import { DEMO_HALL } from '../../../db/seed/demo-office';
import { BookingService, type BookingNotifier } from './booking-service';
import { BookingResourceService } from './booking-resources';

/** Wednesday 3 December 2026, 09:00 in Dushanbe. */
const NOW = new Date('2026-12-03T04:00:00Z');
const TZ = 'Asia/Dushanbe';
/** Saturday 5 December, 10:00: the hall's first ceremony of the day (no demo slot on Saturdays). */
const CEREMONY = officeInstant('2026-12-05', 10 * 60, TZ);
const ADMIN = { kind: 'system' as const };

/** Counts the codes whose booking committed (what the outbox would send). */
function countingNotifier(): BookingNotifier & { committed: () => number } {
  let committed = 0;
  const note = (t: Transaction): Promise<void> => {
    t.afterCommit(() => {
      committed += 1;
    });
    return Promise.resolve();
  };
  return { code: note, confirmed: note, committed: () => committed };
}

function deps(db: Database, notifier?: BookingNotifier) {
  return {
    db,
    notifier,
    now: () => NOW,
    offices: {
      office: (code: string) =>
        Promise.resolve(code === 'kulob' ? { code, timeZone: TZ } : undefined),
      serviceExists: (_o: string, s: string) =>
        Promise.resolve(['birth', 'marriage', 'divorce'].includes(s)),
    },
  };
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe.each(testDialects())('the ceremony hall on %s', (dialect) => {
  let tdb: TestDatabase;
  let bookings: BookingService;
  let rooms: BookingResourceService;
  beforeAll(async () => {
    tdb = await freshDatabase(dialect);
    await seedTestDemo(tdb.db);
    bookings = new BookingService(deps(tdb.db, countingNotifier()));
    rooms = new BookingResourceService(deps(tdb.db));
  });
  afterAll(async () => {
    await tdb.drop();
  });

  it('is seeded with the demo office, booked by no service', async () => {
    expect(await rooms.list('kulob')).toEqual([{ ...DEMO_HALL, services: [] }]);
  });

  it('gives the services that book it the hall’s ceremony slots, shared between them', async () => {
    await bookings.setPlan('kulob', 'marriage', { resource: 'hall' });
    await bookings.setPlan('kulob', 'divorce', { resource: 'hall' });
    expect((await rooms.list('kulob'))[0]?.services).toEqual(['divorce', 'marriage']);
    const day = { from: '2026-12-05', to: '2026-12-05' };
    const { slots } = await bookings.slots('kulob', { service: 'marriage', ...day });
    // Saturday 10:00–16:00 in 30-minute ceremonies (the demo plan has no Saturday at all).
    expect(slots).toHaveLength(12);
    expect(slots[0]).toMatchObject({ start: CEREMONY.toISOString(), capacity: 1, free: 1 });
    expect(new Date(slots[0]!.end).getTime() - CEREMONY.getTime()).toBe(30 * 60_000);
    expect((await bookings.slots('kulob', { service: 'birth', ...day })).slots).toEqual([]);

    const booked = await bookings.create('kulob', {
      service: 'marriage',
      start: CEREMONY.toISOString(),
      phone: '+992900000001',
      language: 'tg',
    });
    expect(booked.end).toBe(slots[0]!.end);
    // The other service that books the hall sees the ceremony taken, and may not take it.
    const other = await bookings.slots('kulob', { service: 'divorce', ...day });
    expect(other.slots[0]?.free).toBe(0);
    const taken = await refusal(
      bookings.create('kulob', {
        service: 'divorce',
        start: CEREMONY.toISOString(),
        phone: '+992900000002',
        language: 'ru',
      }),
    );
    expect(taken.code).toBe('slot_full');
    // The next ceremony is free for it.
    const next = new Date(CEREMONY.getTime() + 30 * 60_000).toISOString();
    const second = await bookings.create('kulob', {
      service: 'divorce',
      start: next,
      phone: '+992900000002',
      language: 'ru',
    });
    expect(second.status).toBe('pending');
  });

  it('refuses a plan naming an unknown room, and removing a room services still book', async () => {
    const unknown = await refusal(bookings.setPlan('kulob', 'birth', { resource: 'garden' }));
    expect(unknown.code).toBe('not_found');
    const busy = await refusal(rooms.remove('kulob', 'hall', ADMIN));
    expect(busy.code).toBe('conflict');
    expect(busy.details).toMatchObject({ services: ['divorce', 'marriage'] });
    await bookings.setPlan('kulob', 'marriage', null);
    await bookings.setPlan('kulob', 'divorce', null);
    expect((await rooms.remove('kulob', 'hall', ADMIN)).code).toBe('hall');
    expect(await rooms.list('kulob')).toEqual([]);
    expect((await refusal(rooms.remove('kulob', 'hall', ADMIN))).code).toBe('not_found');
  });
});

describe('the hall’s last ceremony, raced from two nodes by two services', () => {
  if (!process.env.TEST_MYSQL_URL) {
    it.skip('needs TEST_MYSQL_URL', () => undefined);
    return;
  }
  let tdb: TestDatabase;
  let second: Database;
  beforeAll(async () => {
    tdb = await freshDatabase('mysql');
    await seedTestDemo(tdb.db);
    second = new Database(parseDatabaseUrl(tdb.url));
    await second.connect();
  });
  afterAll(async () => {
    await second.close();
    await tdb.drop();
  });

  it('gives it to exactly one of forty couples', async () => {
    const notifier = countingNotifier();
    const nodes = [
      new BookingService(deps(tdb.db, notifier)),
      new BookingService(deps(second, notifier)),
    ];
    await nodes[0]!.setPlan('kulob', 'marriage', { resource: 'hall' });
    await nodes[0]!.setPlan('kulob', 'divorce', { resource: 'hall' });
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        nodes[i % 2]!.create('kulob', {
          service: i % 4 < 2 ? 'marriage' : 'divorce',
          start: CEREMONY.toISOString(),
          phone: `+9929100${String(i).padStart(5, '0')}`,
          language: 'tg',
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.filter((r) => r.status === 'rejected');
    expect(lost.map((r) => (r.reason as AppError).code)).toEqual(Array(39).fill('slot_full'));
    expect(notifier.committed()).toBe(1);
  });
});

describe('rooms over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ now: () => NOW });
  });
  afterAll(async () => {
    await server.close();
  });

  const login = async (username: string): Promise<string> =>
    (
      (await (
        await fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: 'demo' }),
        })
      ).json()) as { token: string }
    ).token;
  const send = (method: string, path: string, token: string, body?: unknown) =>
    fetch(`${server.url}/api/offices/kulob/${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('lets an administrator add a room, link a service to it and remove it, audited', async () => {
    const clerk = await login('clerk1');
    const admin = await login('admin');
    expect((await send('GET', 'booking-resources', clerk)).status).toBe(403);
    const garden = { names: { ...DEMO_HALL.names, en: 'Garden' }, plan: DEMO_HALL.plan };
    expect((await send('PUT', 'booking-resources/garden', clerk, garden)).status).toBe(403);
    const bad = await send('PUT', 'booking-resources/garden', admin, { ...garden, names: {} });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe(
      'validation_failed',
    );
    expect((await send('PUT', 'booking-resources/garden', admin, garden)).status).toBe(200);
    expect(
      (await send('PUT', 'services/marriage/booking-plan', admin, { resource: 'garden' })).status,
    ).toBe(200);
    const listed = (await (await send('GET', 'booking-resources', admin)).json()) as {
      resources: Array<{ code: string; services: string[] }>;
    };
    expect(listed.resources.map((r) => [r.code, r.services])).toEqual([
      ['garden', ['marriage']],
      ['hall', []],
    ]);
    const plans = (await (await send('GET', 'booking-plans', admin)).json()) as {
      plans: Record<string, unknown>;
    };
    expect(plans.plans.marriage).toEqual({ resource: 'garden' });
    const refused = await send('DELETE', 'booking-resources/garden', admin);
    expect(refused.status).toBe(409);
    expect((await send('DELETE', 'services/marriage/booking-plan', admin)).status).toBe(200);
    expect((await send('DELETE', 'booking-resources/garden', admin)).status).toBe(200);
    const audit = (await (
      await fetch(`${server.url}/api/offices/kulob/audit?action=resource.`, {
        headers: { authorization: `Bearer ${admin}` },
      })
    ).json()) as { entries: Array<{ action: string; entityId: string }> };
    expect(audit.entries.map((e) => e.action).sort()).toEqual([
      'resource.create',
      'resource.remove',
    ]);
  });
});
