/**
 * A ticket layout to ESC/POS bytes. Russian, English and Uzbek lines go as text in one Cyrillic code
 * page; a line with any character that code page lacks (Tajik ғ ӣ қ ӯ ҳ ҷ, ʻ, …) goes as a raster
 * image of the same line, so a printer never prints `?`. Synchronous: a Tajik ticket with three of
 * its raster lines new takes ~0.4 ms to render (`npx tsx bench/run.ts --only=print`), one whose
 * lines were kept from earlier tickets (rasterizeLine) ~0.1 ms.
 */
import { CodePages, DEFAULT_CODE_PAGE, type CodePage, type CodePageName } from './code-page';
import { EscPosBuilder } from './escpos-builder';
import { PAPER_COLUMNS, type PaperWidth, type TicketLayout } from './layout';
import { rasterizeLine } from './raster';

/** Per-printer settings from the kiosk's device configuration. */
export interface RenderOptions {
  /** Must match the layout's width when given (the layout is wrapped for it). */
  readonly width?: PaperWidth;
  /** The printer's Cyrillic code page; PC866 unless configured. */
  readonly codePage?: CodePageName;
  /** Overrides the `ESC t` table number for printers that number code pages their own way. */
  readonly codePageTable?: number;
  /** Sends `FS .` after `ESC @`, for Chinese-market printers that start in double-byte mode. */
  readonly cancelKanji?: boolean;
}

/** QR module size in dots: about 25 mm across for a typical ticket URL on either paper. */
const QR_CELL: Readonly<Record<PaperWidth, number>> = { 58: 5, 80: 6 };

/** The complete print job for one ticket: init, code page, lines, QR, feed and cut. */
export function renderTicket(layout: TicketLayout, options: RenderOptions = {}): Buffer {
  const width = options.width ?? layout.width;
  if (width !== layout.width) {
    throw new Error(`layout is for ${layout.width} mm paper, asked to render for ${width} mm`);
  }
  const codePage = resolveCodePage(options);
  const out = new EscPosBuilder(codePage).initialize();
  if (options.cancelKanji) out.cancelKanji();
  out.selectCodePage();

  for (const block of layout.blocks) {
    switch (block.kind) {
      case 'text':
        if (out.canPrintAsText(block.text)) {
          out.align(block.align).size(block.scale).bold(block.bold).textLine(block.text);
          out.bold(false).size(1);
        } else {
          out.align('left').raster(rasterizeLine(block.text, { ...block, width }));
        }
        break;
      case 'rule':
        out.align('left').textLine('-'.repeat(PAPER_COLUMNS[width]));
        break;
      case 'qr':
        out.align('center').qr(asciiUrl(block.data), { cellSize: QR_CELL[width], correction: 'M' });
        break;
    }
  }
  return out.align('left').feed(1).cut().build();
}

/** The code page a renderer with these options prints text in. */
export function resolveCodePage(
  options: Pick<RenderOptions, 'codePage' | 'codePageTable'>,
): CodePage {
  const base = options.codePage ? CodePages[options.codePage] : DEFAULT_CODE_PAGE;
  if (options.codePageTable === undefined) return base;
  if (
    !Number.isInteger(options.codePageTable) ||
    options.codePageTable < 0 ||
    options.codePageTable > 255
  ) {
    throw new Error(`code page table must be 0–255, got ${options.codePageTable}`);
  }
  return { ...base, table: options.codePageTable };
}

/** URLs with non-ASCII parts (a Cyrillic host or path) are punycoded and percent-encoded. */
function asciiUrl(url: string): string {
  if (/^[\x20-\x7e]+$/.test(url)) return url;
  try {
    return new URL(url).href;
  } catch {
    return encodeURI(url);
  }
}
