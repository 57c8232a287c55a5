/** Ticket printing: layout → ESC/POS bytes → printer, plus a virtual printer with a paper preview. */
export { ticketLabels, type TicketLabels } from './catalogue';
export {
  CodePages,
  DEFAULT_CODE_PAGE,
  decodeFromCodePage,
  encodeInCodePage,
  type CodePage,
  type CodePageName,
} from './code-page';
export { EscPosBuilder, type QrCorrection } from './escpos-builder';
export { CODE_PAGE_TABLES, escPosLines, readEscPos, type EscPosOp } from './escpos-reader';
export {
  formatIssuedAt,
  layoutText,
  Localized,
  PAPER_COLUMNS,
  secondLanguage,
  ticketLayout,
  TicketPrintInput,
  wrapText,
  type Align,
  type PaperWidth,
  type QrBlock,
  type RuleBlock,
  type TextBlock,
  type TextScale,
  type TicketBlock,
  type TicketLayout,
  type TicketLayoutOptions,
  type TicketLineRole,
} from './layout';
export { previewPng, type PreviewOptions } from './preview';
export {
  ensurePrinterFonts,
  LINE_DOTS,
  PAPER_DOTS,
  rasterCommand,
  rasterizeText,
  type RasterImage,
  type RasterTextOptions,
} from './raster';
export { renderTicket, resolveCodePage, type RenderOptions } from './render';
export {
  DEFAULT_TCP_PORT,
  DEFAULT_TIMEOUT_MS,
  formatPrinterTarget,
  parsePrinterUrl,
  PrinterError,
  probePrinter,
  sendToPrinter,
  VirtualPrinter,
  type PrinterFailure,
  type PrinterTarget,
  type SendOptions,
  type VirtualJob,
} from './transports';
