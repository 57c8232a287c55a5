/**
 * The outbox's limits, each proved through the real path (commands, the worker, the in-process
 * SMSC) on an injected clock, one office day per test so the daily counts start at zero: a queue
 * message expires at the office day's close, the daily caps per number and per office fail a queue
 * message and postpone a case message to the next day, the public notify endpoint is rate-limited,
 * and the SMSC never has more than the window of submits in flight.
 */
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { request } from '../testing/client';
import { FakeSmsc } from '../testing/fake-smsc';
import { waitFor } from '../testing/wait';
import { SmppChannel, parseSmppUrl } from './smpp-channel';
import { officeInstant } from '../../protocol/booking-rules';
import { MessageSettingsRepository } from '../../../db/repositories/message-settings-repository';
import type { MessageDto, MessageSettings } from '../../protocol';

const TZ = 'Asia/Dushanbe';
const OFFICE = '/api/offices/kulob';
/** `day` `hh:mm` on the office clock. */
const at = (day: string, hhmm: string): Date => {
  const [h, m] = hhmm.split(':').map(Number);
  return officeInstant(day, (h ?? 0) * 60 + (m ?? 0), TZ);
};

let phoneSeq = 0;
const nextPhone = () => `+99293${String(1_000_000 + phoneSeq++)}`;

describe.each(testDialects())('the outbox limits on %s', (dialect) => {
  const clock = { now: at('2026-12-10', '10:00') };
  let smsc: FakeSmsc;
  let s: TestServer;
  let caseSeq = 0;

  beforeAll(async () => {
    // A short answer delay lets submits pile up in flight, as at a busy SMSC.
    smsc = new FakeSmsc({ answerDelayMs: 40 });
    await smsc.start();
    s = await startTestServer({
      database: dialect,
      now: () => clock.now,
      messaging: { smsUrl: smsc.url },
      messagePollMs: 3_600_000,
    });
  });
  afterAll(async () => {
    await s.close();
    await smsc.stop();
  });

  const textsTo = (phone: string) => smsc.messages().filter((m) => m.to === phone.slice(1));

  async function changeSettings(settings: Partial<MessageSettings>): Promise<void> {
    const now = await s.app.messages.settings('kulob');
    await s.app.messages.setSettings('kulob', { ...now, ...settings });
  }

  async function issue(phone: string): Promise<{ id: string; number: string }> {
    const res = await request(s.url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'consultation', phone, language: 'en' },
    });
    expect(res.status).toBe(201);
    return res.body.ticket as { id: string; number: string };
  }

  /** The ticket's one message once the worker has settled it (neither queued nor mid-send). */
  async function settledMessage(ticketId: string): Promise<MessageDto> {
    return waitFor(async () => {
      const [m] = await s.app.messages.list('kulob', { ticket: ticketId });
      return m && m.status !== 'queued' ? m : undefined;
    }, 'the ticket’s message to settle');
  }

  /** A case whose applicant consented with `phone`, moved to submitted (its message written). */
  async function caseSubmitted(phone: string): Promise<string> {
    const c = { number: `KLB-2026-${String(900_000 + caseSeq++)}`, officeCode: 'kulob' };
    await s.db.transaction(async (t) => {
      await s.app.messages.caseConsent(t, c, { phone, consent: true, language: 'en' }, 'clerk1');
      await s.app.messages.caseChanged(t, { ...c, version: 2 }, 'submitted');
    });
    return c.number;
  }

  /** Waits (the worker runs on the commit; so does a drain) for the case's message to be put off. */
  async function postponedTo(caseNumber: string, due: Date): Promise<void> {
    const [row] = await s.app.messages.caseTable.list({
      officeCode: 'kulob',
      caseNumber,
      limit: 1,
    });
    expect(row).toBeDefined();
    await s.app.messages.drain();
    await waitFor(async () => {
      const [m] = await s.app.messages.caseTable.list({
        officeCode: 'kulob',
        caseNumber,
        limit: 1,
      });
      return m?.status === 'queued' && m.nextAttemptAt.getTime() === due.getTime();
    }, `the case message put off until ${due.toISOString()}`);
  }

  it('expires a queue message still waiting when the office day closes, with the reason', async () => {
    clock.now = at('2026-12-10', '10:00');
    // The SMSC refuses everything for a while: the message stays queued for a later attempt.
    smsc.throttleNext = 1_000;
    const phone = nextPhone();
    const ticket = await issue(phone);
    await waitFor(async () => {
      const [m] = await s.app.messages.list('kulob', { ticket: ticket.id });
      // Its error is written with the retry, once the attempt is over (no longer mid-send).
      return m?.status === 'queued' && m.error !== undefined;
    }, 'a refused first attempt');
    smsc.throttleNext = 0;
    // Past midnight in Dushanbe the ticket's day is over: the message must not go any more.
    clock.now = at('2026-12-11', '00:01');
    await s.app.messages.drain();
    expect(await settledMessage(ticket.id)).toMatchObject({
      status: 'expired',
      error: 'the office day closed before it could go',
    });
    expect(textsTo(phone)).toEqual([]);
  });

  it('holds each number to its daily cap: the queue message fails, the case message waits a day', async () => {
    clock.now = at('2026-12-14', '10:00');
    await changeSettings({
      dailyCapPhone: 2,
      dailyCapOffice: 5000,
      quietFrom: '21:00',
      quietUntil: '08:00',
    });
    const phone = nextPhone();
    for (let i = 1; i <= 2; i++) {
      await issue(phone);
      await waitFor(() => textsTo(phone).length === i, `message ${i} at the SMSC`);
    }
    const third = await issue(phone);
    expect(await settledMessage(third.id)).toMatchObject({
      status: 'failed',
      error: 'the daily limit for this number is reached',
    });
    const caseNumber = await caseSubmitted(phone);
    // Postponed to the start of the next office day (midnight in Dushanbe), not dropped.
    await postponedTo(caseNumber, at('2026-12-15', '00:00'));
    expect(textsTo(phone)).toHaveLength(2);
    clock.now = at('2026-12-15', '09:00');
    await s.app.messages.drain();
    await waitFor(() => textsTo(phone).length === 3, 'the case message the next morning');
    expect(textsTo(phone)[2]?.text).toBe(
      `Application ${caseNumber} received. We will tell you when it is ready.`,
    );
  });

  it('caps a number’s one-time codes apart from its notices: a stranger’s bookings leave its ticket messages', async () => {
    clock.now = at('2026-12-15', '11:00');
    await changeSettings({ dailyCapPhone: 2, dailyCapOffice: 5000 });
    const phone = nextPhone();
    // Someone books three services with the citizen's number: two codes go, the third is capped.
    for (const service of ['birth', 'marriage', 'death']) {
      const slots = await request(
        s.url,
        'GET',
        `${OFFICE}/slots?service=${service}&from=2026-12-17&to=2026-12-17`,
      );
      const booked = await request(s.url, 'POST', `${OFFICE}/bookings`, {
        body: { service, start: slots.body.slots[0].start, phone, language: 'en' },
      });
      expect([booked.status, booked.body.error]).toEqual([201, undefined]);
    }
    // Drained until both codes are at the SMSC: a round the bookings' commits kicked may hold a
    // code while the first drain finds nothing left to claim.
    await waitFor(async () => {
      await s.app.messages.drain();
      return textsTo(phone).length === 2;
    }, 'two booking codes at the SMSC');
    // The citizen's own ticket still gets its message: notices have a cap of their own.
    const ticket = await issue(phone);
    expect(await settledMessage(ticket.id)).toMatchObject({ status: 'sent' });
    expect(textsTo(phone)).toHaveLength(3);
  });

  it('holds the office to its daily cap: the queue message fails, the case message waits a day', async () => {
    clock.now = at('2026-12-16', '10:00');
    await changeSettings({ dailyCapPhone: 10, dailyCapOffice: 2 });
    const [a, b, c, d] = [nextPhone(), nextPhone(), nextPhone(), nextPhone()];
    for (const phone of [a, b]) {
      await issue(phone);
      await waitFor(() => textsTo(phone).length === 1, 'the message at the SMSC');
    }
    const third = await issue(c);
    expect(await settledMessage(third.id)).toMatchObject({
      status: 'failed',
      error: "the office's daily limit is reached",
    });
    const caseNumber = await caseSubmitted(d);
    await postponedTo(caseNumber, at('2026-12-17', '00:00'));
    expect(textsTo(c)).toEqual([]);
    expect(textsTo(d)).toEqual([]);
  });

  it('sends a case message held under the old quiet hours when new ones came while its round screened it', async () => {
    clock.now = at('2026-12-18', '22:00');
    await changeSettings({ dailyCapPhone: 10, dailyCapOffice: 5000 });
    await changeSettings({ quietFrom: '21:00', quietUntil: '08:00' });
    const phone = nextPhone();
    const caseNumber = await caseSubmitted(phone);
    await postponedTo(caseNumber, at('2026-12-19', '08:00'));
    // The administrator switches the quiet hours off. The save's own release ran before the round
    // that screened with the old hours wrote this hold (the race a save mid-round loses): stored
    // here without that release, after the hold, as it ends up in that race.
    const stored = await s.app.messages.settings('kulob');
    await new MessageSettingsRepository(s.db).setSettings(
      'kulob',
      { ...stored, quietFrom: '00:00', quietUntil: '00:00' },
      clock.now,
    );
    clock.now = new Date(clock.now.getTime() + 11_000);
    await s.app.messages.drain();
    await waitFor(() => textsTo(phone).length === 1, 'the case message after the quiet hours went');
    expect(textsTo(phone)[0]?.text).toBe(
      `Application ${caseNumber} received. We will tell you when it is ready.`,
    );
  });

  it('never has more than the window of 10 submits in flight at the SMSC, from the worker or the gateway', async () => {
    clock.now = at('2026-12-17', '10:00');
    await changeSettings({ dailyCapPhone: 10, dailyCapOffice: 100_000 });
    // Tajik texts of two parts each: 30 messages are 60 submits, far more than one window.
    const now = clock.now;
    const phones = Array.from({ length: 30 }, () => nextPhone());
    await s.db.transaction(async (t) => {
      for (const [i, to] of phones.entries())
        await s.app.messages.queueTable.insert(
          {
            officeCode: 'kulob',
            channel: 'sms',
            to,
            template: 'test',
            language: 'tg',
            text: `Паёми санҷишии рақами ${i}: равзанаи SMSC набояд аз даҳ зиёд бошад, ҳеҷ гоҳ.`,
            dedupeKey: `window:${i}`,
            nextAttemptAt: now,
          },
          now,
          t,
        );
    });
    smsc.maxInFlight = 0;
    await s.app.messages.drain();
    const numbers = new Set(phones.map((p) => p.slice(1)));
    await waitFor(
      () => smsc.submits.filter((p) => numbers.has(p.to)).length === 60,
      'all 60 parts at the SMSC',
    );
    // The window was full (the SMSC saw it) and never overrun.
    expect(smsc.maxInFlight).toBeLessThanOrEqual(10);
    expect(smsc.maxInFlight).toBeGreaterThanOrEqual(8);
    // The gateway holds the window by itself, however many messages its caller hands it at once.
    const channel = new SmppChannel(parseSmppUrl(new URL(smsc.url)));
    smsc.maxInFlight = 0;
    try {
      await Promise.all(
        phones.map((to, i) => channel.send({ id: `direct-${i}`, to, text: `Direct ${i}` })),
      );
    } finally {
      await channel.close();
    }
    expect(smsc.maxInFlight).toBeLessThanOrEqual(10);
    expect(smsc.maxInFlight).toBeGreaterThanOrEqual(8);
  });

  it('answers 429 rate_limited once a ticket’s holder has asked too often for its messages', async () => {
    clock.now = at('2026-12-17', '11:00');
    const res = await request(s.url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'consultation', phone: nextPhone(), language: 'en' },
    });
    const ticket = res.body.ticket as { id: string };
    // The holder changing the phone (the ticket is followed already: the key is needed).
    const headers = { 'X-Ticket-Key': res.body.holderKey as string };
    const ask = () =>
      request(s.url, 'POST', `/api/tickets/${ticket.id}/notify`, {
        body: { phone: nextPhone(), language: 'en' },
        headers,
      });
    for (let i = 0; i < 5; i++) expect((await ask()).status).toBe(202);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    // The stop link shares the ticket's limit: a flood of either kind is held back.
    const stop = await request(s.url, 'DELETE', `/api/tickets/${ticket.id}/notify`, { headers });
    expect(stop.status).toBe(429);
    // Without the key the address has its own five (security/ticket-holder.test.ts): a stranger
    // on the same address does not spend the holder's, nor the holder the stranger's.
    const stranger = await request(s.url, 'DELETE', `/api/tickets/${ticket.id}/notify`);
    expect(stranger.status).toBe(403);
  });
});
