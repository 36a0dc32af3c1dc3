/**
 * The ticket repository: every transition is one Lua script (one round trip, atomic,
 * appending its event). This class only builds keys and arguments and maps results.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { businessDay } from '../domain/clock.js';
import { estimateWaitMinutes } from '../domain/eta.js';
import { rankOf } from '../domain/ranking.js';
import type { Site } from '../domain/site.js';
import { LoketError, notFound } from '../errors.js';
import type { Channel, CounterDto, CounterStatus, Priority, PriorityReason, TicketDto } from '../protocol/index.js';
import { keys } from './keys.js';
import * as scripts from './script-calls.js';
import { storedTicket, toCounterDto, toTicketDto, type StoredTicket } from './ticket-mapper.js';

export interface IssueInput {
  serviceId: string;
  priority?: Priority;
  priorityReason?: PriorityReason;
  channel?: Channel;
  /** Services of a multi-service visit, in order; the first is served first. */
  route?: string[];
}

export interface StoreOptions {
  redis: Redis;
  sites: Map<string, Site>;
  clock?: () => number;
}

export class TicketStore {
  readonly redis: Redis;
  readonly sites: Map<string, Site>;
  readonly clock: () => number;
  private readonly openCountersCache = new Map<string, { at: number; open: Map<string, number> }>();
  private readonly dayCache = new Map<string, { minute: number; day: string }>();

  constructor(o: StoreOptions) {
    this.redis = o.redis;
    this.sites = o.sites;
    this.clock = o.clock ?? Date.now;
  }

  site(siteId: string): Site {
    const s = this.sites.get(siteId);
    if (!s) throw notFound(`Site "${siteId}"`);
    return s;
  }

  /** What every script call gets: site, now, business day and the agencies the caller may act for (`undefined`: any). */
  private base(site: Site, agencies?: readonly string[]): scripts.CallContext {
    const now = this.clock();
    return { site: site.id, now, day: this.day(now, site.def.timezone), agencies };
  }

  /** Business day, computed once a minute per zone (Intl formatting is slow on the hot path). */
  private day(now: number, timeZone: string): string {
    const minute = Math.floor(now / 60_000);
    const hit = this.dayCache.get(timeZone);
    if (hit && hit.minute === minute) return hit.day;
    const day = businessDay(now, timeZone);
    this.dayCache.set(timeZone, { minute, day });
    return day;
  }

  /** Creates the counters of the site file that Redis does not know yet (closed, with their profile). */
  async initCounters(siteId: string): Promise<void> {
    const site = this.site(siteId);
    const pipe = this.redis.pipeline();
    pipe.hset(keys.config(siteId), 'noShowMs', Math.round(site.def.noShowMinutes * 60_000));
    for (const c of site.counters.values()) {
      const k = keys.counter(siteId, c.id);
      pipe.hsetnx(k, 'id', c.id);
      pipe.hsetnx(k, 'status', 'closed');
      pipe.hsetnx(k, 'services', JSON.stringify(c.services));
      pipe.hsetnx(k, 'current', '');
      pipe.hset(k, 'name', c.name, 'agencyId', c.agencyId);
    }
    await pipe.exec();
  }

  async issue(siteId: string, input: IssueInput, idempotencyKey?: string): Promise<{ ticket: TicketDto; replay: boolean }> {
    const site = this.site(siteId);
    const route = input.route && input.route.length > 1 ? input.route : undefined;
    const first = route ? route[0]! : input.serviceId;
    const service = site.services.get(first);
    if (!service) throw notFound(`Service "${first}"`);
    const routeAgencies = route?.map((s) => {
      const def = site.services.get(s);
      if (!def) throw notFound(`Service "${s}"`);
      return def.agencyId;
    });
    const b = this.base(site);
    const priority = input.priority ?? 'regular';
    const id = randomBytes(12).toString('base64url');
    const token = `${siteId}.${randomBytes(16).toString('base64url')}`;
    const bodyHash = idempotencyKey ? createHash('sha256').update(JSON.stringify(canonicalIssue(input))).digest('hex') : '';
    const r = await scripts.issue(this.redis, b, {
      id,
      token,
      service: first,
      agency: service.agencyId,
      letter: service.prefix,
      priority,
      priorityReason: input.priorityReason ?? '',
      channel: input.channel ?? 'kiosk',
      route,
      routeAgencies,
      rank: rankOf(b.now, priority, site.def.priorityBoostMinutes),
      quota: service.quotaPerDay ?? 0,
      idempotencyKey,
      bodyHash,
    });
    return { ticket: await this.withEta(site, r.t, r.pos), replay: r.replay === 1 };
  }

  async callNext(siteId: string, counterId: string): Promise<TicketDto | null> {
    const site = this.site(siteId);
    const r = await scripts.callNext(this.redis, this.base(site), counterId);
    return r ? toTicketDto(r.t, siteId) : null;
  }

  /**
   * Finishes the counter's serving ticket (if it holds one) and calls the next, atomically:
   * the staff's "Selesai & panggil berikutnya".
   */
  async finishAndCallNext(siteId: string, counterId: string, agencies?: readonly string[]): Promise<{ finished: TicketDto | null; ticket: TicketDto | null }> {
    const site = this.site(siteId);
    const r = await scripts.finishAndCallNext(this.redis, this.base(site, agencies), counterId);
    const finished = r.finished?.t;
    return {
      finished: finished ? (finished.state === 'waiting' ? await this.withEta(site, finished) : toTicketDto(finished, siteId)) : null,
      ticket: r.called ? toTicketDto(r.called.t, siteId) : null,
    };
  }

  async callTicket(siteId: string, counterId: string, ticketId: string, agencies?: readonly string[]): Promise<TicketDto> {
    const site = this.site(siteId);
    const r = await scripts.callTicket(this.redis, this.base(site, agencies), counterId, ticketId);
    return toTicketDto(r.t, siteId);
  }

  recall(siteId: string, ticketId: string, agencies?: readonly string[]): Promise<TicketDto> {
    return this.simple(scripts.recall, siteId, ticketId, agencies);
  }
  start(siteId: string, ticketId: string, agencies?: readonly string[]): Promise<TicketDto> {
    return this.simple(scripts.start, siteId, ticketId, agencies);
  }
  finish(siteId: string, ticketId: string, agencies?: readonly string[]): Promise<TicketDto> {
    return this.simple(scripts.finish, siteId, ticketId, agencies);
  }
  cancel(siteId: string, ticketId: string, agencies?: readonly string[]): Promise<TicketDto> {
    return this.simple(scripts.cancel, siteId, ticketId, agencies);
  }
  requeue(siteId: string, ticketId: string, agencies?: readonly string[]): Promise<TicketDto> {
    return this.simple(scripts.requeue, siteId, ticketId, agencies);
  }
  /** `onlyIfDue` (the timers sweep): only when the ticket's no-show deadline has passed. */
  noShow(siteId: string, ticketId: string, agencies?: readonly string[], onlyIfDue = false): Promise<TicketDto> {
    return this.simple((redis, c, id) => scripts.noShow(redis, c, id, onlyIfDue), siteId, ticketId, agencies);
  }

  /** Called tickets whose no-show deadline has passed (at most `limit`). */
  dueNoShows(siteId: string, limit = 200): Promise<string[]> {
    return this.redis.zrangebyscore(keys.noShowDeadlines(siteId), '-inf', this.clock(), 'LIMIT', 0, limit);
  }

  async transfer(siteId: string, ticketId: string, serviceId: string, position: 'keep' | 'front' | 'back' = 'keep', agencies?: readonly string[]): Promise<TicketDto> {
    const site = this.site(siteId);
    const target = site.services.get(serviceId);
    if (!target) throw notFound(`Service "${serviceId}"`);
    const r = await scripts.transfer(this.redis, this.base(site, agencies), ticketId, { serviceId, agencyId: target.agencyId, position });
    return this.withEta(site, r.t);
  }

  async updateCounter(siteId: string, counterId: string, change: { status?: CounterStatus; services?: string[][] }): Promise<CounterDto> {
    const site = this.site(siteId);
    for (const s of change.services?.flat() ?? []) if (!site.services.has(s)) throw notFound(`Service "${s}"`);
    const r = await scripts.counterUpdate(this.redis, this.base(site), counterId, change);
    this.invalidateOpenCounters(siteId);
    return toCounterDto(r.counter, r.current, siteId);
  }

  private async simple(
    run: (redis: Redis, c: scripts.CallContext, ticketId: string) => Promise<scripts.TicketReply>,
    siteId: string,
    ticketId: string,
    agencies: readonly string[] | undefined,
  ): Promise<TicketDto> {
    const site = this.site(siteId);
    const r = await run(this.redis, this.base(site, agencies), ticketId);
    return r.t.state === 'waiting' ? this.withEta(site, r.t) : toTicketDto(r.t, siteId);
  }

  /** Adds position and estimated wait to a waiting ticket. */
  async withEta(site: Site, t: StoredTicket, knownPosition?: number): Promise<TicketDto> {
    if (t.state !== 'waiting') return toTicketDto(t, site.id);
    const position = knownPosition ?? (await this.redis.zrank(keys.queue(site.id, t.serviceId), t.id)) ?? 0;
    const svc = site.services.get(t.serviceId);
    const open = (await this.openCounters(site)).get(t.serviceId) ?? 0;
    return toTicketDto(t, site.id, { position, estimatedWaitMinutes: estimateWaitMinutes(position, svc?.avgServiceMinutes ?? 10, open) });
  }

  /** Forgets the open counters of a site (a counter changed, maybe on another node). */
  invalidateOpenCounters(siteId: string): void {
    this.openCountersCache.delete(siteId);
  }

  /** Open counters per service, for estimates only: cached 10 s, dropped on every counter change. */
  async openCounters(site: Site): Promise<Map<string, number>> {
    const cached = this.openCountersCache.get(site.id);
    const now = Date.now();
    if (cached && now - cached.at < 10_000) return cached.open;
    const pipe = this.redis.pipeline();
    for (const c of site.counters.keys()) pipe.hmget(keys.counter(site.id, c), 'status', 'services');
    const rows = (await pipe.exec()) ?? [];
    const open = new Map<string, number>();
    for (const [, v] of rows) {
      const [status, services] = (v as [string | null, string | null]) ?? [];
      if (status !== 'open' || !services) continue;
      for (const s of new Set((JSON.parse(services) as string[][]).flat())) open.set(s, (open.get(s) ?? 0) + 1);
    }
    this.openCountersCache.set(site.id, { at: now, open });
    return open;
  }

  async getRawTicket(siteId: string, ticketId: string): Promise<StoredTicket> {
    const t = storedTicket(await this.redis.hgetall(keys.ticket(siteId, ticketId)));
    if (!t) throw notFound('Ticket');
    return t;
  }

  /** Finds a ticket by the citizen's status token (`<siteId>.<secret>`). */
  async findByStatusToken(token: string): Promise<{ site: Site; ticket: StoredTicket }> {
    const siteId = token.split('.')[0] ?? '';
    const site = this.sites.get(siteId);
    if (!site) throw notFound('Ticket');
    const id = await this.redis.get(keys.statusToken(siteId, token));
    if (!id) throw notFound('Ticket');
    return { site, ticket: await this.getRawTicket(siteId, id) };
  }

  assertCounter(site: Site, counterId: string): void {
    if (!site.counters.has(counterId)) throw new LoketError('NOT_FOUND', `Counter "${counterId}" not found`);
  }
}

function canonicalIssue(i: IssueInput): unknown {
  return [i.serviceId, i.priority ?? 'regular', i.priorityReason ?? '', i.channel ?? 'kiosk', i.route ?? []];
}
