/**
 * A case number alone attaches nobody to a case: the kiosk links only with the receipt's pickup
 * code, every mismatch is one 404, guesses are rate-limited, and the console asks the clerk to
 * check the identity of whoever linked at the kiosk.
 */
import { startTestServer, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';

const OFFICE = '/api/offices/kulob';
let server: TestServer;
let clerk: string;
let number: string;
let code: string;

beforeAll(async () => {
  server = await startTestServer({ trustProxy: 1 });
  clerk = await login(server.url, 'clerk2');
  const t = await request(server.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'death' } });
  await request(server.url, 'POST', `${OFFICE}/counters/2/call-next`, { token: clerk });
  const created = await request(server.url, 'POST', '/api/cases', {
    token: clerk,
    body: { ticketId: t.body.ticket.id, type: 'death' },
  });
  number = created.body.case.number;
  code = created.body.case.pickupCode;
  await request(server.url, 'POST', `/api/tickets/${t.body.ticket.id}/complete`, { token: clerk });
});
afterAll(async () => server.close());

/** A six-digit code that is not the case's own (a guess that cannot hit by chance). */
const wrong = (n: number) => {
  const guess = String(100000 + n);
  return guess === code ? String(100000 + n + 500000) : guess;
};

const pickup = (caseNumber: string, pickupCode?: string, from = '10.0.0.1') =>
  request(server.url, 'POST', `${OFFICE}/tickets`, {
    body: { service: 'pickup', caseNumber, ...(pickupCode ? { pickupCode } : {}) },
    headers: { 'x-forwarded-for': from },
  });

it('gives every case its own random six-digit code, for staff only', async () => {
  expect(code).toMatch(/^\d{6}$/);
  const t = await request(server.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'death' } });
  await request(server.url, 'POST', `${OFFICE}/counters/2/call`, {
    token: clerk,
    body: { ticketId: t.body.ticket.id },
  });
  const second = await request(server.url, 'POST', '/api/cases', {
    token: clerk,
    body: { ticketId: t.body.ticket.id, type: 'death' },
  });
  expect(second.status).toBe(201);
  expect(second.body.case.pickupCode).toMatch(/^\d{6}$/);
  expect(second.body.case.pickupCode).not.toBe(code);
  await request(server.url, 'POST', `/api/tickets/${t.body.ticket.id}/complete`, { token: clerk });
});

it('links only with number and code, and flags the case until the clerk checks the identity', async () => {
  const linked = await pickup(number, code);
  expect(linked.status).toBe(201);
  expect(JSON.stringify(linked.body)).not.toContain(code);
  const seen = await request(server.url, 'GET', `/api/cases/${number}`, { token: clerk });
  expect(seen.body.case.identityCheck).toEqual({ ticket: linked.body.ticket.number });
  const confirmed = await request(server.url, 'POST', `/api/cases/${number}/identity`, {
    token: clerk,
    body: { version: seen.body.case.version },
  });
  expect(confirmed.status).toBe(200);
  expect(confirmed.body.case.identityCheck).toBeUndefined();
  expect(confirmed.body.case.history.at(-1)).toMatchObject({
    action: 'identity_confirmed',
    user: 'clerk2',
  });
  // The back office does not confirm identities; nothing left to confirm is a conflict.
  const again = await request(server.url, 'POST', `/api/cases/${number}/identity`, {
    token: clerk,
    body: { version: confirmed.body.case.version },
  });
  expect(again.status).toBe(409);
});

it('answers a wrong code, a missing code and an unknown number alike, and issues nothing', async () => {
  const before = await server.db.models.Ticket.count();
  const answers = [
    await pickup(number, code === '111111' ? '222222' : '111111', '10.0.1.1'),
    await pickup(number, undefined, '10.0.1.2'),
    await pickup('KUL-2026-999999', code, '10.0.1.3'),
  ];
  expect(answers.map((a) => a.status)).toEqual([404, 404, 404]);
  expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
  expect(await server.db.models.Ticket.count()).toBe(before);
});

it('stops one address guessing one case, without locking the case for its citizen', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++) {
    statuses.push((await pickup(number, wrong(i), '10.0.2.1')).status);
  }
  expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
  // Even the right code waits there now: a guess that hits would be indistinguishable otherwise.
  expect((await pickup(number, code, '10.0.2.1')).status).toBe(429);
  // Case numbers are sequential: a stranger's misses leave the case open to everyone else.
  expect((await pickup(number, wrong(99), '10.0.2.2')).status).toBe(404);
});

it('stops many addresses guessing one case together', async () => {
  // Misses of this case so far: 2 (the answers alike), 5 + 1 (the test before): 8 of 50.
  const statuses: number[] = [];
  for (let n = 0; n < 60 && statuses.at(-1) !== 429; n++) {
    const from = `10.0.4.${Math.floor(n / 5)}`;
    statuses.push((await pickup(number, wrong(1000 + n), from)).status);
  }
  expect(statuses.filter((s) => s === 404)).toHaveLength(42);
  expect(statuses.at(-1)).toBe(429);
  // From an address that never tried, even the right code waits now.
  expect((await pickup(number, code, '10.0.5.1')).status).toBe(429);
});

it('stops an address that tries many case numbers', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 22; i++) {
    statuses.push((await pickup(`KUL-2026-${String(500000 + i)}`, '123456', '10.0.3.1')).status);
  }
  expect(statuses.filter((s) => s === 404)).toHaveLength(20);
  expect(statuses.slice(20)).toEqual([429, 429]);
});

it('holds the limits for guesses sent at the same moment', async () => {
  // Counted before the case is looked up: 12 guesses at once get the 5 a case allows an address.
  const guesses = await Promise.all(
    Array.from({ length: 12 }, (_, i) => pickup('KUL-2026-777777', wrong(2000 + i), '10.0.9.1')),
  );
  const statuses = guesses.map((g) => g.status).sort();
  expect(statuses).toEqual([...Array(5).fill(404), ...Array(7).fill(429)]);
  // The refused ones were not counted: the address's misses over all cases are 5 of its 20.
  const more: number[] = [];
  for (let i = 0; i < 16; i++) {
    more.push((await pickup(`KUL-2026-${600000 + i}`, '123456', '10.0.9.1')).status);
  }
  expect(more.filter((s) => s === 404)).toHaveLength(15);
  expect(more.at(-1)).toBe(429);
});

it('counts a paired kiosk’s misses apart from the other kiosks behind the same address', async () => {
  // A case of its own: the tests above spent the first one's misses over all addresses.
  const t = await request(server.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'death' } });
  await request(server.url, 'POST', `${OFFICE}/counters/2/call-next`, { token: clerk });
  const fresh = await request(server.url, 'POST', '/api/cases', {
    token: clerk,
    body: { ticketId: t.body.ticket.id, type: 'death' },
  });
  await request(server.url, 'POST', `/api/tickets/${t.body.ticket.id}/complete`, { token: clerk });
  const { number: caseNumber, pickupCode } = fresh.body.case as {
    number: string;
    pickupCode: string;
  };
  const admin = await login(server.url, 'admin');
  const devices = `${OFFICE}/devices`;
  await request(server.url, 'POST', devices, { token: admin, body: { code: 'K7', kind: 'kiosk' } });
  const tokens: Record<string, string> = {};
  for (const kiosk of ['K1', 'K7']) {
    const paired = await request(server.url, 'POST', `${devices}/${kiosk}/pair`, { token: admin });
    tokens[kiosk] = paired.body.token as string;
  }
  await request(server.url, 'PATCH', `${OFFICE}/settings`, {
    token: admin,
    body: { requireDevices: true },
  });
  // Both kiosks stand behind the office's one address (as behind a NAT to a central server).
  const at = (kiosk: string, caseNumber: string, pickupCode: string) =>
    request(server.url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'pickup', caseNumber, pickupCode },
      headers: { 'x-forwarded-for': '10.0.9.1', 'x-device-token': tokens[kiosk]! },
    });
  // K1's hall mistypes 25 case numbers: more than an address may (20), fewer than a kiosk (60).
  const statuses: number[] = [];
  for (let i = 0; i < 25; i++) {
    statuses.push((await at('K1', `KUL-2026-${String(600000 + i)}`, '123456')).status);
  }
  expect(statuses.every((st) => st === 404)).toBe(true);
  // Someone at K1 tries another case five times: K1 stops taking that case…
  const other = `KUL-2026-${String(700000)}`;
  for (let i = 0; i < 5; i++) expect((await at('K1', other, wrong(i))).status).toBe(404);
  expect((await at('K1', other, wrong(9))).status).toBe(429);
  // …while K7, behind the same address, still hands out tickets and links with the right code.
  const linked = await at('K7', caseNumber, pickupCode);
  expect([linked.status, linked.body.ticket?.service]).toEqual([201, 'pickup']);
});
