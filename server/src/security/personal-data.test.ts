/** Every staff read of a case's personal data is in the office's audit as `case.viewed`. */
import { startTestServer, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';

const OFFICE = '/api/offices/kulob';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

async function views(): Promise<Array<{ actor: string; entityId: string }>> {
  const rows = await server.db.models.AuditEntry.findAll({
    where: { action: 'case.viewed' },
    order: [['id', 'ASC']],
  });
  return rows.map((r) => ({ actor: r.actor, entityId: r.entityId }));
}

it('audits opening a case, by number and by ticket, and listing cases — not the clerk’s own edits', async () => {
  const clerk = await login(server.url, 'clerk2');
  const back = await login(server.url, 'back1');
  const t = await request(server.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'death' } });
  await request(server.url, 'POST', `${OFFICE}/counters/2/call-next`, { token: clerk });
  const created = await request(server.url, 'POST', '/api/cases', {
    token: clerk,
    body: { ticketId: t.body.ticket.id, type: 'death' },
  });
  const number: string = created.body.case.number;
  expect(await views()).toEqual([]);

  await request(server.url, 'GET', `/api/cases/${number}`, { token: back });
  await request(server.url, 'GET', `/api/tickets/${t.body.ticket.id}/case`, { token: clerk });
  await request(server.url, 'GET', '/api/cases?q=KUL', { token: back });
  expect(await views()).toEqual([
    { actor: 'back1', entityId: number },
    { actor: 'clerk2', entityId: number },
    { actor: 'back1', entityId: 'list' },
  ]);
});
