import { freshDatabase, seedTestDemo, testDialects } from '../server/src/testing/harness';
import { parseDatabaseUrl } from './database';
import { queueMigrations, registryMigrations } from './migrations';
import { seedDemo } from './seed/seed-demo';
import { DEMO_COUNTERS, DEMO_SERVICES } from './seed/demo-office';

describe('DATABASE_URL', () => {
  it('defaults to the embedded SQLite file', () => {
    const t = parseDatabaseUrl(undefined);
    expect(t.dialect).toBe('sqlite');
    expect(t.dialect === 'sqlite' && t.storage.endsWith('data/navbat.sqlite')).toBe(true);
  });
  it('takes sqlite: paths and mysql:// URLs, hiding the password', () => {
    expect(parseDatabaseUrl('sqlite:/tmp/x.sqlite')).toEqual({
      dialect: 'sqlite',
      storage: '/tmp/x.sqlite',
    });
    const m = parseDatabaseUrl('mysql://nb:secret@db:3306/navbat');
    expect(m.dialect === 'mysql' && m.redacted).toBe('mysql://nb:***@db:3306/navbat');
  });
  it('refuses anything else', () => {
    expect(() => parseDatabaseUrl('postgres://x/y')).toThrow(/mysql:\/\/ or sqlite:/);
    expect(() => parseDatabaseUrl('mysql://root@host:3306')).toThrow(/names no database/);
  });
});

describe('every demo service is served by a window', () => {
  it.each(DEMO_SERVICES.map((s) => s.code))('%s', (code) => {
    expect(Object.values(DEMO_COUNTERS).some((list) => list.includes(code))).toBe(true);
  });
});

describe('closing the embedded database', () => {
  it('runs the writes already queued before it closes', async () => {
    const tdb = await freshDatabase('sqlite');
    try {
      const q = tdb.db.sequelize;
      await q.query('CREATE TABLE close_probe (id INTEGER PRIMARY KEY)');
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const first = tdb.db.transaction(async (t) => {
        await held;
        await q.query('INSERT INTO close_probe (id) VALUES (1)', { transaction: t });
      });
      // Queued behind the first, as a last command queues while a server closes.
      const second = tdb.db.transaction(async (t) => {
        await q.query('INSERT INTO close_probe (id) VALUES (2)', { transaction: t });
        return 'stored';
      });
      const closing = tdb.db.close();
      release();
      await expect(first).resolves.toBeUndefined();
      await expect(second).resolves.toBe('stored');
      await closing;
    } finally {
      await tdb.drop();
    }
  });
});

describe.each(testDialects())('schema and demo data on %s', (dialect) => {
  it('migrates down and up again cleanly', async () => {
    const tdb = await freshDatabase(dialect);
    try {
      const umzug = tdb.db.umzug(queueMigrations);
      await tdb.db.umzug(registryMigrations).down({ to: 0 });
      expect(await tdb.db.sequelize.getQueryInterface().tableExists('cases')).toBe(false);
      await umzug.down({ to: 0 });
      expect(await tdb.db.sequelize.getQueryInterface().tableExists('tickets')).toBe(false);
      expect(await tdb.db.migrate()).toEqual(
        [...queueMigrations.migrations, ...registryMigrations.migrations].map((m) => m.name),
      );
      expect(await tdb.db.migrate()).toEqual([]);
    } finally {
      await tdb.drop();
    }
  });

  it('seeds the demo office once, into an empty database only, with no tickets', async () => {
    const tdb = await freshDatabase(dialect);
    try {
      await seedTestDemo(tdb.db);
      const m = tdb.db.models;
      expect(await m.Service.count()).toBe(10);
      expect(await m.Counter.count()).toBe(6);
      expect(await m.Ticket.count()).toBe(0);
      expect((await m.Device.findAll()).map((d) => d.code).sort()).toEqual(['D1', 'K1']);
      expect((await m.User.findAll()).map((u) => u.username).sort()).toEqual([
        'admin',
        'back1',
        'clerk1',
        'clerk2',
        'clerk3',
        'clerk4',
      ]);
      expect(await seedDemo(tdb.db, { hashPassword: () => Promise.resolve('x') })).toBe(false);
      expect(await m.User.count()).toBe(6);
    } finally {
      await tdb.drop();
    }
  });

  // SQLite has no isolation levels to speak of: one writer at a time.
  (dialect === 'mysql' ? it : it.skip)(
    'runs transactions at READ COMMITTED on MariaDB',
    async () => {
      const tdb = await freshDatabase(dialect);
      try {
        const levels = await Promise.all(
          [1, 2, 3].map(() =>
            tdb.db.transaction(async (t) => {
              const [rows] = await tdb.db.sequelize.query('SELECT @@tx_isolation AS level', {
                transaction: t,
              });
              return (rows as Array<{ level: string }>)[0]?.level;
            }),
          ),
        );
        expect(levels).toEqual(['READ-COMMITTED', 'READ-COMMITTED', 'READ-COMMITTED']);
      } finally {
        await tdb.drop();
      }
    },
  );

  it('stores Tajik letters exactly (utf8mb4 round trip)', async () => {
    const tdb = await freshDatabase(dialect);
    try {
      await seedTestDemo(tdb.db);
      const name = 'Ҷамшед Қодирӣ Ғафуров Ӯлмасов Ҳ ӣ ҷ қ ӯ ҳ ғ 🇹🇯';
      await tdb.db.models.User.update({ name }, { where: { username: 'clerk4' } });
      const back = await tdb.db.models.User.findOne({ where: { username: 'clerk4' } });
      expect(back?.name).toBe(name);
      const service = await tdb.db.models.Service.findOne({ where: { code: 'pickup' } });
      expect(JSON.parse(service!.names).tg).toBe('Гирифтани ҳуҷҷатҳои тайёр');
    } finally {
      await tdb.drop();
    }
  });

  it('refuses a second ticket with the same office, day and number', async () => {
    const tdb = await freshDatabase(dialect);
    try {
      await seedTestDemo(tdb.db);
      const service = await tdb.db.models.Service.findOne({ where: { code: 'birth' } });
      const ticket = {
        officeCode: 'kulob',
        day: '2026-11-25',
        number: 'A001',
        serviceId: service!.id,
        priority: 'none',
        language: null,
        kiosk: null,
        status: 'waiting' as const,
        issuedAt: new Date(),
        calledAt: null,
        startedAt: null,
        finishedAt: null,
        counterNumber: null,
        targetCounter: null,
        calledBy: null,
      };
      await tdb.db.models.Ticket.create({ ...ticket, id: '00000000-0000-4000-8000-000000000001' });
      await expect(
        tdb.db.models.Ticket.create({ ...ticket, id: '00000000-0000-4000-8000-000000000002' }),
      ).rejects.toMatchObject({ name: 'SequelizeUniqueConstraintError' });
      await expect(
        tdb.db.models.Service.create({
          officeCode: 'kulob',
          code: 'other',
          prefix: 'A',
          names: '{}',
          documents: '[]',
          closedReason: null,
        }),
      ).rejects.toMatchObject({ name: 'SequelizeUniqueConstraintError' });
    } finally {
      await tdb.drop();
    }
  });
});
