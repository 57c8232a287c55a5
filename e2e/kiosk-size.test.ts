/** The kiosk's JavaScript stays within its budget (jest's global setup has built dist/web). */
import { KIOSK_JS_BUDGET_BYTES, kioskScriptSizes } from '../bench/kiosk-size';

describe('the kiosk page weight', () => {
  it('loads at most 100 KB of gzipped JavaScript, QR encoder included', () => {
    const sizes = kioskScriptSizes();
    // The entry and its shared chunks; a page that loaded nothing would pass for the wrong reason.
    expect(sizes.some((s) => /\/kiosk-[\w-]+\.js$/.test(s.file))).toBe(true);
    expect(sizes.some((s) => /\/qr-[\w-]+\.js$/.test(s.file))).toBe(true);
    const total = sizes.reduce((sum, s) => sum + s.gzipBytes, 0);
    expect(total).toBeGreaterThan(10 * 1024);
    expect(total).toBeLessThanOrEqual(KIOSK_JS_BUDGET_BYTES);
  });
});
