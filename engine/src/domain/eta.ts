/** Estimated wait of a waiting ticket from the people ahead and the counters serving its service. */
export function estimateWaitMinutes(position: number, avgServiceMinutes: number, openCounters: number): number {
  const servers = Math.max(1, openCounters);
  return Math.round(((position + 1) * avgServiceMinutes) / servers);
}
