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

it('audits a list read again only when it shows something new (the worklist reloads every 20 s)', async () => {
  const back = await login(server.url, 'back1');
  const clerk = await login(server.url, 'clerk2');
  const before = (await views()).length;
  for (let i = 0; i < 3; i++) await request(server.url, 'GET', '/api/cases?q=KUL', { token: back });
  // The same query, the same cases: already audited by the test above.
  expect((await views()).length).toBe(before);
  // Another query, or another user, is a new view.
  await request(server.url, 'GET', '/api/cases?status=draft', { token: back });
  await request(server.url, 'GET', '/api/cases?q=KUL', { token: clerk });
  expect((await views()).slice(before)).toEqual([
    { actor: 'back1', entityId: 'list' },
    { actor: 'clerk2', entityId: 'list' },
  ]);
  // A new case in the list: the same query is audited again.
  const clerk4 = await login(server.url, 'clerk4');
  const t = await request(server.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'death' } });
  await request(server.url, 'POST', `${OFFICE}/counters/4/call-next`, { token: clerk4 });
  const created = await request(server.url, 'POST', '/api/cases', {
    token: clerk4,
    body: { ticketId: t.body.ticket.id, type: 'death' },
  });
  expect(created.status).toBe(201);
  await request(server.url, 'GET', '/api/cases?q=KUL', { token: back });
  expect((await views()).length).toBe(before + 3);
});
