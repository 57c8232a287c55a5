/**
 * A ticket's id is public (the hall's display and the kiosk get it with every ticket), so someone
 * on the office's network holds every id of the day. With an id alone they must not stop a
 * citizen's messages nor send them elsewhere: once a ticket is followed, its messages change only
 * with the holder's key, which only the holder gets (the kiosk's answer, the paper's QR code, the
 * links of the ticket's own messages). Through the real API, on each database.
 */
import { Database, parseDatabaseUrl } from '../../../db/database';
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { request } from '../testing/client';
import { FakeTcpPrinter } from '../testing/fake-tcp-printer';
import { ticketKeys } from './ticket-keys';

// The fake printer listens on loopback, which PRINTER_NETWORKS leaves out unless told (as here).
process.env.PRINTER_NETWORKS = '127.0.0.0/8';

const OFFICE = '/api/offices/kulob';
let phoneSeq = 0;
let addressSeq = 0;
/** A request from an address of its own. */
const fresh = (headers: Record<string, string> = {}) => ({
  ...headers,
  'X-Forwarded-For': `10.9.${Math.floor(++addressSeq / 250)}.${addressSeq % 250}`,
});
const nextPhone = () => `+99291${String(1_000_000 + phoneSeq++)}`;

describe.each(testDialects())('the ticket holder key on %s', (dialect) => {
  let s: TestServer;
  let admin: string;

  beforeAll(async () => {
    // Behind a proxy, so each request below comes from an address of its own: the public notify
    // routes allow an address a few requests per 15 minutes (outbox-limits.test.ts).
    s = await startTestServer({
      database: dialect,
      publicUrl: 'https://navbat.example.tj',
      trustProxy: true,
    });
    admin = (await request(s.url, 'POST', '/api/auth/login', {
      body: { username: 'admin', password: 'demo' },
    }).then((r) => r.body.token)) as string;
  });
  afterAll(() => s.close());

  async function issue(body: Record<string, unknown> = {}) {
    const res = await request(s.url, 'POST', `${OFFICE}/tickets`, {
      body: { service: 'birth', ...body },
    });
    expect(res.status).toBe(201);
    return { id: res.body.ticket.id as string, key: res.body.holderKey as string };
  }
  const notify = (id: string, phone: string, key?: string) =>
    request(s.url, 'POST', `/api/tickets/${id}/notify`, {
      body: { phone, language: 'tg' },
      headers: fresh(key === undefined ? {} : { 'X-Ticket-Key': key }),
    });
  const stop = (id: string, key?: string) =>
    request(s.url, 'DELETE', `/api/tickets/${id}/notify`, {
      headers: fresh(key === undefined ? {} : { 'X-Ticket-Key': key }),
    });
  /** The last three digits of the phone the ticket's messages go to (masked but for those). */
  const followedBy = async (id: string) => {
    const res = await request(s.url, 'GET', `/api/tickets/${id}/notify`);
    return (res.body.notify.phone as string | null)?.slice(-3) ?? null;
  };
  /** The ticket's messages as sent, newest first (the outbox rows). */
  const textsTo = async (id: string) => {
    const [rows] = await s.db.sequelize.query(
      'SELECT to_address, text FROM messages WHERE ticket_id = :id ORDER BY created_at DESC',
      { replacements: { id } },
    );
    return (rows as Array<{ to_address: string; text: string }>).map((r) => ({
      to: r.to_address,
      text: r.text,
    }));
  };
  /** The same as the office's administrator reads them. */
  const listedTo = async (id: string) => {
    const res = await request(s.url, 'GET', `${OFFICE}/messages?ticket=${id}`, { token: admin });
    return res.body.messages as Array<{ to: string; text: string }>;
  };

  it('gives the holder a key of the ticket, the same on every node of the database', async () => {
    const a = await issue();
    const b = await issue();
    expect(a.key).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(b.key).not.toBe(a.key);
    // A second node: its own connection to the same database, the same secret.
    const other = new Database(parseDatabaseUrl(s.databaseUrl));
    try {
      expect(await ticketKeys(other).keyOf(a.id)).toBe(a.key);
    } finally {
      await other.close();
    }
  });

  it('lets the id alone start the messages of a ticket nobody follows, and nothing more', async () => {
    const { id, key } = await issue();
    const citizen = nextPhone();
    const stranger = nextPhone();
    expect((await notify(id, citizen)).status).toBe(202);
    expect(await followedBy(id)).toBe(citizen.slice(-3));

    // Someone with the id from the hall's display: no redirect, no stop, no Telegram.
    for (const wrong of [undefined, '', 'A'.repeat(12), key.slice(0, 11), `${key}x`]) {
      const moved = await notify(id, stranger, wrong);
      expect(moved.status).toBe(403);
      expect(moved.body.error).toMatchObject({
        code: 'forbidden',
        details: { reason: 'ticket_key' },
      });
      const stopped = await stop(id, wrong);
      expect(stopped.status).toBe(403);
    }
    const telegram = await request(s.url, 'POST', `/api/tickets/${id}/telegram`, {
      body: {},
      headers: fresh(),
    });
    expect(telegram.status).toBe(403);
    // Another ticket's key is not this one's.
    const other = await issue();
    expect((await stop(id, other.key)).status).toBe(403);
    expect(await followedBy(id)).toBe(citizen.slice(-3));
    expect((await textsTo(id)).some((m) => m.to.endsWith(stranger.slice(-3)))).toBe(false);

    // The holder, with the key: another phone, then a stop.
    const second = nextPhone();
    expect((await notify(id, second, key)).status).toBe(202);
    expect(await followedBy(id)).toBe(second.slice(-3));
    expect((await stop(id, key)).status).toBe(204);
    expect(await followedBy(id)).toBeNull();
  });

  it('sends the key only to the holder’s phone, and says who holds it', async () => {
    // A stranger signs up first with the id alone: the ticket's messages, but not its key.
    const { id, key } = await issue();
    const stranger = nextPhone();
    expect((await notify(id, stranger)).status).toBe(202);
    const [first] = await textsTo(id);
    expect(first?.text).toContain(`/t/${id}`);
    expect(first?.text).not.toContain(key);
    // The holder takes the messages over with the key; the new phone's link carries it.
    const own = nextPhone();
    expect((await notify(id, own, key)).status).toBe(202);
    const texts = await textsTo(id);
    expect(texts.find((m) => m.to.endsWith(own.slice(-3)))?.text).toContain(`/t/${id}#${key}`);
    // The page asks whether its link's key is the ticket's: only then does it offer a stop.
    const status = (k?: string) =>
      request(s.url, 'GET', `/api/tickets/${id}/notify`, {
        headers: k === undefined ? {} : { 'X-Ticket-Key': k },
      }).then((r) => r.body.notify.holder as boolean);
    expect(await status(key)).toBe(true);
    expect(await status('A'.repeat(12))).toBe(false);
    expect(await status()).toBe(false);
  });

  it('lets a kiosk sign up citizen after citizen from one address, but not a stranger', async () => {
    const kiosk = { 'X-Forwarded-For': '10.8.0.1' };
    for (let i = 0; i < 8; i++) {
      const { id, key } = await issue();
      const res = await request(s.url, 'POST', `/api/tickets/${id}/notify`, {
        body: { phone: nextPhone(), language: 'tg' },
        headers: { ...kiosk, 'X-Ticket-Key': key },
      });
      expect(res.status).toBe(202);
    }
    // Without keys, the same address's strangers get five.
    const stranger = { 'X-Forwarded-For': '10.8.0.2' };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const { id } = await issue();
      const res = await request(s.url, 'POST', `/api/tickets/${id}/notify`, {
        body: { phone: nextPhone(), language: 'tg' },
        headers: stranger,
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it('puts the key in the links of the ticket’s messages and in the paper’s QR code', async () => {
    const phone = nextPhone();
    const withPhone = await issue({ phone, language: 'ru' });
    const [issued] = await textsTo(withPhone.id);
    expect(issued?.text).toContain(`https://navbat.example.tj/t/${withPhone.id}#${withPhone.key}`);
    // The administrator sees that the link went, not the key that steers the messages.
    const [listed] = await listedTo(withPhone.id);
    expect(listed?.text).toContain(`https://navbat.example.tj/t/${withPhone.id}#…`);
    expect(listed?.text).not.toContain(withPhone.key);
    // A phone given at the kiosk follows the ticket: changing it needs the key too.
    expect((await stop(withPhone.id)).status).toBe(403);

    const printer = await FakeTcpPrinter.start();
    try {
      await s.db.models.Device.update({ printerUrl: printer.url }, { where: { code: 'K1' } });
      s.app.queue.forgetOffice('kulob');
      const paper = await issue({ kiosk: 'K1' });
      const job = printer.jobs[0] ?? (await printer.nextJob());
      expect(job.includes(Buffer.from(`/t/${paper.id}#${paper.key}`, 'ascii'))).toBe(true);
    } finally {
      await s.db.models.Device.update({ printerUrl: 'virtual' }, { where: { code: 'K1' } });
      s.app.queue.forgetOffice('kulob');
      await printer.close();
    }
  });
});
