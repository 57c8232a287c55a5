import { createCanvas } from '@napi-rs/canvas';
import { ThermalPrinter, PrinterTypes } from 'node-thermal-printer';
import { CodePages, encodeInCodePage } from './code-page';
import { EscPosBuilder } from './escpos-builder';
import { rasterCommand, rasterizeText, toRaster, PAPER_DOTS } from './raster';

const hex = (b: Buffer) => b.toString('hex').replace(/(..)/g, '$1 ').trim();
const pc866 = () => new EscPosBuilder(CodePages.pc866);

describe('EscPosBuilder bytes (checked against the Epson ESC/POS reference)', () => {
  it('initialises with ESC @ and selects PC866 with ESC t 17', () => {
    expect(hex(pc866().initialize().selectCodePage().build())).toBe('1b 40 1b 74 11');
    expect(hex(new EscPosBuilder(CodePages.wpc1251).selectCodePage().build())).toBe('1b 74 2e');
  });

  it('uses the same ESC t tables as node-thermal-printer', () => {
    const lib = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '' });
    lib.setCharacterSet('PC866_CYRILLIC2');
    lib.setCharacterSet('WPC1251_CYRILLIC');
    expect(hex(lib.getBuffer())).toBe('1b 74 11 1b 74 2e');
  });

  it('writes alignment, bold and GS ! magnification', () => {
    const bytes = pc866().align('center').bold(true).size(3).size(2).size(1).bold(false).build();
    expect(hex(bytes)).toBe('1b 61 01 1b 45 01 1d 21 22 1d 21 11 1d 21 00 1b 45 00');
  });

  it('encodes Russian text in PC866 itself, followed by LF', () => {
    // П р и в е т  Ё  №  in code page 866, byte by byte from the table.
    expect(hex(pc866().textLine('Привет Ё №').build())).toBe('8f e0 a8 a2 a5 e2 20 f0 20 fc 0a');
    expect(hex(new EscPosBuilder(CodePages.wpc1251).textLine('Привет').build())).toBe(
      'cf f0 e8 e2 e5 f2 0a',
    );
  });

  it('refuses to print a Tajik letter as text rather than sending a question mark', () => {
    for (const letter of 'ғӣқӯҳҷҒӢҚӮҲҶ') {
      expect(pc866().canPrintAsText(`Ра${letter}ам`)).toBe(false);
      expect(encodeInCodePage(letter, CodePages.pc866)).toBeNull();
      expect(encodeInCodePage(letter, CodePages.wpc1251)).toBeNull();
      expect(() => pc866().textLine(letter)).toThrow(/print it as raster/);
    }
    expect(pc866().canPrintAsText('Oʻzbekiston')).toBe(false);
  });

  it('turns control characters in office text into spaces, so a name cannot inject commands', () => {
    expect(hex(pc866().textLine('A\x1bd\x05B').build())).toBe('41 20 64 20 42 0a');
  });

  it('writes a QR code as GS ( k: model 2, cell size, correction M, store, print', () => {
    const url = 'https://x.tj/t/1';
    const expected = [
      '1d 28 6b 04 00 31 41 32 00', // model 2
      '1d 28 6b 03 00 31 43 06', // module 6 dots
      '1d 28 6b 03 00 31 45 31', // correction M
      `1d 28 6b ${(url.length + 3).toString(16).padStart(2, '0')} 00 31 50 30 ${hex(Buffer.from(url))}`,
      '1d 28 6b 03 00 31 51 30', // print
      '0a',
    ].join(' ');
    expect(hex(pc866().qr(url, { cellSize: 6, correction: 'M' }).build())).toBe(expected);
  });

  it('writes the QR length in two bytes for long data and refuses non-ASCII data', () => {
    const long = `https://navbat.example.tj/t/${'a'.repeat(300)}`;
    const bytes = pc866().qr(long, { cellSize: 3, correction: 'L' }).build();
    const n = long.length + 3;
    expect(
      bytes.includes(Buffer.from([0x1d, 0x28, 0x6b, n & 0xff, n >> 8, 0x31, 0x50, 0x30])),
    ).toBe(true);
    expect(() => pc866().qr('https://навбат.тч/t/1', { cellSize: 3, correction: 'M' })).toThrow(
      /ASCII/,
    );
  });

  it('feeds past the cutter, cuts with GS V 0 and re-initialises', () => {
    expect(hex(pc866().feed(1).cut().build())).toBe('1b 64 01 1b 64 04 1d 56 00 1b 40');
  });
});

describe('raster lines', () => {
  it('packs dots MSB first, 1 = black, with the GS v 0 header 1D 76 30 00 xL xH yL yH', () => {
    // Black ink on a transparent ground, as rasterizeText draws; a half-covered dot is ink.
    const canvas = createCanvas(16, 2);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, 1, 1); // row 0, dot 0
    ctx.fillRect(9, 0, 1, 1); // row 0, dot 9
    ctx.fillRect(15, 1, 1, 1); // row 1, dot 15
    ctx.fillStyle = 'rgba(0, 0, 0, 0.4)';
    ctx.fillRect(4, 1, 1, 1); // too faint to print
    const image = toRaster(canvas.data(), 16, 2);
    expect(hex(rasterCommand(image))).toBe('1d 76 30 00 02 00 02 00 80 40 00 01');
  });

  it('packs the same bits as node-thermal-printer (which writes m = 0x30 where we write 0)', async () => {
    const image = rasterizeText('Ҷамъияти ғайридавлатӣ', {
      width: 58,
      scale: 1,
      bold: false,
      align: 'left',
    });
    // Rebuild the picture as a PNG and let the library convert it.
    const canvas = createCanvas(PAPER_DOTS[58], image.height);
    const ctx = canvas.getContext('2d');
    const rgba = ctx.createImageData(PAPER_DOTS[58], image.height);
    for (let i = 0; i < PAPER_DOTS[58] * image.height; i++) {
      const bit = (image.data[i >> 3] ?? 0) & (0x80 >> (i & 7));
      rgba.data.set(bit ? [0, 0, 0, 255] : [255, 255, 255, 255], i * 4);
    }
    ctx.putImageData(rgba, 0, 0);
    const lib = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '' });
    await lib.printImageBuffer(await canvas.encode('png'));
    const theirs = lib.getBuffer();
    const ours = rasterCommand(image);
    expect(hex(theirs.subarray(0, 8))).toBe('1d 76 30 30 30 00 1e 00');
    expect(hex(ours.subarray(0, 8))).toBe('1d 76 30 00 30 00 1e 00');
    expect(theirs.subarray(8).equals(ours.subarray(8))).toBe(true);
  });

  it('draws every Tajik letter with ink (DejaVu Sans has them all)', () => {
    for (const letter of 'ғӣқӯҳҷҒӢҚӮҲҶ') {
      const { data } = rasterizeText(letter, { width: 80, scale: 1, bold: false, align: 'left' });
      const black = data.reduce((sum, byte) => sum + bitCount(byte), 0);
      expect(black).toBeGreaterThan(20);
    }
  });

  it('is 576 dots (72 bytes) wide on 80 mm and 384 (48 bytes) on 58 mm, 30 dots a line per scale', () => {
    const opts = { scale: 1, bold: false, align: 'center' } as const;
    expect(rasterizeText('ҷ', { ...opts, width: 80 })).toMatchObject({
      widthBytes: 72,
      height: 30,
    });
    expect(rasterizeText('ҷ', { ...opts, width: 58 })).toMatchObject({
      widthBytes: 48,
      height: 30,
    });
    expect(rasterizeText('ҷ', { ...opts, width: 58, scale: 3 }).height).toBe(90);
  });

  it('shrinks a line wider than the paper (32 bold Ҳ on 58 mm) instead of cutting it off', () => {
    const image = rasterizeText('Ҳ'.repeat(32), { width: 58, scale: 1, bold: true, align: 'left' });
    const column = (byteIndex: number) =>
      Array.from({ length: image.height }, (_, y) => image.data[y * 48 + byteIndex] ?? 0);
    // The last four dots are margin; the first glyph starts in the first byte.
    expect(column(47).every((byte) => (byte & 0x0f) === 0)).toBe(true);
    expect(column(46).some((byte) => byte !== 0)).toBe(true);
    expect(column(0).some((byte) => byte !== 0)).toBe(true);
  });
});

describe('a line read back only where its ink is', () => {
  /** The line as drawn before: on a white canvas, every pixel read, red under 128 is ink. */
  function onWhite(text: string, o: { width: 58 | 80; scale: 1 | 2 | 6; bold: boolean }) {
    const width = PAPER_DOTS[o.width];
    const height = 30 * o.scale;
    const ctx = createCanvas(width, height).getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#000';
    const family = o.bold ? 'NavbatDejaVuSansBold' : 'NavbatDejaVuSans';
    let size = 24 * o.scale;
    ctx.font = `${size}px ${family}`;
    let m = ctx.measureText(text);
    if (m.width > width - 8) {
      size = Math.max(10, Math.floor((size * (width - 8)) / m.width));
      ctx.font = `${size}px ${family}`;
      m = ctx.measureText(text);
    }
    const x = Math.max(4, Math.round(width - 4 - m.width)); // right-aligned: ink near the edge
    const asc = m.fontBoundingBoxAscent;
    ctx.fillText(text, x, Math.round((height - (asc + m.fontBoundingBoxDescent)) / 2 + asc));
    const rgba = ctx.getImageData(0, 0, width, height).data;
    const dots: number[] = [];
    for (let i = 0; i < width * height; i++) dots.push((rgba[i * 4] ?? 255) < 128 ? 1 : 0);
    return dots;
  }

  it('prints the dots of the whole line read on white, but for a few on the glyphs’ edges', () => {
    const worst: number[] = [];
    for (const text of ['Ҷ014', 'Интизорӣ ~15 дақ.', 'ӯҳҷқғӣ ҶӮҲ', 'Ҳ'.repeat(32)]) {
      for (const o of [
        { width: 80, scale: 1, bold: false },
        { width: 58, scale: 2, bold: true },
        { width: 80, scale: 6, bold: true },
      ] as const) {
        const image = rasterizeText(text, { ...o, align: 'right' });
        const width = PAPER_DOTS[o.width];
        let ink = 0;
        let differ = 0;
        onWhite(text, o).forEach((dot, i) => {
          const x = i % width;
          const row = image.data.subarray(Math.floor(i / width) * image.widthBytes);
          ink += dot;
          if ((((row[x >> 3] ?? 0) >> (7 - (x & 7))) & 1) !== dot) differ++;
        });
        expect(ink).toBeGreaterThan(100);
        worst.push(differ / ink);
      }
    }
    // Coverage read as alpha rounds a half-covered dot a little differently from white blending
    // (at most 0.7 % of a line’s ink here); a line read 3 dots short of its ink loses 2.3 %.
    expect(Math.max(...worst)).toBeLessThan(0.01);
  });
});

function bitCount(byte: number): number {
  let n = 0;
  for (let b = byte; b; b >>= 1) n += b & 1;
  return n;
}
