import { createApp } from '../app';
import {
  freshDatabase,
  seedTestDemo,
  startTestServer,
  testDialects,
  type TestDatabase,
  type TestServer,
} from '../testing/harness';
import { connectSocket, login, request } from '../testing/client';
import type { QueueChange } from '../../protocol';
import { QueueService } from './queue-service';
import type { StaffPrincipal } from '../auth/actor';

const OFFICE = '/api/offices/kulob';

describe.each(testDialects())('the live queue on %s', (dialect) => {
  it('never hands one ticket to two counters: 6 windows racing over 60 tickets', async () => {
    const s = await startTestServer({ database: dialect });
    try {
      // Consultation is served by windows 1, 2, 3 and 6; birth by 1, 2, 3: give all six one service.
      const consultation = await s.db.models.Service.findOne({ where: { code: 'consultation' } });
      const counters = await s.db.models.Counter.findAll();
      for (const c of counters) {
        await s.db.models.CounterService.findOrCreate({
          where: { counterId: c.id, serviceId: consultation!.id },
        });
      }
      const issued = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          request(s.url, 'POST', `${OFFICE}/tickets`, {
            body: { service: 'consultation', priority: i % 7 === 0 ? 'elderly' : undefined },
          }),
        ),
      );
      expect(issued.filter((r) => r.status !== 201).map((r) => JSON.stringify(r.body))).toEqual([]);
      const numbers = issued.map((r) => r.body.ticket.number as string);
      expect(new Set(numbers).size).toBe(60);

      const tokens = await Promise.all(
        ['clerk1', 'clerk2', 'clerk3', 'clerk4', 'admin', 'clerk1'].map((u) => login(s.url, u)),
      );
      const calledBy = new Map<string, string[]>();
      await Promise.all(
        ['1', '2', '3', '4', '5', '6'].map(async (counter, i) => {
          for (;;) {
            const res = await request(s.url, 'POST', `${OFFICE}/counters/${counter}/call-next`, {
              token: tokens[i],
            });
            expect(res.status).toBe(200);
            const ticket = res.body.ticket;
            if (!ticket) return;
            calledBy.set(ticket.id, [...(calledBy.get(ticket.id) ?? []), counter]);
            const done = await request(s.url, 'POST', `/api/tickets/${ticket.id}/complete`, {
              token: tokens[i],
            });
            expect(done.status).toBe(200);
          }
        }),
      );
      expect(calledBy.size).toBe(60);
      expect([...calledBy.values()].every((list) => list.length === 1)).toBe(true);
      expect(await s.db.models.Ticket.count({ where: { status: 'done' } })).toBe(60);
      // Every call is in the audit log exactly once.
      expect(await s.db.models.AuditEntry.count({ where: { action: 'ticket.call' } })).toBe(60);
    } finally {
      await s.close();
    }
  });

  it('gives six windows calling at the same moment the six oldest tickets, none of them null', async () => {
    const s = await startTestServer({ database: dialect });
    try {
      // Every window also calls consultations, set as an administrator does (the server's office
      // cache learns it from the change's event, as it would in an office).
      const admin = await login(s.url, 'admin');
      const listed = await request(s.url, 'GET', `${OFFICE}/counters`, { token: admin });
      expect(listed.status).toBe(200);
      for (const c of listed.body.counters as { number: string; services: string[] }[]) {
        const put = await request(s.url, 'PUT', `${OFFICE}/counters/${c.number}`, {
          token: admin,
          body: { services: [...new Set([...c.services, 'consultation'])] },
        });
        expect(put.status).toBe(200);
      }
      const issued: string[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await request(s.url, 'POST', `${OFFICE}/tickets`, {
          body: { service: 'consultation', priority: i === 3 ? 'pregnant' : undefined },
        });
        issued.push(res.body.ticket.id);
      }
      const token = await login(s.url, 'clerk1');
      const calls = await Promise.all(
        ['1', '2', '3', '4', '5', '6'].map((counter) =>
          request(s.url, 'POST', `${OFFICE}/counters/${counter}/call-next`, { token }),
        ),
      );
      // Every window answered (a refusal's body says why).
      expect(calls.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);
      const got = calls.map((r) => r.body.ticket?.id as string | undefined);
      expect(got.every((id) => id !== undefined)).toBe(true);
      expect(new Set(got).size).toBe(6);
      // The priority ticket and the five oldest ordinary ones; nobody skipped to a later ticket.
      expect(new Set(got)).toEqual(
        new Set([issued[3], ...issued.slice(0, 3), ...issued.slice(4, 6)]),
      );
    } finally {
      await s.close();
    }
  });

  it('keeps waiting tickets, numbering and seq across a restart', async () => {
    const tdb = await freshDatabase(dialect);
    try {
      await seedTestDemo(tdb.db);
      const first = await startTestServer({ shared: tdb });
      const a = await request(first.url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'birth' },
      });
      await request(first.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } });
      const { socket, snapshot: before } = await connectSocket(first.url, '/display', {
        office: 'kulob',
      });
      socket.close();
      await first.close();

      const second = await startTestServer({ shared: tdb });
      try {
        const { socket: s2, snapshot: after } = await connectSocket(second.url, '/display', {
          office: 'kulob',
        });
        s2.close();
        expect(after.seq).toBe(before.seq);
        expect(after.tickets.map((t) => t.number)).toEqual(['A001', 'A002']);
        const c = await request(second.url, 'POST', `${OFFICE}/tickets`, {
          body: { service: 'birth' },
        });
        expect(c.body.ticket.number).toBe('A003');
        const token = await login(second.url, 'clerk1');
        const called = await request(second.url, 'POST', `${OFFICE}/counters/1/call-next`, {
          token,
        });
        expect(called.body.ticket.id).toBe(a.body.ticket.id);
      } finally {
        await second.close();
      }
    } finally {
      await tdb.drop();
    }
  });

  it('restarts numbering at midnight in Dushanbe, not at UTC midnight, and expires the old day', async () => {
    const tdb = await freshDatabase(dialect);
    let now = new Date('2026-11-25T18:58:00Z'); // 23:58 in Dushanbe
    const app = await createApp({ db: tdb.db, now: () => now, bcryptRounds: 4 });
    try {
      await seedTestDemo(tdb.db);
      const changes: QueueChange[] = [];
      const queue = new QueueService({
        db: tdb.db,
        now: () => now,
        publish: (_o, c) => changes.push(...c),
      });
      const kiosk = { kind: 'kiosk', code: null } as const;
      const t1 = await queue.issue('kulob', { service: 'birth' }, undefined, kiosk);
      expect(t1.ticket.number).toBe('A001');
      now = new Date('2026-11-25T19:00:30Z'); // 00:00:30 next day in Dushanbe, still the 25th in UTC
      const t2 = await queue.issue('kulob', { service: 'birth' }, undefined, kiosk);
      expect(t2.ticket.number).toBe('A001');
      expect(t2.ticket.id).not.toBe(t1.ticket.id);
      now = new Date('2026-11-25T23:59:00Z'); // 04:59 in Dushanbe: the same office day
      const t3 = await queue.issue('kulob', { service: 'birth' }, undefined, kiosk);
      expect(t3.ticket.number).toBe('A002');

      // Yesterday's ticket is not in today's queue, and closing the day expires it.
      const snap = await queue.snapshot('kulob');
      expect(snap.tickets.map((t) => t.id)).toEqual([t2.ticket.id, t3.ticket.id]);
      changes.length = 0;
      expect(await queue.closeStaleDays('kulob')).toBe(1);
      expect((await queue.getTicket(t1.ticket.id)).status).toBe('expired');
      expect(changes.map((c) => c.kind)).toEqual(['ticket:updated']);
      expect(await queue.closeStaleDays('kulob')).toBe(0);

      const clerk: StaffPrincipal = {
        id: 1,
        username: 'clerk1',
        role: 'clerk',
        name: 'c',
        officeCode: 'kulob',
      };
      const called = await queue.callNext('kulob', '1', clerk);
      expect(called?.id).toBe(t2.ticket.id);
    } finally {
      await app.close();
      await tdb.drop();
    }
  });

  describe('events', () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startTestServer({ database: dialect });
    });
    afterAll(() => s.close());

    it('publishes only after commit: a refused command emits nothing and takes no seq', async () => {
      const { socket, snapshot } = await connectSocket(s.url, '/display', { office: 'kulob' });
      const seen: number[] = [];
      socket.onAny((_name, payload: { seq: number }) => seen.push(payload.seq));
      const bad = await request(s.url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'birth', priority: 'vip' },
      });
      expect(bad.status).toBe(400);
      await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } });
      await waitFor(() => seen.length >= 1);
      expect(seen).toEqual([snapshot.seq + 1]);
      socket.close();
    });
  });
});

async function waitFor(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export type { TestDatabase };
