/**
 * The typed API client (ui/api-client.ts) against a real server: paths, methods, bodies and
 * refusals come from the endpoint table; wrong parameters or bodies do not compile.
 */
import { startTestServer, type TestServer } from '../server/src/testing/harness';
import { ApiError, call, endpointUrl } from '../ui/api-client';
import { fetchTicket, issueTicket, login, paperImageUrl, ticketAction } from '../ui/api';

let server: TestServer;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  server = await startTestServer();
  // The client speaks page-relative paths, as in a browser: this page is the test server.
  globalThis.fetch = (input, init) =>
    realFetch(typeof input === 'string' ? server.url + input : input, init);
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  await server.close();
});

it('builds each URL from the table, parameters encoded and the query left out when empty', () => {
  expect(endpointUrl('ticketAction', { id: 'a b', action: 'no-show' })).toBe(
    '/api/tickets/a%20b/no-show',
  );
  expect(endpointUrl('cases', {}, { q: 'Ali', status: undefined })).toBe('/api/cases?q=Ali');
  expect(
    paperImageUrl('kulob', 'K1', { index: 3, at: '2026-01-01T00:00:00Z', lines: [], width: 80 }),
  ).toBe('/api/offices/kulob/kiosks/K1/paper/3.png?at=2026-01-01T00%3A00%3A00Z');
  expect(() => endpointUrl('ticket', {})).toThrow(/:id/);
});

it('issues, reads and works a ticket through the table', async () => {
  const services = await call('services', { params: { office: 'kulob' } });
  expect(services.map((s) => s.code)).toContain('birth');
  const issued = await issueTicket('kulob', { service: 'birth' }, 'client-test-1');
  expect(issued.ticket.number).toMatch(/^[A-Z]\d{3}$/);
  expect((await fetchTicket(issued.ticket.id)).status).toBe('waiting');
  const { token } = await login({ username: 'clerk1', password: 'demo' });
  const called = await call('callNext', { params: { office: 'kulob', counter: '1' }, token });
  expect(called.ticket?.id).toBe(issued.ticket.id);
  expect((await ticketAction(issued.ticket.id, 'start', token)).status).toBe('serving');
  const cases = await call('cases', { token, query: { q: 'nobody-by-this-name' } });
  expect(cases.cases).toEqual([]);
});

it('turns a refusal into an ApiError with the contract code', async () => {
  const refused = await call('me').catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(ApiError);
  expect([(refused as ApiError).status, (refused as ApiError).code]).toEqual([401, 'unauthorized']);
});

// Checked by the type checker (`npm run typecheck`), never run.
export async function typeChecks(): Promise<void> {
  // @ts-expect-error the ticket's id is missing
  await call('ticket');
  // @ts-expect-error no such parameter
  await call('ticket', { params: { ticket: 'x' } });
  // @ts-expect-error login takes a body
  await call('login', {});
  // @ts-expect-error not a login body
  await call('login', { body: { user: 'a' } });
  // @ts-expect-error no such endpoint
  await call('tickets');
  const answer = await call('office', { params: { office: 'kulob' } });
  answer.office.timeZone.toUpperCase();
}
