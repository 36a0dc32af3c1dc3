/** Fires timed work at its (compressed) wall time and waits for all of it. */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Timed {
  atSec: number;
}

/**
 * Calls `fire(item)` at `start + item.atSec / factor` seconds for each item
 * (sorted by atSec), without waiting for one to finish before the next is due.
 */
export async function runSchedule<T extends Timed>(items: T[], factor: number, fire: (item: T) => Promise<void>, start = performance.now()): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  for (const item of items) {
    const due = start + (item.atSec * 1000) / factor;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const p = fire(item).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
}
