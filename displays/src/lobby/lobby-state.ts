/**
 * What a lobby screen knows: built from the snapshot, advanced by each event.
 * Pure functions; the element renders the result and announces new calls.
 */
import type { CallView, CounterDto, LoketEvent, SiteInfo, Snapshot } from '@loket/engine/protocol';

const MAX_CALLS = 20;

export interface LobbyState {
  site: SiteInfo;
  seq: number;
  /** Newest first, one entry per ticket (a recall moves it to the front). */
  calls: CallView[];
  counters: Record<string, CounterDto>;
  /** Waiting tickets per service id. */
  waiting: Record<string, number>;
}

export interface AgencyWaiting {
  agencyId: string;
  /** The name a chip shows: the short name when the site gives one. */
  name: string;
  /** The agency's full name (in the screen's language). */
  fullName: string;
  waiting: number;
}

export function stateFromSnapshot(s: Snapshot): LobbyState {
  const counters: Record<string, CounterDto> = {};
  for (const c of s.counters) counters[c.id] = c;
  return { site: s.site, seq: s.seq, calls: s.calls.slice(0, MAX_CALLS), counters, waiting: { ...s.waiting } };
}

/** Display name of a counter: the live counter, else the site file, else "Loket <id>". */
export function counterName(state: Pick<LobbyState, 'site' | 'counters'>, counterId: string): string {
  return (
    state.counters[counterId]?.name ?? state.site.counters.find((c) => c.id === counterId)?.name ?? `Loket ${counterId}`
  );
}

/**
 * Applies one event. Returns the new state and, for `ticket.called` and
 * `ticket.recalled`, the call to show and announce.
 */
export function applyEvent(state: LobbyState, e: LoketEvent): { state: LobbyState; call: CallView | null } {
  if (e.type === 'counter.updated') {
    return { state: { ...state, seq: e.seq, counters: { ...state.counters, [e.counter.id]: e.counter } }, call: null };
  }
  if (e.type === 'site.updated') return { state: { ...state, seq: e.seq }, call: null };
  const next: LobbyState = { ...state, seq: e.seq, waiting: { ...state.waiting, ...e.waiting } };
  if (e.type !== 'ticket.called' && e.type !== 'ticket.recalled') {
    // A call stands while its counter holds the ticket: requeued, finished, no-show,
    // cancelled or transferred tickets leave the screen.
    const held = e.ticket.state === 'called' || e.ticket.state === 'serving';
    if (!held) next.calls = state.calls.filter((c) => c.ticketId !== e.ticket.id);
    return { state: next, call: null };
  }
  const counterId = e.counterId ?? e.ticket.counterId;
  if (!counterId) return { state: next, call: null };
  const call: CallView = {
    ticketId: e.ticket.id,
    number: e.ticket.number,
    serviceId: e.ticket.serviceId,
    agencyId: e.ticket.agencyId,
    counterId,
    counterName: counterName(state, counterId),
    at: e.at,
    recallCount: e.ticket.recallCount ?? 0,
    priority: e.ticket.priority,
  };
  next.calls = [call, ...state.calls.filter((c) => c.ticketId !== call.ticketId)].slice(0, MAX_CALLS);
  return { state: next, call };
}

/** The agencies a display shows; null = all. An unknown display id shows all. */
export function displayAgencies(site: SiteInfo, displayId: string): Set<string> | null {
  const d = site.displays.find((x) => x.id === displayId);
  if (!d || d.agencies === 'all') return null;
  return new Set(d.agencies);
}

export function isShown(filter: Set<string> | null, agencyId: string): boolean {
  return filter === null || filter.has(agencyId);
}

/** The latest call of each counter, newest first. */
export function lastCallPerCounter(calls: CallView[], filter: Set<string> | null, limit: number): CallView[] {
  const seen = new Set<string>();
  const out: CallView[] = [];
  for (const c of calls) {
    if (!isShown(filter, c.agencyId) || seen.has(c.counterId)) continue;
    seen.add(c.counterId);
    out.push(c);
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * Waiting tickets per shown agency: the sum over the agency's services. Named by its short
 * name when the site gives one (in English: `shortNameEn`, else the English name, else the
 * Indonesian short name), else by its name.
 */
export function waitingPerAgency(site: SiteInfo, waiting: Record<string, number>, filter: Set<string> | null, english = false): AgencyWaiting[] {
  return site.agencies
    .filter((a) => isShown(filter, a.id))
    .map((a) => ({
      agencyId: a.id,
      name: (english ? a.shortNameEn || a.nameEn : undefined) || a.shortName || a.name,
      fullName: (english && a.nameEn) || a.name,
      waiting: a.services.reduce((sum, s) => sum + (waiting[s.id] ?? 0), 0),
    }));
}
