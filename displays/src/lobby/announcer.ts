/**
 * Queues call announcements and plays them one after another, never cutting
 * one off: chime, then the Indonesian text through `speechSynthesis`
 * (lang `id-ID`), waiting for the utterance's end (or a safety timeout)
 * before the next. Without an Indonesian voice it plays the chime only.
 */
import { playChime, warmUpAudio } from '../shared/chime.js';

export type VoiceState = 'unknown' | 'available' | 'unavailable';

export interface AnnouncerOptions {
  /** Voice availability changed (for the status corner). */
  onVoiceState: (s: VoiceState) => void;
  /** A text was handed to speech synthesis (spoken = true) or only chimed (false). */
  onAnnounce: (text: string, spoken: boolean) => void;
  /** The queue ran empty: nothing is being announced. */
  onIdle?: () => void;
}

interface QueuedText {
  text: string;
  /** Runs when this text's turn comes, before its chime (the screen shows it then). */
  onStart?: (() => void) | undefined;
}

/** How long to wait for voices to load before deciding there is no Indonesian one. */
const VOICE_WAIT_MS = 2000;
/** A pause after a chime-only announcement so calls stay distinct. */
const SILENT_GAP_MS = 800;

/** Upper bound for one utterance, in case `onend` never fires (a known Chromium quirk). */
export function safetyTimeoutMs(text: string): number {
  return 5000 + text.length * 150;
}

export class Announcer {
  voiceState: VoiceState = 'unknown';
  private readonly queue: QueuedText[] = [];
  private draining = false;
  private disposed = false;
  private voice: SpeechSynthesisVoice | null = null;
  private readonly voiceReady: Promise<void>;
  /** Held so the utterance is not garbage-collected before `onend` (Chromium drops its events then). */
  private current: SpeechSynthesisUtterance | null = null;

  constructor(private readonly opts: AnnouncerOptions) {
    this.voiceReady = this.findVoice();
    setTimeout(warmUpAudio, 0);
  }

  /** Adds a text to the queue; it is announced after every earlier one has finished. */
  enqueue(text: string, onStart?: () => void): void {
    if (this.disposed) return;
    this.queue.push({ text, onStart });
    if (!this.draining) void this.drain();
  }

  /** Stops after the current step; drops the queue. */
  dispose(): void {
    this.disposed = true;
    this.queue.length = 0;
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      await this.voiceReady;
      for (let item = this.queue.shift(); item !== undefined && !this.disposed; item = this.queue.shift()) {
        const text = item.text;
        item.onStart?.();
        // Let the screen paint the call before any audio work.
        await new Promise((r) => setTimeout(r, 50));
        await playChime();
        if (this.voice) {
          this.opts.onAnnounce(text, true);
          await this.speak(text, this.voice);
        } else {
          this.opts.onAnnounce(text, false);
          await new Promise((r) => setTimeout(r, SILENT_GAP_MS));
        }
      }
    } finally {
      this.draining = false;
      if (!this.disposed) this.opts.onIdle?.();
    }
  }

  private speak(text: string, voice: SpeechSynthesisVoice): Promise<void> {
    return new Promise((resolve) => {
      const u = new SpeechSynthesisUtterance(text);
      u.lang = 'id-ID';
      try {
        u.voice = voice;
      } catch {
        /* not a native voice object (some engines); lang alone then picks it */
      }
      u.rate = 0.9;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = (): void => {
        clearTimeout(timer);
        u.onend = null;
        u.onerror = null;
        if (this.current === u) this.current = null;
        resolve();
      };
      u.onend = done;
      u.onerror = done;
      timer = setTimeout(done, safetyTimeoutMs(text));
      this.current = u;
      globalThis.speechSynthesis.speak(u);
    });
  }

  private findVoice(): Promise<void> {
    const synth = globalThis.speechSynthesis as SpeechSynthesis | undefined;
    if (!synth || typeof globalThis.SpeechSynthesisUtterance !== 'function') {
      this.setVoice(null);
      return Promise.resolve();
    }
    const pick = (): SpeechSynthesisVoice | null =>
      synth.getVoices().find((v) => v.lang.toLowerCase().replace('_', '-').startsWith('id')) ?? null;
    const now = pick();
    if (now) {
      this.setVoice(now);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      // Voices often load after the page: keep listening, a late Indonesian voice still counts.
      synth.addEventListener('voiceschanged', () => {
        const v = pick();
        if (v && v !== this.voice) this.setVoice(v);
        if (v) resolve();
      });
      setTimeout(() => {
        if (!this.voice) this.setVoice(null);
        resolve();
      }, VOICE_WAIT_MS);
    });
  }

  private setVoice(v: SpeechSynthesisVoice | null): void {
    this.voice = v;
    this.voiceState = v ? 'available' : 'unavailable';
    this.opts.onVoiceState(this.voiceState);
  }
}
