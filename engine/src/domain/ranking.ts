/**
 * Ranking of waiting tickets: `rank = arrival - boost(class)`; lower is called first.
 * The choice of the next ticket itself runs in store/lua/includes/call-best.lua (used by call-next-4.lua) (the one place of
 * that rule); `pickNext` mirrors it only for property tests against the script.
 */
import type { Priority } from '../protocol/index.js';

export interface BoostMinutes {
  priority: number;
  appointment: number;
}

export function boostMs(priority: Priority, boost: BoostMinutes): number {
  if (priority === 'priority') return boost.priority * 60_000;
  if (priority === 'appointment') return boost.appointment * 60_000;
  return 0;
}

export function rankOf(arrivalMs: number, priority: Priority, boost: BoostMinutes): number {
  return arrivalMs - boostMs(priority, boost);
}

export interface Waiting {
  id: string;
  serviceId: string;
  rank: number;
}

/** Test oracle: the ticket a counter with these tiers calls next (ties: queue order, then tier order). */
export function pickNext(tiers: string[][], queues: Map<string, Waiting[]>): Waiting | null {
  for (const tier of tiers) {
    let best: Waiting | null = null;
    for (const s of tier) {
      const head = [...(queues.get(s) ?? [])].sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : 1))[0];
      if (head && (!best || head.rank < best.rank)) best = head;
    }
    if (best) return best;
  }
  return null;
}
