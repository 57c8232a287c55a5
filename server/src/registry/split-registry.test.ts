/** REGISTRY_DATABASE_URL: the queue on the office's SQLite, the registry on the shared MariaDB. */
import type { AddressInfo } from 'node:net';
import { queueMigrations, registryMigrations } from '../../../db/migrations';
import { createApp, type App } from '../app';
import { freshDatabase, seedTestDemo, testDialects, type TestDatabase } from '../testing/harness';
import { login, request } from '../testing/client';

const describeMysql = testDialects().includes('mysql') ? describe : describe.skip;
const OFFICE = '/api/offices/kulob';

describeMysql('registry in its own MariaDB, queue on SQLite', () => {
  let queueDb: TestDatabase;
  let registryDb: TestDatabase;
  let app: App;
  let url: string;

  beforeAll(async () => {
    queueDb = await freshDatabase('sqlite', [queueMigrations]);
    registryDb = await freshDatabase('mysql', [registryMigrations]);
    await seedTestDemo(queueDb.db);
    app = await createApp({ db: queueDb.db, registryDb: registryDb.db, bcryptRounds: 4 });
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await queueDb.drop();
    await registryDb.drop();
  });

  it('keeps cases in the registry database and links them to tickets of the queue database', async () => {
    const clerk = await login(url, 'clerk1');
    const ticket = await request(url, 'POST', `${OFFICE}/tickets`, { body: { service: 'death' } });
    await request(url, 'POST', `${OFFICE}/counters/2/call-next`, { token: clerk });
    const created = await request(url, 'POST', '/api/cases', {
      token: clerk,
      body: { ticketId: ticket.body.ticket.id, type: 'death' },
    });
    expect(created.status).toBe(201);
    const number = created.body.case.number as string;

    expect(await registryDb.db.registryModels.Case.count()).toBe(1);
    expect(await queueDb.db.sequelize.getQueryInterface().tableExists('cases')).toBe(false);
    expect(await registryDb.db.sequelize.getQueryInterface().tableExists('tickets')).toBe(false);

    const byTicket = await request(url, 'GET', `/api/tickets/${ticket.body.ticket.id}/case`, {
      token: clerk,
    });
    expect(byTicket.body.case.number).toBe(number);
    expect(byTicket.body.case.tickets[0]).toMatchObject({
      id: ticket.body.ticket.id,
      number: 'D001',
    });

    // A follow-up visit by case number links across the two databases (once the first is over).
    await request(url, 'POST', `/api/tickets/${ticket.body.ticket.id}/complete`, { token: clerk });
    const again = await request(url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'pickup', caseNumber: number, pickupCode: created.body.case.pickupCode },
    });
    expect(again.status).toBe(201);
    expect(await registryDb.db.registryModels.CaseTicket.count()).toBe(2);
    const snapshot = await request(url, 'GET', `${OFFICE}/queue`, { token: clerk });
    const waiting = snapshot.body.tickets.find(
      (t: { id: string }) => t.id === again.body.ticket.id,
    );
    expect(waiting.caseNumber).toBe(number);
  });
});
