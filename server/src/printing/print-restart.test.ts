/**
 * A ticket whose printer was off when it was issued keeps its paper through a server restart: the
 * job is in the database, and the next server's own worker prints it once the printer is back,
 * once, however many times the worker comes round.
 */
import { freshDatabase, seedTestDemo, startTestServer, testDialects } from '../testing/harness';
import { request } from '../testing/client';
import { FakeTcpPrinter, closedPort } from '../testing/fake-tcp-printer';
import { waitFor } from '../testing/wait';
import { decodeFromCodePage, DEFAULT_CODE_PAGE } from './code-page';

// The fake printer listens on loopback, which PRINTER_NETWORKS leaves out unless told (as here).
process.env.PRINTER_NETWORKS = '127.0.0.0/8';

const OFFICE = '/api/offices/kulob';

it.each(testDialects())(
  'prints a ticket queued before a restart once, by the next server, on %s',
  async (dialect) => {
    const tdb = await freshDatabase(dialect);
    await seedTestDemo(tdb.db);
    const port = await closedPort();
    await tdb.db.models.Device.update(
      { printerUrl: `tcp://127.0.0.1:${port}` },
      { where: { code: 'K1' } },
    );
    let printer: FakeTcpPrinter | undefined;
    try {
      const first = await startTestServer({ shared: tdb });
      const issued = await request(first.url, 'POST', `${OFFICE}/tickets`, {
        body: { service: 'marriage', kiosk: 'K1', language: 'ru' },
        headers: { 'idempotency-key': 'restart-tap-1' },
      });
      expect([issued.status, issued.body.print]).toEqual([201, { status: 'queued' }]);
      await first.close();

      // The printer comes back while no server runs; the next one finds the job on its own.
      printer = await FakeTcpPrinter.start({ port });
      const second = await startTestServer({ shared: tdb });
      try {
        await waitFor(() => printer!.jobs.length > 0, 'the queued ticket on the printer');
        expect(decodeFromCodePage(printer.jobs[0]!, DEFAULT_CODE_PAGE)).toContain(
          issued.body.ticket.number,
        );
        // The kiosk's repeated tap (same key) is told the paper came out; nothing prints twice.
        await second.app.print.flushMarks();
        const again = await request(second.url, 'POST', `${OFFICE}/tickets`, {
          body: { service: 'marriage', kiosk: 'K1', language: 'ru' },
          headers: { 'idempotency-key': 'restart-tap-1' },
        });
        expect([again.status, again.body.ticket.id, again.body.print]).toEqual([
          200,
          issued.body.ticket.id,
          { status: 'printed' },
        ]);
        expect(await second.app.print.runDue()).toBe(0);
        expect(printer.jobs).toHaveLength(1);
      } finally {
        await second.close();
      }
    } finally {
      await printer?.close();
      await tdb.drop();
    }
  },
  60_000,
);
