/**
 * The hall display's voice: how numbers and calls are composed from clips in Tajik and Russian, and
 * that the shipped pack has a clip for everything an announcement can ask for.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer } from '../server/src/testing/harness';
import { VoiceLanguages, announcementClips, numberClips, voiceManifest } from '../ui/voice-words';

const PACK = path.join(__dirname, '..', 'display', 'voice');

describe('voice announcements', () => {
  it('reads numbers with the joining -у in Tajik and plainly in Russian', () => {
    expect(numberClips('tg', 0)).toEqual(['n0']);
    expect(numberClips('tg', 14)).toEqual(['n14']);
    expect(numberClips('tg', 20)).toEqual(['n20']);
    expect(numberClips('tg', 23)).toEqual(['n20u', 'n3']);
    expect(numberClips('tg', 100)).toEqual(['n100']);
    expect(numberClips('tg', 110)).toEqual(['n100u', 'n10']);
    expect(numberClips('tg', 123)).toEqual(['n100u', 'n20u', 'n3']);
    expect(numberClips('tg', 999)).toEqual(['n900u', 'n90u', 'n9']);
    expect(numberClips('ru', 123)).toEqual(['n100', 'n20', 'n3']);
    expect(numberClips('ru', 305)).toEqual(['n300', 'n5']);
    expect(numberClips('ru', 40)).toEqual(['n40']);
    expect(() => numberClips('ru', 1000)).toThrow(RangeError);
  });

  it('says "Чиптаи А014 — равзанаи 3" and "Талон А014 — окно 3" clip by clip', () => {
    expect(announcementClips('tg', 'A014', '3')).toEqual([
      'ticket',
      'letter-a',
      'n14',
      'window',
      'n3',
    ]);
    expect(announcementClips('ru', 'K120', '12')).toEqual([
      'ticket',
      'letter-k',
      'n100',
      'n20',
      'window',
      'n12',
    ]);
    // A window named with letters is spelt; long digit runs are read digit by digit.
    expect(announcementClips('ru', 'B007', 'A2')).toEqual([
      'ticket',
      'letter-b',
      'n7',
      'window',
      'letter-a',
      'n2',
    ]);
    expect(announcementClips('tg', 'C001', '1234').slice(-4)).toEqual(['n1', 'n2', 'n3', 'n4']);
  });

  it('ships a clip for every word any ticket (A000–Z999) at any window 1–999 needs', () => {
    for (const language of VoiceLanguages) {
      const manifest = new Set(voiceManifest(language).map((c) => c.name));
      const needed = new Set<string>();
      for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
        for (let n = 0; n < 1000; n += 1) {
          for (const clip of announcementClips(
            language,
            `${letter}${String(n).padStart(3, '0')}`,
            String(n || 1),
          )) {
            needed.add(clip);
          }
        }
      }
      for (const clip of needed) {
        expect(manifest).toContain(clip);
        const file = path.join(PACK, language, `${clip}.wav`);
        expect(fs.existsSync(file) ? file : `missing ${file}`).toBe(file);
      }
      expect(needed.size).toBe(manifest.size);
    }
    expect(fs.existsSync(path.join(PACK, 'chime.wav'))).toBe(true);
  });

  it('keeps the shipped pack small: mono 16 kHz 8-bit clips, about a megabyte in all', () => {
    let total = 0;
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.name.endsWith('.wav')) {
          const bytes = fs.readFileSync(file);
          expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
          expect(bytes.readUInt16LE(22)).toBe(1);
          expect(bytes.readUInt32LE(24)).toBe(16_000);
          expect(bytes.readUInt16LE(34)).toBe(8);
          total += bytes.length;
        }
      }
    };
    walk(PACK);
    expect(total).toBeLessThan(1.2 * 2 ** 20);
  });

  it('serves the pack at /display/voice/, the office recordings of VOICE_DIR first', async () => {
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'navbat-voice-'));
    fs.mkdirSync(path.join(own, 'tg'));
    fs.writeFileSync(path.join(own, 'tg', 'ticket.wav'), 'RIFF-recorded-by-the-office');
    const server = await startTestServer({ voiceDir: own, demo: false });
    try {
      const get = (file: string) => fetch(`${server.url}/display/voice/${file}`);
      const recorded = await get('tg/ticket.wav');
      expect(recorded.status).toBe(200);
      expect(await recorded.text()).toBe('RIFF-recorded-by-the-office');
      expect(recorded.headers.get('cache-control')).toBe('no-cache');
      // What the office did not record comes from the shipped pack.
      const shipped = await get('ru/ticket.wav');
      expect(shipped.status).toBe(200);
      expect(Buffer.from(await shipped.arrayBuffer())).toEqual(
        fs.readFileSync(path.join(PACK, 'ru', 'ticket.wav')),
      );
      expect(await (await get('pack.json')).json()).toMatchObject({ format: 'wav' });
      const missing = await get('tg/nothing.wav');
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
    } finally {
      await server.close();
      fs.rmSync(own, { recursive: true, force: true });
    }
  });
});
