/** The admin endpoints as a whole: only administrators reach them, and bad input names its field. */
import { startTestServer, testDialects, type TestServer } from './testing/harness';
import { login, request } from './testing/client';

const TODAY = new Date('2026-11-25T05:00:00Z'); // 10:00 in Dushanbe

describe.each(testDialects())('the admin endpoints on %s', (dialect) => {
  let s: TestServer;
  const clock = TODAY;
  let admin: string;
  let clerk: string;
  beforeAll(async () => {
    s = await startTestServer({ database: dialect, now: () => clock });
    admin = await login(s.url, 'admin');
    clerk = await login(s.url, 'clerk1');
  });
  afterAll(() => s.close());

  it('refuses every admin endpoint without a token (401) and to a clerk or the back office (403)', async () => {
    const back = await login(s.url, 'back1');
    const calls: Array<[string, string, unknown?]> = [
      ['POST', '/api/offices/kulob/services', { code: 'x', prefix: 'X', names: {} }],
      ['PATCH', '/api/offices/kulob/services/birth', { open: false }],
      ['PUT', '/api/offices/kulob/counters/1', { services: [] }],
      ['GET', '/api/offices/kulob/counters'],
      ['GET', '/api/users'],
      ['POST', '/api/users', { username: 'u', password: 'p', role: 'clerk', name: 'n' }],
      ['PATCH', '/api/users/clerk2', { disabled: true }],
      ['GET', '/api/offices/kulob/devices'],
      ['PATCH', '/api/offices/kulob/settings', { ticker: 'x' }],
      ['POST', '/api/offices/kulob/day/close'],
      ['GET', '/api/offices/kulob/reports/summary?from=2026-11-01&to=2026-11-02'],
      ['GET', '/api/offices/kulob/audit'],
    ];
    for (const [method, path, body] of calls) {
      const anonymous = await request(s.url, method, path, { body });
      expect([path, anonymous.status, anonymous.body.error.code]).toEqual([
        path,
        401,
        'unauthorized',
      ]);
      for (const token of [clerk, back]) {
        const refused = await request(s.url, method, path, { body, token });
        expect([path, refused.status, refused.body.error.code]).toEqual([path, 403, 'forbidden']);
      }
    }
    // Nothing of that was done.
    const users = await request(s.url, 'GET', '/api/users', { token: admin });
    expect(
      users.body.users.find((u: { username: string }) => u.username === 'clerk2'),
    ).toMatchObject({ disabled: false });
  });

  it('names the field of bad input (400) and answers a taken code, prefix or username with 409', async () => {
    const names = {
      tg: 'Фарзандхонӣ',
      ru: 'Усыновление',
      uz: 'Farzandlikka olish',
      en: 'Adoption',
    };
    const bad = await request(s.url, 'POST', '/api/offices/kulob/services', {
      token: admin,
      body: { code: 'adoption', prefix: 'xy', names },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.details.issues[0].field).toBe('prefix');
    const noName = await request(s.url, 'POST', '/api/offices/kulob/services', {
      token: admin,
      body: { code: 'adoption', prefix: 'X', names: { ...names, uz: '' } },
    });
    expect(noName.body.error.details.issues[0].field).toBe('names.uz');
    const takenCode = await request(s.url, 'POST', '/api/offices/kulob/services', {
      token: admin,
      body: { code: 'birth', prefix: 'Z', names },
    });
    expect([takenCode.status, takenCode.body.error.code]).toEqual([409, 'conflict']);
    expect(takenCode.body.error.details).toEqual({ field: 'code' });
    const takenPrefix = await request(s.url, 'POST', '/api/offices/kulob/services', {
      token: admin,
      body: { code: 'adoption', prefix: 'A', names },
    });
    expect([takenPrefix.status, takenPrefix.body.error.details]).toEqual([
      409,
      { field: 'prefix' },
    ]);
    const takenUser = await request(s.url, 'POST', '/api/users', {
      token: admin,
      body: { username: 'clerk1', password: 'secret-pass', role: 'clerk', name: 'Again' },
    });
    expect([takenUser.status, takenUser.body.error.code]).toEqual([409, 'conflict']);
    const badRole = await request(s.url, 'POST', '/api/users', {
      token: admin,
      body: { username: 'someone', password: 'secret-pass', role: 'boss', name: 'X' },
    });
    expect([badRole.status, badRole.body.error.details.issues[0].field]).toEqual([400, 'role']);
    const badCounter = await request(s.url, 'PUT', '/api/offices/kulob/counters/2', {
      token: admin,
      body: { services: ['birth', 'nope'] },
    });
    expect([badCounter.status, badCounter.body.error.details.issues[0].field]).toEqual([
      400,
      'services.1',
    ]);
    const badDate = await request(
      s.url,
      'GET',
      '/api/offices/kulob/reports/summary?from=2026-02-30',
      {
        token: admin,
      },
    );
    expect([badDate.status, badDate.body.error.details.issues[0].field]).toEqual([400, 'from']);
    // The last day a date can name has no next day to end on: refused, not a 500.
    for (const path of [
      '/api/offices/kulob/reports/summary?from=9999-12-01&to=9999-12-31',
      '/api/offices/kulob/reports/summary?from=9999-12-31&to=9999-12-31&format=csv',
      '/api/offices/kulob/audit?from=9999-12-31&to=9999-12-31',
      '/api/offices/kulob/bookings?day=2026-02-31',
    ]) {
      const far = await request(s.url, 'GET', path, { token: admin });
      expect({ path, status: far.status, code: far.body.error?.code }).toEqual({
        path,
        status: 400,
        code: 'validation_failed',
      });
    }
  });
});
