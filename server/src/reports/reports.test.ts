/** The summary report over a scripted day, as JSON and as CSV. */
import { randomUUID } from 'node:crypto';
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';
import { parseCsv } from '../testing/csv';
import type { CaseStatus, CaseType, TicketStatus } from '../../protocol';

const TODAY = new Date('2026-11-25T05:00:00Z'); // 10:00 in Dushanbe

describe.each(testDialects())('reports on %s', (dialect) => {
  let s: TestServer;
  const clock = TODAY;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer({ database: dialect, now: () => clock });
    admin = await login(s.url, 'admin');
  });
  afterAll(() => s.close());

  it('reports a scripted day exactly: counts, waits, service times, SLA, hours, cases; CSV parses', async () => {
    const services = await s.db.models.Service.findAll({ where: { officeCode: 'kulob' } });
    const idOf = (code: string) => services.find((x) => x.code === code)!.id;
    const at = (hhmmss: string, day = '2026-11-20') => new Date(`${day}T${hhmmss}Z`);
    const row = (
      number: string,
      service: string,
      status: TicketStatus,
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
    const kase = (n: number, type: CaseType, status: CaseStatus, times: Array<string | null>) => ({
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
      expired: 1,
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

  it('adds messages per day and channel, and bookings per day, read from their tables', async () => {
    const qi = s.db.sequelize.getQueryInterface();
    const at = (iso: string) => new Date(iso);
    const message = (id: string, status: string, parts: number, created: string) => ({
      id,
      office_code: 'kulob',
      ticket_id: null,
      case_number: null,
      channel: 'sms',
      gateway: 'log',
      to_address: '+992900000001',
      template: 'called',
      language: 'tg',
      text: 'x',
      status,
      attempts: 1,
      parts,
      dedupe_key: id,
      next_attempt_at: at(created),
      sending: false,
      created_at: at(created),
    });
    await qi.bulkInsert('messages', [
      message('m1', 'delivered', 2, '2026-11-20T04:00:00Z'),
      message('m2', 'failed', 0, '2026-11-20T05:00:00Z'),
      message('m3', 'sent', 1, '2026-11-22T05:00:00Z'),
    ]);
    const booking = (id: string, code: string, status: string, confirmed: boolean) => ({
      id,
      office_code: 'kulob',
      service_code: 'birth',
      code,
      start_at: at('2026-11-20T05:00:00Z'),
      day: '2026-11-20',
      phone: null,
      language: 'tg',
      status,
      otp_attempts: 0,
      created_at: at('2026-11-19T05:00:00Z'),
      confirmed_at: confirmed ? at('2026-11-19T05:01:00Z') : null,
      ended_at: status === 'checked_in' ? at('2026-11-20T05:03:00Z') : null,
    });
    await qi.bulkInsert('bookings', [
      booking('b1', '10000001', 'checked_in', true),
      booking('b2', '10000002', 'missed', true),
      booking('b3', '10000003', 'pending', false),
    ]);
    const res = await request(
      s.url,
      'GET',
      '/api/offices/kulob/reports/summary?from=2026-11-20&to=2026-11-21',
      { token: admin },
    );
    expect(res.body.messages).toEqual([
      { day: '2026-11-20', channel: 'sms', sent: 1, delivered: 1, failed: 1, parts: 2 },
    ]);
    expect(res.body.bookings).toEqual([
      {
        day: '2026-11-20',
        booked: 2,
        checkedIn: 1,
        noShow: 1,
        cancelled: 0,
        late: 1,
        lateSeconds: { avg: 180, p50: 180, p90: 180 },
      },
    ]);
  });
});
