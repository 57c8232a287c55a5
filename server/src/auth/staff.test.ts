/** Staff accounts through the admin API: create, disable, new password, the last administrator. */
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { connectSocket, login, request } from '../testing/client';

const TODAY = new Date('2026-11-25T05:00:00Z'); // 10:00 in Dushanbe

describe.each(testDialects())('staff accounts on %s', (dialect) => {
  let s: TestServer;
  const clock = TODAY;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer({ database: dialect, now: () => clock });
    admin = await login(s.url, 'admin');
  });
  afterAll(() => s.close());

  it('a disabled user cannot log in and its open sessions end; a new password ends them too', async () => {
    const created = await request(s.url, 'POST', '/api/users', {
      token: admin,
      body: { username: 'clerk9', password: 'first-pass', role: 'clerk', name: 'Ҷамшед Қодиров' },
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toEqual({
      username: 'clerk9',
      role: 'clerk',
      name: 'Ҷамшед Қодиров',
      office: 'kulob',
      disabled: false,
    });
    const token = await login(s.url, 'clerk9', 'first-pass');
    expect((await request(s.url, 'GET', '/api/auth/me', { token })).status).toBe(200);

    const live = await connectSocket(s.url, '/counter', { office: 'kulob', token });
    const dropped = new Promise<string>((resolve) => live.socket.on('disconnect', resolve));
    const disabled = await request(s.url, 'PATCH', '/api/users/clerk9', {
      token: admin,
      body: { disabled: true },
    });
    expect(disabled.body.user.disabled).toBe(true);
    // Its open console is dropped too (it reconnects, is refused, and shows the sign-in).
    expect(await dropped).toBe('io server disconnect');
    expect((await request(s.url, 'GET', '/api/auth/me', { token })).status).toBe(401);
    const refused = await request(s.url, 'POST', '/api/auth/login', {
      body: { username: 'clerk9', password: 'first-pass' },
    });
    // With the right password the refusal says why; with a wrong one it says nothing more.
    expect([refused.status, refused.body.error.code, refused.body.error.details]).toEqual([
      401,
      'unauthorized',
      { reason: 'account_disabled' },
    ]);
    const guessed = await request(s.url, 'POST', '/api/auth/login', {
      body: { username: 'clerk9', password: 'a-guess' },
    });
    expect([guessed.status, guessed.body.error.details]).toEqual([401, undefined]);
    // A clerk trying again and again with the right password is no guesser: enabled again, in.
    for (let i = 0; i < 10; i++) {
      const tried = await request(s.url, 'POST', '/api/auth/login', {
        body: { username: 'clerk9', password: 'first-pass' },
      });
      expect(tried.status).toBe(401);
    }

    await request(s.url, 'PATCH', '/api/users/clerk9', { token: admin, body: { disabled: false } });
    const again = await login(s.url, 'clerk9', 'first-pass');
    const reset = await request(s.url, 'PATCH', '/api/users/clerk9', {
      token: admin,
      body: { password: 'second-pass', role: 'back_office' },
    });
    expect(reset.body.user.role).toBe('back_office');
    expect((await request(s.url, 'GET', '/api/auth/me', { token: again })).status).toBe(401);
    const fresh = await login(s.url, 'clerk9', 'second-pass');
    const me = await request(s.url, 'GET', '/api/auth/me', { token: fresh });
    expect(me.body.user.role).toBe('back_office');

    const lastAdmin = await request(s.url, 'PATCH', '/api/users/admin', {
      token: admin,
      body: { disabled: true },
    });
    expect([lastAdmin.status, lastAdmin.body.error.code]).toEqual([409, 'conflict']);
    const audit = await request(s.url, 'GET', '/api/offices/kulob/audit?action=user.', {
      token: admin,
    });
    const actions = audit.body.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['user.create', 'user.disable', 'user.enable', 'user.update']),
    );
    expect(JSON.stringify(audit.body.entries)).not.toMatch(/first-pass|second-pass|\$2b\$/);
  });

  it('refuses a username that differs from another only in letter case, on either database', async () => {
    for (const username of ['CLERK1', 'Clerk1']) {
      const refused = await request(s.url, 'POST', '/api/users', {
        token: admin,
        body: { username, password: 'demo12345', role: 'clerk', name: 'Двойник' },
      });
      expect([refused.status, refused.body.error.code]).toEqual([409, 'conflict']);
    }
    // A name over its limit: refused, naming the field and its limit for the form to say.
    const long = await request(s.url, 'POST', '/api/users', {
      token: admin,
      body: { username: 'clerk10', password: 'demo12345', role: 'clerk', name: 'Ш'.repeat(201) },
    });
    expect([long.status, long.body.error.details.issues[0]]).toEqual([
      400,
      expect.objectContaining({ field: 'name', maxLength: 200 }),
    ]);
    const users = await request(s.url, 'GET', '/api/users', { token: admin });
    const names = users.body.users.map((u: { username: string }) => u.username.toLowerCase());
    expect(names.filter((n: string) => n === 'clerk1')).toHaveLength(1);
  });

  it('signs in whatever the letter case the name is typed in, spaces around it aside, on either database', async () => {
    const res = await request(s.url, 'POST', '/api/auth/login', {
      body: { username: ' Clerk2 ', password: 'demo' },
    });
    expect([res.status, res.body.user?.username]).toEqual([200, 'clerk2']);
    const me = await request(s.url, 'GET', '/api/auth/me', { token: res.body.token as string });
    expect(me.body.user.username).toBe('clerk2');
    // The administrator's pages name users case-blind as well.
    const changed = await request(s.url, 'PATCH', '/api/users/CLERK2', {
      token: admin,
      body: { name: 'Нигора Саидова' },
    });
    expect([changed.status, changed.body.user?.username]).toEqual([200, 'clerk2']);
  });
});
