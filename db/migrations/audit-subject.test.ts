/** Migration 20261203-14b: audit rows written before it get their ticket's number as `subject`. */
import { freshDatabase, seedTestDemo, testDialects } from '../../server/src/testing/harness';
import { queueMigrations } from '.';

describe.each(testDialects())('audit subject migration on %s', (dialect) => {
  it('fills the subject of earlier ticket rows from their ticket, and leaves other rows alone', async () => {
    const tdb = await freshDatabase(dialect);
    try {
      // The demo office first (it needs every table), then back to before this migration.
      await seedTestDemo(tdb.db);
      const service = await tdb.db.models.Service.findOne({ where: { code: 'birth' } });
      const umzug = tdb.db.umzug(queueMigrations);
      await umzug.down({ to: '20261203-14b-audit-subject' });
      const qi = tdb.db.sequelize.getQueryInterface();
      const at = new Date('2026-11-25T05:00:00Z');
      const id = '00000000-0000-4000-8000-00000000a002';
      await qi.bulkInsert('tickets', [
        {
          id,
          office_code: 'kulob',
          day: '2026-11-25',
          number: 'A002',
          service_id: service!.id,
          priority: 'none',
          status: 'called',
          issued_at: at,
          called_at: at,
          recalls: 0,
        },
      ]);
      const row = (action: string, entity: string, entityId: string) => ({
        office_code: 'kulob',
        at,
        actor: 'clerk1',
        action,
        entity,
        entity_id: entityId,
        before: null,
        after: '{"status":"called","counter":"1"}',
      });
      await qi.bulkInsert('audit_log', [
        row('ticket.call', 'ticket', id),
        row('service.update', 'service', 'birth'),
      ]);

      await umzug.up();
      const rows = await tdb.db.models.AuditEntry.findAll({
        where: { action: ['ticket.call', 'service.update'] },
        order: [['action', 'ASC']],
      });
      expect(rows.map((r) => [r.action, r.subject])).toEqual([
        ['service.update', null],
        ['ticket.call', 'A002'],
      ]);
    } finally {
      await tdb.drop();
    }
  });
});
