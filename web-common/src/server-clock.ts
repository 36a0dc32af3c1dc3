/**
 * The engine's time as seen from this browser. A desk PC's clock is often
 * off by minutes; timers count from the engine's timestamps, so they use
 * `serverNow()`. Each event's `at` gives a sample `serverAt - receivedAt`
 * (the true offset minus the delivery delay); the largest recent sample is
 * the best estimate.
 */
const samples: number[] = [];
const KEEP = 20;
let offsetMs = 0;

export function noteServerTime(iso: string, receivedAt = Date.now()): void {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return;
  samples.push(at - receivedAt);
  if (samples.length > KEEP) samples.shift();
  offsetMs = Math.max(...samples);
}

export function serverNow(): number {
  return Date.now() + offsetMs;
}

/** For tests. */
export function resetServerClock(): void {
  samples.length = 0;
  offsetMs = 0;
}
