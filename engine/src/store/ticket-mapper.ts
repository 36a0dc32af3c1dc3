/** Types the hashes of tickets and counters as the Lua scripts write them, and maps them to the protocol DTOs. */
import type { Channel, CounterDto, CounterStatus, Priority, PriorityReason, TicketChange, TicketDto, TicketState, TicketView } from '../protocol/index.js';

/**
 * A ticket as store/lua/includes/new-ticket.lua writes its hash and the transitions update it.
 * Values are Redis strings; '' means "none" for `priorityReason`, `route`, `routeAgencies` and
 * `counterId`. The hash leaves out a field at its default (`TICKET_DEFAULTS`) and keeps the
 * four of `TICKET_FACTS` in one field; `storedTicket` fills the defaults in and makes the four
 * fields; a hash that has an `id` has every other field.
 */
export interface StoredTicket {
  id: string;
  /** Prefix + 3 digits, e.g. `A-012`. */
  number: string;
  serviceId: string;
  agencyId: string;
  state: TicketState;
  priority: Priority;
  priorityReason: PriorityReason | '';
  channel: Channel;
  /** Times in ms since the epoch. */
  createdAt: string;
  /** Rank in its queue (lower is called first), ms. */
  rank: string;
  queuedAt: string;
  recallCount: string;
  statusToken: string;
  /** Business day of issue, `YYYY-MM-DD`. */
  day: string;
  /** JSON list of services, '' for a single service. */
  route: string;
  /** JSON list of the route's agencies, ''. */
  routeAgencies: string;
  routeIndex: string;
  counterId: string;
  /** '1' once its wait was counted in the day's statistics. */
  waitRecorded: string;
  calledAt?: string;
  lastCalledAt?: string;
  startedAt?: string;
  finishedAt?: string;
}

/** What a ticket's DTO and view are made of (`toTicketView`, `toTicketDto`): what the hot scripts answer. */
export type TicketFields = Pick<
  StoredTicket,
  'id' | 'number' | 'serviceId' | 'agencyId' | 'state' | 'priority' | 'priorityReason' | 'channel' | 'createdAt' | 'recallCount' | 'statusToken' | 'route' | 'routeIndex' | 'counterId' | 'calledAt' | 'startedAt' | 'finishedAt'
>;

/** A counter hash as store/ticket-store.ts `initCounters` and counter-update-3.lua write it. */
export interface StoredCounter {
  id: string;
  name: string;
  agencyId: string;
  status: CounterStatus;
  /** JSON tiers of service ids. */
  services: string;
  /** Id of the ticket it holds, '' none. */
  current: string;
}


/**
 * Types a hash read from Redis (HGETALL gives `{}` for a missing key) or decoded from a script
 * reply: a ticket, or null when there is none.
 */
export function storedTicket(hash: Record<string, string> | null | undefined): StoredTicket | null {
  if (!hash || !hash.id) return null;
  const h = hash;
  // The facts of a ticket an older engine wrote are fields of their own.
  const f = h.facts === undefined ? [h.priority, h.priorityReason, h.channel, h.createdAt] : h.facts.split('\0');
  // One object literal of one shape (no spread, no delete: the engine reads it on every request).
  const t: Record<keyof StoredTicket, string | undefined> = {
    id: h.id,
    number: h.number,
    serviceId: h.serviceId,
    agencyId: h.agencyId,
    state: h.state,
    priority: f[0],
    priorityReason: f[1] || TICKET_DEFAULTS.priorityReason,
    channel: f[2],
    createdAt: f[3],
    rank: h.rank,
    queuedAt: h.queuedAt,
    recallCount: h.recallCount || TICKET_DEFAULTS.recallCount,
    statusToken: h.statusToken,
    day: h.day,
    route: h.route || TICKET_DEFAULTS.route,
    routeAgencies: h.routeAgencies || TICKET_DEFAULTS.routeAgencies,
    routeIndex: h.routeIndex || TICKET_DEFAULTS.routeIndex,
    counterId: h.counterId || TICKET_DEFAULTS.counterId,
    waitRecorded: h.waitRecorded || TICKET_DEFAULTS.waitRecorded,
    calledAt: h.calledAt,
    lastCalledAt: h.lastCalledAt,
    startedAt: h.startedAt,
    finishedAt: h.finishedAt,
  };
  return t as StoredTicket;
}

/**
 * What a ticket keeps unchanged from issue to end, stored as one hash field `facts`, these
 * values joined by NUL in this order (store/lua/includes/new-ticket.lua): one field for Redis
 * to set and find instead of four. (The status token, longer, is a field of its own: a value
 * over 64 bytes turns a hash from a listpack into a hash table.) A ticket written before that
 * field has them separately.
 */
export const TICKET_FACTS = ['priority', 'priorityReason', 'channel', 'createdAt'] as const;

/** The fields a ticket hash leaves out while they hold these values (a scan of the hash fewer for Redis each time a field is set or read). */
export const TICKET_DEFAULTS = { counterId: '', priorityReason: '', route: '', routeAgencies: '', routeIndex: '0', recallCount: '0', waitRecorded: '0' } as const;

export function storedCounter(hash: Record<string, string> | null | undefined): StoredCounter | null {
  return hash && hash.id ? (hash as unknown as StoredCounter) : null;
}

const iso = (ms: string): string => new Date(Number(ms)).toISOString();

type VisitFields = Pick<TicketView, 'calledAt' | 'startedAt' | 'finishedAt' | 'counterId' | 'route' | 'routeIndex'>;

/** The times, counter and route of a visit, as far as its state has them (a view or an event's change). */
function withVisitFields<V extends VisitFields>(view: V, t: Partial<TicketFields> & Pick<TicketFields, 'state'>): V {
  if (t.calledAt && t.state !== 'waiting') view.calledAt = iso(t.calledAt);
  if (t.startedAt && (t.state === 'serving' || t.state === 'done')) view.startedAt = iso(t.startedAt);
  if (t.finishedAt && t.state !== 'waiting') view.finishedAt = iso(t.finishedAt);
  if (t.counterId) view.counterId = t.counterId;
  if (t.route) {
    view.route = JSON.parse(t.route) as string[];
    view.routeIndex = Number(t.routeIndex ?? 0);
  }
  return view;
}

export function toTicketView(t: TicketFields, siteId: string): TicketView {
  const view: TicketView = {
    id: t.id,
    number: t.number,
    siteId,
    serviceId: t.serviceId,
    agencyId: t.agencyId,
    state: t.state,
    priority: t.priority,
    channel: t.channel,
    createdAt: iso(t.createdAt),
    recallCount: Number(t.recallCount ?? 0),
  };
  if (t.priorityReason) view.priorityReason = t.priorityReason;
  return withVisitFields(view, t);
}

/**
 * A ticket as an event stores it (store/lua/includes/emit.lua): the fields the transition
 * wrote, with id, number, service, agency and state; `ticket.issued` (and the older scripts'
 * events) the whole hash.
 */
export type StoredTicketChange = Pick<StoredTicket, 'id' | 'number' | 'serviceId' | 'agencyId' | 'state'> & Partial<StoredTicket>;

/** An event's ticket as clients get it: the fields it carries, mapped as `toTicketView` maps them. */
export function toTicketChange(t: StoredTicketChange, siteId: string): TicketChange {
  const view: TicketChange = { id: t.id, number: t.number, siteId, serviceId: t.serviceId, agencyId: t.agencyId, state: t.state };
  if (t.priority) view.priority = t.priority;
  if (t.priorityReason) view.priorityReason = t.priorityReason;
  if (t.channel) view.channel = t.channel;
  if (t.createdAt) view.createdAt = iso(t.createdAt);
  if (t.recallCount !== undefined) view.recallCount = Number(t.recallCount);
  return withVisitFields(view, t);
}

export function toTicketDto(t: TicketFields, siteId: string, extra: { position?: number; estimatedWaitMinutes?: number; noCounterServing?: boolean } = {}): TicketDto {
  return { ...toTicketView(t, siteId), ...extra, statusToken: t.statusToken };
}

export function toCounterDto(c: StoredCounter, current: StoredTicket | null | undefined, siteId: string): CounterDto {
  return {
    id: c.id,
    name: c.name,
    agencyId: c.agencyId,
    status: c.status,
    services: JSON.parse(c.services ?? '[]') as string[][],
    currentTicket: current && current.id ? toTicketView(current, siteId) : null,
  };
}

/** Lua's cjson encodes an empty table as `{}`; fields that are maps come back as objects. */
export function asRecord(x: unknown): Record<string, number> {
  return x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, number>) : {};
}
