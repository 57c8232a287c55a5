/**
 * SQL statements per command, counted on the wire's side of Sequelize (its `logging` hook sees
 * every statement, BEGIN and COMMIT included): a regression in the hot path fails here.
 */
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';

const OFFICE = '/api/offices/kulob';
const TRANSACTION_CONTROL = /\): (BEGIN|START TRANSACTION|COMMIT)\b/;

describe.each(testDialects())('statements per command on %s', (dialect) => {
  let s: TestServer;
  let token: string;
  const statements: string[] = [];
  beforeAll(async () => {
    s = await startTestServer({ database: dialect });
    token = await login(s.url, 'clerk1');
    // Warm the caches a running office has (the first command of a process reads more).
    await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } });
    // The citizen-message worker polls on its own timer, apart from any command: stopped (its
    // current round awaited) so that its statements are not counted as the commands'.
    await s.app.messages.stop();
    const options = (s.db.sequelize as unknown as { options: { logging?: unknown } }).options;
    options.logging = (sql: string) => statements.push(sql);
  });
  afterAll(() => s.close());

  async function counted(run: () => Promise<{ status: number }>): Promise<string[]> {
    statements.length = 0;
    const res = await run();
    expect(res.status).toBeLessThan(300);
    return [...statements];
  }

  it('issues in 5 statements, calls next in 6 and completes in 5', async () => {
    const issue = await counted(() =>
      request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } }),
    );
    let id = '';
    const call = await counted(async () => {
      const res = await request(s.url, 'POST', `${OFFICE}/counters/1/call-next`, { token });
      id = res.body.ticket.id as string;
      return res;
    });
    const complete = await counted(() =>
      request(s.url, 'POST', `/api/tickets/${id}/complete`, { token }),
    );
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
    // Each command is one transaction: one BEGIN, one COMMIT.
    for (const list of [issue, call, complete]) {
      expect(list.length - work(list)).toBe(2);
    }
  });
});
