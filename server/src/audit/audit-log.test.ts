/** The audit log as the administrator searches it: by ticket number, by case number, by action. */
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';
import { describeAudit } from '../../../counter/admin/src/audit-view';
import type { AuditEntry } from '../../protocol';
import { DEMO_HALL } from '../../../db/seed/demo-office';

const TODAY = new Date('2026-11-25T05:00:00Z'); // 10:00 in Dushanbe

describe.each(testDialects())('the audit log on %s', (dialect) => {
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

  it('puts sign-ins and refused sign-ins into words in every language, with the address', async () => {
    await login(s.url, 'clerk2');
    const refused = await request(s.url, 'POST', '/api/auth/login', {
      body: { username: 'clerk2', password: 'not-the-password' },
    });
    expect(refused.status).toBe(401);
    const audit = await request(s.url, 'GET', '/api/offices/kulob/audit?action=auth.', {
      token: admin,
    });
    expect(audit.status).toBe(200);
    const entries = (audit.body.entries as AuditEntry[]).filter((e) => e.entityId === 'clerk2');
    expect(entries.map((e) => e.action)).toEqual(['auth.login_failed', 'auth.login']);
    const words = { language: 'tg' as const, services: [], priorities: [] };
    const [failed, signedIn] = entries.map((e) => describeAudit(e, words));
    expect(failed!.what).toBe('Воридшавии ноком');
    expect(signedIn!.what).toBe('Ворид ба система');
    expect(signedIn!.changes).toEqual([
      { field: 'Суроғаи шабака', before: '', after: expect.stringMatching(/127\.0\.0\.1/) },
    ]);
    expect(describeAudit(entries[1]!, { ...words, language: 'en' }).what).toBe('Signed in');
    expect(describeAudit(entries[0]!, { ...words, language: 'ru' }).what).toBe('Неудачный вход');
  });

  it('puts stored data into words: a closed reason, a case-list search, a room, the demo seed', async () => {
    const ok = (r: { status: number }) => expect(r.status).toBe(200);
    const office = '/api/offices/kulob';
    ok(
      await request(s.url, 'PATCH', `${office}/services/divorce`, {
        token: admin,
        body: { open: false, closedReasons: { tg: 'Таъмир', ru: 'Ремонт', en: 'Repairs' } },
      }),
    );
    ok(
      await request(s.url, 'PATCH', `${office}/services/divorce`, {
        token: admin,
        body: { open: true },
      }),
    );
    // Only the Tajik name of a service changes: the log says which, in an English reader's words.
    const paternity = (await request(s.url, 'GET', `${office}/services`)).body.find(
      (x: { code: string }) => x.code === 'paternity',
    ) as { names: Record<string, string> };
    ok(
      await request(s.url, 'PATCH', `${office}/services/paternity`, {
        token: admin,
        body: { names: { ...paternity.names, tg: 'Муқаррар кардани падарӣ' } },
      }),
    );
    const garden = { names: { ...DEMO_HALL.names, en: 'Garden' }, plan: DEMO_HALL.plan };
    ok(
      await request(s.url, 'PUT', `${office}/booking-resources/garden`, {
        token: admin,
        body: garden,
      }),
    );
    // A case-list search that finds something is a read of personal data: logged with its search.
    const birth = await request(s.url, 'POST', `${office}/tickets`, { body: { service: 'birth' } });
    await request(s.url, 'POST', `${office}/counters/1/call-next`, { token: clerk });
    expect(
      (
        await request(s.url, 'POST', '/api/cases', {
          token: clerk,
          body: { ticketId: birth.body.ticket.id, type: 'birth' },
        })
      ).status,
    ).toBe(201);
    ok(await request(s.url, 'GET', '/api/cases?status=draft', { token: clerk }));
    // Settings and plans an administrator changes are in the log too.
    const settingsPath = `${office}/message-settings`;
    const settings = (await request(s.url, 'GET', settingsPath, { token: admin })).body.settings;
    ok(
      await request(s.url, 'PUT', settingsPath, {
        token: admin,
        body: { ...settings, quietFrom: '22:30', retentionDays: 60 },
      }),
    );
    const planPath = `${office}/services/consultation/booking-plan`;
    const plan = (await request(s.url, 'GET', `${office}/booking-plans`, { token: admin })).body
      .plans.consultation;
    ok(await request(s.url, 'DELETE', planPath, { token: admin }));
    ok(await request(s.url, 'PUT', planPath, { token: admin, body: { resource: 'garden' } }));
    ok(await request(s.url, 'PUT', planPath, { token: admin, body: plan }));
    const entries = (await request(s.url, 'GET', `${office}/audit?limit=500`, { token: admin }))
      .body.entries as AuditEntry[];
    const words = { language: 'en' as const, services: [], priorities: [] };
    const find = (action: string, test: (e: AuditEntry) => boolean = () => true) => {
      const found = entries.find((e) => e.action === action && test(e));
      expect(found).toBeDefined();
      return describeAudit(found!, words);
    };
    // A case edit names the parts of the case it touched as the case panel does.
    const edited = describeAudit(
      {
        ...entries[0]!,
        action: 'case.edited',
        entity: 'case',
        before: null,
        after: { fields: ['applicant', 'subjects', 'details', 'documents', 'fee'] },
      },
      words,
    );
    expect(edited.changes).toEqual([
      {
        field: 'Fields',
        before: '',
        after: 'Applicant, Persons in the case, Details, Documents received, State duty',
      },
    ]);
    const closed = find('service.close');
    expect(closed.changes).toContainEqual(
      expect.objectContaining({ field: 'Reason shown on the kiosk', after: 'Repairs' }),
    );
    const renamed = find('service.update', (e) => e.entityId === 'paternity');
    expect(renamed.changes).toEqual([
      { field: 'Name (tg)', before: paternity.names.tg, after: 'Муқаррар кардани падарӣ' },
    ]);
    const opened = find('service.open');
    expect(opened.changes).toContainEqual(
      expect.objectContaining({ field: 'Reason shown on the kiosk', before: 'Repairs' }),
    );
    const list = find('case.viewed', (e) => e.entityId === 'list');
    expect(list.about).toBe('Case list');
    expect(list.changes).toContainEqual(
      expect.objectContaining({ field: 'Search', after: expect.stringMatching(/^Draft$/) }),
    );
    const room = find('resource.create');
    expect(room.what).toBe('Room added');
    expect(room.changes).toContainEqual(
      expect.objectContaining({ field: 'Booking plan', after: expect.stringMatching(/\d\d:\d\d/) }),
    );
    expect(find('office.seed_demo').what).toBe('Demo data loaded');
    const changed = find('office.message_settings');
    expect(changed.what).toBe('Message settings changed');
    expect(changed.changes).toEqual([
      { field: 'Quiet hours from', before: '21:00', after: '22:30' },
      { field: 'Kept for (days)', before: '30', after: '60' },
    ]);
    const removed = find('plan.remove');
    expect(removed.what).toBe('Booking plan removed');
    expect(removed.changes[0]).toMatchObject({ field: 'Booking plan', after: '—' });
    expect(removed.changes[0]!.before).toMatch(/\d\d:\d\d/);
    const toRoom = find('plan.set', (e) => JSON.stringify(e.after).includes('garden'));
    expect(toRoom.changes[0]).toMatchObject({ after: 'the room “garden”' });
    // Nothing the administrator reads is raw data.
    for (const line of entries.map((e) => describeAudit(e, words))) {
      for (const c of line.changes) expect([c.before, c.after].join(' ')).not.toMatch(/[{[]"/);
      expect(line.what).not.toMatch(/^Other action/);
    }
  });

  it('says where a transfer sent the citizen, who a new colleague is, and when a window was left', async () => {
    const office = '/api/offices/kulob';
    const issued = await request(s.url, 'POST', `${office}/tickets`, {
      body: { service: 'birth' },
    });
    const { id, number } = issued.body.ticket as { id: string; number: string };
    const clerk3 = await login(s.url, 'clerk3');
    const calledAt3 = await request(s.url, 'POST', `${office}/counters/3/call`, {
      token: clerk3,
      body: { ticketId: id },
    });
    expect(calledAt3.status).toBe(200);
    const sent = await request(s.url, 'POST', `/api/tickets/${id}/transfer`, {
      token: clerk3,
      body: { counter: '2' },
    });
    expect(sent.status).toBe(200);
    // A new colleague takes window 6, and is disabled while holding it.
    const added = await request(s.url, 'POST', '/api/users', {
      token: admin,
      body: { username: 'clerk8', password: 'pass-8-long', role: 'clerk', name: 'Зарина Раҳимова' },
    });
    expect(added.status).toBe(201);
    const clerk8 = await login(s.url, 'clerk8', 'pass-8-long');
    const took = await request(s.url, 'POST', `${office}/counters/6/session`, { token: clerk8 });
    expect(took.status).toBe(200);
    const disabled = await request(s.url, 'PATCH', '/api/users/clerk8', {
      token: admin,
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    // A kiosk registered, then saved again as it was: one entry, not an empty second one.
    const device = { code: 'K7', kind: 'kiosk', name: 'Entrance', printerUrl: 'virtual' };
    const created = await request(s.url, 'POST', `${office}/devices`, {
      token: admin,
      body: device,
    });
    expect(created.status).toBe(201);
    const resaved = await request(s.url, 'PATCH', `${office}/devices/K7`, {
      token: admin,
      body: { printerUrl: 'virtual' },
    });
    expect(resaved.status).toBe(200);

    const entries = (await request(s.url, 'GET', `${office}/audit?limit=500`, { token: admin }))
      .body.entries as AuditEntry[];
    const entry = (test: (e: AuditEntry) => boolean) => {
      const found = entries.filter(test);
      expect(found).toHaveLength(1);
      return found[0]!;
    };
    const en = { language: 'en' as const, services: [], priorities: [] };
    const ru = { ...en, language: 'ru' as const };
    const transfer = entry((e) => e.action === 'ticket.transfer' && e.subject === number);
    expect(describeAudit(transfer, en).changes).toContainEqual({
      field: 'Sent to window',
      before: '',
      after: '2',
    });
    const user = entry((e) => e.action === 'user.create' && e.entityId === 'clerk8');
    expect(describeAudit(user, en).changes).toEqual(
      expect.arrayContaining([
        { field: 'Full name', before: '', after: 'Зарина Раҳимова' },
        { field: 'Office', before: '', after: 'kulob' },
      ]),
    );
    // On the page the office is known: its name, in the page's language.
    const kulob = {
      code: 'kulob',
      names: { tg: 'Кӯлоб', ru: 'Куляб', uz: 'Koʻlob', en: 'Kulob' },
    };
    expect(describeAudit(user, { ...ru, office: kulob }).changes).toContainEqual({
      field: 'Отдел',
      before: '',
      after: 'Куляб',
    });
    expect(describeAudit(user, ru).changes.map((c) => c.field)).not.toContain('Название');
    const left = entry((e) => e.action === 'counter.leave' && e.entityId === '6');
    expect(left.actor).toBe('system');
    const leftWords = describeAudit(left, en);
    expect(leftWords.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ before: 'Зарина Раҳимова', after: '—' }),
        expect.objectContaining({ after: expect.stringMatching(/sign-in ended/) }),
      ]),
    );
    const kiosk = entry((e) => e.action === 'device.create' && e.entityId === 'K7');
    expect(describeAudit(kiosk, en).changes).toContainEqual(
      expect.objectContaining({ field: 'Kind', after: 'Kiosk' }),
    );
    expect(entries.filter((e) => e.action === 'device.update' && e.entityId === 'K7')).toEqual([]);
  });

  it('finds a ticket number as a whole, not as hex digits inside another ticket’s id', async () => {
    // A005's id holds "8f001f0": a search for F001 listed A005's rows (a tester's find).
    const other = 'c7520ec7-1b7d-4c55-9a42-8f001f0ddca1';
    for (const [action, after] of [
      ['ticket.issue', { number: 'A005', status: 'waiting' }],
      ['case.ticket_linked', { ticketId: other }],
    ] as const) {
      await s.db.models.AuditEntry.create({
        officeCode: 'kulob',
        at: new Date(TODAY.getTime() + 7_200_000),
        actor: 'kiosk',
        userId: null,
        action,
        entity: action === 'ticket.issue' ? 'ticket' : 'case',
        entityId: action === 'ticket.issue' ? other : 'KUL-2026-000077',
        subject: action === 'ticket.issue' ? 'A005' : 'KUL-2026-000077',
        before: null,
        after: JSON.stringify(after),
      });
    }
    const search = async (q: string) =>
      (
        await request(
          s.url,
          'GET',
          `/api/offices/kulob/audit?q=${q}&from=2026-11-25&to=2026-11-25`,
          {
            token: admin,
          },
        )
      ).body.entries as AuditEntry[];
    const aboutOther = (entries: AuditEntry[]) =>
      entries.filter((e) => e.entityId === other || JSON.stringify(e.after).includes(other));
    expect(aboutOther(await search('F001'))).toEqual([]);
    expect(aboutOther(await search('f001'))).toEqual([]);
    // The whole id still finds its rows, and so does its number.
    expect(
      aboutOther(await search(other))
        .map((e) => e.action)
        .sort(),
    ).toEqual(['case.ticket_linked', 'ticket.issue']);
    expect((await search('A005')).map((e) => e.entityId)).toContain(other);
  });

  it('logs a settings save that changes nothing as nothing, and one that does with its change only', async () => {
    const save = (body: unknown) =>
      request(s.url, 'PATCH', '/api/offices/kulob/settings', { token: admin, body });
    expect((await save({ fairnessN: 4, ticker: 'Хуш омадед' })).status).toBe(200);
    expect((await save({ fairnessN: 4, ticker: 'Хуш омадед' })).status).toBe(200);
    expect((await save({ fairnessN: 5, ticker: 'Хуш омадед' })).status).toBe(200);
    const rows = (
      (
        await request(s.url, 'GET', '/api/offices/kulob/audit?action=office.settings&limit=20', {
          token: admin,
        })
      ).body.entries as AuditEntry[]
    ).slice(0, 2);
    // Newest first: 4 → 5 alone, then the first save; the second wrote no row (it wrote an empty one).
    expect(rows.map((e) => e.after)).toEqual([
      { fairnessN: 5 },
      expect.objectContaining({ fairnessN: 4, ticker: 'Хуш омадед' }),
    ]);
  });

  it('says a window’s pause and resume in words (it showed "open → paused")', async () => {
    const clerk4 = await login(s.url, 'clerk4');
    const at5 = '/api/offices/kulob/counters/5';
    const paused = await request(s.url, 'POST', `${at5}/pause`, {
      token: clerk4,
      body: { reason: 'Танаффус' },
    });
    expect(paused.status).toBe(200);
    expect((await request(s.url, 'POST', `${at5}/resume`, { token: clerk4 })).status).toBe(200);
    const entries = (
      await request(s.url, 'GET', '/api/offices/kulob/audit?action=counter.&limit=50', {
        token: admin,
      })
    ).body.entries as AuditEntry[];
    const words = (action: string, language: 'en' | 'ru') => {
      const entry = entries.find((e) => e.action === action && e.entityId === '5');
      expect(entry).toBeDefined();
      return describeAudit(entry!, { language, services: [], priorities: [] }).changes;
    };
    expect(words('counter.pause', 'en')).toContainEqual({
      field: 'Status',
      before: 'Open',
      after: 'Paused',
    });
    expect(words('counter.resume', 'ru')).toContainEqual(
      expect.objectContaining({ before: 'Приостановлено', after: 'Открыто' }),
    );
  });
});
