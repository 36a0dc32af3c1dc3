/** A two-tone "ding-dong" played with WebAudio (no audio files). Resolves when it has sounded. */

export const CHIME_MS = 1200;

let ctx: AudioContext | null = null;

/**
 * Creates the AudioContext ahead of the first call: its creation can block the
 * main thread for hundreds of milliseconds, which must not delay showing a call.
 */
export function warmUpAudio(): void {
  try {
    ctx ??= new AudioContext();
  } catch {
    /* no WebAudio here */
  }
}

export async function playChime(): Promise<void> {
  try {
    ctx ??= new AudioContext();
    // Autoplay rules may keep the context suspended until a user gesture: the visible call still shows.
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    const start = ctx.currentTime + 0.05;
    tone(ctx, 659.25, start, 0.55);
    tone(ctx, 523.25, start + 0.5, 0.65);
  } catch {
    /* no WebAudio: silent chime, the timing stays the same */
  }
  await new Promise((resolve) => setTimeout(resolve, CHIME_MS));
}

function tone(audio: AudioContext, freq: number, at: number, seconds: number): void {
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  osc.type = 'sine';
  osc.frequency.value = freq;
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.4, at + 0.03);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + seconds);
  osc.connect(gain).connect(audio.destination);
  osc.start(at);
  osc.stop(at + seconds + 0.05);
}
