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
});
