/** Kiosks and displays through the admin API: printers, pairing, and offices that require it. */
import { randomUUID } from 'node:crypto';
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { connectSocket, login, refusedSocket, request } from '../testing/client';
import { waitFor } from '../testing/wait';

const TODAY = new Date('2026-11-25T05:00:00Z'); // 10:00 in Dushanbe

describe.each(testDialects())('devices on %s', (dialect) => {
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

  it('keeps a printer’s known state when its address is saved again unchanged', async () => {
    const path = '/api/offices/kulob/devices/K1';
    const set = (printerUrl: string) =>
      request(s.url, 'PATCH', path, { token: admin, body: { printerUrl } });
    expect((await set('virtual')).status).toBe(200);
    await s.db.models.Device.update(
      { printerStatus: 'online', printerCheckedAt: clock },
      { where: { officeCode: 'kulob', code: 'K1' } },
    );
    // Saved as it was (the admin's Save without an edit): it was "not tested yet" afterwards.
    const again = await set('virtual');
    expect([again.status, again.body.device.printerStatus]).toEqual([200, 'online']);
    const listed = await request(s.url, 'GET', '/api/offices/kulob/devices', { token: admin });
    const k1 = listed.body.devices.find((d: { code: string }) => d.code === 'K1');
    expect(k1.printerStatus).toBe('online');
    // A new address says nothing yet of that printer.
    const moved = await set('virtual#58mm');
    expect([moved.status, moved.body.device.printerStatus]).toEqual([200, null]);
    expect((await set('virtual')).status).toBe(200);
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
    await waitFor(() => pairedDropped, 'pairedDropped');
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
});
