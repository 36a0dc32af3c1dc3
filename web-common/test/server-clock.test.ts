import { afterEach, describe, expect, it } from 'vitest';
import { noteServerTime, resetServerClock, serverNow } from '../src/server-clock.js';

describe('server clock', () => {
  afterEach(() => resetServerClock());

  it('follows the engine when the browser clock is off, taking the least-delayed sample', () => {
    const local = Date.now();
    noteServerTime(new Date(local + 120_000 - 300).toISOString(), local); // delivered 300 ms late
    noteServerTime(new Date(local + 120_000 - 20).toISOString(), local); // 20 ms late
    noteServerTime('not a date', local);
    const off = serverNow() - Date.now();
    expect(off).toBeGreaterThan(119_900);
    expect(off).toBeLessThanOrEqual(120_000);
  });

  it('is the local clock before any event', () => {
    expect(Math.abs(serverNow() - Date.now())).toBeLessThan(5);
  });
});
