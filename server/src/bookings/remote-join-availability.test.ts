/**
 * The public read the join page makes first, `GET /api/offices/:office/remote-join`, on both
 * databases: off by default (no places counted); on, the places left today under the daily cap,
 * down to 0 as joins are confirmed (a pending join takes none) and back to the cap the next office
 * day; an unknown office is the contract's 404; the route is limited per address.
 */
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';
import { FakeSmsc } from '../testing/fake-smsc';
import { waitFor } from '../testing/wait';

const OFFICE = '/api/offices/kulob';
/** Thursday 3 December 2026, 09:00 in Dushanbe. */
const THURSDAY = new Date('2026-12-03T04:00:00Z');
/** Friday 4 December 2026, 09:00 in Dushanbe: the next office day. */
const FRIDAY = new Date('2026-12-04T04:00:00Z');

describe.each(testDialects())('the remote-join availability on %s', (dialect) => {
  let smsc: FakeSmsc;
  let s: TestServer;
  let admin: string;
  let clock = THURSDAY;
  let phoneSeq = 0;

  beforeAll(async () => {
    smsc = new FakeSmsc({ autoReceipt: true });
    await smsc.start();
    s = await startTestServer({
      database: dialect,
      now: () => clock,
      messaging: { smsUrl: smsc.url },
      publicUrl: 'https://navbat.example.tj',
    });
    admin = await login(s.url, 'admin');
  });
  afterAll(async () => {
    await s.close();
    await smsc.stop();
  });

  const availability = (office = 'kulob') =>
    request(s.url, 'GET', `/api/offices/${office}/remote-join`);

  const setRemoteJoin = async (enabled: boolean, dailyCap: number) => {
    const res = await request(s.url, 'PUT', `${OFFICE}/booking-settings`, {
      token: admin,
      body: { earlyMinutes: 15, lateMinutes: 10, remoteJoin: { enabled, dailyCap } },
    });
    expect(res.status).toBe(200);
  };

  /** A join made with a fresh phone: its code, and the six digits the SMSC received. */
  const startJoin = async (): Promise<{ code: string; otp: string }> => {
    const phone = `+99293${String(2_000_000 + phoneSeq++)}`;
    const created = await request(s.url, 'POST', `${OFFICE}/remote-joins`, {
      body: { service: 'birth', phone, language: 'tg' },
    });
    expect(created.status).toBe(201);
    const sms = await waitFor(
      () => smsc.messages().find((m) => m.to === phone.slice(1)),
      'the one-time code at the SMSC',
    );
    const otp = /(\d{6})/.exec(sms.text)?.[1];
    if (!otp) throw new Error(`no code in ${sms.text}`);
    return { code: created.body.join.code as string, otp };
  };

  const confirm = async (j: { code: string; otp: string }) => {
    const res = await request(s.url, 'POST', `${OFFICE}/remote-joins/${j.code}/confirm`, {
      body: { otp: j.otp },
    });
    expect(res.status).toBe(201);
  };

  it('says off, with no places counted, before an administrator switches it on', async () => {
    const res = await availability();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ remoteJoin: { enabled: false, left: null } });
  });

  it('refuses to switch on with no tickets a day, storing nothing', async () => {
    const res = await request(s.url, 'PUT', `${OFFICE}/booking-settings`, {
      token: admin,
      body: { earlyMinutes: 15, lateMinutes: 10, remoteJoin: { enabled: true, dailyCap: 0 } },
    });
    expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed']);
    expect(res.body.error.details.issues[0].field).toBe('remoteJoin.dailyCap');
    expect((await availability()).body).toEqual({ remoteJoin: { enabled: false, left: null } });
  });

  it('says off again once switched off, whatever the cap', async () => {
    await setRemoteJoin(false, 25);
    expect((await availability()).body).toEqual({ remoteJoin: { enabled: false, left: null } });
  });

  it('counts today’s places down to 0 as joins are confirmed, and starts again the next day', async () => {
    clock = THURSDAY;
    await setRemoteJoin(true, 2);
    expect((await availability()).body).toEqual({ remoteJoin: { enabled: true, left: 2 } });

    const first = await startJoin();
    // A join waiting for its code takes no place yet.
    expect((await availability()).body.remoteJoin.left).toBe(2);
    await confirm(first);
    expect((await availability()).body.remoteJoin).toEqual({ enabled: true, left: 1 });
    await confirm(await startJoin());
    expect((await availability()).body.remoteJoin).toEqual({ enabled: true, left: 0 });

    // A cap lowered below what was handed out still reads 0, never less.
    await setRemoteJoin(true, 1);
    expect((await availability()).body.remoteJoin).toEqual({ enabled: true, left: 0 });

    clock = FRIDAY;
    try {
      expect((await availability()).body.remoteJoin).toEqual({ enabled: true, left: 1 });
    } finally {
      clock = THURSDAY;
    }
  });

  it('answers an unknown office with the contract’s 404', async () => {
    const res = await availability('nowhere');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: { code: 'not_found', message: expect.any(String) as unknown },
    });
  });

  it('is limited per address like the other public booking routes, and never cached', async () => {
    const res = await availability();
    expect(res.headers.get('ratelimit-policy')).toBe('120;w=600');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
