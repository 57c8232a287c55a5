/**
 * @napi-rs/canvas, loaded on the first raster line or preview rather than at start: its native code
 * is about 19 MB of RSS that a server whose tickets print as plain text never needs.
 */
import type * as Canvas from '@napi-rs/canvas';

let loaded: typeof Canvas | undefined;

export function canvasModule(): typeof Canvas {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load needs require: raster drawing is synchronous
  loaded ??= require('@napi-rs/canvas') as typeof Canvas;
  return loaded;
}
