/**
 * Erlang C (M/M/c): c counters, offered load A = arrival rate x mean service time (Erlangs).
 * For c > A, P(wait) = C(c, A) and P(wait <= t) = 1 - C(c, A) x exp(-(c - A) t / s); at
 * c <= A the queue grows without bound: P(wait) = 1 and no share is met. Pure.
 */

/**
 * Probability that an arrival waits, C(c, A). Computed through Erlang B's recursion
 * B(0) = 1, B(k) = A B(k-1) / (k + A B(k-1)), then C = c B / (c - A (1 - B)): stable for
 * hundreds of counters (no factorials).
 */
export function erlangC(c: number, a: number): number {
  if (a <= 0) return 0;
  if (c <= a) return 1;
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return (c * b) / (c - a * (1 - b));
}

/** Share of arrivals called within `t` minutes, with mean service time `s` minutes. */
export function shareWithin(c: number, a: number, t: number, s: number): number {
  if (a <= 0) return 1;
  if (c <= a) return 0;
  return 1 - erlangC(c, a) * Math.exp((-(c - a) * t) / s);
}

export interface ServiceLoad {
  /** Arrivals per hour. */
  arrivalsPerHour: number;
  /** Mean service time, minutes. */
  serviceMinutes: number;
  /** SLA: `share` of tickets called within `minutes`. */
  sla: { minutes: number; share: number };
}

export const offeredLoad = (l: ServiceLoad): number => (l.arrivalsPerHour * l.serviceMinutes) / 60;

/** The smallest number of counters meeting the SLA (0 without arrivals); at most `max`. */
export function countersNeeded(l: ServiceLoad, max = 500): number {
  const a = offeredLoad(l);
  if (a <= 0) return 0;
  for (let c = Math.max(1, Math.floor(a) + 1); c <= max; c++) {
    if (shareWithin(c, a, l.sla.minutes, l.serviceMinutes) >= l.sla.share) return c;
  }
  return max;
}

/** The SLA share Erlang C gives with `c` counters (1 without arrivals). */
export function slaForecast(l: ServiceLoad, c: number): number {
  return shareWithin(c, offeredLoad(l), l.sla.minutes, l.serviceMinutes);
}
