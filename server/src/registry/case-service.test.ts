import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { connectSocket, login, request } from '../testing/client';
import type { Case } from '../../protocol';

const OFFICE = '/api/offices/kulob';

const mother = {
  lastName: 'Ғафурова',
  firstName: 'Зулфия',
  middleName: 'Қодирӣ',
  birthDate: '1996-04-12',
  sex: 'f',
  idDocument: { type: 'passport', number: 'A12345678' },
};
const child = { lastName: 'Ҷӯраев', firstName: 'Алёша', birthDate: '2026-11-20', sex: 'm' };

describe.each(testDialects())('the single window on %s', (dialect) => {
  let s: TestServer;
  let clerk: string;
  let back: string;
  const api = (method: string, path: string, token: string, body?: unknown) =>
    request(s.url, method, path, { token, body });

  /** A birth ticket issued and called at window 3, with its case opened by clerk1. */
  async function openBirthCase(): Promise<{ ticketId: string; c: Case }> {
    const issued = await request(s.url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'birth' },
    });
    const called = await api('POST', `${OFFICE}/counters/3/call-next`, clerk);
    expect(called.body.ticket.id).toBe(issued.body.ticket.id);
    const created = await api('POST', '/api/cases', clerk, {
      ticketId: issued.body.ticket.id,
      type: 'birth',
    });
    expect(created.status).toBe(201);
    await api('POST', `/api/tickets/${issued.body.ticket.id}/complete`, clerk);
    return { ticketId: issued.body.ticket.id, c: created.body.case };
  }

  let births = 0;
  /**
   * Fills the birth case completely and submits it: the child born `days` before 2026-11-20 (by
   * default a day earlier than the last one, so each case is another birth; the same date is the
   * same birth, which the registry registers once).
   */
  async function fillAndSubmit(c: Case, days = births++): Promise<Case> {
    const birthDate = new Date(Date.parse('2026-11-20') - days * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const filled = await api('PATCH', `/api/cases/${c.number}`, clerk, {
      version: c.version,
      applicant: mother,
      subjects: [
        { role: 'child', person: { ...child, birthDate } },
        { role: 'mother', person: mother },
      ],
      details: { placeOfBirth: 'Кӯлоб, таваллудхонаи шаҳрӣ', birthDate },
      documents: [
        { code: 'medical_birth_notice', received: true },
        { code: 'mother_passport', received: true },
      ],
    });
    expect(filled.status).toBe(200);
    const submitted = await api('POST', `/api/cases/${c.number}/transitions`, clerk, {
      to: 'submitted',
      version: filled.body.case.version,
    });
    expect(submitted.status).toBe(200);
    return submitted.body.case;
  }

  beforeAll(async () => {
    // A clock that moves on a second at every reading: events get distinct, ordered times.
    let tick = Date.parse('2026-11-25T08:00:00Z');
    s = await startTestServer({ database: dialect, now: () => new Date((tick += 1000)) });
    clerk = await login(s.url, 'clerk1');
    back = await login(s.url, 'back1');
  });
  afterAll(() => s.close());

  it('walks one visit from ticket to certificate: case, submit, register, ready, pickup, issued', async () => {
    const { ticketId, c } = await openBirthCase();
    expect(c).toMatchObject({
      number: 'KUL-2026-000001',
      type: 'birth',
      status: 'draft',
      version: 1,
      office: 'kulob',
    });
    expect(c.documents.length).toBeGreaterThan(0);
    expect(c.documents.every((d: { received: boolean }) => !d.received)).toBe(true);
    expect(c.tickets.map((t: { id: string }) => t.id)).toEqual([ticketId]);
    expect(c.history[0]).toMatchObject({ user: 'clerk1', action: 'created' });

    const byTicket = await api('GET', `/api/tickets/${ticketId}/case`, clerk);
    expect(byTicket.body.case.number).toBe(c.number);

    const early = await api('POST', `/api/cases/${c.number}/transitions`, clerk, {
      to: 'submitted',
      version: 1,
    });
    expect(early.status).toBe(400);
    expect(early.body.error.code).toBe('validation_failed');
    expect(early.body.error.details.blockers.length).toBeGreaterThan(0);

    const submitted = await fillAndSubmit(c);
    expect(submitted.status).toBe('submitted');
    expect(submitted.applicant?.lastName).toBe('Ғафурова');

    const byClerk = await api('POST', `/api/cases/${c.number}/transitions`, clerk, {
      to: 'registered',
      version: submitted.version,
    });
    expect(byClerk.status).toBe(403);
    const registered = await api('POST', `/api/cases/${c.number}/transitions`, back, {
      to: 'registered',
      version: submitted.version,
    });
    expect(registered.status).toBe(200);
    expect(registered.body.case.actRecord).toEqual({ number: '00001', date: '2026-11-25' });
    const ready = await api('POST', `/api/cases/${c.number}/transitions`, back, {
      to: 'ready',
      version: registered.body.case.version,
    });
    expect(ready.body.case.status).toBe('ready');
    expect(ready.body.case.certificate).toEqual({
      series: expect.any(String),
      number: expect.any(String),
    });

    // The citizen comes back once: a pickup ticket by case number and the receipt's pickup code;
    // an unknown number and a wrong code get one and the same answer; the kiosk sees no case number.
    expect(c.pickupCode).toMatch(/^\d{6}$/);
    const unknown = await request(s.url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'pickup', caseNumber: 'KUL-2026-999999', pickupCode: '123456' },
    });
    expect(unknown.status).toBe(404);
    const wrongCode = await request(s.url, 'POST', `${OFFICE}/tickets`, {
      body: {
        service: 'pickup',
        caseNumber: c.number,
        pickupCode: c.pickupCode === '000000' ? '000001' : '000000',
      },
    });
    expect(wrongCode.status).toBe(404);
    expect(wrongCode.body).toEqual(unknown.body);
    const noCode = await request(s.url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'pickup', caseNumber: c.number },
    });
    expect(noCode.body).toEqual(unknown.body);
    const display = await connectSocket(s.url, '/display', { office: 'kulob' });
    const seen: string[] = [];
    display.socket.onAny((_e, payload) => seen.push(JSON.stringify(payload)));
    const pickup = await request(s.url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'pickup', caseNumber: c.number, pickupCode: c.pickupCode },
    });
    expect(pickup.status).toBe(201);
    expect(JSON.stringify(pickup.body)).not.toContain(c.number);
    const called = await api('POST', `${OFFICE}/counters/5/call-next`, clerk);
    expect(called.body.ticket).toMatchObject({ id: pickup.body.ticket.id, caseNumber: c.number });
    const opened = await api('GET', `/api/tickets/${pickup.body.ticket.id}/case`, clerk);
    expect(opened.body.case.number).toBe(c.number);
    const issued = await api('POST', `/api/cases/${c.number}/transitions`, clerk, {
      to: 'issued',
      version: opened.body.case.version,
    });
    expect(issued.body.case.status).toBe('issued');
    expect(issued.body.case.tickets.map((t: { id: string }) => t.id)).toEqual([
      ticketId,
      pickup.body.ticket.id,
    ]);
    expect(
      issued.body.case.history.map((h: { action: string; to?: string }) => h.to ?? h.action),
    ).toEqual(['created', 'edited', 'submitted', 'registered', 'ready', 'ticket_linked', 'issued']);
    await new Promise((r) => setTimeout(r, 200));
    display.socket.close();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.join('\n')).not.toContain(c.number);
    expect(seen.join('\n')).not.toContain('Ғафурова');
  });

  it('refuses an older version (409 stale_version) and overwrites nothing', async () => {
    const { c } = await openBirthCase();
    const first = await api('PATCH', `/api/cases/${c.number}`, clerk, {
      version: 1,
      applicant: mother,
    });
    expect(first.body.case.version).toBe(2);
    const late = await api('PATCH', `/api/cases/${c.number}`, clerk, {
      version: 1,
      applicant: { ...mother, lastName: 'Каримова' },
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('stale_version');
    const now = await api('GET', `/api/cases/${c.number}`, clerk);
    expect(now.body.case.applicant.lastName).toBe('Ғафурова');
    expect(now.body.case.version).toBe(2);
  });

  it('refuses bad person data with the field named, and unknown cases with 404', async () => {
    const { c } = await openBirthCase();
    const future = await api('PATCH', `/api/cases/${c.number}`, clerk, {
      version: 1,
      applicant: { ...mother, birthDate: '2030-01-01' },
    });
    expect(future.status).toBe(400);
    expect(future.body.error.message).toMatch(/applicant\.birthDate/);
    const sex = await api('PATCH', `/api/cases/${c.number}`, clerk, {
      version: 1,
      applicant: { ...mother, sex: 'x' },
    });
    expect(sex.status).toBe(400);
    expect((await api('GET', '/api/cases/KUL-2026-424242', clerk)).status).toBe(404);
    expect((await request(s.url, 'GET', `/api/cases/${c.number}`)).status).toBe(401);
  });

  it('lets only the right role move a case, and only along the workflow', async () => {
    const { c } = await openBirthCase();
    const skip = await api('POST', `/api/cases/${c.number}/transitions`, back, {
      to: 'ready',
      version: 1,
    });
    expect(skip.status).toBe(409);
    expect(skip.body.error.code).toBe('illegal_transition');
    const submitted = await fillAndSubmit(c);
    const edit = await api('PATCH', `/api/cases/${c.number}`, clerk, {
      version: submitted.version,
      applicant: mother,
    });
    expect(edit.status).toBe(409);
    const noNote = await api('POST', `/api/cases/${c.number}/transitions`, back, {
      to: 'returned',
      version: submitted.version,
    });
    expect(noNote.status).toBe(400);
    const returned = await api('POST', `/api/cases/${c.number}/transitions`, back, {
      to: 'returned',
      version: submitted.version,
      note: 'Шиносномаи падар лозим аст',
    });
    expect(returned.body.case.status).toBe('returned');
    const worklist = await api('GET', '/api/cases?status=returned', clerk);
    expect(worklist.body.cases.map((x: { number: string }) => x.number)).toContain(c.number);
  });

  it('finds cases by number, by Tajik or Russian name in any case and ё/е, and by document number', async () => {
    const { c } = await openBirthCase();
    await fillAndSubmit(c);
    for (const q of [c.number.toLowerCase(), 'ғафурова', 'ҒАФУРОВА ЗУЛФИЯ', 'алеша', 'A12345678']) {
      const found = await api('GET', `/api/cases?q=${encodeURIComponent(q)}`, back);
      expect(found.status).toBe(200);
      expect(found.body.cases.map((x: { number: string }) => x.number)).toContain(c.number);
    }
    const none = await api('GET', `/api/cases?q=${encodeURIComponent('Назаров')}`, back);
    expect(none.body.cases).toEqual([]);
    const worklist = await api('GET', '/api/cases?status=submitted', back);
    const numbers = worklist.body.cases.map((x: { number: string }) => x.number);
    expect(numbers).toEqual([...numbers].sort());
  });

  it('gives 20 registrations at the same moment 20 distinct act record numbers', async () => {
    const cases: Case[] = [];
    for (let i = 0; i < 20; i++) cases.push(await fillAndSubmit((await openBirthCase()).c));
    const results = await Promise.all(
      cases.map((c) =>
        api('POST', `/api/cases/${c.number}/transitions`, back, {
          to: 'registered',
          version: c.version,
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const acts = results.map((r) => r.body.case.actRecord.number as string);
    expect(new Set(acts).size).toBe(20);
  });

  it('registers one birth once: two cases of it at the same moment get one act record and one refusal', async () => {
    const register = (c: Case) =>
      api('POST', `/api/cases/${c.number}/transitions`, back, {
        to: 'registered',
        version: c.version,
      });
    // Three clerks took the same birth (the same child, date and mother, a name typed with
    // other capitals and spaces); two are submitted before either is registered.
    const first = await fillAndSubmit((await openBirthCase()).c, 400);
    const second = await fillAndSubmit((await openBirthCase()).c, 400);
    const results = await Promise.all([register(first), register(second)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const [won, lost] = results[0]?.status === 200 ? [first, second] : [second, first];
    const refusal = results.find((r) => r.status === 409)!.body.error;
    expect(refusal).toMatchObject({
      code: 'conflict',
      details: { reason: 'already_registered', case: won.number },
    });
    // The refused case is untouched: still submitted, no act record.
    const kept = await api('GET', `/api/cases/${lost.number}`, back);
    expect(kept.body.case).toMatchObject({ status: 'submitted', version: lost.version });
    expect(kept.body.case.actRecord).toBeFalsy();
    // A third case of it is refused at submitting already, naming the registered case.
    const third = (await openBirthCase()).c;
    const filled = await api('PATCH', `/api/cases/${third.number}`, clerk, {
      version: third.version,
      applicant: mother,
      details: { placeOfBirth: 'Кӯлоб', birthDate: '2025-10-16' },
      documents: [
        { code: 'medical_birth_notice', received: true },
        { code: 'mother_passport', received: true },
      ],
      subjects: [
        { role: 'child', person: { ...child, lastName: ' ҷӮРАЕВ ', birthDate: '2025-10-16' } },
        { role: 'mother', person: { ...mother, firstName: 'зулфия' } },
      ],
    });
    expect(filled.status).toBe(200);
    const refused = await api('POST', `/api/cases/${third.number}/transitions`, clerk, {
      to: 'submitted',
      version: filled.body.case.version,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual({ reason: 'already_registered', case: won.number });
    // The registration rejected after all (a wrong record), the other case registers.
    const registered = await api('GET', `/api/cases/${won.number}`, back);
    const rejected = await api('POST', `/api/cases/${won.number}/transitions`, back, {
      to: 'rejected',
      version: registered.body.case.version,
      note: 'ошибка в записи',
    });
    expect(rejected.status).toBe(200);
    expect((await register(kept.body.case as Case)).status).toBe(200);
  });

  it('registers one birth once however it is spelled, and keys registrations of before anew', async () => {
    const submit = async (
      c: Case,
      m: Omit<typeof mother, 'middleName'> & { middleName?: string },
      kid: typeof child & { middleName?: string },
      birthDate: string,
    ) => {
      const filled = await api('PATCH', `/api/cases/${c.number}`, clerk, {
        version: c.version,
        applicant: m,
        subjects: [
          { role: 'child', person: { ...kid, birthDate } },
          { role: 'mother', person: m },
        ],
        details: { placeOfBirth: 'Кӯлоб', birthDate },
        documents: [
          { code: 'medical_birth_notice', received: true },
          { code: 'mother_passport', received: true },
        ],
      });
      expect(filled.status).toBe(200);
      return api('POST', `/api/cases/${c.number}/transitions`, clerk, {
        to: 'submitted',
        version: filled.body.case.version,
      });
    };
    const register = (c: Case) =>
      api('POST', `/api/cases/${c.number}/transitions`, back, {
        to: 'registered',
        version: c.version,
      });
    const zarina = {
      ...mother,
      lastName: 'Раҳимова',
      firstName: 'Зарина',
      middleName: 'Алиевна',
      idDocument: { type: 'passport', number: 'А1234567' },
    };
    const firuz = { ...child, lastName: 'Раҳимов', firstName: 'Фирӯз' };
    const first = await submit((await openBirthCase()).c, zarina, firuz, '2025-03-05');
    expect(first.status).toBe(200);
    expect((await register(first.body.case)).status).toBe(200);
    // The registration as it was keyed before (the exact spelling), then the migration's keys.
    await s.db.sequelize.query('DELETE FROM case_registrations WHERE case_number = :n', {
      replacements: { n: first.body.case.number },
    });
    const { registryMigrations } = await import('../../../db/migrations');
    const runner = s.db.umzug(registryMigrations);
    await runner.down({ to: '20261207-2010-case-registration-keys' });
    await runner.up();
    // The same birth from a Russian keyboard, the patronymic left out, a Latin "a" in the name
    // and the passport's letter Latin: the registry refuses it, naming the registered case.
    const russian = await submit(
      (await openBirthCase()).c,
      {
        lastName: 'Рахимовa',
        firstName: 'Зарина',
        birthDate: mother.birthDate,
        sex: 'f',
        idDocument: { type: 'passport', number: 'A 1234567' },
      },
      { ...firuz, lastName: 'Рахимов', firstName: 'Фируз' },
      '2025-03-05',
    );
    expect([russian.status, russian.body.error?.details]).toEqual([
      409,
      { reason: 'already_registered', case: first.body.case.number },
    ]);
    // By the mother's passport alone (her name written in another way altogether).
    const byDocument = await submit(
      (await openBirthCase()).c,
      { ...zarina, lastName: 'Рахимзода' },
      { ...firuz, lastName: 'Рахимзода' },
      '2025-03-05',
    );
    expect(byDocument.status).toBe(409);
    // Her twin daughter, born the same day, is another birth.
    const twin = await submit(
      (await openBirthCase()).c,
      zarina,
      { ...firuz, firstName: 'Фарида', sex: 'f' },
      '2025-03-05',
    );
    expect(twin.status).toBe(200);
    expect((await register(twin.body.case)).status).toBe(200);
  });

  it('sends a case returned for a document to its own windows, and a submitted one to pickup', async () => {
    const { c } = await openBirthCase();
    const submitted = await fillAndSubmit(c);
    // What the kiosk's "I already have a case" sends, with the receipt's number and code.
    const atKiosk = (more: object) =>
      request(s.url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'pickup', caseNumber: c.number, pickupCode: c.pickupCode, ...more },
      });
    // With the back office: the citizen waits for pickup.
    const early = await atKiosk({ forCase: true });
    expect([early.status, early.body.ticket.service]).toEqual([201, 'pickup']);
    // A second tap while that ticket waits gets no second ticket: it names the first.
    const twice = await atKiosk({ forCase: true });
    expect([twice.status, twice.body.error.details]).toEqual([
      409,
      { reason: 'case_has_ticket', number: early.body.ticket.number },
    ]);
    // A clerk tells the citizen it is not ready yet.
    const atFive = await api('POST', `${OFFICE}/counters/3/call`, clerk, {
      ticketId: early.body.ticket.id,
    });
    expect([atFive.status, atFive.body.error]).toEqual([200, undefined]);
    expect((await api('POST', `/api/tickets/${early.body.ticket.id}/complete`, clerk)).status).toBe(
      200,
    );
    const returned = await api('POST', `/api/cases/${c.number}/transitions`, back, {
      to: 'returned',
      version: submitted.version,
      note: 'Шиносномаи падар лозим аст',
    });
    expect(returned.status).toBe(200);
    const again = await atKiosk({ forCase: true });
    expect([again.status, again.body.ticket.service]).toEqual([201, 'birth']);
    // The front office calls it, linked to its case.
    const called = await api('POST', `${OFFICE}/counters/3/call-next`, clerk);
    expect(called.body.ticket).toMatchObject({ id: again.body.ticket.id, caseNumber: c.number });
    await api('POST', `/api/tickets/${again.body.ticket.id}/complete`, clerk);
    // Without forCase the ticket is for the service asked, as before.
    const asked = await atKiosk({});
    expect([asked.status, asked.body.ticket.service]).toEqual([201, 'pickup']);
    const alone = await request(s.url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'pickup', forCase: true },
    });
    expect([alone.status, alone.body.error.details]).toEqual([400, { field: 'forCase' }]);
    // A case with no next step (cancelled here) gets no ticket at the kiosk.
    const { c: gone } = await openBirthCase();
    const cancelled = await api('POST', `/api/cases/${gone.number}/transitions`, clerk, {
      to: 'cancelled',
      version: gone.version,
      note: 'аризадиҳанда даст кашид',
    });
    expect(cancelled.status).toBe(200);
    const closed = await request(s.url, 'POST', `${OFFICE}/tickets`, {
      body: {
        service: 'pickup',
        caseNumber: gone.number,
        pickupCode: gone.pickupCode,
        forCase: true,
      },
    });
    expect([closed.status, closed.body.error.details]).toEqual([
      409,
      { reason: 'case_closed', status: 'cancelled' },
    ]);
  });
});
