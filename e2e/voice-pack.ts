/**
 * A quick voice pack for browser tests: every clip of the shipped pack (display/voice), chime
 * included, cut to its first moments and served as the office's own recordings (VOICE_DIR). An
 * announcement keeps its clips, their order and its pauses, but plays in half the time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PACK = path.join(__dirname, '..', 'display', 'voice');

/** The data chunk of a RIFF WAVE file cut to `seconds`, with the file's own format chunk. */
function cutWav(file: Buffer, seconds: number): Buffer {
  if (file.toString('ascii', 0, 4) !== 'RIFF' || file.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('not a RIFF WAVE file');
  }
  let format: Buffer | undefined;
  for (let at = 12; at + 8 <= file.length;) {
    const id = file.toString('ascii', at, at + 4);
    const size = file.readUInt32LE(at + 4);
    const body = file.subarray(at + 8, at + 8 + size);
    if (id === 'fmt ') format = body;
    if (id === 'data') {
      if (!format) throw new Error('a data chunk before the format chunk');
      const byteRate = format.readUInt32LE(8);
      const blockAlign = format.readUInt16LE(12);
      const bytes = Math.min(
        body.length,
        Math.floor((byteRate * seconds) / blockAlign) * blockAlign,
      );
      const header = Buffer.alloc(20);
      header.write('RIFF', 0, 'ascii');
      header.writeUInt32LE(4 + 8 + format.length + 8 + bytes, 4);
      header.write('WAVE', 8, 'ascii');
      header.write('fmt ', 12, 'ascii');
      header.writeUInt32LE(format.length, 16);
      const data = Buffer.alloc(8);
      data.write('data', 0, 'ascii');
      data.writeUInt32LE(bytes, 4);
      return Buffer.concat([header, format, data, body.subarray(0, bytes)]);
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}

/** Writes the quick pack into a new temporary folder; `remove()` deletes it. */
export function quickVoicePack(seconds = 0.15): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbat-quick-voice-'));
  const walk = (from: string, to: string) => {
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
      const source = path.join(from, entry.name);
      if (entry.isDirectory()) {
        fs.mkdirSync(path.join(to, entry.name));
        walk(source, path.join(to, entry.name));
      } else if (entry.name.endsWith('.wav')) {
        fs.writeFileSync(path.join(to, entry.name), cutWav(fs.readFileSync(source), seconds));
      }
    }
  };
  walk(PACK, dir);
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
