/**
 * A waiting ticket says how many windows serve its line now (open, with a clerk signed in at
 * them), and its wait is spread over those only: before anyone sits down a citizen is not told
 * "you are next", and a paused or emptied window stops counting.
 */
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';

const OFFICE = '/api/offices/kulob';

describe.each(testDialects())('windows serving a waiting ticket on %s', (dialect) => {
  let s: TestServer;
  let one: string;
  let two: string;

  beforeAll(async () => {
    s = await startTestServer({ database: dialect });
    [one, two] = await Promise.all([login(s.url, 'clerk1'), login(s.url, 'clerk2')]);
  });
  afterAll(() => s.close());

  const issue = async (service: string) => {
    const res = await request(s.url, 'POST', `${OFFICE}/tickets`, { body: { service } });
    expect(res.status).toBe(201);
    return res.body.ticket as { id: string; servingWindows?: number; peopleAhead?: number };
  };
  const read = async (id: string) =>
    (await request(s.url, 'GET', `/api/tickets/${id}`)).body.ticket as {
      servingWindows?: number;
      peopleAhead?: number;
      estimatedWaitMinutes?: number;
    };
  const sit = (counter: string, token: string) =>
    request(s.url, 'POST', `${OFFICE}/counters/${counter}/session`, { token });

  it('counts only open windows of the service with a clerk at them, as issued and as read later', async () => {
    // Nobody signed in at a window yet: the first ticket has nobody serving its line.
    const first = await issue('paternity'); // windows 1 and 6
    expect(first).toMatchObject({ servingWindows: 0, peopleAhead: 0 });
    expect((await read(first.id)).servingWindows).toBe(0);

    expect((await sit('1', one)).status).toBe(200);
    expect((await sit('4', two)).status).toBe(200); // window 4 does not serve paternity
    const second = await issue('paternity');
    expect(second).toMatchObject({ servingWindows: 1, peopleAhead: 1 });
    expect(await read(first.id)).toMatchObject({ servingWindows: 1, peopleAhead: 0 });

    // A paused window serves nobody.
    const paused = await request(s.url, 'POST', `${OFFICE}/counters/1/pause`, {
      token: one,
      body: { reason: 'break' },
    });
    expect(paused.status).toBe(200);
    expect((await read(second.id)).servingWindows).toBe(0);
    expect(
      (await request(s.url, 'POST', `${OFFICE}/counters/1/resume`, { token: one })).status,
    ).toBe(200);
    expect((await read(second.id)).servingWindows).toBe(1);

    // The clerk leaves the window: nobody serves the line again.
    const left = await request(s.url, 'DELETE', `${OFFICE}/counters/1/session`, { token: one });
    expect(left.status).toBeLessThan(300);
    expect(await read(second.id)).toMatchObject({ servingWindows: 0, peopleAhead: 1 });
  });

  it('spreads the wait over the windows that serve the line', async () => {
    // Birth is served at windows 1, 2 and 3; nobody sits at them: the wait is one window's.
    const ahead = await Promise.all([issue('birth'), issue('birth'), issue('birth')]);
    const last = await issue('birth');
    expect(last).toMatchObject({ servingWindows: 0, peopleAhead: ahead.length });
    const alone = (await read(last.id)).estimatedWaitMinutes!;
    expect((await sit('2', two)).status).toBe(200); // clerk2 moves from window 4
    expect((await sit('3', one)).status).toBe(200);
    const shared = await read(last.id);
    expect(shared.servingWindows).toBe(2);
    expect(shared.estimatedWaitMinutes).toBe(Math.ceil(alone / 2));
    // The console's snapshot says the same of its waiting list.
    const snapshot = await request(s.url, 'GET', `${OFFICE}/queue`, { token: one });
    const listed = (snapshot.body.tickets as { id: string }[]).find((t) => t.id === last.id);
    expect(listed).toMatchObject({ servingWindows: 2, peopleAhead: ahead.length });
  });

  it('counts a ticket sent to one window at that window only, after those sent there before it', async () => {
    expect((await sit('1', one)).status).toBe(200);
    const sent: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { id } = await issue('consultation');
      const at1 = `${OFFICE}/counters/1`;
      expect(
        (await request(s.url, 'POST', `${at1}/call`, { token: one, body: { ticketId: id } }))
          .status,
      ).toBe(200);
      const moved = await request(s.url, 'POST', `/api/tickets/${id}/transfer`, {
        token: one,
        body: { counter: '5' },
      });
      expect(moved.status).toBe(200);
      sent.push(id);
    }
    // Window 1 serves consultation and has its clerk; window 5, where they wait, has nobody.
    expect(await read(sent[1]!)).toMatchObject({ servingWindows: 0, peopleAhead: 1 });
    expect(await read(sent[0]!)).toMatchObject({ servingWindows: 0, peopleAhead: 0 });
    expect((await sit('5', two)).status).toBe(200);
    expect(await read(sent[1]!)).toMatchObject({ servingWindows: 1, peopleAhead: 1 });
  });
});
