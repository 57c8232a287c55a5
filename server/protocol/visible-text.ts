/** Whether a text shows anything: shared by the schemas and the admin pages (no zod here). */

/**
 * What draws nothing on a screen or on paper: spaces of every kind, format characters (zero-width
 * space and joiners, direction marks, the soft hyphen), other default-ignorable code points (the
 * Hangul filler), controls, combining marks with nothing to sit on, and the blank Braille cell.
 */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{M}\u2800]/gu;

/** Whether a text has something a reader can see (a name of only U+200B shows a blank tile). */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '') !== '';
}
