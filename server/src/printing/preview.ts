/**
 * A picture of the paper a job would come out as, for offices without a printer yet: it replays the
 * ESC/POS bytes like a printer (12×24-dot font, magnification, alignment, raster images, QR codes,
 * the cut), so what it shows is what the bytes say, not what we meant them to say.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { canvasModule } from './canvas-module';
import QRCode from 'qrcode';
import { CODE_PAGE_TABLES, readEscPos, type EscPosOp } from './escpos-reader';
import type { Align, PaperWidth, TicketLayout } from './layout';
import { ensurePrinterFonts, LINE_DOTS, PAPER_DOTS, type RasterImage } from './raster';
import { renderTicket, resolveCodePage, type RenderOptions } from './render';

/** Rendering options (for a layout) and how to read the bytes (for a job). */
export interface PreviewOptions extends RenderOptions {
  /** iconv encodings by `ESC t` number; by default the known tables plus the configured one. */
  readonly tables?: Readonly<Record<number, string>>;
}

const CHAR_W = 12;
const CHAR_H = 24;
const MONO_PX = 23;
/** DejaVu Sans Mono's advance per pixel of font size. */
const MONO_ADVANCE = 0.602;
/** Grey around the paper, so its edges show. */
const MARGIN = 16;

type Item =
  | { kind: 'line'; y: number; height: number; align: Align; segments: Segment[] }
  | { kind: 'image'; y: number; align: Align; image: RasterImage }
  | { kind: 'qr'; y: number; align: Align; cell: number; data: string; level: Level }
  | { kind: 'cut'; y: number };

interface Segment {
  text: string;
  width: number;
  height: number;
  bold: boolean;
}

type Level = 'L' | 'M' | 'Q' | 'H';

/** A PNG of the paper: a job's bytes as the printer would print them, or a layout rendered first. */
export async function previewPng(
  input: Buffer | TicketLayout,
  options: PreviewOptions = {},
): Promise<Buffer> {
  const bytes = Buffer.isBuffer(input) ? input : renderTicket(input, options);
  const codePage = resolveCodePage(options);
  const ops = readEscPos(
    bytes,
    options.tables ?? { ...CODE_PAGE_TABLES, [codePage.table]: codePage.encoding },
  );
  const paper =
    PAPER_DOTS[options.width ?? (Buffer.isBuffer(input) ? guessWidth(ops) : input.width)];
  const { items, height } = place(ops, paper);

  ensurePrinterFonts();
  const canvas = canvasModule().createCanvas(paper + 2 * MARGIN, height + 2 * MARGIN);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#d0d0d0';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#fff';
  ctx.fillRect(MARGIN, MARGIN, paper, height);
  ctx.translate(MARGIN, MARGIN);
  for (const item of items) draw(ctx, item, paper);
  return canvas.encode('png');
}

/** Lays the job out down the paper the way the printer advances it. */
function place(ops: readonly EscPosOp[], paper: number): { items: Item[]; height: number } {
  const feed = new PaperFeed(paper);
  for (const op of ops) feed.apply(op);
  return feed.finish();
}

/** Commands that change how what follows prints, without moving the paper. */
type ModeOp = Extract<
  EscPosOp,
  { op: 'align' | 'bold' | 'size' | 'qrCellSize' | 'qrCorrection' | 'qrStore' }
>;

/** The printer replaying a job: its print mode, the line being filled, and what is on the paper. */
class PaperFeed {
  private readonly items: Item[] = [];
  private y = 8;
  private align: Align = 'left';
  private bold = false;
  private size = { width: 1, height: 1 };
  private line: Segment[] = [];
  private lineAlign: Align = 'left';
  private used = 0;
  private qr = { cell: 3, level: 'M' as Level, data: '' };

  constructor(private readonly paper: number) {}

  /** Replays one command. */
  apply(op: EscPosOp): void {
    switch (op.op) {
      case 'init':
        this.flush(false);
        this.reset();
        break;
      case 'align':
      case 'bold':
      case 'size':
      case 'qrCellSize':
      case 'qrCorrection':
      case 'qrStore':
        this.setMode(op);
        break;
      case 'text':
        this.print(op.text);
        break;
      case 'newline':
        this.flush(true);
        break;
      case 'feed':
        this.flush(false);
        this.y += op.lines * LINE_DOTS;
        break;
      case 'raster':
        this.flush(false);
        this.items.push({ kind: 'image', y: this.y, align: this.align, image: op.image });
        this.y += op.image.height;
        break;
      case 'qrPrint':
        this.printQr();
        break;
      case 'cut':
        this.flush(false);
        this.items.push({ kind: 'cut', y: this.y });
        this.y += 4;
        break;
      case 'unknown':
        this.printUnknown(op.offset);
        break;
      case 'cancelKanji':
      case 'codePage':
      case 'qrModel':
        break;
    }
  }

  /** Everything placed, and the paper's length. */
  finish(): { items: Item[]; height: number } {
    this.flush(false);
    return { items: this.items, height: this.y + 8 };
  }

  private setMode(op: ModeOp): void {
    switch (op.op) {
      case 'align':
        this.align = op.align;
        break;
      case 'bold':
        this.bold = op.on;
        break;
      case 'size':
        this.size = { width: op.width, height: op.height };
        break;
      case 'qrCellSize':
        this.qr = { ...this.qr, cell: op.dots };
        break;
      case 'qrCorrection':
        this.qr = { ...this.qr, level: op.level };
        break;
      case 'qrStore':
        this.qr = { ...this.qr, data: op.data.toString('latin1') };
        break;
    }
  }

  private reset(): void {
    this.align = 'left';
    this.bold = false;
    this.size = { width: 1, height: 1 };
  }

  /** Characters in the current mode, wrapping at the paper's edge. */
  private print(text: string): void {
    for (const ch of text) {
      const w = CHAR_W * this.size.width;
      if (this.used + w > this.paper) this.flush(false);
      if (this.line.length === 0) this.lineAlign = this.align;
      const { width, height } = this.size;
      this.line.push({ text: ch, width, height, bold: this.bold });
      this.used += w;
    }
  }

  /** Ends the current line (an empty one too when `force`: a bare line feed). */
  private flush(force: boolean): void {
    if (this.line.length === 0 && !force) return;
    const tallest = Math.max(1, ...this.line.map((s) => s.height));
    const height = Math.max(LINE_DOTS, CHAR_H * tallest + 6);
    this.items.push({
      kind: 'line',
      y: this.y,
      height,
      align: this.lineAlign,
      segments: this.line,
    });
    this.y += height;
    this.line = [];
    this.used = 0;
  }

  private printQr(): void {
    this.flush(false);
    const { cell, level, data } = this.qr;
    const modules = QRCode.create(data, { errorCorrectionLevel: level }).modules.size;
    this.items.push({ kind: 'qr', y: this.y, align: this.align, cell, data, level });
    this.y += modules * cell;
  }

  /** A bold line saying where the job stopped making sense. */
  private printUnknown(offset: number): void {
    this.flush(false);
    this.items.push({
      kind: 'line',
      y: this.y,
      height: LINE_DOTS,
      align: 'left',
      segments: [...`[unknown ESC/POS at ${offset}]`].map((text) => ({
        text,
        width: 1,
        height: 1,
        bold: true,
      })),
    });
    this.y += LINE_DOTS;
  }
}

function draw(ctx: SKRSContext2D, item: Item, paper: number): void {
  ctx.fillStyle = '#000';
  switch (item.kind) {
    case 'line': {
      const total = item.segments.reduce((sum, s) => sum + CHAR_W * s.width, 0);
      let x = offset(item.align, total, paper);
      const bottom = item.y + item.height - 6;
      for (const s of item.segments) {
        // Font A is 12×24 dots: tall, narrow glyphs; DejaVu Sans Mono squeezed to a 12-dot advance.
        ctx.font = `${MONO_PX * s.height}px ${s.bold ? 'NavbatDejaVuSansMonoBold' : 'NavbatDejaVuSansMono'}`;
        ctx.save();
        ctx.translate(x, bottom - 5 * s.height);
        ctx.scale((CHAR_W * s.width) / (MONO_ADVANCE * MONO_PX * s.height), 1);
        ctx.fillText(s.text, 0, 0);
        ctx.restore();
        x += CHAR_W * s.width;
      }
      break;
    }
    case 'image': {
      const { widthBytes, height, data } = item.image;
      const x0 = offset(item.align, widthBytes * 8, paper);
      for (let row = 0; row < height; row++) {
        for (let col = 0; col < widthBytes * 8; col++) {
          const byte = data[row * widthBytes + (col >> 3)] ?? 0;
          if (byte & (0x80 >> (col & 7))) ctx.fillRect(x0 + col, item.y + row, 1, 1);
        }
      }
      break;
    }
    case 'qr': {
      const m = QRCode.create(item.data, { errorCorrectionLevel: item.level }).modules;
      const x0 = offset(item.align, m.size * item.cell, paper);
      for (let r = 0; r < m.size; r++) {
        for (let c = 0; c < m.size; c++) {
          if (m.get(r, c))
            ctx.fillRect(x0 + c * item.cell, item.y + r * item.cell, item.cell, item.cell);
        }
      }
      break;
    }
    case 'cut':
      ctx.fillStyle = '#888';
      for (let x = 0; x < paper; x += 12) ctx.fillRect(x, item.y, 6, 2);
      break;
  }
}

function offset(align: Align, width: number, paper: number): number {
  switch (align) {
    case 'left':
      return 0;
    case 'center':
      return Math.max(0, Math.floor((paper - width) / 2));
    case 'right':
      return Math.max(0, paper - width);
  }
}

/** 58 mm paper when the job has a 384-dot image, 80 mm otherwise. */
function guessWidth(ops: readonly EscPosOp[]): PaperWidth {
  for (const op of ops) {
    if (op.op === 'raster') return op.image.widthBytes * 8 <= PAPER_DOTS[58] ? 58 : 80;
  }
  return 80;
}
