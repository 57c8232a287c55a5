/**
 * An office admin cannot reach the server's files or network through a printer address: devices,
 * spool files and TCP printers only where the server's environment allows, whatever the admin page
 * saves; the anonymous printer-status route shares one probe per printer.
 */
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeTcpPrinter } from '../testing/fake-tcp-printer';
import { startTestServer, type TestServer } from '../testing/harness';
import { login, request } from '../testing/client';
import { parsePrinterUrl } from '../printing/printer-target';
import { probePrinter } from '../printing/printer-status';
import { sendToPrinter } from '../printing/transports';
import { allowedTcpAddress, printerPolicyFromEnv } from '../printing/printer-policy';

const defaults = printerPolicyFromEnv({});

describe('the default policy', () => {
  it('allows private networks but not loopback, link-local or public addresses', async () => {
    await expect(allowedTcpAddress('10.1.2.3', defaults)).resolves.toBe('10.1.2.3');
    await expect(allowedTcpAddress('192.168.1.50', defaults)).resolves.toBe('192.168.1.50');
    for (const host of [
      '127.0.0.1',
      '::1',
      '::ffff:127.0.0.1',
      '169.254.169.254',
      '8.8.8.8',
      '0.0.0.0',
      'localhost',
    ]) {
      await expect(allowedTcpAddress(host, defaults)).rejects.toThrow(/outside PRINTER_NETWORKS/);
    }
  });

  it('never connects to a loopback printer', async () => {
    const printer = await FakeTcpPrinter.start();
    try {
      await expect(
        sendToPrinter(parsePrinterUrl(printer.url), Buffer.from('x'), { policy: defaults }),
      ).rejects.toThrow(/outside PRINTER_NETWORKS/);
      expect(await probePrinter(parsePrinterUrl(printer.url), { policy: defaults })).toBe(
        'offline',
      );
      expect(printer.connections).toBe(0);
    } finally {
      await printer.close();
    }
  });

  it('opens no device outside PRINTER_DEVICES and writes no file without PRINTER_SPOOL_DIR', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'navbat-victim-'));
    try {
      const victim = join(dir, 'victim');
      await writeFile(victim, 'precious');
      await expect(
        sendToPrinter({ kind: 'device', path: victim }, Buffer.from('X'), { policy: defaults }),
      ).rejects.toThrow(/outside PRINTER_DEVICES/);
      await expect(
        sendToPrinter({ kind: 'file', path: victim }, Buffer.from('X'), { policy: defaults }),
      ).rejects.toThrow(/PRINTER_SPOOL_DIR is not set/);
      expect(await readFile(victim, 'utf8')).toBe('precious');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

it('keeps spool files inside PRINTER_SPOOL_DIR, through .. and symlinks too', async () => {
  const root = await mkdtemp(join(tmpdir(), 'navbat-spool-'));
  const spool = join(root, 'spool');
  const outside = join(root, 'outside');
  await writeFile(outside, 'precious');
  await import('node:fs/promises').then((fs) => fs.mkdir(spool));
  await symlink(outside, join(spool, 'link.bin'));
  const policy = printerPolicyFromEnv({ PRINTER_SPOOL_DIR: spool });
  try {
    await sendToPrinter({ kind: 'file', path: join(spool, 'ok.bin') }, Buffer.from('A'), {
      policy,
    });
    expect(await readFile(join(spool, 'ok.bin'), 'utf8')).toBe('A');
    for (const path of [join(spool, '..', 'outside'), join(spool, 'link.bin')]) {
      await expect(
        sendToPrinter({ kind: 'file', path }, Buffer.from('X'), { policy }),
      ).rejects.toThrow(/outside PRINTER_SPOOL_DIR|symbolic|ELOOP|not a device or spool file/);
    }
    expect(await readFile(outside, 'utf8')).toBe('precious');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

describe('through the admin API', () => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    delete process.env.PRINTER_NETWORKS;
    delete process.env.PRINTER_SPOOL_DIR;
    delete process.env.PRINTER_DEVICES;
    server = await startTestServer();
    admin = await login(server.url, 'admin');
  });
  afterAll(async () => server.close());

  it.each([
    ['file:/etc/passwd', 'files_off'],
    ['usb:/etc/passwd', 'outside_devices'],
    ['serial:/proc/self/mem', 'outside_devices'],
    ['tcp://127.0.0.1:22', 'outside_networks'],
    ['tcp://169.254.169.254:80', 'outside_networks'],
    ['tcp://localhost:6379', 'outside_networks'],
    ['tcp://no-such-printer.invalid:9100', 'host_unknown'],
    ['nonsense', 'bad_address'],
  ])('refuses to save %s as a printer, saying why (%s)', async (printerUrl, reason) => {
    const res = await request(server.url, 'PATCH', '/api/offices/kulob/devices/K1', {
      token: admin,
      body: { printerUrl },
    });
    expect(res.status).toBe(400);
    const issue = res.body.error.details.issues[0];
    expect(issue).toMatchObject({ field: 'printerUrl', reason });
    // What the server allows comes with it, for the admin page to name.
    if (reason === 'outside_networks') expect(issue.allowed).toContain('10.0.0.0/8');
    // No address at all: the forms this server takes, without `file:` (PRINTER_SPOOL_DIR unset).
    if (reason === 'bad_address') {
      expect(issue.allowed).toEqual(['virtual', 'tcp://192.168.1.50:9100', 'usb:/dev/usb/lp0']);
    }
  });

  it('saves a printer on the office network', async () => {
    const res = await request(server.url, 'PATCH', '/api/offices/kulob/devices/K1', {
      token: admin,
      body: { printerUrl: 'tcp://10.0.0.21:9100' },
    });
    expect(res.status).toBe(200);
  });
});

it('probes a printer once for many anonymous status requests', async () => {
  process.env.PRINTER_NETWORKS = '127.0.0.0/8';
  const printer = await FakeTcpPrinter.start();
  const server = await startTestServer();
  try {
    const admin = await login(server.url, 'admin');
    await request(server.url, 'PATCH', '/api/offices/kulob/devices/K1', {
      token: admin,
      body: { printerUrl: printer.url },
    });
    const before = printer.connections;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(server.url, 'GET', '/api/offices/kulob/kiosks/K1/printer'),
      ),
    );
    expect(answers.every((a) => a.body.printer.status === 'online')).toBe(true);
    expect(printer.connections - before).toBeLessThanOrEqual(1);
  } finally {
    await server.close();
    await printer.close();
    delete process.env.PRINTER_NETWORKS;
  }
});
