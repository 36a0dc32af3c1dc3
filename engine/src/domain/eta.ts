/** Estimated wait of a waiting ticket: people ahead, the counters serving its service and recent service times. */

/** Old form (configured minutes, counters counted whole, at least one): kept for callers outside the engine. */
export function estimateWaitMinutes(position: number, avgServiceMinutes: number, openCounters: number): number {
  const servers = Math.max(1, openCounters);
  return Math.round(((position + 1) * avgServiceMinutes) / servers);
}

/**
 * Counter time a service gets from the open counters' tiers: a counter with the service in
 * its first tier gives 1 / (services in that tier), in a lower tier half that (it serves the
 * service only when its first tier is empty). 0 when no open counter serves it.
 */
export function servingWeight(openTiers: readonly (readonly (readonly string[])[])[], serviceId: string): number {
  let w = 0;
  for (const tiers of openTiers) {
    const i = tiers.findIndex((t) => t.includes(serviceId));
    if (i < 0) continue;
    w += (i === 0 ? 1 : 0.5) / tiers[i]!.length;
  }
  return w;
}

/**
 * Minutes until a ticket with `position` people ahead is called: they and the ticket itself
 * leave at the rate of `counters` counters of `serviceMinutes` each, the first counter freeing
 * on average half a service from now. null: no counter serves the service (no honest number).
 */
export function estimateWait(position: number, serviceMinutes: number, counters: number): number | null {
  if (!(counters > 0)) return null;
  return Math.max(0, Math.round(((position + 0.5) * serviceMinutes) / counters));
}
