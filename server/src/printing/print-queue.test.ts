/** Tickets and their paper through the real API: virtual printer, a fake TCP printer, offline. */
import { startTestServer, testDialects, type TestServer } from '../testing/harness';
import { connectSocket, login, request } from '../testing/client';
import { FakeTcpPrinter, closedPort } from '../testing/fake-tcp-printer';
import { decodeFromCodePage, DEFAULT_CODE_PAGE } from './code-page';

// The fake printers listen on loopback, which PRINTER_NETWORKS leaves out unless told (as here).
process.env.PRINTER_NETWORKS = '127.0.0.0/8';

const OFFICE = '/api/offices/kulob';
const ESC_AT = Buffer.from([0x1b, 0x40]);
const CUT = Buffer.from([0x1d, 0x56]);
const RASTER = Buffer.from([0x1d, 0x76, 0x30]);

describe.each(testDialects())('ticket printing on %s', (dialect) => {
  let s: TestServer;
  let offset = 0;
  // Straight into the database (some addresses the admin API would refuse), then the office's
  // cached kiosks are read again, as after a change through the app.
  const setPrinter = async (url: string) => {
    await s.db.models.Device.update({ printerUrl: url }, { where: { code: 'K1' } });
    s.app.queue.forgetOffice('kulob');
  };
  /**
   * `ms` pass on the server's clock. Printed marks wait up to a second to be written together
   * (print-marks.ts): by then, in real time, they have been.
   */
  const later = async (ms: number) => {
    await s.app.print.flushMarks();
    offset += ms;
  };
  const issue = (body: Record<string, unknown>, headers?: Record<string, string>) =>
    request(s.url, 'POST', `${OFFICE}/tickets`, { body: { kiosk: 'K1', ...body }, headers });

  beforeAll(async () => {
    // A clock the test can move forward, to reach the next retry without waiting for it.
    s = await startTestServer({ database: dialect, now: () => new Date(Date.now() + offset) });
    // The tests drive the worker themselves (runDue): its own tick would take their jobs, and its
    // printer probe (every 30 s) would record a status in the middle of a test.
    await s.app.print.stop();
  });
  afterAll(() => s.close());

  it('prints on the virtual printer of the demo kiosk, once per ticket even when the tap repeats', async () => {
    await setPrinter('virtual');
    const headers = { 'Idempotency-Key': 'print-tap-1' };
    const first = await issue({ service: 'birth', language: 'tg' }, headers);
    expect(first.status).toBe(201);
    expect(first.body.print).toEqual({ status: 'printed' });
    const again = await issue({ service: 'birth', language: 'tg' }, headers);
    expect(again.status).toBe(200);
    expect(again.body.print).toEqual({ status: 'printed' });
    const jobs = s.app.virtualPrinter.jobs('kulob/K1');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.bytes.subarray(0, 2)).toEqual(ESC_AT);
    expect(jobs[0]!.bytes.includes(RASTER)).toBe(true);

    // What it "printed" can be looked at: the job list and a PNG of the paper.
    const paper = await request(s.url, 'GET', `${OFFICE}/kiosks/K1/paper`);
    expect(paper.body.jobs).toHaveLength(1);
    expect(paper.body.jobs[0].lines.join('\n')).toContain(first.body.ticket.number);
    const png = await fetch(`${s.url}${OFFICE}/kiosks/K1/paper/0.png`);
    expect(png.headers.get('content-type')).toBe('image/png');
    const head = Buffer.from(await png.arrayBuffer()).subarray(0, 8);
    expect(head).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect((await request(s.url, 'GET', `${OFFICE}/kiosks/K1/paper/7.png`)).status).toBe(404);
  });

  it('draws the paper of a job once, however often it is looked at', async () => {
    await setPrinter('virtual');
    await issue({ service: 'death', language: 'ru' });
    const jobs = s.app.virtualPrinter.jobs('kulob/K1');
    const index = jobs.length - 1;
    const bytes = jobs[index]!.bytes;
    const paper = async () => {
      const res = await fetch(`${s.url}${OFFICE}/kiosks/K1/paper/${index}.png`);
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    };
    const first = await paper();
    // Now the job's bytes are spaces: a drawing made from here on would show blank paper. Only
    // the picture drawn once, at the first look, still shows the ticket.
    const own = Buffer.from(bytes);
    bytes.fill(0x20);
    try {
      expect(await paper()).toEqual(first);
      expect(await paper()).toEqual(first);
    } finally {
      own.copy(bytes);
    }
  });

  it('sends a Russian ticket to a network printer as ESC/POS text with a QR and a cut', async () => {
    const printer = await FakeTcpPrinter.start();
    try {
      await setPrinter(printer.url);
      const res = await issue({ service: 'death', language: 'ru' });
      expect(res.body.print).toEqual({ status: 'printed' });
      const bytes = printer.jobs[0]!;
      expect(bytes.subarray(0, 2)).toEqual(ESC_AT);
      expect(bytes.includes(CUT)).toBe(true);
      expect(bytes.includes(Buffer.from([0x1d, 0x28, 0x6b]))).toBe(true);
      expect(bytes.includes(Buffer.from(`/t/${res.body.ticket.id}`))).toBe(true);
      const text = decodeFromCodePage(bytes, DEFAULT_CODE_PAGE);
      expect(text).toContain(res.body.ticket.number);
      expect(text).toContain('Регистрация смерти');
    } finally {
      await printer.close();
    }
  });

  it('issues the ticket while the printer is off and prints it once when it comes back', async () => {
    const port = await closedPort();
    await setPrinter(`tcp://127.0.0.1:${port}`);
    const res = await issue({ service: 'marriage', language: 'ru' });
    expect(res.status).toBe(201);
    expect(res.body.print).toEqual({ status: 'queued' });
    expect(await s.app.print.runDue()).toBe(0); // not due yet: the next try is a second later

    const printer = await FakeTcpPrinter.start({ port });
    try {
      await later(2_000);
      expect(await s.app.print.runDue()).toBe(1);
      await later(20_000);
      expect(await s.app.print.runDue()).toBe(0);
      expect(printer.jobs).toHaveLength(1);
      expect(decodeFromCodePage(printer.jobs[0]!, DEFAULT_CODE_PAGE)).toContain(
        res.body.ticket.number,
      );
      const again = await issue({ service: 'marriage' }, {});
      expect(again.body.print).toEqual({ status: 'printed' });
    } finally {
      await printer.close();
    }
  });

  it('prints a queued ticket on the printer the administrator put in since, not on the old one', async () => {
    const dead = await closedPort();
    await setPrinter(`tcp://127.0.0.1:${dead}`);
    const res = await issue({ service: 'death', language: 'ru' });
    expect(res.status).toBe(201);
    expect(res.body.print).toEqual({ status: 'queued' });

    // The old printer is back at its address, but the kiosk has a new one now.
    const old = await FakeTcpPrinter.start({ port: dead });
    const replacement = await FakeTcpPrinter.start();
    try {
      const admin = await login(s.url, 'admin');
      const changed = await request(s.url, 'PATCH', `${OFFICE}/devices/K1`, {
        token: admin,
        body: { printerUrl: replacement.url },
      });
      expect(changed.status).toBe(200);
      await later(2_000);
      expect(await s.app.print.runDue()).toBe(1);
      expect(replacement.jobs).toHaveLength(1);
      expect(decodeFromCodePage(replacement.jobs[0]!, DEFAULT_CODE_PAGE)).toContain(
        res.body.ticket.number,
      );
      expect(old.jobs).toHaveLength(0);
    } finally {
      await old.close();
      await replacement.close();
    }
  });

  it('leaves a new job to the issuing request for 10 s, then lets the worker take it', async () => {
    const printer = await FakeTcpPrinter.start();
    try {
      await setPrinter(printer.url);
      const first = await issue({ service: 'birth', language: 'ru' });
      expect(first.body.print).toEqual({ status: 'printed' });
      const done = await s.db.models.PrintJob.findOne({
        where: { ticketId: first.body.ticket.id },
      });
      // A ticket issued without a kiosk has no paper; give it a job whose issuing request never got
      // to try it (a node that died in between).
      const bare = await request(s.url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'birth' },
      });
      expect(bare.body.print).toEqual({ status: 'none' });
      const queued = await s.db.transaction((t) =>
        s.app.print.enqueue(
          {
            officeCode: 'kulob',
            ticketId: bare.body.ticket.id,
            deviceCode: 'K1',
            printerUrl: printer.url,
            payload: JSON.parse(String(done!.payload)),
          },
          t,
        ),
      );
      const { id } = await queued.job;
      expect(await s.app.print.runDue()).toBe(0); // a worker tick does not race the request
      await later(6_000);
      expect(await s.app.print.runDue()).toBe(0);
      await later(5_000);
      expect(await s.app.print.runDue()).toBe(1);
      expect(printer.jobs).toHaveLength(2);
      expect((await s.db.models.PrintJob.findByPk(id))!.status).toBe('printed');
    } finally {
      await printer.close();
    }
  });

  it('sends a new ticket without claiming it, counts the try, and claims a first try that comes late', async () => {
    const printer = await FakeTcpPrinter.start();
    try {
      await setPrinter(printer.url);
      const first = await issue({ service: 'birth', language: 'ru' });
      expect(first.body.print).toEqual({ status: 'printed' });
      // Its mark is written within a second, with others'.
      await s.app.print.flushMarks();
      const printed = await s.db.models.PrintJob.findOne({
        where: { ticketId: first.body.ticket.id },
      });
      expect({ status: printed!.status, attempts: printed!.attempts }).toEqual({
        status: 'printed',
        attempts: 1,
      });
      expect(printer.jobs).toHaveLength(1);

      // Jobs whose issuing requests try late: of the first 10 s that are theirs, too little is left
      // for a 2 s send and the 5 s margin.
      const enqueue = async () => {
        const bare = await request(s.url, 'POST', `${OFFICE}/tickets`, {
          body: { service: 'birth' },
        });
        const queued = await s.db.transaction((t) =>
          s.app.print.enqueue(
            {
              officeCode: 'kulob',
              ticketId: bare.body.ticket.id,
              deviceCode: 'K1',
              printerUrl: printer.url,
              payload: null,
            },
            t,
          ),
        );
        return queued.job;
      };
      // 4 s in: 6 s left, fewer than the send's 2 s and the margin's 5 s: the request claims it.
      const late = await enqueue();
      await later(4_000);
      expect(await s.app.print.printNow(late)).toBe('printed');
      const lateRow = await s.db.models.PrintJob.findByPk(late.id);
      expect({ status: lateRow!.status, attempts: lateRow!.attempts }).toEqual({
        status: 'printed',
        attempts: 1,
      });
      expect(printer.jobs).toHaveLength(2);

      // Later still, after a worker took and printed it: the request prints nothing twice.
      const taken = await enqueue();
      await later(11_000);
      expect(await s.app.print.runDue()).toBe(1);
      expect(await s.app.print.printNow(taken)).toBe('queued');
      expect(printer.jobs).toHaveLength(3);
      expect((await s.db.models.PrintJob.findByPk(taken.id))!.attempts).toBe(1);
    } finally {
      await printer.close();
    }
  });

  it('answers print failed for a broken printer address, and the ticket still stands', async () => {
    await setPrinter('tcp://printer:99999');
    const res = await issue({ service: 'pickup' });
    expect(res.status).toBe(201);
    expect(res.body.print).toEqual({ status: 'failed' });
    expect(
      (await request(s.url, 'GET', `/api/tickets/${res.body.ticket.id}`)).body.ticket.status,
    ).toBe('waiting');
    const job = await s.db.models.PrintJob.findOne({ where: { ticketId: res.body.ticket.id } });
    expect(job?.status).toBe('failed');
    expect(job?.lastError).toMatch(/port/);
  });
  it('reports a kiosk printer online or offline with its waiting jobs, and lets an admin test-print', async () => {
    const printer = await FakeTcpPrinter.start();
    const admin = await login(s.url, 'admin');
    const clerk = await login(s.url, 'clerk2');
    try {
      await setPrinter(printer.url);
      const online = await request(s.url, 'GET', `${OFFICE}/kiosks/K1/printer`);
      expect(online.body.printer).toMatchObject({ kind: 'tcp', status: 'online' });
      const path = `${OFFICE}/kiosks/K1/test-print`;
      expect((await request(s.url, 'POST', path)).status).toBe(401);
      expect((await request(s.url, 'POST', path, { token: clerk })).status).toBe(403);
      const test = await request(s.url, 'POST', path, { token: admin });
      expect(test.body).toEqual({ status: 'printed' });
      // The status probe only connects; the test print is the one job with bytes.
      const printed = printer.jobs.filter((j) => j.length > 0);
      expect(printed).toHaveLength(1);
      expect(printed[0]!.includes(RASTER)).toBe(true);
    } finally {
      await printer.close();
    }
    // The status is probed at most once every 2 s for all callers: wait for the next probe.
    let offline = await request(s.url, 'GET', `${OFFICE}/kiosks/K1/printer`);
    for (let i = 0; i < 30 && offline.body.printer.status !== 'offline'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      offline = await request(s.url, 'GET', `${OFFICE}/kiosks/K1/printer`);
    }
    expect(offline.body.printer.status).toBe('offline');
    const failed = await request(s.url, 'POST', `${OFFICE}/kiosks/K1/test-print`, { token: admin });
    expect(failed.status).toBe(503);
    expect(failed.body.error.code).toBe('unavailable');
    // The admin page says why (a refused connection), not that the service is unavailable.
    expect(failed.body.error.details).toMatchObject({ reason: 'printer_failed' });
    expect(failed.body.error.details.error).toMatch(/ECONNREFUSED|refused/i);
    expect((await request(s.url, 'GET', `${OFFICE}/kiosks/K9/printer`)).status).toBe(404);
  });
  it('tells kiosks and staff live when a printer goes offline and comes back', async () => {
    const port = await closedPort();
    // The printer was last known online: its first failed job is a change, told to every page.
    await s.db.models.Device.update(
      { printerUrl: `tcp://127.0.0.1:${port}`, printerStatus: 'online' },
      { where: { code: 'K1' } },
    );
    s.app.queue.forgetOffice('kulob');
    const kiosk = await connectSocket(s.url, '/kiosk', { office: 'kulob' });
    const seen: Array<{
      seq: number;
      printer: { kiosk: string; status: string; pending: number };
    }> = [];
    kiosk.socket.on('printer:updated', (e) => seen.push(e));
    try {
      const res = await issue({ service: 'consultation' });
      expect(res.body.print).toEqual({ status: 'queued' });
      // Up to 10 s: a print attempt on a busy machine may take a while to be told.
      const waitFor = async (n: number) => {
        for (let i = 0; i < 500 && seen.length < n; i++)
          await new Promise((r) => setTimeout(r, 20));
      };
      await waitFor(1);
      expect(seen[0]!.printer).toEqual({ kiosk: 'K1', status: 'offline', pending: 1 });
      const snap = await request(s.url, 'GET', `${OFFICE}/queue`, {
        token: await login(s.url, 'clerk3'),
      });
      expect(snap.body.printers).toEqual([{ kiosk: 'K1', status: 'offline', pending: 1 }]);

      const printer = await FakeTcpPrinter.start({ port });
      try {
        await later(2_000);
        expect(await s.app.print.runDue()).toBe(1);
        await waitFor(2);
        expect(seen[1]!.printer).toEqual({ kiosk: 'K1', status: 'online', pending: 0 });
        expect(seen[1]!.seq).toBeGreaterThan(seen[0]!.seq);
      } finally {
        await printer.close();
      }
    } finally {
      kiosk.socket.close();
    }
  });
  it("keeps what a test print found as the printer's state, told to staff at once", async () => {
    const admin = await login(s.url, 'admin');
    const path = `${OFFICE}/kiosks/K1/test-print`;
    // What the admin page's Devices tab lists.
    const known = async () =>
      (await request(s.url, 'GET', `${OFFICE}/devices`, { token: admin })).body.devices.find(
        (d: { code: string }) => d.code === 'K1',
      ).printerStatus;
    const staff = await connectSocket(s.url, '/counter', {
      office: 'kulob',
      token: await login(s.url, 'clerk4'),
    });
    const told: string[] = [];
    staff.socket.on('printer:updated', (e) => told.push(e.printer.status));
    const toldNow = async (n: number) => {
      for (let i = 0; i < 250 && told.length < n; i++) await new Promise((r) => setTimeout(r, 20));
      return told;
    };
    let printer = await FakeTcpPrinter.start();
    const port = printer.port;
    try {
      const changed = await request(s.url, 'PATCH', `${OFFICE}/devices/K1`, {
        token: admin,
        body: { printerUrl: printer.url },
      });
      expect(changed.status).toBe(200);
      await toldNow(1); // the new address: its state unknown
      expect((await request(s.url, 'POST', path, { token: admin })).status).toBe(200);
      expect(await known()).toBe('online');
      expect(await toldNow(2)).toEqual(['unknown', 'online']);

      // The printer goes away: the test print that finds it gone says so, and so does the list.
      await printer.close();
      const failed = await request(s.url, 'POST', path, { token: admin });
      expect(failed.status).toBe(503);
      expect(failed.body.error.details).toMatchObject({ reason: 'printer_failed' });
      expect(await known()).toBe('offline');
      expect(await toldNow(3)).toEqual(['unknown', 'online', 'offline']);

      // Back at its address: the next test print brings it online again.
      printer = await FakeTcpPrinter.start({ port });
      expect((await request(s.url, 'POST', path, { token: admin })).status).toBe(200);
      expect(await known()).toBe('online');
      expect(await toldNow(4)).toEqual(['unknown', 'online', 'offline', 'online']);
      expect(printer.jobs).toHaveLength(1);
    } finally {
      staff.socket.close();
      await printer.close();
    }
  });
  it('prints on 58 mm paper when the kiosk printer says so, and refuses unknown options', async () => {
    const printer = await FakeTcpPrinter.start();
    try {
      await setPrinter(`${printer.url}#58mm`);
      const res = await issue({ service: 'birth', language: 'tg' });
      expect(res.body.print).toEqual({ status: 'printed' });
      // GS v 0, m = 0, then the width in bytes: 384 dots = 48 bytes for 58 mm paper.
      expect(printer.jobs[0]!.includes(Buffer.from([0x1d, 0x76, 0x30, 0x00, 48, 0]))).toBe(true);
      expect(printer.jobs[0]!.includes(Buffer.from([0x1d, 0x76, 0x30, 0x00, 72, 0]))).toBe(false);
      await setPrinter(`${printer.url}#a4`);
      expect((await issue({ service: 'birth' })).body.print).toEqual({ status: 'failed' });
    } finally {
      await printer.close();
    }
  });
});
