/**
 * Reads back the ESC/POS subset that renderTicket writes, as a printer would: the virtual printer
 * and the paper preview work from the bytes, so they show what the hardware would get.
 */
import iconv from 'iconv-lite';
import type { Align } from './layout';
import type { RasterImage } from './raster';

/** One command or run of text in a print job. */
export type EscPosOp =
  | { readonly op: 'init' }
  | { readonly op: 'cancelKanji' }
  | { readonly op: 'codePage'; readonly table: number }
  | { readonly op: 'align'; readonly align: Align }
  | { readonly op: 'bold'; readonly on: boolean }
  | { readonly op: 'size'; readonly width: number; readonly height: number }
  | { readonly op: 'text'; readonly bytes: Buffer; readonly text: string }
  | { readonly op: 'newline' }
  | { readonly op: 'feed'; readonly lines: number }
  | { readonly op: 'raster'; readonly mode: number; readonly image: RasterImage }
  | { readonly op: 'qrModel'; readonly model: number }
  | { readonly op: 'qrCellSize'; readonly dots: number }
  | { readonly op: 'qrCorrection'; readonly level: 'L' | 'M' | 'Q' | 'H' }
  | { readonly op: 'qrStore'; readonly data: Buffer }
  | { readonly op: 'qrPrint' }
  | { readonly op: 'cut'; readonly partial: boolean }
  | { readonly op: 'unknown'; readonly offset: number; readonly bytes: Buffer };

/** iconv encodings of the `ESC t` tables we know; text in other tables is read as PC437. */
export const CODE_PAGE_TABLES: Readonly<Record<number, string>> = {
  0: 'cp437',
  17: 'cp866',
  46: 'win1251',
};

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const LF = 0x0a;

/**
 * Splits a job into commands. An unknown command ends the reading with an `unknown` op: its length
 * cannot be guessed, and reading on would turn image bytes into text.
 */
export function readEscPos(bytes: Buffer, tables = CODE_PAGE_TABLES): EscPosOp[] {
  const ops: EscPosOp[] = [];
  let encoding = tables[0] ?? 'cp437';
  let i = 0;
  while (i < bytes.length) {
    const read = readCommand(bytes, i, encoding);
    if (!read) {
      ops.push({ op: 'unknown', offset: i, bytes: bytes.subarray(i, i + 8) });
      break;
    }
    if (read.op.op === 'init') encoding = tables[0] ?? 'cp437';
    if (read.op.op === 'codePage') encoding = tables[read.op.table] ?? 'cp437';
    ops.push(read.op);
    i += read.length;
  }
  return ops;
}

/** A command read at an offset of the job, and how many bytes it took. */
interface ReadOp {
  op: EscPosOp;
  length: number;
}

/** The byte at `k`, 0 past the end (as a truncated command reads). */
function byteAt(bytes: Buffer, k: number): number {
  return bytes[k] ?? 0;
}

/** The command or text run at `i`; undefined for a command this reader does not know. */
function readCommand(bytes: Buffer, i: number, encoding: string): ReadOp | undefined {
  const b = byteAt(bytes, i);
  if (b === LF) return { op: { op: 'newline' }, length: 1 };
  if (b === ESC && i + 2 <= bytes.length) return readEsc(bytes, i);
  if (b === FS && byteAt(bytes, i + 1) === 0x2e) return { op: { op: 'cancelKanji' }, length: 2 };
  if (b === GS && i + 2 <= bytes.length) return readGs(bytes, i);
  if (b < 0x20 || b === 0x7f) return undefined;
  return readText(bytes, i, encoding);
}

/** `ESC @` (reset), `ESC t` (code page), `ESC a` (alignment), `ESC E` (bold), `ESC d` (feed). */
function readEsc(bytes: Buffer, i: number): ReadOp | undefined {
  const c = byteAt(bytes, i + 1);
  if (c === 0x40) return { op: { op: 'init' }, length: 2 };
  if (i + 3 > bytes.length) return undefined;
  const n = byteAt(bytes, i + 2);
  switch (c) {
    case 0x74:
      return { op: { op: 'codePage', table: n }, length: 3 };
    case 0x61: {
      const a = n % 48;
      return {
        op: { op: 'align', align: a === 1 ? 'center' : a === 2 ? 'right' : 'left' },
        length: 3,
      };
    }
    case 0x45:
      return { op: { op: 'bold', on: (n & 1) === 1 }, length: 3 };
    case 0x64:
      return { op: { op: 'feed', lines: n }, length: 3 };
    default:
      return undefined;
  }
}

/** `GS !` (size), `GS V` (cut), `GS v 0` (raster image), `GS ( k` (QR code). */
function readGs(bytes: Buffer, i: number): ReadOp | undefined {
  const c = byteAt(bytes, i + 1);
  const need = (n: number) => i + n <= bytes.length;
  if (c === 0x21 && need(3)) {
    const n = byteAt(bytes, i + 2);
    return { op: { op: 'size', width: (n >> 4) + 1, height: (n & 0x0f) + 1 }, length: 3 };
  }
  if (c === 0x56 && need(3)) {
    const m = byteAt(bytes, i + 2);
    return { op: { op: 'cut', partial: m === 1 || m === 49 || m === 66 }, length: m >= 65 ? 4 : 3 };
  }
  if (c === 0x76 && byteAt(bytes, i + 2) === 0x30 && need(8)) {
    const widthBytes = byteAt(bytes, i + 4) | (byteAt(bytes, i + 5) << 8);
    const height = byteAt(bytes, i + 6) | (byteAt(bytes, i + 7) << 8);
    const data = bytes.subarray(i + 8, i + 8 + widthBytes * height);
    const image = { widthBytes, height, data };
    return {
      op: { op: 'raster', mode: byteAt(bytes, i + 3), image },
      length: 8 + widthBytes * height,
    };
  }
  if (c === 0x28 && byteAt(bytes, i + 2) === 0x6b && need(5)) {
    const length = byteAt(bytes, i + 3) | (byteAt(bytes, i + 4) << 8);
    return { op: qrOp(bytes.subarray(i + 5, i + 5 + length)), length: 5 + length };
  }
  return undefined;
}

/** A run of printable bytes, decoded in the code page in force. */
function readText(bytes: Buffer, i: number, encoding: string): ReadOp {
  let end = i;
  while (end < bytes.length && byteAt(bytes, end) >= 0x20 && byteAt(bytes, end) !== 0x7f) end++;
  const run = bytes.subarray(i, end);
  return { op: { op: 'text', bytes: run, text: iconv.decode(run, encoding) }, length: end - i };
}

/** The job as text lines, images and codes described in brackets, for job lists and logs. */
export function escPosLines(bytes: Buffer, tables = CODE_PAGE_TABLES): string[] {
  const lines: string[] = [];
  let line = '';
  let qrData = '';
  for (const op of readEscPos(bytes, tables)) {
    switch (op.op) {
      case 'text':
        line += op.text;
        break;
      case 'newline':
        if (line) lines.push(line);
        line = '';
        break;
      case 'raster':
        lines.push(`[image ${op.image.widthBytes * 8}×${op.image.height}]`);
        break;
      case 'qrStore':
        qrData = op.data.toString('latin1');
        break;
      case 'qrPrint':
        lines.push(`[QR ${qrData}]`);
        break;
      case 'cut':
        lines.push('[cut]');
        break;
      case 'unknown':
        lines.push(`[unknown command at byte ${op.offset}]`);
        break;
      case 'init':
      case 'cancelKanji':
      case 'codePage':
      case 'align':
      case 'bold':
      case 'size':
      case 'feed':
      case 'qrModel':
      case 'qrCellSize':
      case 'qrCorrection':
        break;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function qrOp(body: Buffer): EscPosOp {
  const [cn, fn, a = 0] = body;
  if (cn !== 0x31) return { op: 'unknown', offset: -1, bytes: body.subarray(0, 8) };
  switch (fn ?? -1) {
    case 0x41:
      return { op: 'qrModel', model: a - 0x30 };
    case 0x43:
      return { op: 'qrCellSize', dots: a };
    case 0x45:
      return { op: 'qrCorrection', level: (['L', 'M', 'Q', 'H'] as const)[a - 0x30] ?? 'M' };
    case 0x50:
      return { op: 'qrStore', data: body.subarray(3) };
    case 0x51:
      return { op: 'qrPrint' };
    default:
      return { op: 'unknown', offset: -1, bytes: body.subarray(0, 8) };
  }
}
