/**
 * Replaces the browser's speechSynthesis inside a page (a browser API, not
 * our stack): records every utterance handed to speak() with its start and
 * end time, and fires `end` after `speakMs`, like a real voice finishing.
 */
import type { Page } from 'playwright-core';

export interface SpokenRecord {
  text: string;
  lang: string;
  start: number;
  end: number | null;
}

export interface StubOptions {
  voices: { lang: string; name: string }[];
  speakMs: number;
}

export async function installSpeechStub(page: Page, opts: StubOptions): Promise<void> {
  await page.addInitScript((o: StubOptions) => {
    const w = window as unknown as Record<string, unknown>;
    const log: SpokenRecord[] = [];
    const announced: unknown[] = [];
    const vibrations: unknown[] = [];
    w.__speech = log;
    w.__announce = announced;
    w.__vibrate = vibrations;
    w.__speechCancels = 0;
    document.addEventListener('loket-announce', (e) => announced.push((e as CustomEvent).detail));
    Object.defineProperty(navigator, 'vibrate', {
      configurable: true,
      value: (p: unknown) => {
        vibrations.push(p);
        return true;
      },
    });
    const stub = {
      speaking: false,
      pending: false,
      paused: false,
      onvoiceschanged: null,
      getVoices: () => o.voices.map((v) => ({ ...v, default: false, localService: true, voiceURI: v.name })),
      speak(u: SpeechSynthesisUtterance) {
        const rec: SpokenRecord = { text: u.text, lang: u.lang, start: performance.now(), end: null };
        log.push(rec);
        stub.speaking = true;
        setTimeout(() => {
          rec.end = performance.now();
          stub.speaking = false;
          u.dispatchEvent(new Event('end'));
        }, o.speakMs);
      },
      cancel() {
        w.__speechCancels = (w.__speechCancels as number) + 1;
      },
      pause() {},
      resume() {},
      addEventListener() {},
      removeEventListener() {},
      dispatchEvent: () => true,
    };
    Object.defineProperty(window, 'speechSynthesis', { configurable: true, get: () => stub });
  }, opts);
}

export async function spoken(page: Page): Promise<SpokenRecord[]> {
  return page.evaluate(() => (window as unknown as { __speech: SpokenRecord[] }).__speech);
}
