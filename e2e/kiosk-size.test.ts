/** The kiosk's JavaScript stays within its budget (jest's global setup has built dist/web). */
import fs from 'node:fs';
import path from 'node:path';
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

describe('what the public pages load', () => {
  it('never includes zod: a value imported from the schemas instead of the constants pulls it in', () => {
    const web = path.join(__dirname, '..', 'dist', 'web');
    for (const page of ['kiosk/index.html', 'kiosk/ticket.html', 'display/index.html']) {
      const html = fs.readFileSync(path.join(web, page), 'utf8');
      const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
      expect(scripts.length).toBeGreaterThan(0);
      for (const s of scripts)
        expect([page, s, fs.readFileSync(path.join(web, s), 'utf8').includes('ZodError')]).toEqual([
          page,
          s,
          false,
        ]);
    }
  });
});
