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
  const at = (k: number) => bytes[k] ?? 0;
  const need = (n: number) => i + n <= bytes.length;
  const unknown = () => ops.push({ op: 'unknown', offset: i, bytes: bytes.subarray(i, i + 8) });

  while (i < bytes.length) {
    const b = at(i);
    if (b === LF) {
      ops.push({ op: 'newline' });
      i += 1;
    } else if (b === ESC && need(2)) {
      const c = at(i + 1);
      if (c === 0x40) {
        ops.push({ op: 'init' });
        encoding = tables[0] ?? 'cp437';
        i += 2;
      } else if (c === 0x74 && need(3)) {
        const table = at(i + 2);
        encoding = tables[table] ?? 'cp437';
        ops.push({ op: 'codePage', table });
        i += 3;
      } else if (c === 0x61 && need(3)) {
        const n = at(i + 2) % 48;
        ops.push({ op: 'align', align: n === 1 ? 'center' : n === 2 ? 'right' : 'left' });
        i += 3;
      } else if (c === 0x45 && need(3)) {
        ops.push({ op: 'bold', on: (at(i + 2) & 1) === 1 });
        i += 3;
      } else if (c === 0x64 && need(3)) {
        ops.push({ op: 'feed', lines: at(i + 2) });
        i += 3;
      } else {
        unknown();
        break;
      }
    } else if (b === FS && at(i + 1) === 0x2e) {
      ops.push({ op: 'cancelKanji' });
      i += 2;
    } else if (b === GS && need(2)) {
      const c = at(i + 1);
      if (c === 0x21 && need(3)) {
        const n = at(i + 2);
        ops.push({ op: 'size', width: (n >> 4) + 1, height: (n & 0x0f) + 1 });
        i += 3;
      } else if (c === 0x56 && need(3)) {
        const m = at(i + 2);
        ops.push({ op: 'cut', partial: m === 1 || m === 49 || m === 66 });
        i += m >= 65 ? 4 : 3;
      } else if (c === 0x76 && at(i + 2) === 0x30 && need(8)) {
        const widthBytes = at(i + 4) | (at(i + 5) << 8);
        const height = at(i + 6) | (at(i + 7) << 8);
        const start = i + 8;
        const data = bytes.subarray(start, start + widthBytes * height);
        ops.push({ op: 'raster', mode: at(i + 3), image: { widthBytes, height, data } });
        i = start + widthBytes * height;
      } else if (c === 0x28 && at(i + 2) === 0x6b && need(5)) {
        const length = at(i + 3) | (at(i + 4) << 8);
        const body = bytes.subarray(i + 5, i + 5 + length);
        ops.push(qrOp(body));
        i += 5 + length;
      } else {
        unknown();
        break;
      }
    } else if (b < 0x20 || b === 0x7f) {
      unknown();
      break;
    } else {
      let end = i;
      while (end < bytes.length && at(end) >= 0x20 && at(end) !== 0x7f) end++;
      const run = bytes.subarray(i, end);
      ops.push({ op: 'text', bytes: run, text: iconv.decode(run, encoding) });
      i = end;
    }
  }
  return ops;
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
