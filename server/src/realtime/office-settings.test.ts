import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { connectSocket, login, request } from '../testing/client';
import type { OfficeEvent, ServicesEvent } from '../../protocol/events';
import { officeClock, WEEKDAYS } from '../../protocol/opening-hours';

describe.each(testDialects())('office settings and services, live, on %s', (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ database: dialect });
  });
  afterAll(() => s.close());

  it('GET /api/offices/:office answers the office as every page may see it; unknown → 404', async () => {
    const res = await request(s.url, 'GET', '/api/offices/kulob');
    expect(res.status).toBe(200);
    const { office } = res.body as { office: Record<string, unknown> };
    expect(office).toMatchObject({
      code: 'kulob',
      timeZone: 'Asia/Dushanbe',
      languages: ['tg', 'ru', 'uz', 'en'],
      ticker: null,
      kioskIdleSeconds: expect.any(Number),
    });
    expect((office.priorities as { code: string }[]).map((p) => p.code)).toEqual([
      'disability',
      'elderly',
      'pregnant',
    ]);
    expect((office.names as { tg: string }).tg).toMatch(/Кӯлоб/);
    const missing = await request(s.url, 'GET', '/api/offices/atlantis');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'not_found' } });
  });

  it('the snapshot carries the office and the service catalogue; a configured change reaches every namespace with the next seq', async () => {
    const display = await connectSocket(s.url, '/display', { office: 'kulob' });
    const kiosk = await connectSocket(s.url, '/kiosk', { office: 'kulob' });
    expect(display.snapshot.office?.code).toBe('kulob');
    expect(kiosk.snapshot.catalog?.map((c) => c.code)).toContain('birth');
    const offices: OfficeEvent[] = [];
    const services: ServicesEvent[] = [];
    display.socket.on('office:updated', (e) => offices.push(e));
    kiosk.socket.on('services:updated', (e) => services.push(e));

    await s.app.queue.configure('kulob', async (t, _office, changes) => {
      await s.db.models.Office.update(
        { ticker: 'Бо хайр!' },
        { where: { code: 'kulob' }, transaction: t },
      );
      await s.db.models.Service.update(
        { isOpen: false, closedReason: 'Таъмир' },
        { where: { officeCode: 'kulob', code: 'death' }, transaction: t },
      );
      changes.push({ kind: 'office:updated' }, { kind: 'services:updated' });
    });

    const end = Date.now() + 3000;
    while ((offices.length === 0 || services.length === 0) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 10));
    }
    display.socket.close();
    kiosk.socket.close();
    expect(offices[0]!.office.ticker).toBe('Бо хайр!');
    expect(offices[0]!.seq).toBe(display.snapshot.seq + 1);
    expect(services[0]!.seq).toBe(kiosk.snapshot.seq + 2);
    expect(services[0]!.services.find((x) => x.code === 'death')).toMatchObject({
      open: false,
      closedReason: 'Таъмир',
    });
  });

  it('outside the opening hours a kiosk gets no ticket (409, reason office_closed); hours off → issued again', async () => {
    const admin = await login(s.url, 'admin');
    // Open only on a weekday other than today's (office clock): closed now, whatever the hour.
    const today = officeClock(new Date(), 'Asia/Dushanbe').weekday;
    const other = WEEKDAYS[(WEEKDAYS.indexOf(today) + 3) % 7]!;
    const hours = { [other]: { open: '09:00', close: '17:00' } };
    const saved = await request(s.url, 'PATCH', '/api/offices/kulob/settings', {
      token: admin,
      body: { openingHours: hours },
    });
    expect(saved.status).toBe(200);
    const info = await request(s.url, 'GET', '/api/offices/kulob');
    expect(info.body.office.openingHours).toEqual(hours);

    const refused = await request(s.url, 'POST', '/api/offices/kulob/tickets', {
      body: { service: 'birth' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'conflict',
      details: { reason: 'office_closed', opens: { weekday: other, open: '09:00' } },
    });
    const queue = await request(s.url, 'GET', '/api/offices/kulob/queue', { token: admin });
    expect(JSON.stringify(queue.body)).not.toMatch(/"service":"birth"/);

    await request(s.url, 'PATCH', '/api/offices/kulob/settings', {
      token: admin,
      body: { openingHours: null },
    });
    const issued = await request(s.url, 'POST', '/api/offices/kulob/tickets', {
      body: { service: 'birth' },
    });
    expect(issued.status).toBe(201);
  });
});
