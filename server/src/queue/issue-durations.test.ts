/**
 * A new ticket's estimate takes its service's latest durations at the window. The office cache
 * keeps them; when it has none for the service (a process's first ticket of it, every 30 s as the
 * cache renews an office), they are read with the issue: on MySQL held and carried with COMMIT,
 * so the issue stays one round trip. Both databases estimate the same from the same rows.
 */
import { QueryTypes } from 'sequelize';
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';

const OFFICE = '/api/offices/kulob';
const CARRIED = /^Executing \(([^)]+)\): \/\* carried \*\/ /;
const OWN_TRIP = /^Executing \(([^)]+)\): /;
const DURATIONS_READ =
  /TIMESTAMPDIFF\(MICROSECOND, started_at, finished_at\)|`finished_at` AS `finishedAt`/;

describe.each(testDialects())('durations read with the issue on %s', (dialect) => {
  let s: TestServer;
  let service = '';
  const logged: string[] = [];
  beforeAll(async () => {
    s = await startTestServer({ database: dialect });
    const token = await login(s.url, 'clerk1');
    // Window 1 held by a clerk: its services have a window serving them, so an estimate.
    const taken = await request(s.url, 'POST', `${OFFICE}/counters/1/session`, { token });
    expect(taken.status).toBeLessThan(300);
    const [row] = await s.db.sequelize.query<{ code: string }>(
      `SELECT s.code FROM services s JOIN counter_services x ON x.service_id = s.id
        JOIN counters c ON c.id = x.counter_id
       WHERE c.office_code = 'kulob' AND c.number = '1' AND s.code <> 'birth'
       ORDER BY s.id LIMIT 1`,
      { type: QueryTypes.SELECT },
    );
    service = row!.code;
    await s.app.messages.stop();
    await s.app.print.stop();
    const options = (s.db.sequelize as unknown as { options: { logging?: unknown } }).options;
    options.logging = (sql: string) => logged.push(sql);
  });
  afterAll(() => s.close());

  const issue = () => request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service } });

  /** The statements of the issuing transaction, and its round trips (MySQL: carried batches). */
  function issuing(): { statements: string[]; trips: number } {
    const id = logged
      .map((sql) => /INSERT INTO tickets/.test(sql) && OWN_TRIP.exec(sql)?.[1])
      .find(Boolean);
    expect(id).toBeTruthy();
    const mine = logged.filter((sql) => OWN_TRIP.exec(sql)?.[1] === id);
    return {
      statements: mine,
      trips: mine.filter((sql) => !CARRIED.test(sql)).length,
    };
  }

  it('estimates from the done tickets read with the issue, then from the cache', async () => {
    // Two tickets of the service done today, 600 s and 900 s at the window (750 s on average),
    // and one waiting.
    const done = [await issue(), await issue()];
    const waiting = await issue();
    expect([...done, waiting].map((r) => r.status)).toEqual([201, 201, 201]);
    for (const [i, res] of done.entries()) {
      const finished = new Date(Date.now() - 60_000 * (i + 1));
      await s.db.sequelize.query(
        `UPDATE tickets SET status = 'done', called_at = :started, started_at = :started,
            finished_at = :finished, counter_number = '1' WHERE id = :id`,
        {
          replacements: {
            id: res.body.ticket.id,
            started: new Date(finished.getTime() - (i === 0 ? 600_000 : 900_000)),
            finished,
          },
        },
      );
    }
    // The cache kept the service's durations (none) with the first ticket: as in a process that
    // has not seen these completions, or one whose cache renewed the office since. The office is
    // read again with a ticket of another service (outside any transaction).
    s.app.queue.forgetOffice('kulob');
    await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } });

    logged.length = 0;
    const cold = await issue();
    expect(cold.status).toBe(201);
    const first = issuing();
    const durationsRead = first.statements.filter((sql) => DURATIONS_READ.test(sql));
    expect(durationsRead).toHaveLength(1);
    // 1 ahead (the waiting one), 1 window, 750 s each.
    expect(cold.body.ticket).toMatchObject({
      peopleAhead: 1,
      servingWindows: 1,
      estimatedWaitMinutes: Math.ceil(750 / 60),
    });
    if (dialect === 'mysql') {
      // START, the count, the number, the ticket, the audit row, the durations, the seq: COMMIT.
      expect(first.trips).toBe(1);
      expect(durationsRead[0]).toMatch(CARRIED);
    }

    logged.length = 0;
    const warm = await issue();
    const second = issuing();
    expect(second.statements.filter((sql) => DURATIONS_READ.test(sql))).toEqual([]);
    expect(warm.body.ticket).toMatchObject({
      peopleAhead: 2,
      estimatedWaitMinutes: Math.ceil((2 * 750) / 60),
    });
    if (dialect === 'mysql') expect(second.trips).toBe(1);
  });
});
