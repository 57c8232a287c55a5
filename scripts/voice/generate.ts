/**
 * Generates the hall display's voice pack with espeak-ng (a development-time tool: the generated clips
 * are committed, CI and servers never need espeak-ng). `npx tsx scripts/voice/generate.ts`
 *
 * The manifest (clip name → words) is ui/voice-words.ts. Output: display/voice/<lang>/<name>.wav
 * (mono, 16 kHz, 8-bit PCM, silence trimmed, peak-normalised), display/voice/chime.wav (synthesised)
 * display/voice/pack.json and display/voice/CLIPS.md (what each clip says). `--phonemes`: only print the Tajik phoneme strings.
 *
 * espeak-ng has no Tajik voice: Tajik clips are spoken by its Russian voice from phonemes written for
 * the Tajik words (ҷ→dZ, ғ→g, қ→k, ӯ→u, ҳ→x, ӣ→i, unreduced vowels, stress on the last syllable as
 * Tajik has it). It sounds like a Russian speaker reading Tajik: understandable, not native; an office
 * should replace it with its own recordings (see the README).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { VoiceLanguages, voiceManifest, type VoiceLanguage } from '../../ui/voice-words';

const OUT_DIR = path.resolve(__dirname, '../../display/voice');
const RATE = 16_000;
const SPEED_WPM = 150;
const SILENCE = 0.02;
const PAD_S = 0.03;

/** Tajik letters as phonemes of espeak-ng's Russian voice (no vowel reduction: Tajik has none). */
const TAJIK_PHONEMES: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ғ: 'g',
  д: 'd',
  е: 'e',
  ё: 'jo',
  ж: 'Z',
  з: 'z',
  и: 'i',
  ӣ: 'i',
  й: 'j',
  к: 'k',
  қ: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ӯ: 'u',
  ф: 'f',
  х: 'x',
  ҳ: 'x',
  ч: 'tS;',
  ҷ: 'dZ;',
  ш: 'S',
  ъ: '',
  э: 'e',
  ю: 'ju',
  я: 'ja',
};
const TAJIK_VOWELS = new Set(['а', 'е', 'ё', 'и', 'ӣ', 'о', 'у', 'ӯ', 'э', 'ю', 'я']);

/**
 * Tajik words as phoneme input (`[[…]]`) for espeak-ng's Russian voice: it would otherwise guess a
 * Russian stress (it ignores stress accents); Tajik stresses the last syllable, the one before an
 * unstressed izafat or joining ending.
 */
function tajikPhonemes(text: string, unstressedEnding: boolean): string {
  const words = text
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((word) => {
      const letters = [...word];
      const vowels = letters.flatMap((ch, i) => (TAJIK_VOWELS.has(ch) ? [i] : []));
      const stressed =
        vowels.length > 1 && unstressedEnding ? vowels[vowels.length - 2] : vowels.at(-1);
      return letters
        .map((ch, i) => {
          const ph = TAJIK_PHONEMES[ch] ?? '';
          // The stress mark goes before the vowel itself (after the glide of ё, ю, я).
          if (i !== stressed) return ph;
          return ph.startsWith('j') ? `j'${ph.slice(1)}` : `'${ph}`;
        })
        .join('');
    });
  return `[[${words.join(' ')}]]`;
}

/** espeak-ng's WAV (mono 16-bit) as samples in -1..1 and its rate. */
function speak(text: string, voice: string): { samples: Float32Array; rate: number } {
  const wav = execFileSync('espeak-ng', ['-v', voice, '-s', String(SPEED_WPM), '--stdout', text]);
  const rate = wav.readUInt32LE(24);
  let offset = 12;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    let size = wav.readUInt32LE(offset + 4);
    if (id === 'data') {
      // espeak-ng writing to a pipe leaves the size unknown (0 or 0xffffffff).
      if (size === 0 || offset + 8 + size > wav.length) size = wav.length - offset - 8;
      const samples = new Float32Array(Math.floor(size / 2));
      for (let i = 0; i < samples.length; i++)
        samples[i] = wav.readInt16LE(offset + 8 + i * 2) / 32768;
      return { samples, rate };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error(`no audio from espeak-ng for "${text}"`);
}

function trim(samples: Float32Array, rate: number): Float32Array {
  let start = 0;
  let end = samples.length;
  while (start < end && Math.abs(samples[start]!) < SILENCE) start++;
  while (end > start && Math.abs(samples[end - 1]!) < SILENCE) end--;
  const pad = Math.round(PAD_S * rate);
  return samples.slice(Math.max(0, start - pad), Math.min(samples.length, end + pad));
}

/** Linear resampling after a light low-pass (enough for speech going from 22 kHz to 16 kHz). */
function resample(samples: Float32Array, from: number, to: number): Float32Array {
  const smooth = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    smooth[i] = 0.25 * (samples[i - 1] ?? 0) + 0.5 * samples[i]! + 0.25 * (samples[i + 1] ?? 0);
  }
  const out = new Float32Array(Math.floor((samples.length * to) / from));
  for (let i = 0; i < out.length; i++) {
    const x = (i * from) / to;
    const k = Math.floor(x);
    const f = x - k;
    out[i] = (smooth[k] ?? 0) * (1 - f) + (smooth[k + 1] ?? 0) * f;
  }
  return out;
}

function normalise(samples: Float32Array, peak = 0.9): Float32Array {
  let max = 0;
  for (const s of samples) max = Math.max(max, Math.abs(s));
  if (max === 0) return samples;
  return samples.map((s) => (s / max) * peak);
}

/** A mono 8-bit unsigned PCM WAV file. */
function wav8(samples: Float32Array, rate: number): Buffer {
  const data = Buffer.alloc(samples.length);
  for (let i = 0; i < samples.length; i++) {
    data[i] = Math.max(0, Math.min(255, Math.round(samples[i]! * 127 + 128)));
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate, 28);
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** "Ding-dong": two decaying bell tones, about a second. */
function chime(): Float32Array {
  const notes = [
    { at: 0, freq: 880, len: 0.55 },
    { at: 0.38, freq: 659.25, len: 0.8 },
  ];
  const out = new Float32Array(Math.round(1.2 * RATE));
  for (const n of notes) {
    const start = Math.round(n.at * RATE);
    for (let i = 0; i < n.len * RATE && start + i < out.length; i++) {
      const t = i / RATE;
      const env = Math.min(1, t / 0.01) * Math.exp(-t * 4.5);
      const tone = Math.sin(2 * Math.PI * n.freq * t) + 0.3 * Math.sin(4 * Math.PI * n.freq * t);
      out[start + i]! += 0.45 * env * tone;
    }
  }
  return normalise(out, 0.8);
}

function main(): void {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('espeak-ng is not installed: apt-get install -y espeak-ng');
  }
  fs.mkdirSync(OUT_DIR, { recursive: true });
  let total = 0;
  const write = (file: string, bytes: Buffer): void => {
    fs.writeFileSync(file, bytes);
    total += bytes.length;
  };
  write(path.join(OUT_DIR, 'chime.wav'), wav8(chime(), RATE));
  const listing: string[] = [
    '# Voice pack clips',
    '',
    'Generated by `npx tsx scripts/voice/generate.ts` (espeak-ng) from ui/voice-words.ts.',
    'An office that records its own voice saves files of the same names (see the README).',
    '',
    '- `chime.wav`: the two-tone chime before every announcement',
  ];
  for (const language of VoiceLanguages as readonly VoiceLanguage[]) {
    const dir = path.join(OUT_DIR, language);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir);
    const manifest = voiceManifest(language);
    for (const clip of manifest) {
      const text =
        language === 'tg' ? tajikPhonemes(clip.text, clip.unstressedEnding ?? false) : clip.text;
      const { samples, rate } = speak(text, 'ru');
      const audio = normalise(resample(trim(samples, rate), rate, RATE));
      write(path.join(dir, `${clip.name}.wav`), wav8(audio, RATE));
    }
    listing.push('', `## ${language}`, '');
    for (const clip of manifest) listing.push(`- \`${language}/${clip.name}.wav\`: ${clip.text}`);
    console.log(`${language}: ${manifest.length} clips`);
  }
  const languages = VoiceLanguages.map((l) => `"${l}"`).join(', ');
  fs.writeFileSync(
    path.join(OUT_DIR, 'pack.json'),
    `{\n  "format": "wav",\n  "languages": [${languages}]\n}\n`,
  );
  fs.writeFileSync(path.join(OUT_DIR, 'CLIPS.md'), `${listing.join('\n')}\n`);
  console.log(`${OUT_DIR}: ${(total / 1024).toFixed(0)} KiB of audio`);
}

// `--phonemes` prints what the Russian voice is given for each Tajik clip, for checking by ear or eye.
if (process.argv.includes('--phonemes')) {
  for (const c of voiceManifest('tg')) {
    console.log(`${c.name}\t${c.text}\t${tajikPhonemes(c.text, c.unstressedEnding ?? false)}`);
  }
} else {
  main();
}
