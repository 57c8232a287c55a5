/**
 * Plays a list of voice-pack clips back to back with Web Audio. Clips are fetched from the server
 * (`/display/voice/…`: the shipped pack, or an office's recordings in VOICE_DIR) and decoded once;
 * the pack is small and fixed, so the cache stays bounded by it. The hall display announces calls
 * with it, the kiosk reads a ticket number aloud.
 */

/** One clip in a sequence, and the silence after it (seconds). */
export interface ClipStep {
  url: string;
  pauseAfter: number;
}

/** How a sequence went: played, or why not. */
export type PlayOutcome = 'played' | 'blocked' | 'failed';

/** The pack description the generator writes (`voice/pack.json`); an office's own pack may change `format`. */
interface PackInfo {
  format: string;
}

const RESUME_WAIT_MS = 1_500;
/** Decoding at the pack's own rate keeps decoded clips small (the browser resamples on output). */
const CONTEXT_RATE = 16_000;
const START_DELAY_S = 0.05;

/** Web Audio output of one display. */
/** How long a clip (or the pack's description) may take to arrive before it is skipped. */
const FETCH_TIMEOUT_MS = 5_000;

export class VoicePlayer {
  private context?: AudioContext;
  private gain?: GainNode;
  private readonly buffers = new Map<string, Promise<AudioBuffer | undefined>>();
  private pack?: Promise<PackInfo>;
  private volumeValue = 1;

  /** @param base where the pack is, ending in `/` (the display's own `voice/` by default). */
  constructor(private readonly base = 'voice/') {}

  /** Output volume, 0–1. */
  set volume(value: number) {
    this.volumeValue = value;
    if (this.gain) this.gain.gain.value = value;
  }

  /** File extension of the clips (`wav` for the generated pack). */
  async format(): Promise<string> {
    this.pack ??= fetch(`${this.base}pack.json`, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) })
      .then((r): Promise<Partial<PackInfo>> | Partial<PackInfo> =>
        r.ok ? (r.json() as Promise<Partial<PackInfo>>) : {},
      )
      .then((p) => ({ format: typeof p.format === 'string' && p.format ? p.format : 'wav' }))
      .catch(() => ({ format: 'wav' }));
    return (await this.pack).format;
  }

  /** Lets the browser start sound after a touch or key where autoplay is not allowed. */
  unlock(): void {
    void this.ensureContext()
      .resume()
      .catch(() => undefined);
  }

  /** Plays `steps` in order; resolves when the last clip has ended (or at once when sound is blocked). */
  async play(steps: readonly ClipStep[]): Promise<PlayOutcome> {
    const context = this.ensureContext();
    if (context.state !== 'running') {
      await Promise.race([
        context.resume().catch(() => undefined),
        new Promise((r) => setTimeout(r, RESUME_WAIT_MS)),
      ]);
    }
    // A display whose browser refuses sound without a gesture stays silent rather than stuck.
    if (context.state !== 'running') return 'blocked';
    const buffers = await Promise.all(steps.map((s) => this.load(s.url)));
    if (buffers.every((b) => b === undefined)) return 'failed';
    let at = context.currentTime + START_DELAY_S;
    steps.forEach((step, i) => {
      const buffer = buffers[i];
      if (!buffer) return;
      const source = context.createBufferSource();
      source.buffer = buffer;
      source.connect(this.gain!);
      source.start(at);
      at += buffer.duration + step.pauseAfter;
    });
    // Timed by the audio clock's schedule, not by `ended` events (they never come if output stalls).
    const remainingMs = (at - context.currentTime) * 1000;
    await new Promise((r) => setTimeout(r, Math.max(0, remainingMs)));
    return 'played';
  }

  /** Releases the audio device. */
  close(): void {
    void this.context?.close().catch(() => undefined);
    this.context = undefined;
    this.gain = undefined;
    this.buffers.clear();
  }

  private ensureContext(): AudioContext {
    if (!this.context) {
      let context: AudioContext;
      try {
        context = new AudioContext({ sampleRate: CONTEXT_RATE, latencyHint: 'playback' });
      } catch {
        context = new AudioContext({ latencyHint: 'playback' });
      }
      const gain = context.createGain();
      gain.gain.value = this.volumeValue;
      gain.connect(context.destination);
      this.context = context;
      this.gain = gain;
    }
    return this.context;
  }

  private load(url: string): Promise<AudioBuffer | undefined> {
    let buffer = this.buffers.get(url);
    if (!buffer) {
      const context = this.ensureContext();
      // A request that never ends (a server going down mid-answer) would hold this clip, and every
      // announcement after it, for good: it counts as failed after a while.
      buffer = fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) })
        .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${r.status}`))))
        .then((bytes) => context.decodeAudioData(bytes))
        .catch(() => {
          // A missing or broken clip is skipped; it is fetched again next time (it may be uploaded).
          this.buffers.delete(url);
          return undefined;
        });
      this.buffers.set(url, buffer);
    }
    return buffer;
  }
}
