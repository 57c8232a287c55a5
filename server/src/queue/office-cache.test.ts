/**
 * The office cache against the database it stands for: what it keeps from events must be what a
 * fresh read finds.
 */
import type { QueueChange } from '../../protocol';
import { QueueRepository } from '../../../db/repositories/queue-repository';
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { connectSocket, login, request } from '../testing/client';
import { waitFor } from '../testing/wait';
import { OfficeCache } from './office-cache';
import { officeDay } from './office-day';

const OFFICE = 'kulob';
const API = `/api/offices/${OFFICE}`;

describe.each(testDialects())('office cache on %s', (dialect) => {
  let s: TestServer;
  let token: string;
  beforeAll(async () => {
    s = await startTestServer({ database: dialect });
    token = await login(s.url, 'clerk1');
  });
  afterAll(() => s.close());

  it("keeps a service's recent durations as a fresh read finds them, learning each done ticket from its event", async () => {
    // A second node's cache: it learns only from the committed events a staff socket receives.
    const repo = new QueueRepository(s.db);
    const cache = new OfficeCache(repo, 600_000);
    const office = await cache.office(OFFICE);
    const birth = (await cache.services(OFFICE)).find((x) => x.code === 'birth')!;
    const day = officeDay(new Date(), office!.timeZone);
    const fresh = () => repo.recentServiceSeconds(OFFICE, day, undefined, birth.id);
    let reads = 0;
    const kept = () =>
      cache.durations(OFFICE, day, birth.id, () => {
        reads++;
        return fresh();
      });
    const { socket } = await connectSocket(s.url, '/counter', { office: OFFICE, token });
    let done = 0;
    socket.onAny((kind: string, payload: { ticket?: { status: string } }) => {
      if (!payload?.ticket) return;
      cache.observe(OFFICE, [{ kind, ...payload } as QueueChange]);
      if (payload.ticket.status === 'done') done++;
    });
    try {
      // More tickets than the 20 durations kept, and one of another service between them.
      for (let i = 0; i < 23; i++) {
        const res = await request(s.url, 'POST', `${API}/tickets`, { body: { service: 'birth' } });
        expect(res.status).toBe(201);
      }
      expect(await kept()).toEqual(await fresh());
      await request(s.url, 'POST', `${API}/tickets`, { body: { service: 'paternity' } });
      for (let i = 0; i < 24; i++) {
        const call = await request(s.url, 'POST', `${API}/counters/1/call-next`, { token });
        expect(call.status).toBe(200);
        // A different time at the window each (milliseconds apart).
        await new Promise((resolve) => setTimeout(resolve, 5 + ((i * 7) % 13)));
        const id = call.body.ticket.id as string;
        expect(
          (await request(s.url, 'POST', `/api/tickets/${id}/complete`, { token })).status,
        ).toBe(200);
      }
      await waitFor(() => done === 24, 'the 24 completions on the staff socket', 10_000);
      const read = await fresh();
      expect(read.get(birth.id)).toHaveLength(20);
      expect(await kept()).toEqual(read);
      // Read once, when first asked; every completion after was learned from its event.
      expect(reads).toBe(1);
    } finally {
      socket.close();
    }
  });

  it('renews an office past its time in the background: no command waits for the reads', async () => {
    /** The queue's repository, counting the office reads it sends to the database. */
    class Counting extends QueueRepository {
      reads = 0;
      last: Promise<unknown> = Promise.resolve();
      /** While set, the services' reads wait for it (a renewal held half-way). */
      gate: Promise<void> | undefined;
      override findOffice(code: string, t?: Parameters<QueueRepository['findOffice']>[1]) {
        this.reads++;
        const read = super.findOffice(code, t);
        this.last = read;
        return read;
      }
      override async listServices(
        code: string,
        t?: Parameters<QueueRepository['listServices']>[1],
      ) {
        await this.gate;
        return super.listServices(code, t);
      }
    }
    const repo = new Counting(s.db);
    const ttlMs = 300;
    const cache = new OfficeCache(repo, ttlMs);
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const setTicker = (ticker: string | null) =>
      s.db.sequelize.query('UPDATE offices SET ticker = :ticker WHERE code = :code', {
        replacements: { ticker, code: OFFICE },
      });
    const first = cache.office(OFFICE);
    expect((await first)?.ticker).not.toBe('renewed');
    expect(repo.reads).toBe(1);
    try {
      // Changed in the database without an event this cache sees (a missed one).
      await setTicker('renewed');
      await pause(ttlMs + 50);
      // Past its time: the same answered promise at once, while the renewal reads.
      expect(cache.office(OFFICE)).toBe(first);
      expect(repo.reads).toBe(2);
      expect(cache.office(OFFICE)).toBe(first);
      await waitFor(async () => (await cache.office(OFFICE))?.ticker === 'renewed', 'renewal');
      expect(repo.reads).toBe(2);

      // An event while a renewal reads drops what it read, as it drops what is kept: a change
      // committed after the renewal's read answered is not hidden behind that read.
      let release = () => {};
      repo.gate = new Promise((r) => (release = r));
      await pause(ttlMs + 50);
      void cache.office(OFFICE);
      expect(repo.reads).toBe(3);
      expect(await repo.last).toMatchObject({ ticker: 'renewed' });
      await setTicker('changed');
      cache.observe(OFFICE, [{ kind: 'office:updated', seq: 0 } as unknown as QueueChange]);
      repo.gate = undefined;
      release();
      await waitFor(async () => (await cache.office(OFFICE))?.ticker === 'changed', 'the change');
      await pause(50); // the renewal is in by now
      expect((await cache.office(OFFICE))?.ticker).toBe('changed');

      // Unused for twice its time: dropped, and read for the command that asks.
      await setTicker(null);
      await pause(2 * ttlMs + 50);
      expect((await cache.office(OFFICE))?.ticker).toBeNull();
      expect(repo.reads).toBeGreaterThan(4);
    } finally {
      await setTicker(null);
    }
  });
});
