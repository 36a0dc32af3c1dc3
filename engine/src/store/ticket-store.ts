/**
 * The ticket repository: every transition is one Lua script (one round trip, atomic,
 * appending its event). This class only builds keys and arguments and decodes replies;
 * the checks and the order of steps are the use cases' (engine/src/app/).
 */
import type { Redis } from 'ioredis';
import type { Site } from '../domain/site.js';
import type { CounterStatus, Priority, PriorityReason, Channel, SimpleTicketAction } from '../protocol/index.js';
import { keys } from './keys.js';
import { runScript } from './script-errors.js';
import type { RawCounter, RawTicket } from './ticket-mapper.js';

/** When and for whom a script runs: the use case decides, the script enforces atomically. */
export interface ScriptContext {
  site: Site;
  now: number;
  /** Business day of `now` in the site's zone. */
  day: string;
  /** Agencies the caller may act for; `undefined` = any. */
  agencies?: readonly string[] | undefined;
}

/** A script's reply for one ticket: the ticket after the change and the seq of its event. */
export interface Written {
  t: RawTicket;
  /** Seq of the event written (0 for an idempotent replay: nothing written). */
  seq: number;
  /** Position in its queue (0 = next), when the script knows it. */
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
  counter: RawCounter;
  current?: RawTicket;
  seq: number;
}

/** Approximate maximum length of each site's event stream. */
const MAX_EVENTS = 200_000;
/** How long tickets and their day's keys live (s). */
const TICKET_TTL_S = 8 * 24 * 3600;
const IDEMPOTENCY_TTL_S = 24 * 3600;

const CMD: Record<SimpleTicketAction, 'loketRecallV1' | 'loketStartV1' | 'loketFinishV1' | 'loketCancelV1' | 'loketRequeueV1' | 'loketNoShowV1'> = {
  recall: 'loketRecallV1',
  start: 'loketStartV1',
  finish: 'loketFinishV1',
  'no-show': 'loketNoShowV1',
  cancel: 'loketCancelV1',
  requeue: 'loketRequeueV1',
};

const parse = (raw: string | null | undefined): Written | null => (raw ? (JSON.parse(raw) as Written) : null);

export class TicketStore {
  constructor(readonly redis: Redis) {}

  /** The shared first arguments of every script: now, prefix, day, max stream length, agencies. */
  private base(c: ScriptContext): [number, string, string, number, string] {
    return [c.now, keys.prefix(c.site.id), c.day, MAX_EVENTS, c.agencies ? c.agencies.join(',') || '-' : ''];
  }

  private streamKeys(siteId: string): [string, string] {
    return [keys.events(siteId), keys.eventSeq(siteId)];
  }

  /** Creates the counters of the site file that Redis does not know yet (closed, with their profile). */
  async initCounters(site: Site): Promise<void> {
    const pipe = this.redis.pipeline();
    pipe.hset(keys.config(site.id), 'noShowMs', Math.round(site.def.noShowMinutes * 60_000));
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

  async issue(c: ScriptContext, p: IssueParams): Promise<Written> {
    const siteId = c.site.id;
    const raw = await runScript(
      this.redis.loketIssueV1(
        keys.ticket(siteId, p.id),
        ...this.streamKeys(siteId),
        p.idempotency ? keys.idempotency(siteId, p.idempotency.key) : keys.noIdempotency(siteId),
        ...this.base(c),
        p.id,
        p.statusToken,
        p.serviceId,
        p.agencyId,
        p.prefix,
        p.priority,
        p.priorityReason ?? '',
        p.channel,
        p.route ? JSON.stringify(p.route.services) : '',
        p.route ? JSON.stringify(p.route.agencies) : '',
        p.rank,
        p.quotaPerDay,
        p.idempotency?.bodyHash ?? '',
        IDEMPOTENCY_TTL_S,
        TICKET_TTL_S,
      ),
    );
    const r = parse(raw)!;
    return { ...r, replay: (r.replay as unknown) === 1 };
  }

  /** Calls the best waiting ticket for the counter; null when nothing waits. */
  async callNext(c: ScriptContext, counterId: string): Promise<Written | null> {
    return parse(await runScript(this.redis.loketCallNextV1(keys.counter(c.site.id, counterId), ...this.streamKeys(c.site.id), ...this.base(c))));
  }

  /** Finishes the counter's serving ticket (if it holds one) and calls the next, atomically. */
  async finishAndCallNext(c: ScriptContext, counterId: string): Promise<{ finished: Written | null; next: Written | null }> {
    const [f, n] = await runScript(this.redis.loketFinishAndCallNextV1(keys.counter(c.site.id, counterId), ...this.streamKeys(c.site.id), ...this.base(c)));
    return { finished: parse(f), next: parse(n) };
  }

  async callTicket(c: ScriptContext, counterId: string, ticketId: string): Promise<Written> {
    const raw = await runScript(
      this.redis.loketCallTicketV1(keys.counter(c.site.id, counterId), ...this.streamKeys(c.site.id), keys.ticket(c.site.id, ticketId), ...this.base(c)),
    );
    return parse(raw)!;
  }

  /** One of the transitions without arguments. `onlyIfDue` (no-show by the timer): only once its deadline passed. */
  async act(c: ScriptContext, action: SimpleTicketAction, ticketId: string, onlyIfDue = false): Promise<Written> {
    const extra = action === 'no-show' && onlyIfDue ? ['1'] : [];
    const raw = await runScript(this.redis[CMD[action]](keys.ticket(c.site.id, ticketId), ...this.streamKeys(c.site.id), ...this.base(c), ...extra));
    return parse(raw)!;
  }

  async transfer(c: ScriptContext, ticketId: string, target: { serviceId: string; agencyId: string }, position: 'keep' | 'front' | 'back'): Promise<Written> {
    const raw = await runScript(
      this.redis.loketTransferV1(keys.ticket(c.site.id, ticketId), ...this.streamKeys(c.site.id), ...this.base(c), target.serviceId, target.agencyId, position),
    );
    return parse(raw)!;
  }

  async updateCounter(c: ScriptContext, counterId: string, change: { status?: CounterStatus | undefined; services?: string[][] | undefined }): Promise<CounterWritten> {
    const raw = await runScript(
      this.redis.loketCounterUpdateV1(
        keys.counter(c.site.id, counterId),
        ...this.streamKeys(c.site.id),
        ...this.base(c),
        change.status ?? '',
        change.services ? JSON.stringify(change.services) : '',
      ),
    );
    const r = JSON.parse(raw!) as { counter: RawCounter; current?: RawTicket | []; seq: number };
    return { counter: r.counter, seq: r.seq, ...(r.current && !Array.isArray(r.current) ? { current: r.current } : {}) };
  }

  /** Called tickets whose no-show deadline has passed (at most `limit`). */
  dueNoShows(site: Site, now: number, limit = 200): Promise<string[]> {
    return this.redis.zrangebyscore(keys.noShowDeadlines(site.id), '-inf', now, 'LIMIT', 0, limit);
  }

  /** Forgets a deadline that no longer applies (the ticket was recalled, started or is gone). */
  async dropNoShowDeadline(site: Site, ticketId: string): Promise<void> {
    await this.redis.zrem(keys.noShowDeadlines(site.id), ticketId);
  }

  /** The ticket hash, or null when unknown. */
  async findTicket(site: Site, ticketId: string): Promise<RawTicket | null> {
    const t = await this.redis.hgetall(keys.ticket(site.id, ticketId));
    return t.id ? t : null;
  }

  /** The id of the ticket a citizen's status token names, or null. */
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
}
