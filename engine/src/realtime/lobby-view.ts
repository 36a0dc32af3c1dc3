/**
 * What a lobby may show. `/display` and `/public` sockets are screens in a public hall and
 * citizens' phones: they get numbers, services and counters, never why a ticket has
 * priority (pregnancy, disability: personal data under UU PDP). Staff namespaces get all.
 */
import type { CounterDto, LoketEvent, Snapshot, TicketChange } from '../protocol/index.js';

export const LOBBY_NAMESPACES: readonly string[] = ['/display', '/public'];

function ticket<T extends TicketChange>(t: T): T {
  if (t.priorityReason === undefined) return t;
  const { priorityReason: _drop, ...rest } = t;
  return rest as T;
}

function counter(c: CounterDto): CounterDto {
  return c.currentTicket ? { ...c, currentTicket: ticket(c.currentTicket) } : c;
}

export function lobbyEvent(e: LoketEvent): LoketEvent {
  if (e.type === 'counter.updated') return { ...e, counter: counter(e.counter) };
  if (e.type === 'site.updated') return e;
  return { ...e, ticket: ticket(e.ticket) };
}

export function lobbySnapshot(s: Snapshot): Snapshot {
  return { ...s, counters: s.counters.map(counter) };
}
