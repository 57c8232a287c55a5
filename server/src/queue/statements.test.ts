/**
 * SQL statements per command, counted on the wire's side of Sequelize (its `logging` hook sees
 * every query, BEGIN and COMMIT included), and the round trips they take: on MySQL a command's
 * START TRANSACTION and held writes travel in front of its next statement (db/held-writes.ts,
 * logged as `/* carried *\/` just before it), split here into their statements. A regression in
 * the hot path fails here.
 */
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';

const OFFICE = '/api/offices/kulob';
const TRANSACTION_CONTROL = /\): (BEGIN|START TRANSACTION|COMMIT)\b/;
const CARRIED = /^(Executing \([^)]+\): )\/\* carried \*\/ /;

/** Each statement of the logged queries, carried ones split (no value here holds ';\n'). */
function statementsOf(queries: string[]): string[] {
  return queries.flatMap((sql) => {
    const batch = CARRIED.exec(sql);
    if (!batch) return [sql];
    return sql
      .slice(batch[0].length)
      .split(';\n')
      .map((statement) => `${batch[1]}${statement}`);
  });
}

describe.each(testDialects())('statements per command on %s', (dialect) => {
  let s: TestServer;
  let token: string;
  const statements: string[] = [];
  /** The round trips of the last command counted (queries sent, BEGIN and COMMIT included). */
  let trips: string[] = [];
  beforeAll(async () => {
    s = await startTestServer({ database: dialect });
    token = await login(s.url, 'clerk1');
    // Warm the caches a running office has (the first command of a process reads more).
    await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } });
    // The citizen-message worker polls on its own timer, apart from any command: stopped (its
    // current round awaited) so that its statements are not counted as the commands'.
    await s.app.messages.stop();
    // Likewise the print queue's poll (a kiosk's ticket prints within its own request).
    await s.app.print.stop();
    const options = (s.db.sequelize as unknown as { options: { logging?: unknown } }).options;
    options.logging = (sql: string) => statements.push(sql);
  });
  afterAll(() => s.close());

  async function counted(run: () => Promise<{ status: number }>): Promise<string[]> {
    statements.length = 0;
    const res = await run();
    expect(res.status).toBeLessThan(300);
    trips = statements.filter((sql) => !CARRIED.test(sql));
    return statementsOf(statements);
  }

  it('issues in 5 statements, calls next in 6 and completes in 5', async () => {
    const issue = await counted(() =>
      request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } }),
    );
    let id = '';
    const issueTrips = trips;
    const call = await counted(async () => {
      const res = await request(s.url, 'POST', `${OFFICE}/counters/1/call-next`, { token });
      id = res.body.ticket.id as string;
      return res;
    });
    const callTrips = trips;
    const complete = await counted(() =>
      request(s.url, 'POST', `/api/tickets/${id}/complete`, { token }),
    );
    const completeTrips = trips;
    if (process.env.SHOW_SQL) console.log(JSON.stringify({ issue, call, complete }, null, 1));
    // Counted: every statement of the command but BEGIN and COMMIT, the staff session's lookup
    // included. Issue: number, ticket, audit row, people ahead, seq. Call-next: session, the window
    // locked with its held ticket and clerk, the candidate locked (SKIP LOCKED), the ticket, audit,
    // seq. Complete: session, the ticket locked with its window and clerk, the ticket, audit, seq.
    // Issue #16's targets: issue ≤ 6, call-next ≤ 6, complete ≤ 5.
    const work = (list: string[]) => list.filter((sql) => !TRANSACTION_CONTROL.test(sql)).length;
    expect({ issue: work(issue), callNext: work(call), complete: work(complete) }).toEqual({
      issue: 5,
      callNext: 6,
      complete: 5,
    });
    // The people ahead are counted in the issuing transaction: on MySQL carried with the rest of
    // the command (no round trip or connection of their own), on SQLite as the ticket is rendered.
    const count = issue.find((sql) =>
      /SELECT COUNT\(\*\) AS n, \(SELECT COUNT\(DISTINCT c\.id\)/.test(sql),
    );
    expect(count).toMatch(/^Executing \([0-9a-f-]{36}\)/);
    if (dialect === 'mysql') {
      // The whole issue is one round trip: COMMIT carries START, the count, the number (taken in
      // SQL and written by the ticket's row and its audit row), the rows and the seq.
      expect(issueTrips).toEqual([expect.stringMatching(/^Executing \([0-9a-f-]{36}\): COMMIT$/)]);
      const row = issue.find((sql) => /INSERT INTO tickets/.test(sql));
      expect(row).toMatch(/REPLACE\('A\uE000seq\uE000', '\uE000seq\uE000', IF\(@navbat_ticket_seq/);
    }
    // Each command is one transaction: one BEGIN, one COMMIT.
    for (const list of [issue, call, complete]) {
      expect(list.length - work(list)).toBe(2);
    }
    // Round trips on MySQL: START goes with the first statement, the writes whose answers nobody
    // reads with the seq. Issue: START + people ahead + number + ticket + audit + seq + COMMIT.
    // Call-next: session, START + window, candidate, ticket + audit + seq, COMMIT.
    // Complete: session, START + ticket, ticket + audit + seq, COMMIT. SQLite, in process, sends
    // each statement on its own.
    const tripsOf = { issue: issueTrips, callNext: callTrips, complete: completeTrips };
    expect(Object.fromEntries(Object.entries(tripsOf).map(([k, v]) => [k, v.length]))).toEqual(
      dialect === 'mysql'
        ? { issue: 1, callNext: 4, complete: 3 }
        : { issue: issue.length, callNext: call.length, complete: complete.length },
    );
  });

  it('issues a tap with its idempotency key in one statement more, none of them before the transaction', async () => {
    // Right after the completion above: the service's durations in the office cache learnt that
    // ticket from its event, so they are not read again.
    const tap = await counted(() =>
      request(s.url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'birth' },
        headers: { 'Idempotency-Key': `statements-${Date.now()}` },
      }),
    );
    if (process.env.SHOW_SQL) console.log(JSON.stringify(tap, null, 1));
    const work = tap.filter((sql) => !TRANSACTION_CONTROL.test(sql));
    // The issue's 5 and the key's row; the key is not looked up first (a repeated one fails the
    // transaction on its unique index and is answered from there).
    expect(work).toHaveLength(6);
    expect(tap.filter((sql) => /FROM `?idempotency_keys/.test(sql))).toEqual([]);
    expect(tap.filter((sql) => /INSERT INTO idempotency_keys/.test(sql))).toHaveLength(1);
    expect(work.filter((sql) => /(INSERT INTO|UPDATE) `/.test(sql))).toEqual([]);
    // On MySQL the key's row goes with the ticket's: no round trip more than without a key.
    expect(trips).toHaveLength(dialect === 'mysql' ? 1 : tap.length);
  });

  it('issues and prints a kiosk ticket in 7 statements and 1 transaction on MySQL', async () => {
    // The first print of a process also records the printer as online (a command of its own,
    // whose event drops the office's cached kiosks: the next ticket reads them again).
    const kioskTicket = { body: { service: 'birth', kiosk: 'K1' } };
    await request(s.url, 'POST', `${OFFICE}/tickets`, kioskTicket);
    await request(s.url, 'POST', `${OFFICE}/tickets`, kioskTicket);
    // Their printed marks written now, not within the count (on a loaded machine the second's
    // wait could end in it).
    await s.app.print.flushMarks();
    // Its printed mark waits a moment for others' (print-marks.ts): written here at once.
    const kiosk = await counted(async () => {
      const res = await request(s.url, 'POST', `${OFFICE}/tickets`, kioskTicket);
      expect(res.body.print).toEqual({ status: 'printed' });
      await s.app.print.flushMarks();
      return res;
    });
    if (process.env.SHOW_SQL) console.log(JSON.stringify(kiosk, null, 1));
    const work = kiosk.filter((sql) => !TRANSACTION_CONTROL.test(sql));
    // The issue: number, ticket, audit row, print job, people ahead, seq (6; the kiosk and its
    // printer from the office cache). Its paper, printed within the request: the job sent as the
    // issue wrote it, unclaimed (no worker takes a job in its first 10 s), with the ticket as the
    // issue rendered it (not read again), marked printed with the try counted (1, autocommitted
    // on MySQL, after the answer and with other marks); the printer still online as the office
    // cache knows it (no read). SQLite writes the mark in its serialised write queue: one more
    // transaction.
    expect(work).toHaveLength(7);
    expect(work.filter((sql) => /FROM `(tickets|case_tickets|devices)`/.test(sql))).toEqual([]);
    // No read of the kiosk inside the issuing transaction.
    const issuing = /^Executing \(([^)]+)\): INSERT INTO tickets/m.exec(work.join('\n'))?.[1];
    expect(issuing).toBeDefined();
    const inIssue = work.filter((sql) => sql.startsWith(`Executing (${issuing}):`));
    expect(inIssue.filter((sql) => /FROM `devices`/.test(sql))).toEqual([]);
    expect(kiosk.length - work.length).toBe(dialect === 'mysql' ? 2 : 4);
    expect(work.filter((sql) => /FOR UPDATE SKIP LOCKED|FROM print_jobs/.test(sql))).toHaveLength(
      0,
    );
    expect(work.filter((sql) => /UPDATE print_jobs SET status = 'printed'/.test(sql))).toHaveLength(
      1,
    );
    // On MySQL, 2 round trips: the whole issue (START, people ahead, number, ticket, audit row,
    // print job, seq) with COMMIT, and later the printed mark.
    expect(trips).toHaveLength(dialect === 'mysql' ? 2 : kiosk.length);
    // The hot path's SQL is raw: no statement of the tap comes from a model (Sequelize's own
    // INSERT and UPDATE quote every name with backticks and bind `?` / `$n` values).
    expect(work.filter((sql) => /(INSERT INTO|UPDATE) `/.test(sql))).toEqual([]);
  });
});
