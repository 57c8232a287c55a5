/**
 * The retention job erases citizens' numbers on the queue side once they are older than their
 * office's retention (kulob: the default 30 days; vose: 7), never a younger row, a booking whose slot
 * is ahead, or a registry record; a second run changes nothing; the server runs it at start.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_MESSAGE_SETTINGS } from '../../protocol';
import { sqlTime } from '../../../db/repositories/values';
import { Outbox } from '../messages/outbox';
import { RetentionJob } from './retention';
import { seedSecondOffice } from '../testing/second-office';
import {
  freshDatabase,
  seedTestDemo,
  startTestServer,
  testDialects,
  type TestDatabase,
} from '../testing/harness';
import { login, request } from '../testing/client';
import { waitFor } from '../testing/wait';
import { describeAudit } from '../../../counter/admin/src/audit-view';
import type { AuditEntry } from '../../protocol';
import { queueMigrations, registryMigrations, type Database } from '../../../db/database';
import pino from 'pino';
import { QueryTypes } from 'sequelize';

const NOW = new Date('2026-12-03T07:00:00.000Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

/** One citizen's queue-side rows in `office`, `days` old; answers the ids to look them up by. */
async function citizen(db: Database, office: string, days: number, phone: string) {
  const at = ago(days);
  const time = sqlTime(db.dialect, at);
  const day = at.toISOString().slice(0, 10);
  const service = await db.models.Service.findOne({ where: { officeCode: office } });
  const ticket = randomUUID();
  const ids = { ticket, message: randomUUID(), caseMessage: randomUUID(), link: randomUUID() };
  const q = (sql: string, replacements: Record<string, unknown>) =>
    db.sequelize.query(sql, { replacements });
  await db.models.Ticket.create({
    id: ticket,
    officeCode: office,
    day,
    number: `A${String(days).padStart(3, '0')}`,
    serviceId: service!.id,
    priority: 'none',
    status: 'done',
    issuedAt: at,
  });
  const r = { office, ticket, time, day, phone, service: service!.code };
  await q(
    `INSERT INTO message_recipients (ticket_id, office_code, day, phone, telegram_chat, language,
       ahead_sent, active, created_at)
     VALUES (:ticket, :office, :day, :phone, 'tg:5550001', 'tg', 0, 1, :time)`,
    r,
  );
  for (const [table, id] of [
    ['messages', ids.message],
    ['case_messages', ids.caseMessage],
  ] as const) {
    await q(
      `INSERT INTO ${table} (id, office_code, ticket_id, channel, to_address, template, language,
         text, status, attempts, parts, dedupe_key, next_attempt_at, sending, created_at)
       VALUES (:id, :office, :ticket, 'sms', :phone, 'issued', 'tg', 'A001', 'delivered', 1, 1,
         :id, :time, 0, :time)`,
      { ...r, id },
    );
  }
  await q(
    `INSERT INTO telegram_links (code, office_code, ticket_id, language, chat_id, created_at, used_at)
     VALUES (:code, :office, :ticket, 'tg', 'tg:5550001', :time, :time)`,
    { ...r, code: ids.link },
  );
  // A booking kept until its slot, plus one booked as long ago for a slot still ahead.
  const ahead = sqlTime(db.dialect, new Date(NOW.getTime() + 5 * DAY));
  for (const [code, start] of [
    [`1${String(days).padStart(7, '0')}`, time],
    [`2${String(days).padStart(7, '0')}`, ahead],
  ]) {
    await q(
      `INSERT INTO bookings (id, office_code, service_code, code, start_at, day, phone, language,
         status, otp_attempts, created_at)
       VALUES (:id, :office, :service, :code, :start, :day, :phone, 'tg', 'confirmed', 0, :time)`,
      { ...r, id: randomUUID(), code, start },
    );
  }
  await q('INSERT INTO booking_locks (lock_key) VALUES (:key)', {
    key: `phone:${office}:${r.service}:${day}:${days}abcdef`,
  });
  // A ticket taken from the phone that day (remote join).
  await q(
    `INSERT INTO remote_joins (id, office_code, code, service_code, day, phone, language, status,
       otp_attempts, ticket_id, created_at, ended_at)
     VALUES (:id, :office, :code, :service, :day, :phone, 'tg', 'confirmed', 1, :ticket, :time,
       :time)`,
    { ...r, id: randomUUID(), code: `3${String(days).padStart(7, '0')}` },
  );
  return ids;
}

/** Every personal value the job may touch, and the registry's, as one comparable picture. */
async function picture(db: Database): Promise<Record<string, unknown>> {
  const rows = (sql: string) => db.sequelize.query(sql, { type: QueryTypes.SELECT });
  return {
    messages: await rows('SELECT id, to_address FROM messages ORDER BY id'),
    caseMessages: await rows('SELECT id, to_address FROM case_messages ORDER BY id'),
    recipients: await rows(
      'SELECT ticket_id, phone, telegram_chat FROM message_recipients ORDER BY ticket_id',
    ),
    links: await rows('SELECT code, chat_id FROM telegram_links ORDER BY code'),
    bookings: await rows(
      'SELECT office_code, code, phone FROM bookings ORDER BY office_code, code',
    ),
    locks: await rows('SELECT lock_key FROM booking_locks ORDER BY lock_key'),
    remoteJoins: await rows(
      'SELECT office_code, code, phone FROM remote_joins ORDER BY office_code, code',
    ),
    cases: await rows('SELECT number, applicant, search_text FROM cases ORDER BY number'),
    caseRecipients: await rows('SELECT case_number, phone FROM case_recipients'),
  };
}

async function erasures(db: Database) {
  const rows = await db.models.AuditEntry.findAll({
    where: { action: 'personal_data.erased' },
    order: [['id', 'ASC']],
  });
  return rows.map((r) => ({
    office: r.officeCode,
    actor: r.actor,
    ...(JSON.parse(r.after ?? '{}') as Record<string, unknown>),
  }));
}

/** A registration case with the applicant's name and phone, and their consent to messages. */
async function registryCase(db: Database): Promise<void> {
  const at = ago(400);
  await db.registryModels.Case.create({
    number: 'KUL-2025-000001',
    officeCode: 'kulob',
    type: 'birth',
    status: 'issued',
    version: 1,
    applicant: JSON.stringify({ lastName: 'Қодиров', firstName: 'Ҷамшед', phone: '+992901110001' }),
    subjects: '[]',
    documents: '[]',
    details: '{}',
    fee: null,
    searchText: 'қодиров ҷамшед',
    actRecordYear: null,
    actRecordNumber: null,
    actRecordDate: null,
    certificateSeries: null,
    certificateNumber: null,
    createdBy: 'clerk1',
    pickupCode: null,
    identityCheck: null,
    submittedAt: at,
    registeredAt: at,
    issuedAt: at,
    createdAt: at,
    updatedAt: at,
  });
  await db.sequelize.query(
    `INSERT INTO case_recipients (case_number, office_code, phone, language, consent_at, consent_by,
       created_at) VALUES ('KUL-2025-000001', 'kulob', '+992901110001', 'tg', :at, 'clerk1', :at)`,
    { replacements: { at: sqlTime(db.dialect, at) } },
  );
}

describe.each(testDialects())('the retention job on %s', (dialect) => {
  let tdb: TestDatabase;
  let outbox: Outbox;
  const rows: Record<string, Awaited<ReturnType<typeof citizen>>> = {};

  beforeAll(async () => {
    tdb = await freshDatabase(dialect);
    await seedTestDemo(tdb.db);
    await seedSecondOffice(tdb.db);
    outbox = new Outbox({ db: tdb.db, logger: pino({ level: 'silent' }), now: () => NOW });
    await outbox.setSettings('vose', { ...DEFAULT_MESSAGE_SETTINGS, retentionDays: 7 });
    for (const office of ['kulob', 'vose'])
      for (const days of [40, 10, 2])
        rows[`${office}${days}`] = await citizen(tdb.db, office, days, `+9929012340${days}`);
    await registryCase(tdb.db);
  }, 60_000);
  afterAll(async () => tdb.drop());

  it('erases numbers past each office’s retention, nothing younger, no booking ahead, no case', async () => {
    const before = await picture(tdb.db);
    const job = new RetentionJob({ db: tdb.db, settings: outbox, now: () => NOW });
    const results = await job.runOnce();
    const after = await picture(tdb.db);

    const erased = (id: string, phone: string) => ({ id, to_address: `erased…${phone.slice(-3)}` });
    const kept = (id: string, phone: string) => ({ id, to_address: phone });
    const expectMessages = (key: 'message' | 'caseMessage') =>
      [
        erased(rows.kulob40![key], '+992901234040'),
        kept(rows.kulob10![key], '+992901234010'),
        kept(rows.kulob2![key], '+99290123402'),
        erased(rows.vose40![key], '+992901234040'),
        erased(rows.vose10![key], '+992901234010'),
        kept(rows.vose2![key], '+99290123402'),
      ].sort((a, b) => a.id.localeCompare(b.id));
    expect(after.messages).toEqual(expectMessages('message'));
    expect(after.caseMessages).toEqual(expectMessages('caseMessage'));

    const gone = ['kulob40', 'vose40', 'vose10'];
    for (const [key, r] of Object.entries(rows)) {
      const recipient = (after.recipients as Array<Record<string, unknown>>).find(
        (x) => x.ticket_id === r.ticket,
      );
      const link = (after.links as Array<Record<string, unknown>>).find((x) => x.code === r.link);
      if (gone.includes(key)) {
        expect(recipient).toEqual({ ticket_id: r.ticket, phone: null, telegram_chat: null });
        expect(link).toEqual({ code: r.link, chat_id: null });
      } else {
        expect(recipient).toMatchObject({ phone: expect.any(String), telegram_chat: 'tg:5550001' });
        expect(link).toEqual({ code: r.link, chat_id: 'tg:5550001' });
      }
    }
    // Bookings: `1…` had its slot `days` ago; `2…` (booked as long ago) has its slot 5 days ahead.
    expect(after.bookings).toEqual([
      { office_code: 'kulob', code: '10000002', phone: '+99290123402' },
      { office_code: 'kulob', code: '10000010', phone: '+992901234010' },
      { office_code: 'kulob', code: '10000040', phone: null },
      { office_code: 'kulob', code: '20000002', phone: '+99290123402' },
      { office_code: 'kulob', code: '20000010', phone: '+992901234010' },
      { office_code: 'kulob', code: '20000040', phone: '+992901234040' },
      { office_code: 'vose', code: '10000002', phone: '+99290123402' },
      { office_code: 'vose', code: '10000010', phone: null },
      { office_code: 'vose', code: '10000040', phone: null },
      { office_code: 'vose', code: '20000002', phone: '+99290123402' },
      { office_code: 'vose', code: '20000010', phone: '+992901234010' },
      { office_code: 'vose', code: '20000040', phone: '+992901234040' },
    ]);
    expect(
      (after.locks as Array<{ lock_key: string }>).map((l) => l.lock_key.split(':')[1]),
    ).toEqual(['kulob', 'kulob', 'vose']);
    expect(after.remoteJoins).toEqual([
      { office_code: 'kulob', code: '30000002', phone: '+99290123402' },
      { office_code: 'kulob', code: '30000010', phone: '+992901234010' },
      { office_code: 'kulob', code: '30000040', phone: 'erased' },
      { office_code: 'vose', code: '30000002', phone: '+99290123402' },
      { office_code: 'vose', code: '30000010', phone: 'erased' },
      { office_code: 'vose', code: '30000040', phone: 'erased' },
    ]);
    // The registry's records are legal records: untouched, the applicant's name and phone included.
    expect(after.cases).toEqual(before.cases);
    expect(after.caseRecipients).toEqual([
      { case_number: 'KUL-2025-000001', phone: '+992901110001' },
    ]);

    const one = {
      messages: 1,
      caseMessages: 1,
      recipients: 1,
      telegramLinks: 1,
      bookings: 1,
      remoteJoins: 1,
    };
    const two = {
      messages: 2,
      caseMessages: 2,
      recipients: 2,
      telegramLinks: 2,
      bookings: 2,
      remoteJoins: 2,
    };
    expect(results).toEqual([
      { office: 'kulob', retentionDays: 30, before: ago(30), ...one, bookingLocks: 1 },
      { office: 'vose', retentionDays: 7, before: ago(7), ...two, bookingLocks: 2 },
    ]);
    expect(await erasures(tdb.db)).toEqual([
      {
        office: 'kulob',
        actor: 'system',
        retentionDays: 30,
        olderThan: ago(30).toISOString(),
        ...one,
        bookingLocks: 1,
      },
      {
        office: 'vose',
        actor: 'system',
        retentionDays: 7,
        olderThan: ago(7).toISOString(),
        ...two,
        bookingLocks: 2,
      },
    ]);
  });

  it('changes nothing more when run again, and writes no audit row for a run that erased nothing', async () => {
    const before = await picture(tdb.db);
    const audited = await erasures(tdb.db);
    const job = new RetentionJob({ db: tdb.db, settings: outbox, now: () => NOW });
    const results = await job.runOnce();
    expect(results.map((r) => r.messages + r.caseMessages + r.recipients + r.bookings)).toEqual([
      0, 0,
    ]);
    expect(await picture(tdb.db)).toEqual(before);
    expect(await erasures(tdb.db)).toEqual(audited);
  });

  it('runs when the server starts', async () => {
    const fresh = await citizen(tdb.db, 'kulob', 31, '+992907770031');
    const server = await startTestServer({ shared: tdb, now: () => NOW });
    try {
      await waitFor(async () => {
        const [row] = await tdb.db.sequelize.query<{ to_address: string }>(
          'SELECT to_address FROM messages WHERE id = :id',
          { type: QueryTypes.SELECT, replacements: { id: fresh.message } },
        );
        return row?.to_address === 'erased…031';
      }, 'the message of 31 days ago erased at start');
      // The admin finds the run in the audit, in words.
      const admin = await login(server.url, 'admin');
      const audit = await request<{ entries: AuditEntry[] }>(
        server.url,
        'GET',
        '/api/offices/kulob/audit?action=personal_data.',
        { token: admin },
      );
      const line = describeAudit(audit.body.entries[0]!, {
        language: 'en',
        services: [],
        priorities: [],
      });
      expect(line.what).toBe('Old phone numbers erased');
      expect(line.changes).toEqual(
        expect.arrayContaining([
          { field: 'Kept for (days)', before: '', after: '30' },
          { field: 'Older than', before: '', after: '03.11.2026' },
          { field: 'Messages', before: '', after: '1' },
          { field: 'SMS subscriptions', before: '', after: '1' },
          { field: 'Bookings', before: '', after: '1' },
          { field: 'Remote join', before: '', after: '1' },
        ]),
      );
    } finally {
      await server.close();
    }
  });

  it('runs again after its interval, until stopped', async () => {
    const job = new RetentionJob({
      db: tdb.db,
      settings: outbox,
      now: () => NOW,
      retentionIntervalMs: 50,
    });
    job.start();
    try {
      await waitFor(() => job.runs >= 1, 'the first run');
      // Written after the first run ended: only a later run can erase it.
      const later = await citizen(tdb.db, 'vose', 8, '+992907770008');
      await waitFor(async () => {
        const [row] = await tdb.db.sequelize.query<{ phone: string | null }>(
          'SELECT phone FROM message_recipients WHERE ticket_id = :id',
          { type: QueryTypes.SELECT, replacements: { id: later.ticket } },
        );
        return row?.phone === null;
      }, 'the subscription of 8 days ago in vose erased by a later run');
    } finally {
      await job.stop();
    }
  });
});

describe('the retention job with the registry in its own database', () => {
  it('erases the numbers of old case messages there, counted in the office’s audit row', async () => {
    const queueDb = await freshDatabase('sqlite', [queueMigrations]);
    const registryDb = await freshDatabase(testDialects().at(-1)!, [registryMigrations]);
    try {
      await seedTestDemo(queueDb.db);
      const insert = (id: string, days: number) =>
        registryDb.db.sequelize.query(
          `INSERT INTO case_messages (id, office_code, case_number, channel, to_address, template,
             language, text, status, attempts, parts, dedupe_key, next_attempt_at, sending, created_at)
           VALUES (:id, 'kulob', 'KUL-1', 'sms', '+992901234567', 'ready', 'tg', 'KUL-1', 'sent', 1, 1,
             :id, :at, 0, :at)`,
          { replacements: { id, at: sqlTime(registryDb.db.dialect, ago(days)) } },
        );
      await insert('old', 31);
      await insert('young', 29);
      const logger = pino({ level: 'silent' });
      const settings = new Outbox({ db: queueDb.db, registryDb: registryDb.db, logger });
      const job = new RetentionJob({
        db: queueDb.db,
        registryDb: registryDb.db,
        settings,
        now: () => NOW,
      });
      const [kulob] = await job.runOnce();
      expect(kulob).toMatchObject({ office: 'kulob', caseMessages: 1, messages: 0 });
      expect(
        await registryDb.db.sequelize.query(
          'SELECT id, to_address FROM case_messages ORDER BY id',
          { type: QueryTypes.SELECT },
        ),
      ).toEqual([
        { id: 'old', to_address: 'erased…567' },
        { id: 'young', to_address: '+992901234567' },
      ]);
      expect(await erasures(queueDb.db)).toMatchObject([{ office: 'kulob', caseMessages: 1 }]);
    } finally {
      await queueDb.drop();
      await registryDb.drop();
    }
  });
});

describe('the retention setting', () => {
  it('is 30 days by default, 1–3650, set per office by its admin', async () => {
    const server = await startTestServer();
    try {
      const admin = await login(server.url, 'admin');
      const path = '/api/offices/kulob/message-settings';
      const got = await request(server.url, 'GET', path, { token: admin });
      expect(got.body.settings.retentionDays).toBe(30);
      for (const retentionDays of [0, 3651, 1.5]) {
        const put = await request(server.url, 'PUT', path, {
          token: admin,
          body: { ...got.body.settings, retentionDays },
        });
        expect(put.status).toBe(400);
      }
      for (const retentionDays of [1, 3650]) {
        const put = await request(server.url, 'PUT', path, {
          token: admin,
          body: { ...got.body.settings, retentionDays },
        });
        expect(put.body.settings.retentionDays).toBe(retentionDays);
      }
      expect((await server.app.messages.settings('kulob')).retentionDays).toBe(3650);
    } finally {
      await server.close();
    }
  });
});
