/** Applies live events to a list of counters (who holds which ticket, status, services). */
import { mergeTicket, type CounterDto, type LoketEvent, type SessionUser, type TicketChange, type TicketView } from '@loket/engine/protocol';

export function isHeld(t: TicketChange): boolean {
  return t.state === 'called' || t.state === 'serving';
}

export function applyToCounters(counters: readonly CounterDto[], e: LoketEvent): CounterDto[] {
  if (e.type === 'site.updated') return [...counters];
  if (e.type === 'counter.updated') {
    const found = counters.some((c) => c.id === e.counter.id);
    return found ? counters.map((c) => (c.id === e.counter.id ? e.counter : c)) : [...counters, e.counter];
  }
  // An event carries what changed (protocol `TicketChange`): merged into the ticket the counter
  // held; a ticket new to this counter takes the event's fields (a call carries all it shows).
  const t = e.ticket;
  const holder = isHeld(t) ? (t.counterId ?? e.counterId) : undefined;
  return counters.map((c) => {
    if (holder !== undefined && c.id === holder) return { ...c, currentTicket: heldTicket(c.currentTicket, t, holder) };
    if (c.currentTicket?.id === t.id) return { ...c, currentTicket: null };
    return c;
  });
}

/** The ticket a counter holds after an event: a call carries the whole view; later events merge into it. */
function heldTicket(prev: TicketView | null, change: TicketChange, counterId: string): TicketView {
  if (prev && prev.id === change.id) return mergeTicket(prev, { ...change, counterId });
  return { ...change, counterId } as TicketView;
}

/** Replaces one counter by id (after a PATCH or an action's response). */
export function withCounter(counters: readonly CounterDto[], next: CounterDto): CounterDto[] {
  return counters.map((c) => (c.id === next.id ? next : c));
}

/** Counters a user may pick at a desk: staff their own, supervisors all; plus one named in the URL (the engine decides). */
export function deskChoices(counters: readonly CounterDto[], user: SessionUser | null, fromUrl: string | null): CounterDto[] {
  const own = user?.role === 'staff' ? new Set(user.counterIds) : null;
  return counters.filter((c) => !own || own.has(c.id) || c.id === fromUrl);
}
