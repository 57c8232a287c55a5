/**
 * Two real server processes (the product's own entry point) on one MariaDB, sharing events through
 * the Socket.IO Redis adapter.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { freshDatabase, seedTestDemo, testDialects, type TestDatabase } from '../testing/harness';
import { connectSocket, login, request } from '../testing/client';
import { bannerUrl, clusterNodeEnv, spawnMain } from '../testing/main-process';
import { FakeTcpPrinter } from '../testing/fake-tcp-printer';
import { decodeFromCodePage, DEFAULT_CODE_PAGE } from '../printing/code-page';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const OFFICE = '/api/offices/kulob';

interface Node {
  url: string;
  child: ChildProcess;
}

/** Starts `server/src/main.ts` as its own process and waits for its banner. */
async function startNode(databaseUrl: string, redisKey: string): Promise<Node> {
  const env = clusterNodeEnv(databaseUrl, { url: REDIS_URL, key: redisKey });
  // The fake printer listens on loopback.
  const child = spawnMain({ ...env, PRINTER_NETWORKS: '127.0.0.0/8' });
  return { url: await bannerUrl(child), child };
}

function stopNode(node: Node): Promise<void> {
  return new Promise((resolve) => {
    if (node.child.exitCode !== null) return resolve();
    node.child.once('exit', () => resolve());
    node.child.kill('SIGTERM');
  });
}

const describeMysql = testDialects().includes('mysql') ? describe : describe.skip;

describeMysql('two server processes with the Redis adapter (MariaDB)', () => {
  let tdb: TestDatabase;
  let a: Node;
  let b: Node;
  beforeAll(async () => {
    tdb = await freshDatabase('mysql');
    await seedTestDemo(tdb.db);
    const key = `navbat-test-${randomBytes(4).toString('hex')}`;
    [a, b] = await Promise.all([startNode(tdb.url, key), startNode(tdb.url, key)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map(stopNode));
    await tdb.drop();
  });

  it('delivers a ticket issued on one node to displays connected to the other', async () => {
    const onA = await connectSocket(a.url, '/display', { office: 'kulob' });
    const onB = await connectSocket(b.url, '/display', { office: 'kulob' });
    try {
      const got = (socket: typeof onA.socket) =>
        new Promise<{ seq: number; ticket: { id: string } }>((resolve) =>
          socket.once('ticket:issued', resolve),
        );
      const [fromA, fromB, issued] = await Promise.all([
        got(onA.socket),
        got(onB.socket),
        request(b.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } }),
      ]);
      expect(issued.status).toBe(201);
      expect(fromA.ticket.id).toBe(issued.body.ticket.id);
      expect(fromB.ticket.id).toBe(issued.body.ticket.id);
      expect(fromA.seq).toBe(onA.snapshot.seq + 1);
    } finally {
      onA.socket.close();
      onB.socket.close();
    }
  });

  it('never double-calls when windows on both nodes race over the same queue', async () => {
    const tickets = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        request(i % 2 ? a.url : b.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } }),
      ),
    );
    expect(new Set(tickets.map((t) => t.body.ticket.number)).size).toBe(30);
    const nodes = [a, b, a]; // windows 1, 2, 3 all serve birth; 1 and 3 on node A, 2 on node B
    const tokens = await Promise.all(nodes.map((n, i) => login(n.url, `clerk${i + 1}`)));
    const calls: string[] = [];
    await Promise.all(
      nodes.map(async (node, i) => {
        for (;;) {
          const res = await request(node.url, 'POST', `${OFFICE}/counters/${i + 1}/call-next`, {
            token: tokens[i],
          });
          expect(res.status).toBe(200);
          if (!res.body.ticket) return;
          calls.push(res.body.ticket.id);
          await request(node.url, 'POST', `/api/tickets/${res.body.ticket.id}/complete`, {
            token: tokens[i],
          });
        }
      }),
    );
    // Nothing of today's queue was left behind (a window stopped on a null answer while a ticket
    // still waited, or a called ticket was not answered): which one, and in what state, if so.
    const [left] = await tdb.db.sequelize.query(
      "SELECT number, status, counter_number FROM tickets WHERE status <> 'done' ORDER BY number",
    );
    expect(left).toEqual([]);
    // The first test's ticket plus these 30, each called exactly once.
    expect(calls).toHaveLength(31);
    expect(new Set(calls).size).toBe(31);
  });
  it('delivers every office event in strictly increasing seq order on both nodes under concurrency', async () => {
    const watchers = await Promise.all([
      connectSocket(a.url, '/display', { office: 'kulob' }),
      connectSocket(b.url, '/display', { office: 'kulob' }),
      connectSocket(a.url, '/kiosk', { office: 'kulob' }),
      connectSocket(b.url, '/counter', { office: 'kulob', token: await login(b.url, 'clerk4') }),
    ]);
    const seen = watchers.map(({ socket, snapshot }) => {
      const seqs: number[] = [snapshot.seq];
      socket.onAny((name: string, payload: { seq?: number }) => {
        if (name !== 'queue:snapshot' && name !== 'queue:gap' && payload.seq !== undefined) {
          seqs.push(payload.seq);
        }
      });
      return seqs;
    });
    try {
      const tokens = await Promise.all(
        [1, 2, 3].map((n) => login(n === 2 ? b.url : a.url, `clerk${n}`)),
      );
      const node = (i: number) => (i % 2 ? a.url : b.url);
      // Kiosks on both nodes issue while windows on both nodes call and complete, all at once.
      let issued = false;
      const issuing = Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          request(node(i), 'POST', `${OFFICE}/tickets`, { body: { service: 'birth' } }),
        ),
      ).then(() => (issued = true));
      // Each window calls and completes until the queue is empty and the kiosks are done.
      const windows = [1, 2, 3].map(async (n) => {
        for (let round = 0; ; round++) {
          const done = issued;
          const url = node(n + round);
          const res = await request(url, 'POST', `${OFFICE}/counters/${n}/call-next`, {
            token: tokens[n - 1],
          });
          if (res.body?.ticket) {
            await request(url, 'POST', `/api/tickets/${res.body.ticket.id}/complete`, {
              token: tokens[n - 1],
            });
          } else if (done) {
            return;
          }
        }
      });
      await Promise.all([issuing, ...windows]);
      const last = (await request(a.url, 'GET', `${OFFICE}/queue`, { token: tokens[0] })).body
        .seq as number;
      const deadline = Date.now() + 20_000;
      while (seen.some((seqs) => seqs[seqs.length - 1]! < last) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      for (const seqs of seen) {
        expect(seqs[seqs.length - 1]).toBe(last);
        const outOfOrder = seqs.filter((seq, i) => i > 0 && seq <= seqs[i - 1]!);
        expect(outOfOrder).toEqual([]);
      }
    } finally {
      for (const { socket } of watchers) socket.close();
    }
  }, 60_000);

  it('never gives one act record number twice when registrars on both nodes register at once', async () => {
    const clerk = await login(a.url, 'clerk1');
    const backA = await login(a.url, 'back1');
    const backB = await login(b.url, 'back1');
    const person = { lastName: 'Раҳимова', firstName: 'Нигина', birthDate: '1990-01-01', sex: 'f' };
    const submitted: Array<{ number: string; version: number }> = [];
    for (let i = 0; i < 12; i++) {
      const t = await request(a.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'death' } });
      const called = await request(a.url, 'POST', `${OFFICE}/counters/2/call-next`, {
        token: clerk,
      });
      expect({ i, status: called.status, ticket: called.body.ticket?.id }).toEqual({
        i,
        status: 200,
        ticket: t.body.ticket.id,
      });
      const opened = await request(a.url, 'POST', '/api/cases', {
        token: clerk,
        body: { ticketId: t.body.ticket.id, type: 'death' },
      });
      expect({
        i,
        status: opened.status,
        body: opened.status === 201 ? 'case' : opened.body,
      }).toEqual({
        i,
        status: 201,
        body: 'case',
      });
      const c = opened.body.case;
      await request(a.url, 'POST', `/api/tickets/${t.body.ticket.id}/complete`, { token: clerk });
      const filled = await request(a.url, 'PATCH', `/api/cases/${c.number}`, {
        token: clerk,
        body: {
          version: c.version,
          applicant: person,
          // Twelve deaths of twelve people (one person's death is registered once).
          subjects: [
            {
              role: 'deceased',
              person: {
                ...person,
                firstName: 'Бобо',
                sex: 'm',
                birthDate: `1950-01-${String(i + 1).padStart(2, '0')}`,
                idDocument: { type: 'passport', number: `A${String(5_000_000 + i)}` },
              },
            },
          ],
          details: {
            dateOfDeath: '2026-11-20',
            placeOfDeath: 'Кӯлоб',
            causeDocument: {
              type: 'medical_death_certificate',
              number: `МС-${i + 1}`,
              date: '2026-11-20',
            },
          },
          documents: c.documents.map((d: { code: string }) => ({ code: d.code, received: true })),
        },
      });
      expect(filled.status).toBe(200);
      const sub = await request(a.url, 'POST', `/api/cases/${c.number}/transitions`, {
        token: clerk,
        body: { to: 'submitted', version: filled.body.case.version },
      });
      expect(sub.status).toBe(200);
      submitted.push(sub.body.case);
    }
    const results = await Promise.all(
      submitted.map((c, i) =>
        request(i % 2 ? a.url : b.url, 'POST', `/api/cases/${c.number}/transitions`, {
          token: i % 2 ? backA : backB,
          body: { to: 'registered', version: c.version },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(200));
    const numbers = results.map((r) => r.body.case.actRecord.number as string);
    expect(new Set(numbers).size).toBe(12);
  });
  it("prints a kiosk's ticket on one node at the printer an administrator just set on the other", async () => {
    const kioskTicket = () =>
      request(a.url, 'POST', `${OFFICE}/tickets`, { body: { service: 'birth', kiosk: 'K1' } });
    // Node A knows K1 and its printer (its office cache read them with a ticket).
    expect((await kioskTicket()).status).toBe(201);
    const printer = await FakeTcpPrinter.start();
    const onA = await connectSocket(a.url, '/display', { office: 'kulob' });
    try {
      const heard = new Promise<void>((resolve) => {
        onA.socket.on('printer:updated', (e: { printer: { kiosk: string } }) => {
          if (e.printer.kiosk === 'K1') resolve();
        });
      });
      const admin = await login(b.url, 'admin');
      const changed = await request(b.url, 'PATCH', `${OFFICE}/devices/K1`, {
        token: admin,
        body: { printerUrl: printer.url },
      });
      expect(changed.status).toBe(200);
      await heard; // the change reached node A
      const res = await kioskTicket();
      expect(res.status).toBe(201);
      expect(res.body.print).toEqual({ status: 'printed' });
      expect(printer.jobs).toHaveLength(1);
      expect(decodeFromCodePage(printer.jobs[0]!, DEFAULT_CODE_PAGE)).toContain(
        res.body.ticket.number,
      );
    } finally {
      onA.socket.close();
      await printer.close();
    }
  });
});
