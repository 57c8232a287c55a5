/**
 * An operator hears of a dead SMSC from `/metrics` and the admin's Messages tab, not from citizens:
 * each node says whether its gateway took its last submit, since when, and the last error. The
 * SMSC here is real SMPP on a port (testing/fake-smsc.ts) that goes away and comes back.
 */
import { startTestServer, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';
import { FakeSmsc } from '../testing/fake-smsc';
import { waitFor } from '../testing/wait';

const OFFICE = '/api/offices/kulob';
const METRICS_TOKEN = 'gateway-health-metrics-token';

describe('a message gateway that goes away and comes back', () => {
  let s: TestServer;
  let smsc: FakeSmsc;
  beforeAll(async () => {
    smsc = new FakeSmsc();
    await smsc.start();
    s = await startTestServer({
      database: 'sqlite',
      metricsToken: METRICS_TOKEN,
      messaging: { smsUrl: `${smsc.url}&timeout=1` },
      messagePollMs: 200,
    });
  });
  afterAll(async () => {
    await s.close();
    await smsc.stop();
  });

  const metrics = async () => {
    const res = await fetch(`${s.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    const text = await res.text();
    const value = (name: string) => {
      const line = text.split('\n').find((l) => l.startsWith(name + ' '));
      return line === undefined ? undefined : Number(line.slice(name.length + 1));
    };
    return {
      up: value('navbat_message_gateway_up{gateway="smpp"}'),
      sent: value('navbat_message_attempts_total{gateway="smpp",outcome="sent"}') ?? 0,
      unreachable:
        value('navbat_message_attempts_total{gateway="smpp",outcome="unreachable"}') ?? 0,
      lastSent: value('navbat_message_gateway_last_sent_timestamp_seconds{gateway="smpp"}'),
    };
  };
  const shown = async () => {
    const admin = await login(s.url, 'admin');
    const res = await request(s.url, 'GET', `${OFFICE}/messages`, { token: admin });
    expect(res.status).toBe(200);
    return res.body.gateways as Array<{
      gateway: string;
      up: boolean;
      since: string;
      lastSentAt: string | null;
      lastError: string | null;
    }>;
  };
  const ticketWithPhone = async (phone: string) => {
    const res = await request(s.url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'birth', phone },
    });
    expect(res.status).toBe(201);
  };

  it('says nothing before the first submit, up once one is taken, down while it is away', async () => {
    // No submit yet: no gateway line and no up/down figure (an unknown is not a "down").
    expect(await shown()).toEqual([]);
    expect((await metrics()).up).toBeUndefined();

    await ticketWithPhone('+992901230001');
    await waitFor(async () => (await metrics()).sent >= 1, 'the first message sent', 10_000);
    const first = await metrics();
    expect(first.up).toBe(1);
    expect(first.lastSent).toBeGreaterThan(Date.now() / 1000 - 60);
    const [up] = await shown();
    expect(up).toMatchObject({ gateway: 'smpp', up: true, lastError: null });
    expect(up!.lastSentAt).not.toBeNull();

    // The SMSC goes away: the next message cannot be submitted, and the node says so.
    await smsc.stop();
    await ticketWithPhone('+992901230002');
    await waitFor(async () => (await metrics()).up === 0, 'the gateway seen down', 15_000);
    expect((await metrics()).unreachable).toBeGreaterThanOrEqual(1);
    const [down] = await shown();
    expect(down).toMatchObject({ gateway: 'smpp', up: false, lastSentAt: up!.lastSentAt });
    expect(down!.lastError).toEqual(expect.any(String));
    expect(Date.parse(down!.since)).toBeGreaterThan(Date.parse(up!.lastSentAt!));

    // Back on its port: the retry goes through and the gateway is up again.
    await smsc.start(smsc.port);
    await waitFor(async () => (await metrics()).up === 1, 'the gateway seen up again', 30_000);
    const [again] = await shown();
    expect(again).toMatchObject({ gateway: 'smpp', up: true });
    expect(Date.parse(again!.lastSentAt!)).toBeGreaterThan(Date.parse(down!.since));
    expect(smsc.submits.some((m) => m.to === '992901230002')).toBe(true);

    // Busy for every second part: a two-part text (Tajik, with its link) ends failed, part 1
    // taken, and must not read as "working" (it did: the refusal of a later part is final for the
    // message, so it was counted as this message's own fault).
    smsc.throttleLaterParts = true;
    await ticketWithPhone('+992901230003');
    await waitFor(async () => (await metrics()).up === 0, 'the busy gateway seen down', 20_000);
    const [busy] = await shown();
    expect(busy).toMatchObject({ up: false });
    expect(busy!.lastError).toMatch(/^part 2 of 2 refused: SMSC busy/);
  }, 60_000);
});
