/** The office catalogue through the API: services, windows, settings, the office day and its close. */
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { connectSocket, login, request } from '../testing/client';
import type { OfficeEvent, ServicesEvent } from '../../protocol/events';
import { waitFor } from '../testing/wait';

const TODAY = new Date('2026-11-25T05:00:00Z'); // 10:00 in Dushanbe

describe.each(testDialects())('the office catalogue on %s', (dialect) => {
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
    await waitFor(() => events.length > 0, 'events.length > 0');
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

  it('refuses a service name of invisible characters, and the kiosk keeps the old name', async () => {
    const before = await request(s.url, 'GET', '/api/offices/kulob/services');
    const birth = (before.body as Array<{ code: string; names: { tg: string } }>).find(
      (x) => x.code === 'birth',
    )!;
    const names = { tg: '  \u200b ', ru: 'Рождение', uz: 'Tug‘ilish', en: 'Birth' };
    const refused = await request(s.url, 'PATCH', '/api/offices/kulob/services/birth', {
      token: admin,
      body: { names },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'validation_failed' });
    expect(JSON.stringify(refused.body.error)).toContain('nothing a reader can see');
    const created = await request(s.url, 'POST', '/api/offices/kulob/services', {
      token: admin,
      body: { code: 'blank', prefix: 'Y', names },
    });
    expect(created.status).toBe(400);
    const after = await request(s.url, 'GET', '/api/offices/kulob/services');
    const codes = (after.body as Array<{ code: string; names: { tg: string } }>).map((x) => x.code);
    expect(codes).not.toContain('blank');
    expect(
      (after.body as Array<{ code: string; names: { tg: string } }>).find(
        (x) => x.code === 'birth',
      )!.names.tg,
    ).toBe(birth.names.tg);
  });

  it('writes nothing, and logs nothing, for a service saved as it was', async () => {
    const list = await request(s.url, 'GET', '/api/offices/kulob/admin/services', { token: admin });
    const marriage = (list.body.services as Array<Record<string, unknown>>).find(
      (x) => x.code === 'marriage',
    )!;
    const logged = async () =>
      (
        await request(s.url, 'GET', '/api/offices/kulob/audit?action=service.update', {
          token: admin,
        })
      ).body.entries.filter((e: { entityId: string }) => e.entityId === 'marriage').length;
    const before = await logged();
    const same = await request(s.url, 'PATCH', '/api/offices/kulob/services/marriage', {
      token: admin,
      body: {
        names: marriage.names,
        documents: marriage.documents,
        sortOrder: marriage.sortOrder,
        targetWaitMinutes: marriage.targetWaitMinutes,
      },
    });
    expect(same.status).toBe(200);
    expect(await logged()).toBe(before);
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
    await waitFor(() => events.length > 0, 'events.length > 0');
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
    await waitFor(() => updates.length >= 2, 'updates.length >= 2');
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
