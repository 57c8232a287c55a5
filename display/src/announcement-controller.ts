/**
 * The hall's voice: every call is announced with a chime, then in Tajik, then in Russian, one after
 * another — an announcement is never cut off by the next call, which waits its turn. The last
 * announcements are listed on `window.__navbatAnnouncements` (what was said, when, and how it went).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SoundSettings } from './sound-settings';
import { VoicePlayer, type ClipStep, type PlayOutcome } from '../../ui/voice-player';
import { VoiceLanguages, announcementClips } from '../../ui/voice-words';

/** One announcement as it went (the newest last). */
export interface AnnouncementRecord {
  ticket: string;
  window: string;
  /** Clip URLs in the order they are played. */
  clips: string[];
  status: 'queued' | 'playing' | 'dropped' | PlayOutcome;
  queuedAt: number;
  startedAt?: number;
  endedAt?: number;
}

declare global {
  interface Window {
    /** The hall display's recent announcements, for tests and for whoever debugs a silent hall. */
    __navbatAnnouncements?: AnnouncementRecord[];
  }
}

/** More calls than this waiting to be spoken: the oldest waiting one is skipped (the screen shows it). */
const MAX_WAITING = 8;
const LOG_SIZE = 30;
const PAUSE_AFTER_CHIME_S = 0.25;
const PAUSE_BETWEEN_WORDS_S = 0.06;
const PAUSE_BETWEEN_LANGUAGES_S = 0.7;

/** Announces calls through the display's voice pack, in order, never overlapping. */
export class AnnouncementController implements ReactiveController {
  private readonly player = new VoicePlayer();
  private readonly waiting: AnnouncementRecord[] = [];
  private running = false;
  private readonly settings: SoundSettings;
  private readonly unlock = (): void => this.player.unlock();
  private readonly host: ReactiveControllerHost;
  private currentRecord?: AnnouncementRecord;
  private startedCount = 0;

  constructor(host: ReactiveControllerHost, settings: SoundSettings) {
    this.host = host;
    this.settings = settings;
    this.player.volume = settings.volume;
    host.addController(this);
  }

  hostConnected(): void {
    window.__navbatAnnouncements ??= [];
    if (!this.settings.enabled) return;
    // Where the browser wants a gesture before sound, the first touch or key enables it.
    window.addEventListener('pointerdown', this.unlock);
    window.addEventListener('keydown', this.unlock);
  }

  hostDisconnected(): void {
    window.removeEventListener('pointerdown', this.unlock);
    window.removeEventListener('keydown', this.unlock);
    for (const w of this.waiting.splice(0)) w.status = 'dropped';
    this.player.close();
  }

  /** The call being announced now, if any: the hall display's big panel shows this one. */
  get current(): AnnouncementRecord | undefined {
    return this.currentRecord;
  }

  /** How many announcements have started since the page opened (each one flashes the panel). */
  get started(): number {
    return this.startedCount;
  }

  /** Takes back waiting announcements of calls that are no longer true (served, transferred…). */
  dropWhere(stale: (record: AnnouncementRecord) => boolean): void {
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const record = this.waiting[i]!;
      if (!stale(record)) continue;
      record.status = 'dropped';
      this.waiting.splice(i, 1);
    }
  }

  /** Calls waiting for their announcement, oldest first (the display's "next" strip). */
  get queued(): readonly AnnouncementRecord[] {
    return this.waiting;
  }

  /** Queues "ticket → window"; a repeat of one still waiting is not queued twice. */
  announce(ticket: string, window: string): void {
    if (!this.settings.enabled) return;
    if (this.waiting.some((w) => w.ticket === ticket && w.window === window)) return;
    if (this.waiting.length >= MAX_WAITING) {
      const skipped = this.waiting.shift();
      if (skipped) skipped.status = 'dropped';
      this.host.requestUpdate();
    }
    const record: AnnouncementRecord = {
      ticket,
      window,
      clips: [],
      status: 'queued',
      queuedAt: Date.now(),
    };
    this.log(record);
    this.waiting.push(record);
    this.host.requestUpdate();
    void this.run();
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let next = this.waiting.shift(); next; next = this.waiting.shift()) {
        this.currentRecord = next;
        this.startedCount++;
        this.host.requestUpdate();
        await this.play(next);
      }
    } finally {
      this.running = false;
      this.currentRecord = undefined;
      this.host.requestUpdate();
    }
  }

  private async play(record: AnnouncementRecord): Promise<void> {
    const format = await this.player.format();
    const steps = this.steps(record.ticket, record.window, format);
    record.clips = steps.map((s) => s.url);
    record.status = 'playing';
    record.startedAt = Date.now();
    try {
      record.status = await this.player.play(steps);
    } catch {
      record.status = 'failed';
    }
    record.endedAt = Date.now();
  }

  private steps(ticket: string, window: string, format: string): ClipStep[] {
    const steps: ClipStep[] = [{ url: `voice/chime.${format}`, pauseAfter: PAUSE_AFTER_CHIME_S }];
    VoiceLanguages.forEach((language, li) => {
      const clips = announcementClips(language, ticket, window);
      clips.forEach((name, ci) => {
        const lastOfLanguage = ci === clips.length - 1;
        const pauseAfter = !lastOfLanguage
          ? PAUSE_BETWEEN_WORDS_S
          : li < VoiceLanguages.length - 1
            ? PAUSE_BETWEEN_LANGUAGES_S
            : 0;
        steps.push({ url: `voice/${language}/${name}.${format}`, pauseAfter });
      });
    });
    return steps;
  }

  private log(record: AnnouncementRecord): void {
    const log = (window.__navbatAnnouncements ??= []);
    log.push(record);
    if (log.length > LOG_SIZE) log.splice(0, log.length - LOG_SIZE);
  }
}
