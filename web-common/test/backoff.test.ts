import { describe, expect, it } from 'vitest';
import { Backoff } from '../src/live/backoff.js';

describe('back-off', () => {
  it('doubles its bound with each attempt up to the maximum, and starts over after reset', () => {
    const top = new Backoff({ baseMs: 100, maxMs: 1000, random: () => 0.999999 });
    expect([1, 2, 3, 4, 5, 6].map(() => top.next())).toEqual([100, 200, 400, 800, 1000, 1000]);
    top.reset();
    expect(top.next()).toBe(100);
  });

  it('waits a random time between half and all of the bound, so clients spread out', () => {
    const low = new Backoff({ baseMs: 100, maxMs: 1000, random: () => 0 });
    expect([1, 2, 3, 4, 5].map(() => low.next())).toEqual([50, 100, 200, 400, 500]);
    const real = new Backoff({ baseMs: 100, maxMs: 1000 });
    const delays = Array.from({ length: 200 }, () => {
      real.reset();
      real.next();
      return real.next();
    });
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...delays)).toBeLessThanOrEqual(200);
    expect(new Set(delays).size).toBeGreaterThan(10);
  });
});
