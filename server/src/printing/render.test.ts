import iconv from 'iconv-lite';
import { CodePages } from './code-page';
import { readEscPos, type EscPosOp } from './escpos-reader';
import { FakeTcpPrinter } from '../testing/fake-tcp-printer';
import { ticketLayout, type PaperWidth, type TicketPrintInput } from './layout';
import { renderTicket } from './render';
import { RASTER_LINES_KEPT, rasterLinesKept, rasterizeLine, rasterizeText } from './raster';
import { elderlyPriority, sampleTicket } from '../testing/ticket-fixtures';
import { parsePrinterUrl } from './printer-target';
import { sendToPrinter } from './transports';

// The fake printers listen on loopback, which PRINTER_NETWORKS leaves out unless told (as here).
process.env.PRINTER_NETWORKS = '127.0.0.0/8';

const ESC_AT = Buffer.from([0x1b, 0x40]);
const SELECT_PC866 = Buffer.from([0x1b, 0x74, 17]);
const GS_V = Buffer.from([0x1d, 0x56]);
const GS_V_0 = Buffer.from([0x1d, 0x76, 0x30, 0x00]);
const QR_STORE = Buffer.from([0x1d, 0x28, 0x6b]);

let printer: FakeTcpPrinter;
beforeEach(async () => {
  printer = await FakeTcpPrinter.start();
});
afterEach(() => printer.close());

/** Renders the ticket and prints it on the fake network printer; returns what the printer got. */
async function printOnFake(input: TicketPrintInput, width: PaperWidth = 80): Promise<Buffer> {
  const bytes = renderTicket(ticketLayout(input, { width }), { width });
  const received = printer.nextJob();
  await sendToPrinter(parsePrinterUrl(printer.url), bytes, { timeoutMs: 3000 });
  const job = await received;
  expect(job.equals(bytes)).toBe(true);
  return job;
}

function textOps(ops: readonly EscPosOp[]): string[] {
  return ops.flatMap((op) => (op.op === 'text' ? [op.text] : []));
}

function rasters(ops: readonly EscPosOp[]) {
  return ops.flatMap((op) => (op.op === 'raster' ? [op] : []));
}

describe('a Russian ticket on a network printer', () => {
  const russian = { ...sampleTicket, language: 'ru' as const, priority: elderlyPriority };

  it('starts with ESC @, selects the Cyrillic code page right after, and ends with the cut', async () => {
    const job = await printOnFake(russian);
    expect(job.subarray(0, 2).equals(ESC_AT)).toBe(true);
    expect(job.subarray(2, 5).equals(SELECT_PC866)).toBe(true);
    const cut = job.lastIndexOf(GS_V);
    expect(cut).toBeGreaterThan(job.length - 8);
    expect(job[cut + 2]).toBe(0x00);
  });

  it('prints the number large and the service name as PC866 text, no image needed', async () => {
    const job = await printOnFake(russian);
    expect(job.includes(iconv.encode('Регистрация брака', 'cp866'))).toBe(true);
    // Centred, GS ! 0x55 (six times the width and height), bold, the number, LF.
    const number = Buffer.from([
      0x1b,
      0x61,
      1,
      0x1d,
      0x21,
      0x55,
      0x1b,
      0x45,
      1,
      ...Buffer.from('B014\n'),
    ]);
    expect(job.includes(number)).toBe(true);
    const ops = readEscPos(job);
    const text = textOps(ops);
    expect(text).toEqual(
      expect.arrayContaining([
        'ЗАГС района Сино, г. Душанбе',
        'Регистрация брака',
        'Ваш номер',
        'B014',
        '* Инвалиды и пожилые *',
        '25.11.2026 09:05',
        'Перед вами: 3 чел.',
        'Ожидание ~15 мин',
      ]),
    );
    // Only the Tajik second-language line needs an image.
    expect(rasters(ops)).toHaveLength(1);
  });

  it.each([
    [80, 12],
    [58, 9],
  ] as const)(
    'prints the number at least %i mm paper → %i mm tall, the largest text on the ticket',
    async (width, minMm) => {
      const ops = readEscPos(await printOnFake(russian, width));
      let height = 1;
      let numberDots = 0;
      let tallestOther = 0;
      for (const op of ops) {
        if (op.op === 'size') height = op.height;
        if (op.op !== 'text') continue;
        // The standard font is 24 dots tall; a 203 dpi head prints 8 dots per millimetre.
        const dots = 24 * height;
        if (op.text === 'B014') numberDots = dots;
        else tallestOther = Math.max(tallestOther, dots);
      }
      expect(numberDots / 8).toBeGreaterThanOrEqual(minMm);
      expect(numberDots).toBeGreaterThan(tallestOther);
      for (const image of rasters(ops)) expect(image.image.height).toBeLessThan(numberDots);
    },
  );

  it('stores the public URL in the QR code (GS ( k … 31 50 30 URL) and prints it', async () => {
    const job = await printOnFake(russian);
    const url = Buffer.from(sampleTicket.publicUrl, 'ascii');
    const n = url.length + 3;
    const store = Buffer.concat([QR_STORE, Buffer.from([n & 0xff, n >> 8, 0x31, 0x50, 0x30]), url]);
    const at = job.indexOf(store);
    expect(at).toBeGreaterThan(0);
    const print = Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30]);
    expect(job.indexOf(print)).toBe(at + store.length);
  });
});

describe('a Tajik ticket', () => {
  it('draws the lines with Tajik letters as GS v 0 images and never sends them as text', async () => {
    const job = await printOnFake(sampleTicket);
    const ops = readEscPos(job);
    const images = rasters(ops);
    // Office (ШАҚ, ноҳия), service (ақд, никоҳ), "Рақами навбати шумо", "Интизорӣ ~15 дақ.".
    expect(images).toHaveLength(4);
    expect(job.includes(GS_V_0)).toBe(true);
    for (const image of images) expect(image.mode).toBe(0);

    const service = sampleTicket.serviceName.tg;
    expect(job.includes(iconv.encode(service, 'cp866'))).toBe(false); // the "?"-riddled version
    expect(job.includes(Buffer.from(service, 'utf8'))).toBe(false);
    for (const text of textOps(ops)) expect(text).not.toContain('?');
    // No question mark byte anywhere outside images and the QR data.
    const outside = ops.flatMap((op) => (op.op === 'text' ? [op.bytes] : []));
    expect(Buffer.concat(outside).includes(0x3f)).toBe(false);
  });

  it('keeps Tajik lines that happen to use only Russian letters as text', async () => {
    const job = await printOnFake(sampleTicket);
    expect(textOps(readEscPos(job))).toEqual(
      expect.arrayContaining(['Пеш аз шумо: 3 нафар', 'Талон B014: Регистрация брака']),
    );
  });

  it('sizes the images to the paper: 72 bytes (576 dots) on 80 mm, 48 bytes (384 dots) on 58 mm', async () => {
    const header = (job: Buffer) => job.subarray(job.indexOf(GS_V_0), job.indexOf(GS_V_0) + 8);
    const wide = await printOnFake(sampleTicket, 80);
    const narrow = await printOnFake(sampleTicket, 58);
    expect([...header(wide)]).toEqual([0x1d, 0x76, 0x30, 0x00, 72, 0, 30, 0]);
    expect([...header(narrow)]).toEqual([0x1d, 0x76, 0x30, 0x00, 48, 0, 30, 0]);
    for (const op of rasters(readEscPos(narrow))) expect(op.image.widthBytes).toBe(48);
    for (const op of rasters(readEscPos(wide))) expect(op.image.widthBytes).toBe(72);
  });

  it('draws a Tajik ticket number as an image as tall as the text number (at least 12 mm)', () => {
    const bytes = renderTicket(ticketLayout({ ...sampleTicket, number: 'Ҷ014' }, { width: 80 }));
    const heights = rasters(readEscPos(bytes)).map((op) => op.image.height);
    // 6 × 30 dots (the 24-dot font and its line spacing) = 22.5 mm at 8 dots per mm.
    expect(heights).toContain(180);
  });
});

describe('raster lines kept from earlier tickets', () => {
  it('print the same bytes as lines drawn afresh, ticket after ticket', () => {
    const layout = ticketLayout(sampleTicket, { width: 80 });
    const first = renderTicket(layout);
    expect(renderTicket(layout).equals(first)).toBe(true);
    // Every image of the ticket is the one rasterizeText draws for its line now.
    const drawn = layout.blocks.flatMap((b) =>
      b.kind === 'text' && /[ғӣқӯҳҷҒӢҚӮҲҶ]/.test(b.text)
        ? [rasterizeText(b.text, { ...b, width: 80 })]
        : [],
    );
    expect(rasters(readEscPos(first)).map((op) => op.image.data)).toEqual(
      drawn.map((image) => image.data),
    );
  });

  it('keep a line per paper, size, weight and placement, and no more than their bound', () => {
    const style = { width: 80, scale: 1, bold: false, align: 'left' } as const;
    const plain = rasterizeLine('Интизорӣ ~15 дақ.', style);
    expect(rasterizeLine('Интизорӣ ~15 дақ.', style)).toBe(plain);
    expect(
      rasterizeLine('Интизорӣ ~15 дақ.', { ...style, bold: true }).data.equals(plain.data),
    ).toBe(false);
    expect(rasterizeLine('Интизорӣ ~15 дақ.', { ...style, width: 58 }).widthBytes).toBe(48);
    for (let minutes = 0; minutes < RASTER_LINES_KEPT + 40; minutes++) {
      rasterizeLine(`Интизорӣ ~${minutes} дақ.`, style);
    }
    expect(rasterLinesKept()).toBe(RASTER_LINES_KEPT);
    // The oldest went first; a line drawn again is the same image as before.
    expect(rasterizeLine('Интизорӣ ~15 дақ.', style).data.equals(plain.data)).toBe(true);
  });
});

describe('renderTicket options', () => {
  it('can print in WPC1251 or with a clone printer’s own table number and FS . first', () => {
    const layout = ticketLayout({ ...sampleTicket, language: 'ru' }, { width: 58 });
    const win = renderTicket(layout, { codePage: 'wpc1251' });
    expect([...win.subarray(0, 5)]).toEqual([0x1b, 0x40, 0x1b, 0x74, 46]);
    expect(win.includes(iconv.encode('Регистрация брака', CodePages.wpc1251.encoding))).toBe(true);
    const clone = renderTicket(layout, { codePageTable: 59, cancelKanji: true });
    expect([...clone.subarray(0, 7)]).toEqual([0x1b, 0x40, 0x1c, 0x2e, 0x1b, 0x74, 59]);
  });

  it('refuses to render a layout on paper it was not wrapped for', () => {
    const layout = ticketLayout(sampleTicket, { width: 80 });
    expect(() => renderTicket(layout, { width: 58 })).toThrow(/80 mm.*58 mm/);
  });

  it('percent-encodes a URL with Cyrillic in it before it goes into the QR code', () => {
    const layout = ticketLayout(
      { ...sampleTicket, publicUrl: 'https://navbat.example.tj/талон/1' },
      { width: 80 },
    );
    const ops = readEscPos(renderTicket(layout));
    const stored = ops.find((op) => op.op === 'qrStore');
    expect(stored?.op === 'qrStore' && stored.data.toString('ascii')).toBe(
      'https://navbat.example.tj/%D1%82%D0%B0%D0%BB%D0%BE%D0%BD/1',
    );
  });
});
