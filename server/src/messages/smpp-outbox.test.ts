/**
 * Citizen messages end to end through a real SMPP server in-process (the fake SMSC records every
 * PDU): ticket and case events → outbox rows → submit_sm, with UCS-2, parts, throttling, a dead
 * SMSC, receipts and STOP.
 */
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';
import { FakeSmsc } from '../testing/fake-smsc';
import { waitFor } from '../testing/wait';
import type { MessageDto } from '../../protocol';

const OFFICE = '/api/offices/kulob';

describe.each(testDialects())('messages over SMPP on %s', (dialect) => {
  let s: TestServer;
  let smsc: FakeSmsc;
  let clerk: string;
  let admin: string;
  let phoneSeq = 100;
  const nextPhone = () => `+9929012${String(phoneSeq++).padStart(5, '0')}`;

  beforeAll(async () => {
    smsc = new FakeSmsc({ autoReceipt: true });
    await smsc.start();
    s = await startTestServer({
      database: dialect,
      messaging: { smsUrl: smsc.url },
      publicUrl: 'https://navbat.example.tj',
      messagePollMs: 200,
    });
    [clerk, admin] = await Promise.all([login(s.url, 'clerk1'), login(s.url, 'admin')]);
  });
  afterAll(async () => {
    await s.close();
    await smsc.stop();
  });

  async function issue(service: string, extra: Record<string, unknown> = {}) {
    const res = await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service, ...extra } });
    expect(res.status).toBe(201);
    return {
      ...(res.body.ticket as { id: string; number: string }),
      key: res.body.holderKey as string,
    };
  }

  async function messagesOf(query: string): Promise<MessageDto[]> {
    const res = await request(s.url, 'GET', `${OFFICE}/messages?${query}`, { token: admin });
    expect(res.status).toBe(200);
    return res.body.messages as MessageDto[];
  }

  async function clearCounter(counter: string) {
    const q = await request(s.url, 'GET', `${OFFICE}/queue`, { token: clerk });
    for (const c of q.body.counters as Array<{ number: string; ticket?: { id: string } }>)
      if (c.number === counter && c.ticket)
        await request(s.url, 'POST', `/api/tickets/${c.ticket.id}/no-show`, { token: clerk });
  }

  it('refuses a phone that is not E.164 with validation_failed', async () => {
    for (const phone of ['901234567', '+992 90 123 45 67', 'abc', '+0123456789']) {
      const res = await request(s.url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'birth', phone },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });

  it('texts the ticket in Tajik as UCS-2 in two concatenated parts, then delivers', async () => {
    const phone = nextPhone();
    const ticket = await issue('paternity', { phone, language: 'tg' });
    const sent = await waitFor(
      () => smsc.messages().find((m) => m.to === phone.slice(1)),
      'the issued message at the SMSC',
    );
    expect(sent.text).toBe(
      `Чиптаи шумо ${ticket.number}. Пеш аз шумо 0 нафар. Пайгирӣ: https://navbat.example.tj/t/${ticket.id}#${ticket.key}`,
    );
    expect(sent.parts).toBe(2);
    const parts = smsc.submits.filter((p) => p.to === phone.slice(1));
    expect(parts.map((p) => p.dataCoding)).toEqual([8, 8]);
    expect(parts.map((p) => p.esmClass & 0x40)).toEqual([0x40, 0x40]);
    expect(parts.map((p) => p.udh)).toEqual([
      { ref: parts[0]!.udh!.ref, total: 2, seq: 1 },
      { ref: parts[0]!.udh!.ref, total: 2, seq: 2 },
    ]);
    // A receipt only for the whole message: asked on its last part.
    expect(parts.map((p) => p.registeredDelivery)).toEqual([0, 1]);
    const [row] = await waitFor(async () => {
      const rows = await messagesOf(`ticket=${ticket.id}`);
      return rows[0]?.status === 'delivered' ? rows : undefined;
    }, 'the delivery receipt');
    expect(row).toMatchObject({
      channel: 'sms',
      gateway: 'smpp',
      template: 'ticket_issued',
      language: 'tg',
      parts: 2,
      attempts: 1,
      to: `+•••••••••${phone.slice(-3)}`,
    });
    expect(JSON.stringify(await messagesOf(`ticket=${ticket.id}`))).not.toContain(phone);
  });

  it('says which window when the ticket is called, and "N ahead" once when it comes close', async () => {
    await clearCounter('1');
    const first = await issue('name_change');
    const others = [
      await issue('name_change'),
      await issue('name_change'),
      await issue('name_change'),
    ];
    const phone = nextPhone();
    const mine = await issue('name_change', { phone, language: 'ru' });
    await waitFor(() => smsc.messages().some((m) => m.to === phone.slice(1)), 'issued message');
    expect(smsc.messages().find((m) => m.to === phone.slice(1))?.text).toContain(
      'Перед вами 4 чел.',
    );
    // Calls take the others away one by one: at 3 ahead the message goes, once.
    for (const t of [first, ...others]) {
      const res = await request(s.url, 'POST', `${OFFICE}/counters/1/call`, {
        token: clerk,
        body: { ticketId: t.id },
      });
      expect(res.status).toBe(200);
      await request(s.url, 'POST', `/api/tickets/${t.id}/no-show`, { token: clerk });
    }
    await request(s.url, 'POST', `${OFFICE}/counters/1/call`, {
      token: clerk,
      body: { ticketId: mine.id },
    });
    const texts = await waitFor(() => {
      const mineTexts = smsc.messages().filter((m) => m.to === phone.slice(1));
      return mineTexts.length >= 3 ? mineTexts.map((m) => m.text) : undefined;
    }, 'the ahead and called messages');
    expect(texts).toEqual([
      expect.stringContaining('Перед вами 4 чел.'),
      `${mine.number}: перед вами осталось 3 чел. Вернитесь в зал.`,
      `${mine.number} — пройдите к окну 1`,
    ]);
    const rows = await messagesOf(`ticket=${mine.id}`);
    expect(rows.map((r) => r.template).sort()).toEqual([
      'ticket_ahead',
      'ticket_called',
      'ticket_issued',
    ]);
    await request(s.url, 'POST', `/api/tickets/${mine.id}/no-show`, { token: clerk });
  });

  it('rides out a throttling SMSC: every message goes once', async () => {
    smsc.throttleNext = 4;
    const phones = [nextPhone(), nextPhone(), nextPhone()];
    for (const phone of phones) await issue('consultation', { phone, language: 'en' });
    await waitFor(
      () => phones.every((p) => smsc.messages().some((m) => m.to === p.slice(1))),
      'all three after throttling',
    );
    expect(smsc.throttleNext).toBe(0);
    for (const p of phones)
      expect(smsc.messages().filter((m) => m.to === p.slice(1))).toHaveLength(1);
  });

  it('keeps messages while the SMSC is dead and sends each once when it returns', async () => {
    const port = smsc.port;
    await smsc.stop();
    const phones = [nextPhone(), nextPhone()];
    const tickets: Array<{ id: string; number: string }> = [];
    for (const phone of phones)
      tickets.push(await issue('consultation', { phone, language: 'en' }));
    const waiting = await waitFor(async () => {
      const rows = await messagesOf(`ticket=${tickets[0]!.id}`);
      return rows[0]?.error ? rows[0] : undefined;
    }, 'a failed attempt');
    expect(waiting.status).toBe('queued');
    expect(waiting.error).toMatch(/SMSC/);
    await smsc.start(port);
    await waitFor(
      () => phones.every((p) => smsc.messages().some((m) => m.to === p.slice(1))),
      'the messages after the SMSC returned',
      30_000,
    );
    for (const p of phones)
      expect(smsc.messages().filter((m) => m.to === p.slice(1))).toHaveLength(1);
    for (const t of tickets) {
      const settled = await waitFor(async () => {
        const rows = await messagesOf(`ticket=${t.id}`);
        return rows[0]?.status !== 'queued' ? rows[0] : undefined;
      }, 'the message to settle');
      expect(['sent', 'delivered']).toContain(settled.status);
    }
    // The first one was tried while the SMSC was away, and went on a later attempt.
    expect((await messagesOf(`ticket=${tickets[0]!.id}`))[0]?.attempts).toBeGreaterThan(1);
  });

  it('stops every message to a number that replied STOP', async () => {
    const phone = nextPhone();
    await issue('consultation', { phone, language: 'uz' });
    await waitFor(() => smsc.messages().some((m) => m.to === phone.slice(1)), 'first message');
    smsc.reply(phone, 'STOP');
    await waitFor(async () => {
      const [rows] = await s.db.sequelize.query(
        `SELECT address FROM message_optouts WHERE address = '${phone}'`,
      );
      return rows.length === 1;
    }, 'the opt-out to be recorded');
    const t = await issue('consultation', { phone, language: 'uz' });
    const row = await waitFor(async () => {
      const r = await messagesOf(`ticket=${t.id}`);
      return r[0]?.status !== 'queued' ? r[0] : undefined;
    }, 'the second message settled');
    expect(row).toMatchObject({ status: 'failed', error: expect.stringMatching(/opted out/) });
    expect(smsc.messages().filter((m) => m.to === phone.slice(1))).toHaveLength(1);
  });

  it('lets the ticket page ask for SMS (public, rate-limited), and lists with filters', async () => {
    const ticket = await issue('consultation');
    const phone = nextPhone();
    const bad = await request(s.url, 'POST', `/api/tickets/${ticket.id}/notify`, {
      body: { phone: '12345' },
    });
    expect(bad.status).toBe(400);
    const ok = await request(s.url, 'POST', `/api/tickets/${ticket.id}/notify`, {
      body: { phone, language: 'en' },
    });
    expect(ok.status).toBe(202);
    expect(ok.body.notify.to).toBe(`+•••••••••${phone.slice(-3)}`);
    await waitFor(() => smsc.messages().some((m) => m.to === phone.slice(1)), 'notify message');
    expect(smsc.messages().find((m) => m.to === phone.slice(1))?.text).toMatch(
      /^Your ticket K\d{3}\. \d+ ahead of you\. Follow: https:\/\/navbat\.example\.tj\/t\//,
    );
    const unknown = await request(
      s.url,
      'POST',
      `/api/tickets/00000000-0000-4000-8000-000000000000/notify`,
      {
        body: { phone },
      },
    );
    expect(unknown.status).toBe(404);
    const anonymous = await request(s.url, 'GET', `${OFFICE}/messages`);
    expect(anonymous.status).toBe(401);
    const byClerk = await request(s.url, 'GET', `${OFFICE}/messages`, { token: clerk });
    expect(byClerk.status).toBe(403);
    const failed = await messagesOf('status=failed');
    expect(failed.every((m) => m.status === 'failed')).toBe(true);
  });

  it('texts the applicant who consented at each step of the case', async () => {
    await clearCounter('1');
    // Case messages wait out the office's quiet hours (by default 21:00–08:00 in Dushanbe, when CI
    // may well run): here the quiet hours are first set around now, then switched off.
    const settings = await request(s.url, 'GET', `${OFFICE}/message-settings`, { token: admin });
    expect(settings.status).toBe(200);
    const quiet = async (quietFrom: string, quietUntil: string) => {
      const body = { ...settings.body.settings, quietFrom, quietUntil };
      const put = await request(s.url, 'PUT', `${OFFICE}/message-settings`, { token: admin, body });
      expect(put.status).toBe(200);
    };
    const clock = (offsetMin: number) =>
      new Date(Date.now() + offsetMin * 60_000).toLocaleTimeString('en-GB', {
        timeZone: 'Asia/Dushanbe',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    await quiet(clock(-60), clock(60));
    const back = await login(s.url, 'back1');
    const ticket = await issue('birth');
    const called = await request(s.url, 'POST', `${OFFICE}/counters/1/call`, {
      token: clerk,
      body: { ticketId: ticket.id },
    });
    expect(called.status).toBe(200);
    const created = await request(s.url, 'POST', '/api/cases', {
      token: clerk,
      body: { ticketId: ticket.id, type: 'birth' },
    });
    expect(created.status).toBe(201);
    let c = created.body.case as { number: string; version: number };
    const phone = nextPhone();
    const noConsent = await request(s.url, 'PATCH', `/api/cases/${c.number}`, {
      token: clerk,
      body: { version: c.version, notify: { phone, consent: false } },
    });
    expect(noConsent.status).toBe(400);
    const mother = {
      lastName: 'Ғафурова',
      firstName: 'Зулфия',
      birthDate: '1996-04-12',
      sex: 'f',
      idDocument: { type: 'passport', number: 'A12345678' },
    };
    const child = { lastName: 'Ҷӯраев', firstName: 'Алёша', birthDate: '2026-11-20', sex: 'm' };
    const filled = await request(s.url, 'PATCH', `/api/cases/${c.number}`, {
      token: clerk,
      body: {
        version: c.version,
        notify: { phone, consent: true, language: 'tg' },
        applicant: mother,
        subjects: [
          { role: 'child', person: child },
          { role: 'mother', person: mother },
        ],
        details: { placeOfBirth: 'Кӯлоб', birthDate: '2026-11-20' },
        documents: [
          { code: 'medical_birth_notice', received: true },
          { code: 'mother_passport', received: true },
        ],
      },
    });
    expect(filled.status).toBe(200);
    c = filled.body.case;
    const step = async (to: string, token: string, note?: string) => {
      const res = await request(s.url, 'POST', `/api/cases/${c.number}/transitions`, {
        token,
        body: { to, version: c.version, ...(note ? { note } : {}) },
      });
      expect(res.status).toBe(200);
      c = res.body.case;
    };
    await step('submitted', clerk);
    // In the quiet hours the message is written but kept back: still queued after several rounds
    // of the worker (every 200 ms), nothing at the SMSC.
    const held = await waitFor(async () => {
      const res = await request(s.url, 'GET', `${OFFICE}/messages?case=${c.number}`, {
        token: admin,
      });
      return res.body.messages?.length
        ? (res.body.messages as Array<{ status: string }>)
        : undefined;
    }, 'the submitted message in the outbox');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(held.map((m) => m.status)).toEqual(['queued']);
    const later = await request(s.url, 'GET', `${OFFICE}/messages?case=${c.number}`, {
      token: admin,
    });
    expect(later.body.messages.map((m: { status: string }) => m.status)).toEqual(['queued']);
    expect(smsc.messages().filter((m) => m.to === phone.slice(1))).toEqual([]);
    await quiet('00:00', '00:00');
    // Returned for a missing paper and handed in again: both steps are told, the second
    // submission too (a new version of the case, so a new message).
    await step('returned', back, 'the father’s passport copy is missing');
    await step('submitted', clerk);
    await step('registered', back);
    // Quiet hours again: "ready, come for it" is held back, and the certificate is handed over
    // before they end. The held message is withdrawn (it went after, telling the citizen to come
    // for what they had); the thanks for the handover goes when the quiet hours end.
    await waitFor(async () => {
      const all = await messagesOf(`case=${c.number}`);
      return all.length === 4 && all.every((m) => m.status !== 'queued');
    }, 'the messages until registered gone out');
    await quiet(clock(-60), clock(60));
    await step('ready', back);
    await step('issued', clerk);
    // Held back (a round screened it: due at the quiet hours' end) before they are switched off,
    // as the first message above; switched off mid-round, the round would hold it back after.
    await waitFor(async () => {
      const [rows] = await s.db.sequelize.query(
        `SELECT next_attempt_at AS due FROM case_messages
          WHERE case_number = :number AND template = 'case_issued'`,
        { replacements: { number: c.number } },
      );
      const due = (rows as Array<{ due: Date | string }>)[0]?.due;
      return due !== undefined && new Date(due).getTime() > Date.now() + 60_000;
    }, 'the handover message held back');
    await quiet('00:00', '00:00');
    const texts = await waitFor(() => {
      const mine = smsc.messages().filter((m) => m.to === phone.slice(1));
      return mine.length >= 5 ? mine.map((m) => m.text) : undefined;
    }, 'the case messages');
    const submitted = `Аризаи ${c.number} қабул шуд. Ҳангоми омода шудан хабар медиҳем.`;
    // The held first message goes when the quiet hours end, maybe after the return's: unordered.
    expect(texts.sort()).toEqual(
      [
        submitted,
        `Аризаи ${c.number} баргардонида шуд. Лутфан ба ФВАШ биёед.`,
        submitted,
        `Аризаи ${c.number} ба қайд гирифта шуд.`,
        `Шаҳодатнома аз рӯи ${c.number} супорида шуд. Ташаккур!`,
      ].sort(),
    );
    const rows = await messagesOf(`case=${c.number}`);
    expect(rows.map((r) => r.template).sort()).toEqual([
      'case_issued',
      'case_ready',
      'case_registered',
      'case_returned',
      'case_submitted',
      'case_submitted',
    ]);
    expect(rows.filter((r) => r.template === 'case_ready')).toEqual([
      expect.objectContaining({
        status: 'expired',
        text: `Шаҳодатномаи шумо омода аст (${c.number}). Бо шиноснома ба равзанаи 5 биёед`,
      }),
    ]);
  });

  it('texts an appointment’s one-time code, written with the booking', async () => {
    const from = new Date().toISOString().slice(0, 10);
    const to = new Date(Date.now() + 13 * 86_400_000).toISOString().slice(0, 10);
    const slots = await request(
      s.url,
      'GET',
      `${OFFICE}/slots?service=consultation&from=${from}&to=${to}`,
    );
    expect(slots.status).toBe(200);
    const slot = (slots.body.slots as Array<{ start: string; free: number }>).find(
      (x) => x.free > 0 && Date.parse(x.start) > Date.now() + 3_600_000,
    );
    expect(slot).toBeDefined();
    const phone = nextPhone();
    const booked = await request(s.url, 'POST', `${OFFICE}/bookings`, {
      body: { service: 'consultation', start: slot!.start, phone, language: 'ru' },
    });
    expect(booked.status).toBe(201);
    const sent = await waitFor(
      () => smsc.messages().find((m) => m.to === phone.slice(1)),
      'the code at the SMSC',
    );
    expect(sent.text).toMatch(/^Код подтверждения: \d{6}\. Никому его не сообщайте\.$/);
    // An office's own wording may name itself and the service (the default keeps one SMS part).
    const own = await request(
      s.url,
      'PUT',
      '/api/offices/kulob/message-templates/booking_code/ru',
      {
        token: admin,
        body: { text: '{office}, {service}: код {code}.' },
      },
    );
    expect(own.status).toBe(200);
    const other = nextPhone();
    const later = (slots.body.slots as Array<{ start: string; free: number }>).find(
      (x) => x.free > 0 && Date.parse(x.start) > Date.parse(slot!.start),
    );
    const again = await request(s.url, 'POST', `${OFFICE}/bookings`, {
      body: { service: 'consultation', start: later!.start, phone: other, language: 'ru' },
    });
    expect(again.status).toBe(201);
    const named = await waitFor(
      () => smsc.messages().find((m) => m.to === other.slice(1)),
      'the code in the office’s words',
    );
    expect(named.text).toMatch(/^Сектор ЗАГС города Куляб, Консультация: код \d{6}\.$/);
    const reset = await request(
      s.url,
      'DELETE',
      '/api/offices/kulob/message-templates/booking_code/ru',
      { token: admin },
    );
    expect(reset.status).toBe(200);
  });
});
