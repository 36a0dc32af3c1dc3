/**
 * The ticket repository: every transition is one Lua script (one round trip, atomic,
 * appending its event), called through store/script-calls.ts. This class only adds the
 * site's reads the use cases need; the checks and the order of steps are the use cases'
 * (engine/src/app/).
 */
import type { RedisConn } from '../redis-connection.js';
import type { Site } from '../domain/site.js';
import type { Channel, CounterStatus, Priority, PriorityReason, SimpleTicketAction, TransferPosition } from '../protocol/index.js';
import { keys } from './keys.js';
import * as scripts from './script-calls.js';
import { storedTicket, type StoredCounter, type StoredTicket, type TicketFields } from './ticket-mapper.js';

/** When and for whom a script runs: the use case decides, the script enforces atomically. */
export interface ScriptContext {
  site: Site;
  now: number;
  /** Business day of `now` in the site's zone. */
  day: string;
  /** Agencies the caller may act for; `undefined` = any. */
  agencies?: readonly string[] | undefined;
  /** Username of the caller (kept on called tickets for the staff figures). */
  by?: string | undefined;
  /** The audit entry the script appends with its change (transfer, cancel, requeue, counter tiers), if any. */
  audit?: scripts.AuditArg | undefined;
}

/** A script's reply for one ticket: the ticket after the change and the seq of its event. */
export interface Written {
  t: TicketFields;
  /** Seq of the event written (0 for an idempotent replay: nothing written). */
  seq: number;
  /** Position in its queue (0 = next; -1 when no longer waiting), when the script knows it. */
  pos?: number;
  replay?: boolean;
}

export interface IssueParams {
  id: string;
  statusToken: string;
  serviceId: string;
  agencyId: string;
  prefix: string;
  priority: Priority;
  priorityReason?: PriorityReason | undefined;
  channel: Channel;
  /** Services of a multi-service visit and their agencies, in order. */
  route?: { services: string[]; agencies: string[] } | undefined;
  rank: number;
  quotaPerDay: number;
  /** Idempotency-Key and the hash of the request it answered. */
  idempotency?: { key: string; bodyHash: string } | undefined;
}

export interface CounterWritten {
  counter: StoredCounter;
  current: StoredTicket | null;
  seq: number;
}

const call = (c: ScriptContext): scripts.CallContext => ({
  site: c.site.id,
  now: c.now,
  day: c.day,
  agencies: c.agencies,
  by: c.by,
  audit: c.audit,
  noShowMs: noShowMsOf(c.site),
});
const noShowMsOf = (site: Site): number => Math.round(site.def.noShowMinutes * 60_000);
const written = (r: scripts.TicketReply): Written => ({ t: r.t, seq: r.seq, ...(r.pos !== undefined ? { pos: r.pos } : {}), replay: r.replay === 1 });

export class TicketStore {
  constructor(readonly redis: RedisConn) {}

  /** Creates the counters of the site file that Redis does not know yet (closed, with their profile). */
  async initCounters(site: Site): Promise<void> {
    const pipe = this.redis.pipeline();
    pipe.hset(keys.config(site.id), 'noShowMs', noShowMsOf(site));
    for (const c of site.counters.values()) {
      const k = keys.counter(site.id, c.id);
      pipe.hsetnx(k, 'id', c.id);
      pipe.hsetnx(k, 'status', 'closed');
      pipe.hsetnx(k, 'services', JSON.stringify(c.services));
      pipe.hsetnx(k, 'current', '');
      pipe.hset(k, 'name', c.name, 'agencyId', c.agencyId);
    }
    await pipe.exec();
  }

  /** Whether the store holds the site's settings (written by `initCounters`; gone when Redis lost its data). */
  async isSeeded(site: Site): Promise<boolean> {
    return (await this.redis.exists(keys.config(site.id))) === 1;
  }

  async issue(c: ScriptContext, p: IssueParams): Promise<Written> {
    const r = await scripts.issue(this.redis, call(c), {
      id: p.id,
      token: p.statusToken,
      service: p.serviceId,
      agency: p.agencyId,
      letter: p.prefix,
      priority: p.priority,
      priorityReason: p.priorityReason ?? '',
      channel: p.channel,
      route: p.route?.services,
      routeAgencies: p.route?.agencies,
      rank: p.rank,
      quota: p.quotaPerDay,
      idempotencyKey: p.idempotency?.key,
      bodyHash: p.idempotency?.bodyHash ?? '',
    });
    return written(r);
  }

  /** Calls the best waiting ticket for the counter; null when nothing waits. */
  async callNext(c: ScriptContext, counterId: string): Promise<Written | null> {
    const r = await scripts.callNext(this.redis, call(c), counterId);
    return r && written(r);
  }

  /** Finishes the counter's serving ticket (if it holds one) and calls the next, atomically. */
  async finishAndCallNext(c: ScriptContext, counterId: string): Promise<{ finished: Written | null; next: Written | null }> {
    const r = await scripts.finishAndCallNext(this.redis, call(c), counterId);
    return { finished: r.finished && written(r.finished), next: r.called && written(r.called) };
  }

  async callTicket(c: ScriptContext, counterId: string, ticketId: string): Promise<Written> {
    return written(await scripts.callTicket(this.redis, call(c), counterId, ticketId));
  }

  /** One of the transitions without arguments. `onlyIfDue` (no-show by the timer): only once its deadline passed. */
  async act(c: ScriptContext, action: SimpleTicketAction, ticketId: string, onlyIfDue = false): Promise<Written> {
    const cc = call(c);
    switch (action) {
      case 'recall':
        return written(await scripts.recall(this.redis, cc, ticketId));
      case 'start':
        return written(await scripts.start(this.redis, cc, ticketId));
      case 'finish':
        return written(await scripts.finish(this.redis, cc, ticketId));
      case 'no-show':
        return written(await scripts.noShow(this.redis, cc, ticketId, onlyIfDue));
      case 'cancel':
        return written(await scripts.cancel(this.redis, cc, ticketId));
      case 'requeue':
        return written(await scripts.requeue(this.redis, cc, ticketId));
    }
  }

  async transfer(c: ScriptContext, ticketId: string, target: { serviceId: string; agencyId: string }, position: TransferPosition): Promise<Written> {
    return written(await scripts.transfer(this.redis, call(c), ticketId, { ...target, position }));
  }

  async updateCounter(c: ScriptContext, counterId: string, change: { status?: CounterStatus | undefined; services?: string[][] | undefined }): Promise<CounterWritten> {
    return scripts.counterUpdate(this.redis, call(c), counterId, change);
  }

  /** The live service tiers of a counter (null when unknown). */
  async counterServices(site: Site, counterId: string): Promise<string[][] | null> {
    const raw = await this.redis.hget(keys.counter(site.id, counterId), 'services');
    return raw ? (JSON.parse(raw) as string[][]) : null;
  }

  /** Called tickets whose no-show deadline has passed (at most `limit`). */
  dueNoShows(site: Site, now: number, limit = 200): Promise<string[]> {
    return this.redis.zrangebyscore(keys.noShowDeadlines(site.id), '-inf', now, 'LIMIT', 0, limit);
  }

  /** Forgets a deadline that no longer applies (the ticket was recalled, started or is gone). */
  async dropNoShowDeadline(site: Site, ticketId: string): Promise<void> {
    await this.redis.zrem(keys.noShowDeadlines(site.id), ticketId);
  }

  /** The ticket, or null when unknown. */
  async findTicket(site: Site, ticketId: string): Promise<StoredTicket | null> {
    return storedTicket(await this.redis.hgetall(keys.ticket(site.id, ticketId)));
  }

  /** The id of the ticket a status token of an older engine names (its own key), or null. */
  ticketIdOfStatusToken(site: Site, token: string): Promise<string | null> {
    return this.redis.get(keys.statusToken(site.id, token));
  }

  /** People ahead of a waiting ticket in its queue (null when it does not wait there). */
  queuePosition(site: Site, serviceId: string, ticketId: string): Promise<number | null> {
    return this.redis.zrank(keys.queue(site.id, serviceId), ticketId);
  }

  /** Waiting ticket ids of a service, best rank first. */
  waitingIds(site: Site, serviceId: string): Promise<string[]> {
    return this.redis.zrange(keys.queue(site.id, serviceId), 0, -1);
  }

  /** The business day a ticket was issued on. */
  ticketDay(site: Site, ticketId: string): Promise<string | null> {
    return this.redis.hget(keys.ticket(site.id, ticketId), 'day');
  }

  /** Open counters per service (a counter counts once per service in any tier). */
  async openCountersByService(site: Site): Promise<Map<string, number>> {
    const pipe = this.redis.pipeline();
    for (const c of site.counters.keys()) pipe.hmget(keys.counter(site.id, c), 'status', 'services');
    const rows = (await pipe.exec()) ?? [];
    const open = new Map<string, number>();
    for (const [, v] of rows) {
      const [status, services] = (v as [string | null, string | null]) ?? [];
      if (status !== 'open' || !services) continue;
      for (const s of new Set((JSON.parse(services) as string[][]).flat())) open.set(s, (open.get(s) ?? 0) + 1);
    }
    return open;
  }

  /** The service tiers of every open counter. */
  async openCounterTiers(site: Site): Promise<string[][][]> {
    const pipe = this.redis.pipeline();
    for (const c of site.counters.keys()) pipe.hmget(keys.counter(site.id, c), 'status', 'services');
    const out: string[][][] = [];
    for (const [, v] of (await pipe.exec()) ?? []) {
      const [status, services] = (v as [string | null, string | null]) ?? [];
      if (status === 'open' && services) out.push(JSON.parse(services) as string[][]);
    }
    return out;
  }
}
