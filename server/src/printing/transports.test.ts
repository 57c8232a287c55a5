import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import { closedPort, FakeTcpPrinter } from '../testing/fake-tcp-printer';
import { ticketLayout } from './layout';
import { previewPng } from './preview';
import { renderTicket } from './render';
import { sampleTicket } from '../testing/ticket-fixtures';
import { formatPrinterTarget, parsePrinterUrl } from './printer-target';
import { PrinterError } from './printer-error';
import { probePrinter } from './printer-status';
import { sendToPrinter } from './transports';
import { VirtualPrinter } from './virtual-printer';

// The fake printers listen on loopback, which PRINTER_NETWORKS leaves out unless told (as here).
process.env.PRINTER_NETWORKS = '127.0.0.0/8';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('parsePrinterUrl', () => {
  it.each([
    ['tcp://192.0.2.10:9100', { kind: 'tcp', host: '192.0.2.10', port: 9100 }],
    ['tcp://printer-hall.local:9101', { kind: 'tcp', host: 'printer-hall.local', port: 9101 }],
    ['tcp://kiosk-printer', { kind: 'tcp', host: 'kiosk-printer', port: 9100 }],
    ['TCP://[::1]:9100/', { kind: 'tcp', host: '::1', port: 9100 }],
    ['tcp://навбат.тч:9100', { kind: 'tcp', host: 'xn--80aacd7c8a.xn--r1ak', port: 9100 }],
    ['usb:///dev/usb/lp0', { kind: 'device', path: '/dev/usb/lp0' }],
    ['usb:/dev/usb/lp0', { kind: 'device', path: '/dev/usb/lp0' }],
    ['serial:/dev/ttyUSB0', { kind: 'device', path: '/dev/ttyUSB0' }],
    ['file:/var/spool/navbat/out.bin', { kind: 'file', path: '/var/spool/navbat/out.bin' }],
    ['file:///tmp/out.bin', { kind: 'file', path: '/tmp/out.bin' }],
    ['virtual', { kind: 'virtual' }],
    ['  virtual  ', { kind: 'virtual' }],
  ])('reads %s', (url, target) => {
    expect(parsePrinterUrl(url)).toEqual(target);
  });

  it.each([
    ['', /empty/],
    ['192.0.2.10:9100', /no scheme/],
    ['printer', /no scheme/],
    ['lpt:/dev/lp0', /unknown scheme "lpt"/],
    ['tcp:192.0.2.10', /tcp needs "tcp:\/\/host:port"/],
    ['tcp://:9100', /no host/],
    ['tcp://bad host:9100', /host "bad host" is not a valid name or address/],
    ['tcp://user@printer', /no user/],
    ['usb://dev/usb/lp0', /usb needs an absolute device path/],
    ['tcp://printer:0', /port "0" is not a number from 1 to 65535/],
    ['tcp://printer:70000', /port "70000" is not a number from 1 to 65535/],
    ['tcp://printer:abc', /port "abc" is not a number from 1 to 65535/],
    ['tcp://printer:9100/queue', /no path or query/],
    ['usb:lp0', /usb needs an absolute device path/],
    ['serial:', /serial needs an absolute device path/],
    ['file:out.bin', /file needs an absolute file path/],
    ['file:/tmp/', /file needs an absolute file path/],
  ])('rejects %j with a message that names the problem', (url, problem) => {
    expect(() => parsePrinterUrl(url)).toThrow(problem);
    expect(() => parsePrinterUrl(url)).toThrow(/expected tcp:\/\/host:9100/);
  });

  it('formats a target back into a URL it reads', () => {
    for (const url of [
      'tcp://10.0.0.5:9100',
      'tcp://[::1]:9100',
      'usb:/dev/usb/lp0',
      'serial:/dev/ttyUSB0',
      'file:/tmp/a.bin',
      'virtual',
    ]) {
      expect(formatPrinterTarget(parsePrinterUrl(url))).toBe(url);
    }
  });
});

describe('sendToPrinter over TCP', () => {
  it('delivers the bytes and resolves once the printer closed the connection', async () => {
    const printer = await FakeTcpPrinter.start();
    try {
      const bytes = Buffer.from([0x1b, 0x40, 0x41, 0x0a, 0x1d, 0x56, 0x00]);
      await sendToPrinter(parsePrinterUrl(printer.url), bytes, { timeoutMs: 2000 });
      expect(printer.jobs).toEqual([bytes]);
    } finally {
      await printer.close();
    }
  });

  it('rejects at once with "refused" when nothing listens (printer off)', async () => {
    const port = await closedPort();
    const started = Date.now();
    const error = await sendToPrinter({ kind: 'tcp', host: '127.0.0.1', port }, Buffer.from('x'), {
      timeoutMs: 5000,
    }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(PrinterError);
    expect(error).toMatchObject({ reason: 'refused' });
    expect((error as Error).message).toBe(
      `printer tcp://127.0.0.1:${port} refused the connection (ECONNREFUSED): is it on, and is the port right?`,
    );
  });

  it('times out with a clear message when the printer stops reading (paper out)', async () => {
    const printer = await FakeTcpPrinter.start({ stopReading: true });
    try {
      // More than the loopback socket buffers hold, so the job cannot be handed over.
      const job = Buffer.alloc(48 * 1024 * 1024, 0x41);
      const started = Date.now();
      const error = await sendToPrinter(parsePrinterUrl(printer.url), job, {
        timeoutMs: 300,
      }).catch((e: unknown) => e);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(error).toMatchObject({ reason: 'timeout' });
      expect((error as Error).message).toBe(
        `printer ${printer.url} did not take the job within 300 ms (connected, but it stopped reading)`,
      );
    } finally {
      await printer.close();
    }
  });

  it('still resolves when a printer keeps the connection open after taking the job', async () => {
    const printer = await FakeTcpPrinter.start({ keepOpen: true });
    try {
      const received = printer.nextJob();
      await sendToPrinter(parsePrinterUrl(printer.url), Buffer.from('ok\n'), { timeoutMs: 3000 });
      expect((await received).toString()).toBe('ok\n');
    } finally {
      await printer.close();
    }
  });
});

describe('device and file printers', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'navbat-print-'));
    process.env.PRINTER_SPOOL_DIR = dir;
    process.env.PRINTER_DEVICES = `${join(dir, 'lp')}*,/dev/null`;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('appends each job to a file printer', async () => {
    const target = parsePrinterUrl(`file:${join(dir, 'out.bin')}`);
    await sendToPrinter(target, Buffer.from([1, 2]));
    await sendToPrinter(target, Buffer.from([3]));
    expect([...(await readFile(join(dir, 'out.bin')))]).toEqual([1, 2, 3]);
  });

  it('writes to a character device, never to a regular file, and never creates a missing one', async () => {
    await sendToPrinter({ kind: 'device', path: '/dev/null' }, Buffer.from('job'));
    const device = join(dir, 'lp0');
    await writeFile(device, 'head');
    await expect(
      sendToPrinter({ kind: 'device', path: device }, Buffer.from('job')),
    ).rejects.toThrow('is not a character device');
    expect(await readFile(device, 'utf8')).toBe('head');

    const missing = join(dir, 'lp1');
    await expect(
      sendToPrinter({ kind: 'device', path: missing }, Buffer.from('x')),
    ).rejects.toThrow(`printer ${missing} does not exist (is it plugged in?)`);
    await expect(readFile(missing)).rejects.toThrow(/ENOENT/);
  });
});

describe('probePrinter', () => {
  it('reports a listening printer online and a closed port offline', async () => {
    const printer = await FakeTcpPrinter.start();
    try {
      expect(await probePrinter(parsePrinterUrl(printer.url))).toBe('online');
    } finally {
      await printer.close();
    }
    const port = await closedPort();
    expect(await probePrinter({ kind: 'tcp', host: '127.0.0.1', port })).toBe('offline');
  });

  it('checks that a device or file path is writable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'navbat-probe-'));
    process.env.PRINTER_SPOOL_DIR = dir;
    process.env.PRINTER_DEVICES = `${join(dir, 'lp')}*,/dev/null`;
    try {
      expect(await probePrinter({ kind: 'file', path: join(dir, 'new.bin') })).toBe('online');
      expect(await probePrinter({ kind: 'file', path: join(dir, 'no', 'such', 'dir.bin') })).toBe(
        'offline',
      );
      expect(await probePrinter({ kind: 'file', path: dir })).toBe('offline');
      expect(await probePrinter({ kind: 'device', path: join(dir, 'lp9') })).toBe('offline');
      expect(await probePrinter({ kind: 'device', path: '/dev/null' })).toBe('online');
      expect(await probePrinter({ kind: 'virtual' })).toBe('online');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('VirtualPrinter', () => {
  const layout = ticketLayout(sampleTicket, { width: 58 });
  const bytes = renderTicket(layout);

  it('keeps the last N jobs per printer name with their time, bytes and text', async () => {
    const virtual = new VirtualPrinter({ keep: 2 });
    const at = new Date('2026-11-25T04:05:00Z');
    for (const n of [1, 2, 3]) virtual.print('kiosk-1', Buffer.from([n]), { at });
    await sendToPrinter({ kind: 'virtual' }, bytes, {
      virtualPrinter: virtual,
      printerName: 'kiosk-2',
      layout,
    });
    expect(virtual.jobs('kiosk-1').map((j) => [...j.bytes])).toEqual([[2], [3]]);
    expect(virtual.findLastJob('kiosk-1')?.at).toEqual(at);
    const job = virtual.findLastJob('kiosk-2');
    expect(job?.bytes.equals(bytes)).toBe(true);
    expect(job?.preview).toContain('Бақайдгирии ақди никоҳ');
    expect(virtual.names().sort()).toEqual(['kiosk-1', 'kiosk-2']);
    expect(virtual.findLastJob('kiosk-3')).toBeUndefined();
    virtual.clear('kiosk-1');
    expect(virtual.jobs('kiosk-1')).toEqual([]);
  });

  it('reads a job without its layout back from the bytes', () => {
    const virtual = new VirtualPrinter();
    const job = virtual.print('kiosk-1', bytes);
    expect(job.preview).toEqual(
      expect.arrayContaining(['B014', '[image 384×30]', `[QR ${sampleTicket.publicUrl}]`, '[cut]']),
    );
  });

  it('refuses a virtual job without a virtual printer to put it in', async () => {
    await expect(sendToPrinter({ kind: 'virtual' }, bytes)).rejects.toMatchObject({
      reason: 'config',
    });
  });

  it('draws a job as a PNG of the paper, as wide as the roll', async () => {
    const virtual = new VirtualPrinter();
    const job = virtual.print('kiosk-1', bytes, { layout });
    const png = await virtual.previewPng(job);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const image = await loadImage(png);
    expect(image.width).toBe(384 + 32);
    expect(image.height).toBeGreaterThan(500);
    const wide = await loadImage(await previewPng(ticketLayout(sampleTicket, { width: 80 })));
    expect(wide.width).toBe(576 + 32);
  });
});
