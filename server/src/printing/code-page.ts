/** Printer code pages for Cyrillic text, and the test whether a line can be printed as text at all. */
import iconv from 'iconv-lite';

/** A single-byte code page: the `ESC t n` table number and the matching iconv encoding. */
export interface CodePage {
  readonly name: CodePageName;
  /** `n` in `ESC t n` on Epson-compatible printers (cheap clones sometimes number tables differently). */
  readonly table: number;
  readonly encoding: string;
}

/** The Cyrillic code pages a printer can be configured with. */
export const CodePages = {
  /** DOS Cyrillic: Russian letters, Ё/ё and №; Epson table 17, present on nearly every clone. */
  pc866: { name: 'pc866', table: 17, encoding: 'cp866' },
  /** Windows Cyrillic: Epson table 46. */
  wpc1251: { name: 'wpc1251', table: 46, encoding: 'win1251' },
} as const satisfies Record<string, { name: string; table: number; encoding: string }>;
/** `pc866` or `wpc1251`. */
export type CodePageName = keyof typeof CodePages;

/** The code page used unless a printer's configuration says otherwise. */
export const DEFAULT_CODE_PAGE: CodePage = CodePages.pc866;

/**
 * The bytes of `text` in `codePage`, or null when some character has no place in it (Tajik ғ ӣ қ ӯ ҳ ҷ,
 * the Uzbek ʻ, dashes…): such a line must be drawn as an image, never sent with question marks.
 */
export function encodeInCodePage(text: string, codePage: CodePage): Buffer | null {
  const bytes = iconv.encode(text, codePage.encoding);
  return iconv.decode(bytes, codePage.encoding) === text ? bytes : null;
}

/** Decodes bytes that were printed as text in `codePage`. */
export function decodeFromCodePage(bytes: Buffer, codePage: CodePage): string {
  return iconv.decode(bytes, codePage.encoding);
}
