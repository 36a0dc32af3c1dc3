/**
 * Jittered exponential back-off: attempt n waits a random time between half and all of
 * `min(maxMs, baseMs * 2^n)`, so many screens that lost the engine together do not come
 * back in one burst, and none waits longer than `maxMs`.
 */
export interface BackoffOptions {
  /** First delay's upper bound. */
  baseMs?: number;
  /** Upper bound of every delay. */
  maxMs?: number;
  /** Source of randomness in [0, 1) (tests pass a fixed one). */
  random?: () => number;
}

export class Backoff {
  /** Delays handed out since the last `reset()`. */
  attempts = 0;
  readonly baseMs: number;
  readonly maxMs: number;
  private readonly random: () => number;

  constructor(opts: BackoffOptions = {}) {
    this.baseMs = opts.baseMs ?? 500;
    this.maxMs = opts.maxMs ?? 10_000;
    this.random = opts.random ?? Math.random;
  }

  /** The delay before the next attempt (grows with each call). */
  next(): number {
    const cap = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.attempts, 30));
    this.attempts++;
    return Math.round(cap / 2 + (this.random() * cap) / 2);
  }

  /** Back to the first delay (after a success). */
  reset(): void {
    this.attempts = 0;
  }
}
