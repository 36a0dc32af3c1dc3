/** Applies live events to a list of counters (who holds which ticket, status, services). */
import type { CounterDto, LoketEvent, TicketView } from '@loket/engine/protocol';

export function isHeld(t: TicketView): boolean {
  return t.state === 'called' || t.state === 'serving';
}

export function applyToCounters(counters: readonly CounterDto[], e: LoketEvent): CounterDto[] {
  if (e.type === 'counter.updated') {
    const found = counters.some((c) => c.id === e.counter.id);
    return found ? counters.map((c) => (c.id === e.counter.id ? e.counter : c)) : [...counters, e.counter];
  }
  const t = e.ticket;
  const holder = isHeld(t) ? (t.counterId ?? e.counterId) : undefined;
  return counters.map((c) => {
    if (holder !== undefined && c.id === holder) return { ...c, currentTicket: t };
    if (c.currentTicket?.id === t.id) return { ...c, currentTicket: null };
    return c;
  });
}

/** Replaces one counter by id (after a PATCH or an action's response). */
export function withCounter(counters: readonly CounterDto[], next: CounterDto): CounterDto[] {
  return counters.map((c) => (c.id === next.id ? next : c));
}
