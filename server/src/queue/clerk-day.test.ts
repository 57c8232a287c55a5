import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { connectSocket, login, request, type QueueSocket } from '../testing/client';
import type { Case } from '../../protocol';
import { UNDO_NO_SHOW_SECONDS, undoNoShow } from './no-show-undo';

const OFFICE = '/api/offices/kulob';

describe('undoNoShow', () => {
  const at = new Date('2026-12-03T08:00:00Z');
  const noShow = { status: 'no_show' as const, finishedAt: at, counterNumber: '2' };
  const later = (s: number) => new Date(at.getTime() + s * 1000);

  it('brings a fresh no-show back to its free window', () => {
    expect(undoNoShow(noShow, later(3), true)).toEqual({
      ok: true,
      next: { status: 'called', finishedAt: null },
    });
  });

  it('puts it back in the line, at its place, when the window has called someone else', () => {
    expect(undoNoShow(noShow, later(3), false)).toMatchObject({
      ok: true,
      next: { status: 'waiting', counterNumber: null, calledAt: null },
    });
  });

  it('refuses after the undo time and for any other status', () => {
    expect(undoNoShow(noShow, later(UNDO_NO_SHOW_SECONDS + 1), true).ok).toBe(false);
    expect(undoNoShow({ ...noShow, status: 'done' }, later(1), true).ok).toBe(false);
  });
});

const mother = {
  lastName: 'Ғафурова',
  firstName: 'Зулфия',
  birthDate: '1996-04-12',
  sex: 'f',
  idDocument: { type: 'passport', number: 'A12345678' },
};
const child = { lastName: 'Ҷӯраев', firstName: 'Фирӯз', birthDate: '2026-11-20', sex: 'm' };

describe.each(testDialects())("the clerk's day on %s", (dialect) => {
  let s: TestServer;
  let clock = Date.now();
  let clerk: string;
  let back: string;
  let staff: QueueSocket;
  let hall: QueueSocket;
  const api = (method: string, path: string, token: string, body?: unknown) =>
    request(s.url, method, path, { token, body });

  beforeAll(async () => {
    s = await startTestServer({ database: dialect, now: () => new Date(clock) });
    [clerk, back] = await Promise.all([login(s.url, 'clerk1'), login(s.url, 'back1')]);
    staff = (await connectSocket(s.url, '/counter', { office: 'kulob', token: clerk })).socket;
    hall = (await connectSocket(s.url, '/display', { office: 'kulob' })).socket;
  });
  afterAll(async () => {
    staff.close();
    hall.close();
    await s.close();
  });

  async function issue(
    service: string,
    priority?: string,
  ): Promise<{ id: string; number: string }> {
    clock += 1000;
    const res = await request(s.url, 'POST', `${OFFICE}/tickets`, {
      body: { service, ...(priority ? { priority } : {}) },
    });
    expect(res.status).toBe(201);
    return res.body.ticket;
  }

  it('says why each call chose its ticket: priority, sent to this window, oldest', async () => {
    // Window 6 calls consultation only; the demo's fairness is one ordinary after N priority calls.
    await api('PUT', `${OFFICE}/counters/6`, await login(s.url, 'admin'), {
      services: ['consultation'],
    });
    const office = await request(s.url, 'GET', `${OFFICE}`);
    expect(office.status).toBe(200);
    const reasons: string[] = [];
    const callAndFinish = async () => {
      const res = await api('POST', `${OFFICE}/counters/6/call-next`, clerk);
      expect(res.status).toBe(200);
      reasons.push(`${res.body.ticket.number}:${res.body.reason}`);
      await api('POST', `/api/tickets/${res.body.ticket.id}/complete`, clerk);
      return res.body.ticket as { number: string };
    };
    const ordinary = await issue('consultation');
    const priority = await issue('consultation', 'elderly');
    await callAndFinish();
    expect(reasons.pop()).toBe(`${priority.number}:priority`);
    await callAndFinish();
    expect(reasons.pop()).toBe(`${ordinary.number}:oldest`);

    // A ticket sent from another window to window 6 is called there first, with its note.
    const other = await issue('birth');
    await api('POST', `${OFFICE}/counters/3/call`, clerk, { ticketId: other.id });
    const sent = await api('POST', `/api/tickets/${other.id}/transfer`, clerk, {
      counter: '6',
      note: 'Ҳуҷҷатҳо санҷида шуданд',
    });
    expect(sent.body.ticket).toMatchObject({
      status: 'waiting',
      targetCounter: '6',
      transferNote: 'Ҳуҷҷатҳо санҷида шуданд',
    });
    const queue = await api('GET', `${OFFICE}/queue`, clerk);
    expect(queue.body.tickets.find((t: { id: string }) => t.id === other.id)).toMatchObject({
      transferNote: 'Ҳуҷҷатҳо санҷида шуданд',
    });
    const ticket = await request(s.url, 'GET', `/api/tickets/${other.id}`);
    expect(ticket.body.ticket).not.toHaveProperty('transferNote');
    await callAndFinish();
    expect(reasons.pop()).toBe(`${other.number}:transferred`);
  });

  it('does not offer at the kiosk a service no window calls, until one does', async () => {
    const admin = await login(s.url, 'admin');
    const names = { tg: 'Маслиҳати нав', ru: 'Новая консультация', uz: 'Yangi', en: 'New' };
    const created = await api('POST', `${OFFICE}/services`, admin, {
      code: 'apostille',
      prefix: 'X',
      names,
    });
    expect(created.status).toBe(201);
    const offered = async () =>
      ((await request(s.url, 'GET', `${OFFICE}/services`)).body as Array<{ code: string }>).find(
        (x) => x.code === 'apostille',
      );
    expect(await offered()).toMatchObject({ open: false, unserved: true });
    await api('PUT', `${OFFICE}/counters/2`, admin, {
      services: ['birth', 'death', 'certificate', 'consultation', 'apostille'],
    });
    expect(await offered()).toMatchObject({ open: true });
    expect(await offered()).not.toHaveProperty('unserved');
  });

  it('takes a no-show back within the undo time, never after', async () => {
    const t = await issue('consultation');
    const called = await api('POST', `${OFFICE}/counters/6/call-next`, clerk);
    expect(called.body.ticket.id).toBe(t.id);
    expect((await api('POST', `/api/tickets/${t.id}/no-show`, clerk)).status).toBe(200);
    clock += 4000;
    const undone = await api('POST', `/api/tickets/${t.id}/undo-no-show`, clerk);
    expect(undone.status).toBe(200);
    expect(undone.body.ticket).toMatchObject({ status: 'called', counter: '6' });
    expect((await api('POST', `/api/tickets/${t.id}/no-show`, clerk)).status).toBe(200);
    clock += (UNDO_NO_SHOW_SECONDS + 1) * 1000;
    const late = await api('POST', `/api/tickets/${t.id}/undo-no-show`, clerk);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('illegal_transition');
  });

  it('publishes every case change to staff only, and refuses what the workflow does not allow', async () => {
    const hallEvents: string[] = [];
    hall.onAny((event: string) => hallEvents.push(event));
    const seen: Case[] = [];
    staff.on('case:updated', ({ case: c }) => seen.push(c));
    const t = await issue('birth');
    await api('POST', `${OFFICE}/counters/3/call`, clerk, { ticketId: t.id });
    const created = await api('POST', '/api/cases', clerk, { ticketId: t.id, type: 'birth' });
    expect(created.status).toBe(201);
    const number = created.body.case.number as string;
    const filled = await api('PATCH', `/api/cases/${number}`, clerk, {
      version: created.body.case.version,
      applicant: mother,
      subjects: [
        { role: 'child', person: child },
        { role: 'mother', person: mother },
      ],
      details: { placeOfBirth: 'Кӯлоб', birthDate: '2026-11-20' },
      documents: [
        { code: 'medical_birth_notice', received: true },
        { code: 'mother_passport', received: true },
      ],
    });
    expect(filled.status).toBe(200);
    const submitted = await api('POST', `/api/cases/${number}/transitions`, clerk, {
      to: 'submitted',
      version: filled.body.case.version,
    });
    expect(submitted.status).toBe(200);
    const registered = await api('POST', `/api/cases/${number}/transitions`, back, {
      to: 'registered',
      version: submitted.body.case.version,
    });
    expect(registered.status).toBe(200);
    // Only the back office rejects (CONTRACT §4), whatever a clerk's page sends.
    const rejected = await api('POST', `/api/cases/${number}/transitions`, clerk, {
      to: 'rejected',
      version: registered.body.case.version,
      note: 'туфайли хато',
    });
    expect(rejected.status).toBe(403);
    expect(rejected.body.error.code).toBe('forbidden');
    // Issuing straight from registered skips "ready": refused too.
    const early = await api('POST', `/api/cases/${number}/transitions`, clerk, {
      to: 'issued',
      version: registered.body.case.version,
    });
    expect(early.status).toBe(409);

    const expected = ['draft', 'draft', 'submitted', 'registered'];
    await waitFor(() => seen.filter((c) => c.number === number).length >= expected.length);
    expect(seen.filter((c) => c.number === number).map((c) => c.status)).toEqual(expected);
    const last = seen[seen.length - 1];
    expect(last?.history.map((h) => h.userName)).toContain('Мадина Ҳакимова');
    expect(hallEvents).not.toContain('case:updated');
    await api('POST', `/api/tickets/${t.id}/complete`, clerk);
  });
});

async function waitFor(done: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
