/**
 * ESC/POS bytes for Epson-compatible receipt printers, on top of node-thermal-printer's command
 * tables. Every command it emits is pinned byte for byte in escpos-builder.test.ts; where the
 * library would do something we do not want (switch code pages by itself and print `?`, count QR
 * data in UTF-16 units) this class encodes or checks the input itself.
 */
import { BreakLine, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { encodeInCodePage, type CodePage } from './code-page';
import type { Align, TextScale } from './layout';
import { rasterCommand, type RasterImage } from './raster';

/** QR error correction level. */
export type QrCorrection = 'L' | 'M' | 'Q' | 'H';

/**
 * Builds one print job. Each method appends and returns `this`; `build()` hands out the bytes.
 * The library appends by copying its whole buffer into a new one (`Buffer.concat`), so a ticket of
 * ~40 commands and 9 KB of raster copied itself ~40 times: the library holds only the few bytes of
 * its own commands since our last append (text, raster), and the parts are joined once in `build()`.
 */
export class EscPosBuilder {
  readonly #printer: ThermalPrinter;
  readonly #codePage: CodePage;
  readonly #chunks: Buffer[] = [];

  constructor(codePage: CodePage) {
    this.#codePage = codePage;
    // No interface: this object only collects bytes. No characterSet either, since the library
    // would emit `ESC t` before our `ESC @`, which resets the code page again.
    this.#printer = new ThermalPrinter({
      type: PrinterTypes.EPSON,
      interface: '',
      breakLine: BreakLine.NONE,
    });
  }

  /** `ESC @`: clears the printer's buffer and modes. */
  initialize(): this {
    this.#push(Buffer.from([0x1b, 0x40]));
    return this;
  }

  /** `FS .`: leaves double-byte Kanji/Chinese mode, which Chinese-market printers start in. */
  cancelKanji(): this {
    this.#push(Buffer.from([0x1c, 0x2e]));
    return this;
  }

  /** `ESC t n`: selects the code page this builder encodes text in. */
  selectCodePage(): this {
    const table = this.#codePage.table;
    this.#push(Buffer.from([0x1b, 0x74, table]));
    return this;
  }

  /** `ESC a n`. */
  align(align: Align): this {
    switch (align) {
      case 'left':
        this.#printer.alignLeft();
        break;
      case 'center':
        this.#printer.alignCenter();
        break;
      case 'right':
        this.#printer.alignRight();
        break;
    }
    return this;
  }

  /** `ESC E n`. */
  bold(on: boolean): this {
    this.#printer.bold(on);
    return this;
  }

  /** `GS ! n` with the same magnification across and down. */
  size(scale: TextScale): this {
    // The library packs (height, width) into one byte; equal factors make its order irrelevant.
    this.#printer.setTextSize(scale - 1, scale - 1);
    return this;
  }

  /** Whether `text` can be printed as text in this builder's code page. */
  canPrintAsText(text: string): boolean {
    return encodeInCodePage(printable(text), this.#codePage) !== null;
  }

  /** The text in the code page, then LF. Throws when a character is missing: draw it as raster. */
  textLine(text: string): this {
    const bytes = encodeInCodePage(printable(text), this.#codePage);
    if (!bytes) {
      throw new Error(
        `"${text}" has characters outside ${this.#codePage.name}; print it as raster`,
      );
    }
    this.#push(bytes);
    this.#printer.newLine();
    return this;
  }

  /** `GS v 0` raster image. */
  raster(image: RasterImage): this {
    this.#push(rasterCommand(image));
    return this;
  }

  /** `GS ( k`: model 2, cell size, correction, store the data, print. ASCII data only. */
  qr(data: string, options: { cellSize: number; correction: QrCorrection }): this {
    // The library writes the data length as `str.length`, which is the byte count only for ASCII.
    if (!/^[\x20-\x7e]+$/.test(data)) {
      throw new Error(`QR data must be printable ASCII (percent-encode URLs): "${data}"`);
    }
    if (!Number.isInteger(options.cellSize) || options.cellSize < 1 || options.cellSize > 8) {
      throw new Error(`QR cell size must be 1–8 dots, got ${options.cellSize}`);
    }
    this.#printer.printQR(data, { model: 2, ...options });
    this.#printer.newLine();
    return this;
  }

  /** `ESC d n`: prints the buffer and feeds n lines. */
  feed(lines: number): this {
    this.#push(Buffer.from([0x1b, 0x64, Math.max(0, Math.min(255, lines))]));
    return this;
  }

  /** Feeds 4 lines past the cutter, `GS V 0` (full cut), then `ESC @` for the next job. */
  cut(): this {
    this.#printer.cut({ verticalTabAmount: 1 });
    return this;
  }

  /** The bytes appended so far. */
  build(): Buffer {
    this.#take();
    return Buffer.concat(this.#chunks);
  }

  /** Appends bytes of our own (after what the library holds, which goes first). */
  #push(bytes: Buffer): void {
    this.#take();
    this.#chunks.push(bytes);
  }

  /** Moves what the library's commands appended since the last call into the job. */
  #take(): void {
    const held = this.#printer.getBuffer();
    if (!held?.length) return;
    this.#chunks.push(held);
    this.#printer.clear();
  }
}

/** Control characters in office-entered text would become printer commands: spaces instead. */
function printable(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out += code < 0x20 || code === 0x7f ? ' ' : ch;
  }
  return out;
}
