/**
 * Citizen messages never fail a clerk's command. Three windows calling at once over tickets whose
 * holders gave a phone: each call moves the line, and each command found the same tickets due an
 * "N ahead" message. On MariaDB the second command's write of that message met the first's
 * unique dedupe key, and call-next or complete answered 409 "that already exists" (10–14 of 27
 * calls in a tester's run). And a ticket that ends withdraws what it still owes: a "go to window 2"
 * held by a dead gateway is not sent once it is back.
 */
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';
import { waitFor } from '../testing/wait';

const OFFICE = '/api/offices/kulob';
const WINDOWS = ['1', '2', '3'];

describe.each(testDialects())('ticket messages while windows race on %s', (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    // A dead gateway (nothing listens on port 9): every message stays in the outbox, queued.
    s = await startTestServer({
      database: dialect,
      messaging: { smsUrl: 'smpp://navbat:secret@127.0.0.1:9?source=NAVBAT' },
    });
  }, 60_000);
  afterAll(() => s.close());

  it('lets three windows call and complete at once, each ticket getting one "ahead" message', async () => {
    const admin = await login(s.url, 'admin');
    for (const w of WINDOWS) {
      const put = await request(s.url, 'PUT', `${OFFICE}/counters/${w}`, {
        token: admin,
        body: { services: ['certificate'] },
      });
      expect(put.status).toBe(200);
    }
    const clerks = await Promise.all(['clerk1', 'clerk2', 'clerk3'].map((u) => login(s.url, u)));
    const answers: string[] = [];
    const issued: string[] = [];
    for (let trial = 0; trial < 3; trial++) {
      for (let i = 0; i < 9; i++) {
        const res = await request(s.url, 'POST', `${OFFICE}/tickets`, {
          body: { service: 'certificate', phone: `+99290${1_000_000 + trial * 100 + i}` },
        });
        expect(res.status).toBe(201);
        issued.push(res.body.ticket.id);
      }
      for (let round = 0; round < 3; round++) {
        const calls = await Promise.all(
          WINDOWS.map((w, k) =>
            request(s.url, 'POST', `${OFFICE}/counters/${w}/call-next`, { token: clerks[k] }),
          ),
        );
        answers.push(...calls.map((r) => `call-next ${r.status} ${r.body?.error?.message ?? ''}`));
        const done = await Promise.all(
          calls
            .filter((r) => r.body?.ticket)
            .map((r) =>
              request(s.url, 'POST', `/api/tickets/${r.body.ticket.id}/complete`, {
                token: clerks[WINDOWS.indexOf(r.body.ticket.counter)],
              }),
            ),
        );
        answers.push(...done.map((r) => `complete ${r.status} ${r.body?.error?.message ?? ''}`));
      }
    }
    expect(
      answers.filter((a) => !a.startsWith('call-next 200') && !a.startsWith('complete 200')),
    ).toEqual([]);
    expect(answers).toHaveLength(3 * 3 * WINDOWS.length * 2);
    const [rows] = await s.db.sequelize.query(
      `SELECT ticket_id, COUNT(*) AS n FROM messages WHERE template = 'ticket_ahead'
        GROUP BY ticket_id`,
    );
    const ahead = rows as Array<{ ticket_id: string; n: number | string }>;
    expect(ahead.filter((r) => Number(r.n) !== 1)).toEqual([]);
    // Every ticket was served: it was close to the front once, and told so at most once.
    expect(ahead.every((r) => issued.includes(r.ticket_id))).toBe(true);
  });

  it('withdraws the messages a ticket still owes when it ends', async () => {
    const clerk = await login(s.url, 'clerk1');
    const res = await request(s.url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'certificate', phone: '+992907770001' },
    });
    const id = res.body.ticket.id as string;
    const called = await request(s.url, 'POST', `${OFFICE}/counters/1/call-next`, {
      token: clerk,
    });
    expect(called.body.ticket.id).toBe(id);
    const queued = async () => {
      const [found] = await s.db.sequelize.query(
        `SELECT template, status, error FROM messages WHERE ticket_id = '${id}' ORDER BY template`,
      );
      return found as Array<{ template: string; status: string; error: string | null }>;
    };
    expect((await queued()).map((m) => `${m.template} ${m.status}`)).toEqual([
      'ticket_called queued',
      'ticket_issued queued',
    ]);
    const done = await request(s.url, 'POST', `/api/tickets/${id}/complete`, { token: clerk });
    expect(done.status).toBe(200);
    // Withdrawn by the complete; one that was on its way to the dead gateway at that moment is
    // caught before its next try (2–8 s on).
    await waitFor(
      async () => (await queued()).every((m) => m.status === 'expired'),
      'the ticket’s messages withdrawn',
      20_000,
    );
    expect((await queued()).map((m) => m.template)).toEqual(['ticket_called', 'ticket_issued']);
  });
});
