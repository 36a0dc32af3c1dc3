/** Reads: ticket lists, counters, waiting counts, snapshots and the event log. */
import type { RedisConn } from '../redis-connection.js';
import type { Site } from '../domain/site.js';
import type { CallView, CounterDto, TicketState } from '../protocol/index.js';
import { keys } from './keys.js';
import { storedCounter, storedTicket, toCounterDto, type StoredCounter, type StoredTicket } from './ticket-mapper.js';
import { decodeEntry, type StoredEvent } from './event-codec.js';

export interface SiteState {
  seq: number;
  counters: CounterDto[];
  waiting: Record<string, number>;
  calls: CallView[];
}

export class QueryStore {
  constructor(private readonly redis: RedisConn) {}

  /**
   * Tickets of the business day `day` matching the filter; waiting ones (state `waiting`)
   * read from the queues, best rank first.
   */
  async listTickets(site: Site, day: string, filter: { state?: TicketState | undefined; serviceId?: string | undefined; agencyIds?: readonly string[] | undefined }): Promise<StoredTicket[]> {
    let ids: string[];
    const waitingOnly = filter.state === 'waiting';
    if (waitingOnly) {
      const services = filter.serviceId ? [filter.serviceId] : [...site.services.keys()];
      const pipe = this.redis.pipeline();
      for (const s of services) pipe.zrange(keys.queue(site.id, s), 0, -1);
      ids = ((await pipe.exec()) ?? []).flatMap(([, v]) => v as string[]);
    } else {
      ids = await this.redis.zrange(keys.day(site.id, day), 0, -1);
    }
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.hgetall(keys.ticket(site.id, id));
    const raws = ((await pipe.exec()) ?? []).map(([, v]) => storedTicket(v as Record<string, string>)).filter((t) => t !== null);
    const picked = raws.filter(
      (t) =>
        (!filter.state || t.state === filter.state) &&
        (!filter.serviceId || t.serviceId === filter.serviceId) &&
        (!filter.agencyIds || filter.agencyIds.includes(t.agencyId)),
    );
    if (waitingOnly) picked.sort((a, b) => Number(a.rank) - Number(b.rank) || (a.id < b.id ? -1 : 1));
    return picked;
  }

  /**
   * One page of the day's tickets (or of the queues, for `state: waiting`, best first):
   * ids are read whole (cheap), ticket hashes only from `offset` until `limit` match.
   * `positions` holds each waiting ticket's place in its queue; `next` the offset of the
   * next page, null at the end.
   */
  async listTicketPage(
    site: Site,
    day: string,
    filter: { state?: TicketState | undefined; serviceId?: string | undefined; agencyIds?: readonly string[] | undefined },
    offset: number,
    limit: number,
  ): Promise<{ tickets: StoredTicket[]; positions: Map<string, number>; next: number | null }> {
    const positions = new Map<string, number>();
    let ids: string[];
    if (filter.state === 'waiting') {
      const services = (filter.serviceId ? [filter.serviceId] : [...site.services.keys()]).filter(
        (s) => !filter.agencyIds || filter.agencyIds.includes(site.services.get(s)?.agencyId ?? ''),
      );
      const pipe = this.redis.pipeline();
      for (const s of services) pipe.zrange(keys.queue(site.id, s), 0, -1, 'WITHSCORES');
      const entries: { id: string; rank: number }[] = [];
      ((await pipe.exec()) ?? []).forEach(([, v]) => {
        const flat = v as string[];
        for (let i = 0; i < flat.length; i += 2) {
          positions.set(flat[i]!, i / 2);
          entries.push({ id: flat[i]!, rank: Number(flat[i + 1]) });
        }
      });
      entries.sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : 1));
      ids = entries.map((e) => e.id);
    } else {
      ids = await this.redis.zrange(keys.day(site.id, day), 0, -1);
    }
    const tickets: StoredTicket[] = [];
    let i = offset;
    while (tickets.length < limit && i < ids.length) {
      const chunk = ids.slice(i, i + Math.max(limit - tickets.length, 50));
      const pipe = this.redis.pipeline();
      for (const id of chunk) pipe.hgetall(keys.ticket(site.id, id));
      const raws = ((await pipe.exec()) ?? []).map(([, v]) => storedTicket(v as Record<string, string>));
      for (const t of raws) {
        i++;
        if (
          t &&
          (!filter.state || t.state === filter.state) &&
          (!filter.serviceId || t.serviceId === filter.serviceId) &&
          (!filter.agencyIds || filter.agencyIds.includes(t.agencyId))
        ) {
          tickets.push(t);
          if (tickets.length === limit) break;
        }
      }
    }
    return { tickets, positions, next: i < ids.length ? i : null };
  }

  /** Counters, waiting counts, latest calls and the seq they are consistent with (one MULTI). */
  async siteState(site: Site): Promise<SiteState> {
    const counterIds = [...site.counters.keys()];
    const serviceIds = [...site.services.keys()];
    const multi = this.redis.multi();
    multi.get(keys.eventSeq(site.id));
    for (const c of counterIds) multi.hgetall(keys.counter(site.id, c));
    for (const s of serviceIds) multi.zcard(keys.queue(site.id, s));
    multi.xrevrange(keys.events(site.id), '+', '-', 'COUNT', 200);
    const res = (await multi.exec()) ?? [];
    const values = res.map(([err, v]) => {
      if (err) throw err;
      return v;
    });
    const seq = Number(values[0] ?? 0);
    const rawCounters = (values.slice(1, 1 + counterIds.length) as Record<string, string>[]).map(storedCounter).filter((c) => c !== null);
    const waitingCounts = values.slice(1 + counterIds.length, 1 + counterIds.length + serviceIds.length) as number[];
    const recent = values[values.length - 1] as [string, string[]][];
    const currentIds = rawCounters.map((c) => c.current).filter((x): x is string => !!x);
    const pipe = this.redis.pipeline();
    for (const id of currentIds) pipe.hgetall(keys.ticket(site.id, id));
    const currents = new Map<string, StoredTicket>();
    for (const [, v] of (await pipe.exec()) ?? []) {
      const t = storedTicket(v as Record<string, string>);
      if (t) currents.set(t.id, t);
    }
    const waiting: Record<string, number> = {};
    serviceIds.forEach((s, i) => (waiting[s] = waitingCounts[i] ?? 0));
    return {
      seq,
      counters: rawCounters.map((c) => toCounterDto(c, c.current ? currents.get(c.current) : null, site.id)),
      waiting,
      calls: standingCalls(site, rawCounters, currents, recent.map(([, f]) => decodeEntry(f))),
    };
  }

  async counters(site: Site): Promise<CounterDto[]> {
    return (await this.siteState(site)).counters;
  }

  /** Events with seq > sinceSeq, in order; null when the log no longer holds them all. */
  async eventsSince(siteId: string, sinceSeq: number, limit = 5000): Promise<StoredEvent[] | null> {
    // One MULTI: the log and the seq are read at the same instant, so an event appended
    // meanwhile cannot make a complete answer look incomplete.
    const res = await this.redis
      .multi()
      .xrange(keys.events(siteId), `${sinceSeq + 1}-0`, '+', 'COUNT', limit)
      .get(keys.eventSeq(siteId))
      .exec();
    const [[e1, entries], [e2, seqRaw]] = (res ?? []) as [[Error | null, [string, string[]][]], [Error | null, string | null]];
    if (e1 || e2) throw e1 ?? e2;
    const events = entries.map(([, f]) => decodeEntry(f));
    const current = Number(seqRaw ?? 0);
    if (sinceSeq > current) return null; // the client is ahead of the log: the store was reset
    if (events.length === limit) return null;
    if (events.length !== Math.max(0, current - sinceSeq)) return null;
    if (events[0] && events[0].seq !== sinceSeq + 1) return null;
    return events;
  }
}

/**
 * The calls that still stand, newest first: a call is shown while its counter still holds the
 * ticket (called or serving). A requeued, finished, no-show, cancelled or transferred ticket
 * leaves the lobby screens, also after a reload. The time is the latest (re)call in the log;
 * a held ticket called before the log's window falls back to its own `lastCalledAt`.
 */
function standingCalls(site: Site, counters: StoredCounter[], currents: Map<string, StoredTicket>, events: StoredEvent[]): CallView[] {
  const holder = new Map<string, string>();
  for (const c of counters) if (c.current && currents.has(c.current)) holder.set(c.current, c.id);
  const calls: CallView[] = [];
  const seen = new Set<string>();
  const view = (ticketId: string, counterId: string, at: number): CallView | null => {
    const t = currents.get(ticketId);
    if (!t || (t.state !== 'called' && t.state !== 'serving')) return null;
    return {
      ticketId,
      number: t.number,
      serviceId: t.serviceId,
      agencyId: t.agencyId,
      counterId,
      counterName: site.counters.get(counterId)?.name ?? counterId,
      at: new Date(at).toISOString(),
      recallCount: Number(t.recallCount ?? 0),
      ...(t.priority ? { priority: t.priority as CallView['priority'] } : {}),
    };
  };
  for (const e of events) {
    if (e.type !== 'ticket.called' && e.type !== 'ticket.recalled') continue;
    const id = e.t?.id;
    const counterId = id ? holder.get(id) : undefined;
    if (!id || !counterId || seen.has(id)) continue;
    seen.add(id);
    const call = view(id, counterId, e.at);
    if (call) calls.push(call);
  }
  for (const [id, counterId] of holder) {
    if (seen.has(id)) continue;
    const t = currents.get(id);
    const call = view(id, counterId, Number(t?.lastCalledAt ?? t?.calledAt ?? 0));
    if (call) calls.push(call);
  }
  calls.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return calls.slice(0, 20);
}
