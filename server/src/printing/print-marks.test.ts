/**
 * A kiosk ticket's printed mark is written after its answer, with the marks of other tickets
 * printed meanwhile (print-marks.ts): one statement for many, nothing lost when the database
 * refuses it for a moment, everything written when the node stops. Through the real API, on each
 * database (the virtual printer).
 */
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { request } from '../testing/client';

const OFFICE = '/api/offices/kulob';

describe.each(testDialects())('printed marks on %s', (dialect) => {
  let s: TestServer;
  const statements: string[] = [];
  const jobOf = async (ticketId: string) => {
    const job = await s.db.models.PrintJob.findOne({ where: { ticketId } });
    return { status: job?.status, attempts: job?.attempts, printedAt: job?.printedAt };
  };
  const tap = (key: string) =>
    request(s.url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'birth', kiosk: 'K1' },
      headers: { 'Idempotency-Key': key },
    });

  beforeEach(async () => {
    // Marks wait a minute here, so the test decides when they are written.
    s = await startTestServer({ database: dialect, printMarkAfterMs: 60_000 });
    await s.app.print.stop(); // the worker would print a queued job again
    const options = (s.db.sequelize as unknown as { options: { logging?: unknown } }).options;
    options.logging = (sql: string) => statements.push(sql);
  });
  afterEach(() => s.close());

  it('answers "printed" at once and writes the marks of several tickets in one statement', async () => {
    const keys = ['mark-a', 'mark-b', 'mark-c'];
    const ids: string[] = [];
    for (const key of keys) {
      const res = await tap(key);
      expect(res.status).toBe(201);
      expect(res.body.print).toEqual({ status: 'printed' });
      ids.push(res.body.ticket.id as string);
    }
    // Not written yet: the jobs stay queued, which no worker takes in their first 10 s.
    for (const id of ids) expect((await jobOf(id)).status).toBe('queued');
    // A kiosk that asks again (its answer lost) hears that the paper printed.
    const again = await tap('mark-b');
    expect(again.status).toBe(200);
    expect(again.body.print).toEqual({ status: 'printed' });

    statements.length = 0;
    await s.app.print.flushMarks();
    const marks = statements.filter((sql) => /UPDATE print_jobs SET status = 'printed'/.test(sql));
    expect(marks).toHaveLength(1);
    for (const id of ids) {
      const job = await jobOf(id);
      expect({ status: job.status, attempts: job.attempts }).toEqual({
        status: 'printed',
        attempts: 1,
      });
      // Each at its own time of printing, not the time of the write.
      const ticket = await s.db.models.Ticket.findByPk(id);
      expect(job.printedAt!.getTime()).toBeGreaterThanOrEqual(ticket!.issuedAt.getTime());
    }
    const times = await Promise.all(ids.map(async (id) => (await jobOf(id)).printedAt!.getTime()));
    expect(new Set(times).size).toBe(3);
  });

  it('keeps the marks when the database refuses them, and writes them all when the node stops', async () => {
    const res = await tap('mark-kept');
    const id = res.body.ticket.id as string;
    // The table out of reach for a moment: the write fails, the marks wait for the next one.
    const qi = s.db.sequelize.getQueryInterface();
    await qi.renameTable('print_jobs', 'print_jobs_away');
    try {
      await s.app.print.flushMarks();
    } finally {
      await qi.renameTable('print_jobs_away', 'print_jobs');
    }
    expect((await jobOf(id)).status).toBe('queued');
    const second = await tap('mark-kept-2');
    // Stopping (SIGTERM's path) writes every mark that waits, the failed one included.
    await s.app.print.stop();
    expect((await jobOf(id)).status).toBe('printed');
    expect((await jobOf(second.body.ticket.id as string)).status).toBe('printed');
  });
});
