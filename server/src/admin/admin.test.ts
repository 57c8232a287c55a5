import { randomUUID } from 'node:crypto';
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { connectSocket, login, refusedSocket, request } from '../testing/client';
import type { OfficeEvent, ServicesEvent } from '../../protocol/events';
import { parseCsv } from '../testing/csv';

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
}

const TODAY = new Date('2026-11-25T05:00:00Z'); // 10:00 in Dushanbe

describe.each(testDialects())('administration on %s', (dialect) => {
  let s: TestServer;
  let clock = TODAY;
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
      body: { username: 'clerk1', password: 'secret', role: 'clerk', name: 'Again' },
    });
    expect([takenUser.status, takenUser.body.error.code]).toEqual([409, 'conflict']);
    const badRole = await request(s.url, 'POST', '/api/users', {
      token: admin,
      body: { username: 'someone', password: 'secret', role: 'boss', name: 'X' },
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
  });

  it('offers a new service on the kiosk at once, and only the windows assigned to it call it', async () => {
    const kiosk = await connectSocket(s.url, '/kiosk', { office: 'kulob' });
    const events: ServicesEvent[] = [];
    kiosk.socket.on('services:updated', (e) => events.push(e));
    const names = {
      tg: 'Фарзандхонӣ',
      ru: 'Усыновление',
      uz: 'Farzandlikka olish',
      en: 'Adoption',
    };
    const created = await request(s.url, 'POST', '/api/offices/kulob/services', {
      token: admin,
      body: { code: 'adoption', prefix: 'X', names, documents: ['passport'] },
    });
    expect(created.status).toBe(201);
    expect(created.body.service).toMatchObject({ code: 'adoption', prefix: 'X', open: true });
    await until(() => events.length > 0);
    kiosk.socket.close();
    expect(events[0]!.seq).toBe(kiosk.snapshot.seq + 1);
    // Listed at once, but not offered until a window calls it (issue #14: no ticket waits forever).
    expect(events[0]!.services.find((x) => x.code === 'adoption')).toMatchObject({
      names,
      open: false,
      unserved: true,
    });
    const listed = await request(s.url, 'GET', '/api/offices/kulob/services');
    expect(listed.body.map((x: { code: string }) => x.code)).toContain('adoption');

    const put = await request(s.url, 'PUT', '/api/offices/kulob/counters/6', {
      token: admin,
      body: { services: ['adoption'], name: 'Фарзандхонӣ' },
    });
    expect(put.status).toBe(200);
    expect(put.body.counter).toMatchObject({ number: '6', services: ['adoption'] });
    const offered = await request(s.url, 'GET', '/api/offices/kulob/services');
    expect(offered.body.find((x: { code: string }) => x.code === 'adoption')).toMatchObject({
      open: true,
    });
    const issued = await request(s.url, 'POST', '/api/offices/kulob/tickets', {
      body: { service: 'adoption' },
    });
    expect([issued.status, issued.body.ticket.number]).toEqual([201, 'X001']);
    for (const counter of ['1', '2', '3', '4', '5']) {
      const other = await request(
        s.url,
        'POST',
        `/api/offices/kulob/counters/${counter}/call-next`,
        {
          token: clerk,
        },
      );
      expect([counter, other.body.ticket]).toEqual([counter, null]);
    }
    const mine = await request(s.url, 'POST', '/api/offices/kulob/counters/6/call-next', {
      token: clerk,
    });
    expect(mine.body.ticket).toMatchObject({ number: 'X001', counter: '6' });
    await request(s.url, 'POST', `/api/tickets/${mine.body.ticket.id}/complete`, { token: clerk });

    // Closing it shows the reason on the kiosk's list; reopening clears it.
    const closed = await request(s.url, 'PATCH', '/api/offices/kulob/services/adoption', {
      token: admin,
      body: { open: false, closedReason: 'Сабаби техникӣ' },
    });
    expect(closed.body.service).toMatchObject({ open: false, closedReason: 'Сабаби техникӣ' });
    const kioskList = await request(s.url, 'GET', '/api/offices/kulob/services');
    expect(kioskList.body.find((x: { code: string }) => x.code === 'adoption')).toMatchObject({
      open: false,
      closedReason: 'Сабаби техникӣ',
    });
    const refused = await request(s.url, 'POST', '/api/offices/kulob/tickets', {
      body: { service: 'adoption' },
    });
    expect(refused.status).toBe(409);
    const reopened = await request(s.url, 'PATCH', '/api/offices/kulob/services/adoption', {
      token: admin,
      body: { open: true },
    });
    expect(reopened.body.service).toMatchObject({ open: true, closedReason: null });
    const counters = await request(s.url, 'GET', '/api/offices/kulob/counters', { token: admin });
    expect(counters.body.counters.find((c: { number: string }) => c.number === '6')).toMatchObject({
      name: 'Фарзандхонӣ',
      services: ['adoption'],
    });
  });

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
    expect(refused.status).toBe(401);

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

  it('saves office settings and tells every display at once', async () => {
    const display = await connectSocket(s.url, '/display', { office: 'kulob' });
    const events: OfficeEvent[] = [];
    display.socket.on('office:updated', (e) => events.push(e));
    const body = {
      ticker: 'Хуш омадед! Имрӯз то соати 17:00 кор мекунем.',
      fairnessN: 3,
      kioskIdleSeconds: 45,
      languages: ['tg', 'ru'],
      openingHours: {
        mon: { open: '08:00', close: '17:00' },
        sat: { open: '09:00', close: '13:00' },
      },
      priorities: [
        {
          code: 'veteran',
          names: { tg: 'Собиқадор', ru: 'Ветеран', uz: 'Faxriy', en: 'Veteran' },
        },
      ],
    };
    const saved = await request(s.url, 'PATCH', '/api/offices/kulob/settings', {
      token: admin,
      body,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.settings).toMatchObject(body);
    await until(() => events.length > 0);
    display.socket.close();
    expect(events[0]!.office).toMatchObject({
      ticker: body.ticker,
      kioskIdleSeconds: 45,
      languages: ['tg', 'ru'],
      priorities: body.priorities,
    });
    const read = await request(s.url, 'GET', '/api/offices/kulob/settings', { token: admin });
    expect(read.body.settings).toMatchObject({ ...body, timeZone: 'Asia/Dushanbe' });
    const bad = await request(s.url, 'PATCH', '/api/offices/kulob/settings', {
      token: admin,
      body: { openingHours: { mon: { open: '18:00', close: '08:00' } } },
    });
    expect([bad.status, bad.body.error.details.issues[0].field]).toEqual([400, 'openingHours.mon']);
    expect(events[0]!.office.openingHours).toEqual(body.openingHours);
    // The office is always open again for the tests that follow (hours are enforced at the kiosk).
    const reopened = await request(s.url, 'PATCH', '/api/offices/kulob/settings', {
      token: admin,
      body: { openingHours: null },
    });
    expect(reopened.body.settings.openingHours).toBeNull();
  });

  it("lists devices and changes a kiosk's printer address (checked before it is saved)", async () => {
    const list = await request(s.url, 'GET', '/api/offices/kulob/devices', { token: admin });
    expect(list.body.devices.map((d: { code: string }) => d.code).sort()).toEqual(['D1', 'K1']);
    const bad = await request(s.url, 'PATCH', '/api/offices/kulob/devices/K1', {
      token: admin,
      body: { printerUrl: 'lpt:1' },
    });
    expect([bad.status, bad.body.error.details.issues[0].field]).toEqual([400, 'printerUrl']);
    const ok = await request(s.url, 'PATCH', '/api/offices/kulob/devices/K1', {
      token: admin,
      body: { printerUrl: 'tcp://10.0.0.21:9100#58mm' },
    });
    expect(ok.body.device).toMatchObject({ code: 'K1', printerUrl: 'tcp://10.0.0.21:9100#58mm' });
    await request(s.url, 'PATCH', '/api/offices/kulob/devices/K1', {
      token: admin,
      body: { printerUrl: 'virtual' },
    });
  });

  it('adds devices and pairs them; where the office requires pairing only paired ones connect and issue', async () => {
    const devices = '/api/offices/kulob/devices';
    for (const [body, field] of [
      [{ code: 'K 2', kind: 'kiosk' }, 'code'],
      [{ code: 'K2', kind: 'printer' }, 'kind'],
      [{ code: 'D2', kind: 'display', printerUrl: 'virtual' }, 'printerUrl'],
    ] as const) {
      const bad = await request(s.url, 'POST', devices, { token: admin, body });
      expect([bad.status, bad.body.error.details.issues[0].field]).toEqual([400, field]);
    }
    const k2 = await request(s.url, 'POST', devices, {
      token: admin,
      body: { code: 'K2', kind: 'kiosk', name: 'Даромадгоҳ 2', printerUrl: 'virtual' },
    });
    expect([k2.status, k2.body.device]).toEqual([
      201,
      {
        code: 'K2',
        kind: 'kiosk',
        name: 'Даромадгоҳ 2',
        printerUrl: 'virtual',
        printerStatus: null,
        paired: false,
      },
    ]);
    const taken = await request(s.url, 'POST', devices, {
      token: admin,
      body: { code: 'k2', kind: 'display' },
    });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'conflict']);
    expect(
      (await request(s.url, 'POST', devices, { token: clerk, body: { code: 'X', kind: 'kiosk' } }))
        .status,
    ).toBe(403);
    expect((await request(s.url, 'POST', `${devices}/K2/pair`, { token: clerk })).status).toBe(403);
    expect((await request(s.url, 'POST', `${devices}/K9/pair`, { token: admin })).status).toBe(404);

    const kioskPair = await request(s.url, 'POST', `${devices}/K2/pair`, { token: admin });
    expect(kioskPair.status).toBe(200);
    expect(kioskPair.headers.get('cache-control')).toBe('no-store');
    expect(kioskPair.body.device).toMatchObject({ code: 'K2', paired: true });
    const kioskToken: string = kioskPair.body.token;
    expect(kioskToken.length).toBeGreaterThanOrEqual(32);
    const displayToken: string = (
      await request(s.url, 'POST', `${devices}/D1/pair`, { token: admin })
    ).body.token;

    // Not yet required: a page without a token still connects.
    const before = await connectSocket(s.url, '/display', { office: 'kulob' });
    const dropped = new Promise<string>((resolve) => before.socket.on('disconnect', resolve));
    const paired = await connectSocket(s.url, '/display', {
      office: 'kulob',
      device: displayToken,
    });
    let pairedDropped = false;
    paired.socket.on('disconnect', () => (pairedDropped = true));

    const required = await request(s.url, 'PATCH', '/api/offices/kulob/settings', {
      token: admin,
      body: { requireDevices: true },
    });
    expect(required.body.settings.requireDevices).toBe(true);
    // The unpaired display is cut off at once; the paired one stays.
    expect(await dropped).toBe('io server disconnect');
    expect(await refusedSocket(s.url, '/display', { office: 'kulob' })).toBe('unauthorized');
    expect(await refusedSocket(s.url, '/kiosk', { office: 'kulob', device: 'forged' })).toBe(
      'unauthorized',
    );
    // A display's token does not open the kiosk namespace.
    expect(await refusedSocket(s.url, '/kiosk', { office: 'kulob', device: displayToken })).toBe(
      'unauthorized',
    );
    const kiosk = await connectSocket(s.url, '/kiosk', { office: 'kulob', device: kioskToken });
    expect(kiosk.snapshot.seq).toBeGreaterThan(0);
    // Staff consoles are not devices: they sign in as before.
    (await connectSocket(s.url, '/counter', { office: 'kulob', token: clerk })).socket.close();

    const issue = (headers: Record<string, string>, body: object = { service: 'birth' }) =>
      request(s.url, 'POST', '/api/offices/kulob/tickets', { body, headers });
    const anonymous = await issue({});
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'unauthorized']);
    const asOther = await issue(
      { 'X-Device-Token': kioskToken },
      { service: 'birth', kiosk: 'K1' },
    );
    expect([asOther.status, asOther.body.error.code]).toEqual([403, 'forbidden']);
    const issued = await issue({ 'X-Device-Token': kioskToken });
    expect([issued.status, issued.body.print.status]).toEqual([201, 'printed']);
    // The citizen's phone follows its ticket (`/t/:id`) without being a device.
    const phone = await connectSocket(s.url, '/kiosk', {
      office: 'kulob',
      ticket: issued.body.ticket.id,
    });
    phone.socket.close();
    expect(await refusedSocket(s.url, '/kiosk', { office: 'kulob', ticket: randomUUID() })).toBe(
      'unauthorized',
    );
    const paper = await request(s.url, 'GET', '/api/offices/kulob/kiosks/K2/paper');
    expect(paper.body.jobs[0].lines.join(' ')).toContain(issued.body.ticket.number);

    // Pairing anew replaces the token: the old one is cut off and refused.
    const kioskDropped = new Promise<string>((resolve) => kiosk.socket.on('disconnect', resolve));
    const again = await request(s.url, 'POST', `${devices}/K2/pair`, { token: admin });
    expect(again.body.token).not.toBe(kioskToken);
    expect(await kioskDropped).toBe('io server disconnect');
    expect((await issue({ 'X-Device-Token': kioskToken })).status).toBe(401);
    const third = await issue({ 'X-Device-Token': again.body.token });
    expect(third.status).toBe(201);
    const reissued: string[] = [third.body.ticket.id];

    const unpaired = await request(s.url, 'DELETE', `${devices}/D1/pair`, { token: admin });
    expect(unpaired.body.device).toMatchObject({ code: 'D1', paired: false });
    await until(() => pairedDropped);
    expect(pairedDropped).toBe(true);
    expect(await refusedSocket(s.url, '/display', { office: 'kulob', device: displayToken })).toBe(
      'unauthorized',
    );

    const audit = await request(s.url, 'GET', '/api/offices/kulob/audit?action=device.', {
      token: admin,
    });
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['device.create', 'device.pair', 'device.unpair']),
    );
    expect(JSON.stringify(audit.body.entries)).not.toContain(kioskToken);

    // The tests that follow issue tickets without a device, and count today's tickets.
    await request(s.url, 'PATCH', '/api/offices/kulob/settings', {
      token: admin,
      body: { requireDevices: false },
    });
    const open = await issue({});
    expect(open.status).toBe(201);
    paired.socket.close();
    await s.db.models.Ticket.update(
      { status: 'cancelled' },
      { where: { id: [issued.body.ticket.id, open.body.ticket.id, ...reissued] } },
    );
  });

  it('reports a scripted day exactly: counts, waits, service times, SLA, hours, cases; CSV parses', async () => {
    const services = await s.db.models.Service.findAll({ where: { officeCode: 'kulob' } });
    const idOf = (code: string) => services.find((x) => x.code === code)!.id;
    const at = (hhmmss: string, day = '2026-11-20') => new Date(`${day}T${hhmmss}Z`);
    const row = (
      number: string,
      service: string,
      status: string,
      times: [string, string | null, string | null, string | null],
      counter: string | null,
      day = '2026-11-20',
    ) => ({
      id: randomUUID(),
      officeCode: 'kulob',
      day,
      number,
      serviceId: idOf(service),
      priority: 'none',
      language: null,
      kiosk: null,
      status,
      issuedAt: at(times[0], day),
      calledAt: times[1] ? at(times[1], day) : null,
      startedAt: times[2] ? at(times[2], day) : null,
      finishedAt: times[3] ? at(times[3], day) : null,
      counterNumber: counter,
      targetCounter: null,
      calledBy: null,
      recalls: 0,
    });
    // UTC times; Dushanbe is UTC+5 (04:00Z is 09:00 at the office).
    await s.db.models.Ticket.bulkCreate([
      row('A001', 'birth', 'done', ['04:00:00', '04:05:00', '04:05:30', '04:15:30'], '1'),
      row('A002', 'birth', 'done', ['04:10:00', '04:30:00', '04:31:00', '04:36:00'], '2'),
      row('A003', 'birth', 'no_show', ['05:00:00', '05:02:00', null, '05:05:00'], '1'),
      row('B001', 'marriage', 'done', ['05:30:00', '05:40:00', '05:40:00', '06:00:00'], '2'),
      row('B002', 'marriage', 'expired', ['06:00:00', null, null, '19:00:00'], null),
      row(
        'A001',
        'birth',
        'done',
        ['04:00:00', '04:01:00', '04:01:00', '04:02:00'],
        '1',
        '2026-11-21',
      ),
    ]);
    const kase = (n: number, type: string, status: string, times: Array<string | null>) => ({
      number: `KUL-2026-${String(n).padStart(6, '0')}`,
      officeCode: 'kulob',
      type,
      status,
      version: 1,
      applicant: null,
      subjects: '[]',
      documents: '[]',
      details: '{}',
      fee: null,
      searchText: '',
      actRecordYear: null,
      actRecordNumber: null,
      actRecordDate: null,
      certificateSeries: null,
      certificateNumber: null,
      createdBy: 'clerk1',
      createdAt: at(times[0]!),
      updatedAt: at(times[0]!),
      submittedAt: times[1] ? at(times[1]) : null,
      registeredAt: times[2] ? at(times[2]) : null,
      issuedAt: times[3] ? at(times[3]) : null,
    });
    await s.db.registryModels.Case.bulkCreate([
      kase(901, 'birth', 'issued', ['04:20:00', '04:30:00', '05:30:00', '07:30:00']),
      kase(902, 'marriage', 'registered', ['05:00:00', '05:10:00', '05:40:00', null]),
    ]);
    await request(s.url, 'PATCH', '/api/offices/kulob/services/birth', {
      token: admin,
      body: { targetWaitMinutes: 20 },
    });

    const res = await request(
      s.url,
      'GET',
      '/api/offices/kulob/reports/summary?from=2026-11-20&to=2026-11-20',
      { token: admin },
    );
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r).toMatchObject({
      issued: 5,
      served: 3,
      noShow: 1,
      waitSeconds: { avg: 555, p50: 450, p90: 1020 },
      serviceSeconds: { avg: 700, p50: 600, p90: 1080 },
    });
    expect(r.byService).toEqual([
      {
        service: 'birth',
        issued: 3,
        served: 2,
        noShow: 1,
        waitSeconds: { avg: 540, p50: 300, p90: 1020 },
        serviceSeconds: { avg: 450, p50: 450, p90: 570 },
      },
      {
        service: 'marriage',
        issued: 2,
        served: 1,
        noShow: 0,
        waitSeconds: { avg: 600, p50: 600, p90: 600 },
        serviceSeconds: { avg: 1200, p50: 1200, p90: 1200 },
      },
    ]);
    expect(r.byCounter).toEqual([
      { counter: '1', served: 1, serviceSeconds: { avg: 600, p50: 600, p90: 600 } },
      { counter: '2', served: 2, serviceSeconds: { avg: 750, p50: 750, p90: 1110 } },
    ]);
    expect(r.byHour).toEqual([
      { hour: 9, issued: 2, served: 2 },
      { hour: 10, issued: 2, served: 0 },
      { hour: 11, issued: 1, served: 1 },
    ]);
    expect(r.sla).toEqual([
      { service: 'birth', targetMinutes: 20, measured: 3, withinTarget: 3, share: 1 },
      { service: 'marriage', targetMinutes: 15, measured: 2, withinTarget: 1, share: 0.5 },
    ]);
    expect(r.cases).toEqual({
      byTypeStatus: [
        { type: 'birth', status: 'issued', count: 1 },
        { type: 'marriage', status: 'registered', count: 1 },
      ],
      submittedToRegistered: { count: 2, avg: 2700, p50: 2700, p90: 3420 },
      registeredToIssued: { count: 1, avg: 7200, p50: 7200, p90: 7200 },
    });

    const two = await request(
      s.url,
      'GET',
      '/api/offices/kulob/reports/summary?from=2026-11-20&to=2026-11-21',
      { token: admin },
    );
    expect([two.body.issued, two.body.served]).toEqual([6, 4]);

    // The CSV: a table, one row per service and day, a column per figure; UTF-8 with a BOM.
    const csv = await fetch(
      `${s.url}/api/offices/kulob/reports/summary?from=2026-11-20&to=2026-11-21&format=csv`,
      { headers: { authorization: `Bearer ${admin}` } },
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows).toEqual([
      [
        'Date',
        'Service code',
        'Service',
        'Issued',
        'Served',
        'No-show',
        'Wait avg, s',
        'Wait p50, s',
        'Wait p90, s',
        'Service avg, s',
        'Service p50, s',
        'Service p90, s',
        'Called within target, %',
      ],
      [
        '2026-11-20',
        'birth',
        'Birth registration',
        '3',
        '2',
        '1',
        '540',
        '300',
        '1020',
        '450',
        '450',
        '570',
        '100',
      ],
      [
        '2026-11-20',
        'marriage',
        'Marriage registration',
        '2',
        '1',
        '0',
        '600',
        '600',
        '600',
        '1200',
        '1200',
        '1200',
        '50',
      ],
      [
        '2026-11-21',
        'birth',
        'Birth registration',
        '1',
        '1',
        '0',
        '60',
        '60',
        '60',
        '60',
        '60',
        '60',
        '100',
      ],
    ]);
    // In Russian: titles and service names in Cyrillic, the same figures.
    const ru = await fetch(
      `${s.url}/api/offices/kulob/reports/summary?from=2026-11-20&to=2026-11-20&format=csv&lang=ru`,
      { headers: { authorization: `Bearer ${admin}` } },
    );
    const ruRows = parseCsv((await ru.text()).replace(/^\uFEFF/, ''));
    expect(ruRows[0]?.slice(0, 4)).toEqual(['Дата', 'Код услуги', 'Услуга', 'Выдано']);
    expect(ruRows.map((r) => r[1])).toEqual(['Код услуги', 'birth', 'marriage']);
    expect(ruRows[1]?.[2]).toMatch(/[а-я]/);
  });

  it('closes the day by hand: waiting and called tickets expire, the window is free, it is audited', async () => {
    const counter = await connectSocket(s.url, '/counter', { office: 'kulob', token: clerk });
    const a = await request(s.url, 'POST', '/api/offices/kulob/tickets', {
      body: { service: 'birth' },
    });
    // Tickets of one instant are ordered by id: let the second come a second later.
    clock = new Date(TODAY.getTime() + 1000);
    const b = await request(s.url, 'POST', '/api/offices/kulob/tickets', {
      body: { service: 'birth' },
    });
    const called = await request(s.url, 'POST', '/api/offices/kulob/counters/1/call-next', {
      token: clerk,
    });
    expect(called.body.ticket.id).toBe(a.body.ticket.id);
    const updates: string[] = [];
    counter.socket.on('ticket:updated', (e) =>
      updates.push(`${e.ticket.number}:${e.ticket.status}`),
    );
    const closed = await request(s.url, 'POST', '/api/offices/kulob/day/close', { token: admin });
    expect(closed.body).toEqual({ day: '2026-11-25', expired: 2 });
    await until(() => updates.length >= 2);
    counter.socket.close();
    expect(updates.sort()).toEqual([
      `${a.body.ticket.number}:expired`,
      `${b.body.ticket.number}:expired`,
    ]);
    const queue = await request(s.url, 'GET', '/api/offices/kulob/queue', { token: clerk });
    expect(queue.body.tickets).toEqual([]);
    expect(
      queue.body.counters.find((c: { number: string }) => c.number === '1').ticket,
    ).toBeUndefined();
    const audit = await request(s.url, 'GET', '/api/offices/kulob/audit?action=day.close', {
      token: admin,
    });
    expect(audit.body.entries[0]).toMatchObject({
      actor: 'admin',
      action: 'day.close',
      after: { day: '2026-11-25', expired: 2 },
    });
    const search = await request(
      s.url,
      'GET',
      `/api/offices/kulob/audit?q=${encodeURIComponent(a.body.ticket.id)}&user=admin`,
      { token: admin },
    );
    expect(search.body.entries.map((e: { action: string }) => e.action)).toEqual(['ticket.expire']);
  });

  it('finds every entry about a ticket by its number, and about a case by its number', async () => {
    clock = new Date(TODAY.getTime() + 3_600_000);
    const issued = await request(s.url, 'POST', '/api/offices/kulob/tickets', {
      body: { service: 'birth' },
    });
    const { id, number } = issued.body.ticket as { id: string; number: string };
    // A minute between steps, as at a real window (the log orders by time).
    const ok = (r: { status: number }) => {
      expect(r.status).toBe(200);
      clock = new Date(clock.getTime() + 60_000);
    };
    ok(
      await request(s.url, 'POST', '/api/offices/kulob/counters/1/call', {
        token: clerk,
        body: { ticketId: id },
      }),
    );
    ok(await request(s.url, 'POST', `/api/tickets/${id}/recall`, { token: clerk }));
    ok(
      await request(s.url, 'POST', `/api/tickets/${id}/transfer`, {
        token: clerk,
        body: { counter: '2' },
      }),
    );
    ok(
      await request(s.url, 'POST', '/api/offices/kulob/counters/2/call', {
        token: clerk,
        body: { ticketId: id },
      }),
    );
    const opened = await request(s.url, 'POST', '/api/cases', {
      token: clerk,
      body: { ticketId: id, type: 'birth' },
    });
    expect(opened.status).toBe(201);
    clock = new Date(clock.getTime() + 60_000);
    const caseNumber = opened.body.case.number as string;
    ok(await request(s.url, 'POST', `/api/tickets/${id}/complete`, { token: clerk }));

    type Entry = {
      action: string;
      subject: string | null;
      caseNumber: string | null;
      actorName: string | null;
      entity: string;
    };
    const search = async (q: string) =>
      (
        await request(
          s.url,
          'GET',
          `/api/offices/kulob/audit?q=${encodeURIComponent(q)}&from=2026-11-25&to=2026-11-25`,
          {
            token: admin,
          },
        )
      ).body.entries as Entry[];
    const ticketActions = [
      'ticket.issue',
      'ticket.call',
      'ticket.recall',
      'ticket.transfer',
      'ticket.call',
      'ticket.complete',
    ];
    // By the ticket's number, in any letter case: its whole path and the case it opened.
    const byNumber = await search(number.toLowerCase());
    expect(byNumber.map((e) => e.action).reverse()).toEqual([
      ...ticketActions.slice(0, 5),
      'case.created',
      'ticket.complete',
    ]);
    expect(byNumber.filter((e) => e.entity === 'ticket').every((e) => e.subject === number)).toBe(
      true,
    );
    expect(byNumber.find((e) => e.action === 'case.created')?.subject).toBe(
      `${caseNumber} · ${number}`,
    );
    // Who, by name: the clerk's rows carry the clerk's full name, the kiosk's none.
    expect(byNumber.find((e) => e.action === 'ticket.recall')?.actorName).toMatch(/\S+ \S+/);
    expect(byNumber.find((e) => e.action === 'ticket.issue')?.actorName).toBeNull();
    // By the case's number: the same ticket rows (it was linked after its issue and calls) and the case.
    const byCase = await search(caseNumber);
    expect(
      byCase
        .filter((e) => e.entity === 'ticket')
        .map((e) => e.action)
        .reverse(),
    ).toEqual(ticketActions);
    expect(
      byCase.filter((e) => e.entity === 'ticket').every((e) => e.caseNumber === caseNumber),
    ).toBe(true);
    expect(byCase.some((e) => e.action === 'case.created')).toBe(true);
    // A row some command wrote without the number is found through its ticket all the same.
    await s.db.models.AuditEntry.create({
      officeCode: 'kulob',
      at: clock,
      actor: 'clerk1',
      userId: null,
      action: 'ticket.undo-no-show',
      entity: 'ticket',
      entityId: id,
      before: null,
      after: null,
    });
    expect((await search(number)).map((e) => e.action)).toContain('ticket.undo-no-show');
    // The action filter still applies.
    const calls = (
      await request(s.url, 'GET', `/api/offices/kulob/audit?q=${caseNumber}&action=ticket.call`, {
        token: admin,
      })
    ).body.entries as Entry[];
    expect(calls.map((e) => e.action)).toEqual(['ticket.call', 'ticket.call']);
    clock = TODAY;
  });

  it('restarts numbering on the next office day, and the automatic close expires what was left', async () => {
    const first = await request(s.url, 'POST', '/api/offices/kulob/tickets', {
      body: { service: 'marriage' },
    });
    expect(first.body.ticket.number).toBe('B001');
    // 23:59 in Dushanbe is still the same office day; midnight there (19:00Z) starts the next.
    clock = new Date('2026-11-25T18:59:00Z');
    const late = await request(s.url, 'POST', '/api/offices/kulob/tickets', {
      body: { service: 'marriage' },
    });
    expect(late.body.ticket.number).toBe('B002');
    clock = new Date('2026-11-25T19:00:00Z');
    expect(await s.app.queue.closeStaleDays('kulob')).toBe(2);
    const next = await request(s.url, 'POST', '/api/offices/kulob/tickets', {
      body: { service: 'marriage' },
    });
    expect(next.body.ticket.number).toBe('B001');
    const old = await request(s.url, 'GET', `/api/tickets/${first.body.ticket.id}`);
    expect(old.body.ticket.status).toBe('expired');
    clock = TODAY;
  });
});
