/**
 * Removing a device (admin → Devices → Remove; `DELETE /api/offices/:office/devices/:code`): a
 * kiosk registered by mistake or taken out of the hall. Its token ends with it, live connections
 * included; its tickets and the audit keep its code; the code can be registered again.
 */
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { connectSocket, login, refusedSocket, request } from '../testing/client';

const DEVICES = '/api/offices/kulob/devices';

describe.each(testDialects())('removing a device on %s', (dialect) => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer({ database: dialect });
    admin = await login(s.url, 'admin');
  });
  afterAll(() => s.close());

  const issue = (headers: Record<string, string>, body: object = { service: 'birth' }) =>
    request(s.url, 'POST', '/api/offices/kulob/tickets', { body, headers });

  it('ends its token and its connection, keeps its tickets, and frees its code', async () => {
    const created = await request(s.url, 'POST', DEVICES, {
      token: admin,
      body: { code: 'K7', kind: 'kiosk', name: 'Вход 2', printerUrl: 'virtual' },
    });
    expect(created.status).toBe(201);
    const token: string = (await request(s.url, 'POST', `${DEVICES}/K7/pair`, { token: admin }))
      .body.token;
    await request(s.url, 'PATCH', '/api/offices/kulob/settings', {
      token: admin,
      body: { requireDevices: true },
    });
    const kiosk = await connectSocket(s.url, '/kiosk', { office: 'kulob', device: token });
    const dropped = new Promise<string>((resolve) => kiosk.socket.on('disconnect', resolve));
    const issued = await issue({ 'X-Device-Token': token });
    expect([issued.status, issued.body.print.status]).toEqual([201, 'printed']);

    const clerk = await login(s.url, 'clerk1');
    expect((await request(s.url, 'DELETE', `${DEVICES}/K7`, { token: clerk })).status).toBe(403);
    const unknown = await request(s.url, 'DELETE', `${DEVICES}/K99`, { token: admin });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);

    const removed = await request(s.url, 'DELETE', `${DEVICES}/K7`, { token: admin });
    expect([removed.status, removed.body.device]).toEqual([
      200,
      {
        code: 'K7',
        kind: 'kiosk',
        name: 'Вход 2',
        printerUrl: 'virtual',
        printerStatus: expect.anything(),
        paired: true,
      },
    ]);
    expect(await dropped).toBe('io server disconnect');
    expect(await refusedSocket(s.url, '/kiosk', { office: 'kulob', device: token })).toBe(
      'unauthorized',
    );
    expect((await issue({ 'X-Device-Token': token })).status).toBe(401);
    const listed = await request(s.url, 'GET', DEVICES, { token: admin });
    expect(listed.body.devices.map((d: { code: string }) => d.code)).not.toContain('K7');
    const again = await request(s.url, 'DELETE', `${DEVICES}/K7`, { token: admin });
    expect(again.status).toBe(404);

    // The ticket it issued keeps its code; the audit says who removed what.
    const row = await s.db.models.Ticket.findByPk(issued.body.ticket.id as string);
    expect(row?.kiosk).toBe('K7');
    const audit = await request(s.url, 'GET', '/api/offices/kulob/audit?action=device.delete', {
      token: admin,
    });
    expect(audit.body.entries).toEqual([
      expect.objectContaining({
        actor: 'admin',
        action: 'device.delete',
        entityId: 'K7',
        before: { kind: 'kiosk', name: 'Вход 2', printerUrl: 'virtual' },
      }),
    ]);

    // Open mode again: the code registered anew, without a printer, prints nothing.
    await request(s.url, 'PATCH', '/api/offices/kulob/settings', {
      token: admin,
      body: { requireDevices: false },
    });
    const anew = await request(s.url, 'POST', DEVICES, {
      token: admin,
      body: { code: 'K7', kind: 'kiosk' },
    });
    expect([anew.status, anew.body.device.paired]).toEqual([201, false]);
    const plain = await issue({}, { service: 'birth', kiosk: 'K7' });
    expect(plain.status).toBe(201);
    expect(plain.body.print?.status).not.toBe('printed');
  });
});
