/**
 * A submit the SMSC answers too late is in doubt: the SMSC took it, so sending it again gives the
 * citizen the same text twice. A tester's walk (2026-12-07, an SMSC answering after 15 s against
 * the 10 s timeout) saw 98 of 516 texts submitted two or three times, and a number capped at 10 a
 * day reached by 16 messages. Now such a message ends `failed` ("in doubt: …"), is never sent
 * again, and counts toward its number's cap.
 */
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { request } from '../testing/client';
import { FakeSmsc } from '../testing/fake-smsc';
import { waitFor } from '../testing/wait';

const OFFICE = '/api/offices/kulob';

describe.each(testDialects())('a late SMSC on %s', (dialect) => {
  let s: TestServer;
  let smsc: FakeSmsc;
  beforeAll(async () => {
    // Answers every submit after 1.5 s; Navbat waits 0.5 s (`timeout=0.5`).
    smsc = new FakeSmsc({ answerDelayMs: 1_500 });
    await smsc.start();
    s = await startTestServer({
      database: dialect,
      messaging: { smsUrl: `${smsc.url}&timeout=0.5` },
      messagePollMs: 200,
    });
  });
  afterAll(async () => {
    await s.close();
    await smsc.stop();
  });

  it('sends a message it had no answer for once, and counts it toward the number’s cap', async () => {
    const phone = '+992905550001';
    // Twelve tickets to one number, with a gap between them: each message has its own submit.
    for (let i = 0; i < 12; i++) {
      const res = await request(s.url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'consultation', phone },
      });
      expect(res.status).toBe(201);
    }
    const mine = async () => {
      const [rows] = await s.db.sequelize.query(
        `SELECT status, error FROM messages WHERE to_address = '${phone}'`,
      );
      return rows as Array<{ status: string; error: string | null }>;
    };
    await waitFor(
      async () => {
        const all = await mine();
        return all.length === 12 && all.every((m) => m.status === 'failed');
      },
      'every message to the number ended',
      30_000,
    );
    // Time for any retry to have gone out (the first retry waits 2 s).
    await new Promise((r) => setTimeout(r, 3_000));
    // What reached the SMSC, part by part (a long text's later parts never left: its first was in
    // doubt).
    const submits = smsc.submits.filter((m) => m.to === phone.slice(1));
    const byText = new Map<string, number>();
    for (const m of submits) byText.set(m.text, (byText.get(m.text) ?? 0) + 1);
    expect([...byText.values()].filter((n) => n > 1)).toEqual([]);
    // At most the cap (10) reached the SMSC; the rest were held back by it.
    expect(submits.length).toBe(10);
    const ended = await mine();
    expect(ended.filter((m) => m.error?.startsWith('in doubt: ')).length).toBe(10);
    expect(ended.filter((m) => !m.error?.startsWith('in doubt: ')).length).toBe(2);
  }, 60_000);
});
