/**
 * Remote join end to end, on both databases: off by default; switched on by the admin through the
 * booking settings; a join confirmed with the code the in-process SMSC received becomes a waiting
 * ticket marked remote, called like any other; the daily cap holds under 20 racing confirmations;
 * five wrong codes cancel a join.
 */
import type { Transaction } from 'sequelize';
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { connectSocket, login, request } from '../testing/client';
import { FakeSmsc } from '../testing/fake-smsc';
import { waitFor } from '../testing/wait';
import { AppError } from '../errors';
import { RemoteJoinService, type RemoteJoinNotifier } from './remote-join';
import { describeAudit } from '../../../counter/admin/src/audit-view';
import type { AuditEntry } from '../../protocol';

const OFFICE = '/api/offices/kulob';
/** Thursday 3 December 2026, 09:00 in Dushanbe. */
const NOW = new Date('2026-12-03T04:00:00Z');

let phoneSeq = 0;
const nextPhone = () => `+99293${String(1_000_000 + phoneSeq++)}`;

/** Records each code a join would send, once its transaction committed. */
function recordingNotifier(): RemoteJoinNotifier & { otps: Map<string, string> } {
  const otps = new Map<string, string>();
  return {
    otps,
    joinCode: (t: Transaction, m) => {
      t.afterCommit(() => void otps.set(m.join, m.otp));
      return Promise.resolve();
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

describe.each(testDialects())('remote join on %s', (dialect) => {
  let smsc: FakeSmsc;
  let s: TestServer;
  let admin: string;

  beforeAll(async () => {
    smsc = new FakeSmsc({ autoReceipt: true });
    await smsc.start();
    s = await startTestServer({
      database: dialect,
      now: () => NOW,
      messaging: { smsUrl: smsc.url },
      publicUrl: 'https://navbat.example.tj',
    });
    admin = await login(s.url, 'admin');
  });
  afterAll(async () => {
    await s.close();
    await smsc.stop();
  });

  const setRemoteJoin = async (enabled: boolean, dailyCap: number) => {
    const res = await request(s.url, 'PUT', `${OFFICE}/booking-settings`, {
      token: admin,
      body: { earlyMinutes: 15, lateMinutes: 10, remoteJoin: { enabled, dailyCap } },
    });
    expect(res.status).toBe(200);
  };

  const join = (phone: string, language = 'tg') =>
    request(s.url, 'POST', `${OFFICE}/remote-joins`, {
      body: { service: 'birth', phone, language },
    });

  /** The six digits the SMSC received for `phone`. */
  const otpAt = async (phone: string): Promise<string> => {
    const sms = await waitFor(
      () => smsc.messages().find((m) => m.to === phone.slice(1)),
      'the one-time code at the SMSC',
    );
    const otp = /(\d{6})/.exec(sms.text)?.[1];
    if (!otp) throw new Error(`no code in ${sms.text}`);
    return otp;
  };

  it('is off by default: the settings say so and a join is refused', async () => {
    const settings = await request(s.url, 'GET', `${OFFICE}/booking-settings`, { token: admin });
    expect(settings.body.settings).toEqual({
      earlyMinutes: 15,
      lateMinutes: 10,
      remoteJoin: { enabled: false, dailyCap: 0 },
    });
    const res = await join(nextPhone());
    expect([res.status, res.body.error.code, res.body.error.details.reason]).toEqual([
      409,
      'conflict',
      'remote_join_off',
    ]);
    expect(smsc.messages()).toHaveLength(0);
  });

  it('keeps remote join when the check-in window alone is changed', async () => {
    await setRemoteJoin(true, 3);
    const res = await request(s.url, 'PUT', `${OFFICE}/booking-settings`, {
      token: admin,
      body: { earlyMinutes: 20, lateMinutes: 5 },
    });
    expect(res.body.settings).toEqual({
      earlyMinutes: 20,
      lateMinutes: 5,
      remoteJoin: { enabled: true, dailyCap: 3 },
    });
    await setRemoteJoin(false, 0);
  });

  it('changes what a PUT names and keeps the rest: remote join alone, one bound alone', async () => {
    const put = (body: unknown) =>
      request(s.url, 'PUT', `${OFFICE}/booking-settings`, { token: admin, body });
    await put({ earlyMinutes: 25, lateMinutes: 7 });
    // Until 2026-12-07: 400 "earlyMinutes: expected number" (a tester turning remote join on).
    const joinOn = await put({ remoteJoin: { enabled: true, dailyCap: 4 } });
    expect([joinOn.status, joinOn.body.settings]).toEqual([
      200,
      { earlyMinutes: 25, lateMinutes: 7, remoteJoin: { enabled: true, dailyCap: 4 } },
    ]);
    const later = await put({ lateMinutes: 12 });
    expect(later.body.settings).toEqual({
      earlyMinutes: 25,
      lateMinutes: 12,
      remoteJoin: { enabled: true, dailyCap: 4 },
    });
    const read = await request(s.url, 'GET', `${OFFICE}/booking-settings`, { token: admin });
    expect(read.body.settings).toEqual(later.body.settings);
    // A bound out of range is still refused, and nothing of the request is kept.
    const refused = await put({ earlyMinutes: 999, remoteJoin: { enabled: false, dailyCap: 0 } });
    expect([refused.status, refused.body.error.code]).toEqual([400, 'validation_failed']);
    const after = await request(s.url, 'GET', `${OFFICE}/booking-settings`, { token: admin });
    expect(after.body.settings).toEqual(later.body.settings);
    // Inside remoteJoin too: switched off, its cap stays for the day it is on again.
    const off = await put({ remoteJoin: { enabled: false } });
    expect(off.body.settings.remoteJoin).toEqual({ enabled: false, dailyCap: 4 });
    const capOnly = await put({ remoteJoin: { dailyCap: 0 } });
    expect(capOnly.body.settings.remoteJoin).toEqual({ enabled: false, dailyCap: 0 });
    // On with no tickets a day would hold no place: refused on the field, nothing kept.
    const noCap = await put({ lateMinutes: 30, remoteJoin: { enabled: true } });
    expect([noCap.status, noCap.body.error.details.issues[0].field]).toEqual([
      400,
      'remoteJoin.dailyCap',
    ]);
    const kept = await request(s.url, 'GET', `${OFFICE}/booking-settings`, { token: admin });
    expect(kept.body.settings).toMatchObject({ lateMinutes: 12, remoteJoin: { enabled: false } });
    // Each change is in the log, in words (they were in none); a PUT that changes nothing adds none.
    await put({ lateMinutes: 12 });
    const logged = await request(s.url, 'GET', `${OFFICE}/audit?action=office.&limit=50`, {
      token: admin,
    });
    const rows = (logged.body.entries as AuditEntry[]).filter(
      (e) =>
        e.action === 'office.booking_settings' &&
        JSON.stringify(e.after).includes('"earlyMinutes":25'),
    );
    // 25/7 set, remote join on, 12 minutes late, off, cap 0 (the first 15/10 and the refusals: none).
    expect(rows).toHaveLength(5);
    const words = describeAudit(
      rows.find(
        (e) =>
          JSON.stringify(e.before).includes('"lateMinutes":7') &&
          JSON.stringify(e.after).includes('"lateMinutes":12'),
      )!,
      {
        language: 'en',
        services: [],
        priorities: [],
      },
    );
    expect(words.what).toBe('Booking settings changed');
    expect(words.changes).toEqual([
      { field: 'Check-in until (minutes after)', before: '7', after: '12' },
    ]);
    const switchedOff = rows.find(
      (e) =>
        JSON.stringify(e.before).includes('"remoteJoin":true') &&
        JSON.stringify(e.after).includes('"remoteJoin":false'),
    );
    const en = { language: 'en' as const, services: [], priorities: [] };
    expect(describeAudit(switchedOff!, en).changes).toEqual([
      { field: 'Remote join', before: 'Yes', after: 'No' },
    ]);
    await put({ earlyMinutes: 15, lateMinutes: 10, remoteJoin: { enabled: false, dailyCap: 0 } });
  });

  it('joins with the SMS code: a waiting ticket marked remote, seen by the hall, with a come-by time', async () => {
    await setRemoteJoin(true, 10);
    const display = await connectSocket(s.url, '/display', { office: 'kulob' });
    const issued: Array<{ ticket: { id: string; remote?: boolean } }> = [];
    display.socket.on('ticket:issued', (e: { ticket: { id: string; remote?: boolean } }) =>
      issued.push(e),
    );
    const phone = nextPhone();
    const created = await join(phone, 'ru');
    expect(created.status).toBe(201);
    expect(created.body.join).toMatchObject({ service: 'birth', status: 'pending' });
    const code = created.body.join.code as string;
    expect(code).toMatch(/^[1-9]\d{7}$/);
    const otp = await otpAt(phone);
    expect(smsc.messages().find((m) => m.to === phone.slice(1))?.text).toBe(
      `Код подтверждения: ${otp}. Никому его не сообщайте.`,
    );

    const ok = await request(s.url, 'POST', `${OFFICE}/remote-joins/${code}/confirm`, {
      body: { otp },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.join).toMatchObject({ code, status: 'confirmed', ticket: ok.body.ticket.id });
    expect(ok.body.ticket).toMatchObject({ service: 'birth', status: 'waiting', remote: true });
    const wait = ok.body.ticket.estimatedWaitMinutes as number;
    expect(ok.body.comeBy).toBe(new Date(NOW.getTime() + wait * 60_000).toISOString());
    const page = await request(s.url, 'GET', `/api/tickets/${ok.body.ticket.id}`);
    expect(page.body.ticket.remote).toBe(true);
    // The audit log names who took it: the citizen from their phone, not a kiosk.
    const audit = await request(s.url, 'GET', `${OFFICE}/audit?action=ticket.issue`, {
      token: admin,
    });
    const entry = (audit.body.entries as Array<{ actor: string; entityId: string }>).find(
      (e) => e.entityId === ok.body.ticket.id,
    );
    expect(entry?.actor).toBe('citizen');
    await waitFor(() => issued.find((e) => e.ticket.id === ok.body.ticket.id), 'the hall event');
    display.socket.disconnect();
    // The ticket carries the phone: the ordinary "issued" message follows the code.
    await waitFor(
      () => smsc.messages().filter((m) => m.to === phone.slice(1)).length === 2,
      'the ticket message',
    );
    expect(smsc.messages().filter((m) => m.to === phone.slice(1))[1]?.text).toContain(
      ok.body.ticket.number,
    );

    // The same code again: the same ticket, not a second one.
    const again = await request(s.url, 'POST', `${OFFICE}/remote-joins/${code}/confirm`, {
      body: { otp },
    });
    expect([again.status, again.body.ticket.id]).toEqual([200, ok.body.ticket.id]);

    // The phone holds a waiting ticket today: no second join.
    const twice = await join(phone);
    expect([twice.status, twice.body.error.code]).toEqual([409, 'conflict']);

    // Called like any other ticket.
    const clerk = await login(s.url, 'clerk1');
    const called = await request(s.url, 'POST', `${OFFICE}/counters/1/call-next`, {
      token: clerk,
    });
    expect(called.body.ticket).toMatchObject({ id: ok.body.ticket.id, remote: true });
  });

  it('cancels a join after five wrong codes', async () => {
    await setRemoteJoin(true, 10);
    const phone = nextPhone();
    const created = await join(phone);
    const code = created.body.join.code as string;
    const otp = await otpAt(phone);
    const wrong = otp === '000000' ? '111111' : '000000';
    const confirm = (digits: string) =>
      request(s.url, 'POST', `${OFFICE}/remote-joins/${code}/confirm`, { body: { otp: digits } });
    for (let i = 1; i <= 4; i++) {
      const res = await confirm(wrong);
      expect([res.status, res.body.error.details.attemptsLeft]).toEqual([400, 5 - i]);
    }
    const fifth = await confirm(wrong);
    expect([fifth.status, fifth.body.error.details.reason]).toEqual([409, 'cancelled']);
    const late = await confirm(otp);
    expect([late.status, late.body.error.details.reason]).toEqual([409, 'cancelled']);
  });

  it('refuses while the office is closed, as the kiosk does', async () => {
    await setRemoteJoin(true, 10);
    const patch = (openingHours: unknown) =>
      request(s.url, 'PATCH', `${OFFICE}/settings`, { token: admin, body: { openingHours } });
    // Open on Mondays only; NOW is a Thursday.
    expect((await patch({ mon: { open: '08:00', close: '17:00' } })).status).toBe(200);
    try {
      const res = await join(nextPhone());
      expect([res.status, res.body.error.code, res.body.error.details.reason]).toEqual([
        409,
        'conflict',
        'office_closed',
      ]);
      expect(res.body.error.details.opens).toBeDefined();
    } finally {
      expect((await patch(null)).status).toBe(200);
    }
  });

  it('refuses a closed service before sending a code, and at the confirmation, with its reason', async () => {
    await setRemoteJoin(true, 10);
    const close = (open: boolean) =>
      request(s.url, 'PATCH', `${OFFICE}/services/birth`, {
        token: admin,
        body: open
          ? { open }
          : { open, closedReasons: { tg: 'Имрӯз нест', ru: 'Сегодня нет', en: 'Not today' } },
      });
    // Open when the code is asked for, closed before it is typed in.
    const early = nextPhone();
    const pending = await join(early);
    expect(pending.status).toBe(201);
    const otp = await otpAt(early);
    expect((await close(false)).status).toBe(200);
    try {
      const phone = nextPhone();
      const refused = await join(phone);
      expect([refused.status, refused.body.error.code]).toEqual([409, 'conflict']);
      expect(refused.body.error.details).toEqual({
        reason: 'service_closed',
        closedReasons: { tg: 'Имрӯз нест', ru: 'Сегодня нет', en: 'Not today' },
      });
      const late = await request(
        s.url,
        'POST',
        `${OFFICE}/remote-joins/${pending.body.join.code as string}/confirm`,
        { body: { otp } },
      );
      expect([late.status, late.body.error.details.reason]).toEqual([409, 'service_closed']);
      expect(late.body.error.details.closedReasons.ru).toBe('Сегодня нет');
      // No code went out for the refused one (the early one's did).
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(smsc.messages().filter((m) => m.to === phone.slice(1))).toEqual([]);
    } finally {
      expect((await close(true)).status).toBe(200);
    }
  });

  it('hands out exactly the daily cap when 20 confirmations race on two nodes for the last places', async () => {
    const notifier = recordingNotifier();
    // Two nodes' services over one database: only the day's lock row keeps them apart.
    const nodes = [0, 1].map(
      () => new RemoteJoinService({ db: s.db, queue: s.app.queue, notifier, now: () => NOW }),
    );
    const service = nodes[0]!;
    await setRemoteJoin(true, 1000);
    const codes: string[] = [];
    for (let i = 0; i < 20; i++) {
      const j = await service.create('kulob', {
        service: 'marriage',
        phone: nextPhone(),
        language: 'tg',
      });
      codes.push(j.code);
    }
    // Every join so far took one place today; five places are left.
    const taken = await service.confirmedToday('kulob');
    await setRemoteJoin(true, taken + 5);
    const results = await Promise.allSettled(
      codes.map((code, i) => nodes[i % 2]!.confirm('kulob', code, notifier.otps.get(code) ?? '')),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(5);
    for (const r of results) {
      if (r.status === 'rejected') {
        expect(r.reason).toBeInstanceOf(AppError);
        expect((r.reason as AppError).details).toMatchObject({ reason: 'remote_join_full' });
      }
    }
    expect(await service.confirmedToday('kulob')).toBe(taken + 5);
    const full = await refusal(
      service.create('kulob', { service: 'birth', phone: nextPhone(), language: 'en' }),
    );
    expect(full.details).toMatchObject({ reason: 'remote_join_full' });
  });
});
