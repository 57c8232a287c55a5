/**
 * Lines that no printer code page can hold are drawn with DejaVu Sans and sent as a raster image
 * (`GS v 0`): one bit per dot, 1 = black, rows top to bottom, the leftmost dot in the high bit.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { canvasModule } from './canvas-module';
import type { Align, PaperWidth, TextScale } from './layout';

/** Printable dots across the paper at 203 dpi. */
export const PAPER_DOTS: Readonly<Record<PaperWidth, number>> = { 58: 384, 80: 576 };

/** Height of one text line in dots at scale 1: the 24-dot font plus the default line spacing. */
export const LINE_DOTS = 30;

/** A 1-bit image ready for `GS v 0`. */
export interface RasterImage {
  /** Width in bytes (dots / 8). */
  readonly widthBytes: number;
  /** Height in dots. */
  readonly height: number;
  /** `widthBytes * height` bytes, MSB first. */
  readonly data: Buffer;
}

/** Paper, size, weight and placement of a rasterised line. */
export interface RasterTextOptions {
  readonly width: PaperWidth;
  readonly scale: TextScale;
  readonly bold: boolean;
  readonly align: Align;
}

const FONT_REGULAR = 'NavbatDejaVuSans';
const FONT_BOLD = 'NavbatDejaVuSansBold';
/** Dots with at least this much ink (alpha, 0–255) print black: half covered and more. */
const INK = 128;
const SIDE_MARGIN = 4;

let fontsReady = false;

/**
 * Registers DejaVu Sans from the `dejavu-fonts-ttf` package with the canvas, once per process.
 * The fonts are resolved through Node's module resolution, so they follow node_modules wherever the
 * server runs from (source, dist or a bundle that keeps node_modules).
 */
export function ensurePrinterFonts(): void {
  if (fontsReady) return;
  for (const [alias, file] of [
    [FONT_REGULAR, 'DejaVuSans.ttf'],
    [FONT_BOLD, 'DejaVuSans-Bold.ttf'],
    ['NavbatDejaVuSansMono', 'DejaVuSansMono.ttf'],
    ['NavbatDejaVuSansMonoBold', 'DejaVuSansMono-Bold.ttf'],
  ] as const) {
    const path = require.resolve(`dejavu-fonts-ttf/ttf/${file}`);
    if (
      !canvasModule().GlobalFonts.registerFromPath(path, alias) &&
      !canvasModule().GlobalFonts.has(alias)
    ) {
      throw new Error(`could not load the printer font ${path}`);
    }
  }
  fontsReady = true;
}

/**
 * Draws one line of text across the paper and converts it to a 1-bit raster image. The text is
 * drawn black on a transparent surface, and only the columns its ink covers are read back: reading
 * pixels costs in proportion to their number (~0.3 ms for a whole 80 mm line, several times the
 * drawing), and a line's text seldom spans half the paper.
 */
export function rasterizeText(text: string, options: RasterTextOptions): RasterImage {
  ensurePrinterFonts();
  const widthDots = PAPER_DOTS[options.width];
  const height = LINE_DOTS * options.scale;
  const ctx = surface(widthDots, height);
  ctx.clearRect(0, 0, widthDots, height);
  ctx.fillStyle = '#000';

  const family = options.bold ? FONT_BOLD : FONT_REGULAR;
  const room = widthDots - 2 * SIDE_MARGIN;
  let size = 24 * options.scale;
  ctx.font = `${size}px ${family}`;
  let metrics = ctx.measureText(text);
  if (metrics.width > room) {
    // Shrink rather than cut: the layout wraps by character count, and DejaVu is a little wider
    // than the printer's own 12-dot font.
    size = Math.max(10, Math.floor((size * room) / metrics.width));
    ctx.font = `${size}px ${family}`;
    metrics = ctx.measureText(text);
  }
  const x = startX(options.align, metrics.width, widthDots);
  const ascent = metrics.fontBoundingBoxAscent;
  const descent = metrics.fontBoundingBoxDescent;
  const baseline = Math.round((height - (ascent + descent)) / 2 + ascent);
  ctx.fillText(text, x, baseline);
  // The ink's columns, with a dot to spare on each side for anti-aliasing.
  const from = clamp(Math.floor(x - metrics.actualBoundingBoxLeft) - 1, 0, widthDots);
  const to = clamp(Math.ceil(x + metrics.actualBoundingBoxRight) + 1, from, widthDots);
  if (to === from) return toRaster(new Uint8Array(0), widthDots, height, { from, span: 0 });
  const { data } = ctx.getImageData(from, 0, to - from, height);
  return toRaster(data, widthDots, height, { from, span: to - from });
}

/**
 * One drawing surface per paper and line height, reused line after line (a line is drawn and read
 * synchronously, before another starts): a new canvas painted white cost more than the text.
 */
const surfaces = new Map<string, SKRSContext2D>();

function surface(widthDots: number, height: number): SKRSContext2D {
  const key = `${widthDots}x${height}`;
  let ctx = surfaces.get(key);
  if (!ctx) {
    ctx = canvasModule().createCanvas(widthDots, height).getContext('2d');
    surfaces.set(key, ctx);
  }
  return ctx;
}

function clamp(n: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, n));
}

/**
 * How many rasterised lines are kept for reuse. A ticket's raster lines (the office, the service, the
 * labels, the wait in minutes) repeat ticket after ticket; drawing one costs about a tenth of a
 * millisecond of CPU, a kept one nothing. At most ~13 KB each (scale 6 on 80 mm paper), so ≤ 3.4 MB in all.
 */
export const RASTER_LINES_KEPT = 256;
const keptLines = new Map<string, RasterImage>();

/**
 * {@link rasterizeText} through a small least-recently-used store. The image returned is shared by
 * every ticket that prints the same line: read it, never write into its `data`.
 */
export function rasterizeLine(text: string, options: RasterTextOptions): RasterImage {
  const key = `${options.width}|${options.scale}|${options.bold ? 1 : 0}|${options.align}|${text}`;
  const kept = keptLines.get(key);
  if (kept) {
    keptLines.delete(key);
    keptLines.set(key, kept);
    return kept;
  }
  const image = rasterizeText(text, options);
  keptLines.set(key, image);
  if (keptLines.size > RASTER_LINES_KEPT) keptLines.delete(keptLines.keys().next().value!);
  return image;
}

/** How many rasterised lines are kept now (for tests). */
export function rasterLinesKept(): number {
  return keptLines.size;
}

/** `GS v 0` with m = 0 (normal density): `1D 76 30 00 xL xH yL yH` and the bits. */
export function rasterCommand(image: RasterImage): Buffer {
  const header = Buffer.from([
    0x1d,
    0x76,
    0x30,
    0x00,
    image.widthBytes & 0xff,
    (image.widthBytes >> 8) & 0xff,
    image.height & 0xff,
    (image.height >> 8) & 0xff,
  ]);
  return Buffer.concat([header, image.data]);
}

/**
 * Thresholds a drawing's coverage and packs 8 dots a byte. `pixels` are RGBA bytes of black ink on
 * a transparent ground (a dot's alpha is its ink), `box.span` columns wide from dot `box.from`
 * (by default the whole width); every dot outside the box is white.
 */
export function toRaster(
  pixels: Uint8Array | Uint8ClampedArray,
  widthDots: number,
  height: number,
  box: { from: number; span: number } = { from: 0, span: widthDots },
): RasterImage {
  const widthBytes = Math.ceil(widthDots / 8);
  const data = Buffer.alloc(widthBytes * height);
  const { from, span } = box;
  for (let y = 0; y < height; y++) {
    const row = y * span * 4 + 3;
    for (let dot = 0; dot < span; dot++) {
      if ((pixels[row + dot * 4] ?? 0) < INK) continue;
      const x = from + dot;
      data[y * widthBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { widthBytes, height, data };
}

function startX(align: Align, textWidth: number, widthDots: number): number {
  switch (align) {
    case 'left':
      return SIDE_MARGIN;
    case 'center':
      return Math.max(SIDE_MARGIN, Math.round((widthDots - textWidth) / 2));
    case 'right':
      return Math.max(SIDE_MARGIN, Math.round(widthDots - SIDE_MARGIN - textWidth));
  }
}
