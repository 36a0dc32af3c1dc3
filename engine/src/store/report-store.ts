/**
 * The report records (domain/report-figures.ts): one consumer of the site's event log adds
 * each batch of events once (store/lua/report-apply-1.lua checks the seq it was read after),
 * so a transition script pays nothing for the figures; reads decode the records.
 *
 * The node's event tail reads and decodes every event anyway: it hands them to `feed`, which
 * merges their increments as they come, so a catch-up applies those without reading the log
 * again (issue 14). Whatever the fed increments do not cover exactly (the tail behind, another
 * node ahead, a restart) is read from the log with XRANGE, as before.
 */
import type { RedisConn } from '../redis-connection.js';
import { decodeRecord, FigureAcc, figureOps, type Dimension, type FigureEvent, type FigureSite, type RecordOps, type ReportRecord, type Slot } from '../domain/report-figures.js';
import type { Site } from '../domain/site.js';
import { keys } from './keys.js';
import { reportApply, type ReportOp } from './script-calls.js';

/** Events read per batch. */
const BATCH = 1000;

/** Increments of the events fed since seq `from` (exclusive) up to `to`. */
interface Fed {
  from: number;
  to: number;
  acc: FigureAcc;
}

export class ReportStore {
  /** Per site: what the tail fed and no catch-up applied yet. */
  private readonly fed = new Map<string, Fed>();
  /** Per site: the records' seq as this node last saw it (fed events up to it are counted already). */
  private readonly floor = new Map<string, number>();

  constructor(private readonly redis: RedisConn) {}

  /**
   * Events of a site as the tail read them (in seq order, gap-free): their increments wait for
   * the next catch-up. A batch that does not follow the last one starts the increments over.
   */
  feed(site: Site, events: readonly FigureEvent[]): void {
    const floor = this.floor.get(site.id) ?? 0;
    let i = 0;
    while (i < events.length && events[i]!.seq <= floor) i++;
    if (i === events.length) return;
    const first = events[i]!.seq;
    let f = this.fed.get(site.id);
    if (!f || f.to !== first - 1) this.fed.set(site.id, (f = { from: first - 1, to: first - 1, acc: new FigureAcc() }));
    const batch = i ? events.slice(i) : events;
    for (const e of batch) {
      if (e.seq !== f.to + 1) {
        // Not gap-free (cannot happen with one log): count nothing fed; the log is read instead.
        this.fed.delete(site.id);
        return;
      }
      f.to = e.seq;
    }
    f.acc.add(figureSite(site), batch);
  }

  /** The site's log started over: forget what was fed. */
  forget(siteId: string): void {
    this.fed.delete(siteId);
    this.floor.delete(siteId);
  }

  /** Seq of the last event the records include. */
  async seq(siteId: string): Promise<number> {
    return Number((await this.redis.get(keys.reportSeq(siteId))) ?? 0);
  }

  /**
   * Adds the events after the records' seq, until the log is read (`exact`) or, without
   * `exact`, as far as the fed events go when they follow the records exactly; returns the
   * records' seq. Several nodes may run this at once: each batch counts once.
   */
  async catchUp(site: Site, exact = true): Promise<number> {
    let after = await this.seq(site.id);
    const f = this.fed.get(site.id);
    if (f) {
      this.fed.delete(site.id);
      if (f.from === after) {
        after = await reportApply(this.redis, site.id, after, f.to, reportOps(f.acc.ops()));
        this.floor.set(site.id, after);
        if (!exact && after === f.to) return after;
      }
    }
    after = await this.readLog(site, after);
    this.seen(site.id, after);
    return after;
  }

  /** The records stand at `seq`: fed events up to it are counted; increments fed from below it cannot be used. */
  private seen(siteId: string, seq: number): void {
    this.floor.set(siteId, seq);
    const f = this.fed.get(siteId);
    if (f && f.from < seq) this.fed.delete(siteId);
  }

  /** Reads the log after `after` and adds it, batch by batch, to its end; returns the records' seq. */
  private async readLog(site: Site, after: number): Promise<number> {
    const fs = figureSite(site);
    for (;;) {
      const entries = (await this.redis.xrange(keys.events(site.id), `${after + 1}-0`, '+', 'COUNT', BATCH)) as [string, string[]][];
      if (!entries.length) return after;
      const events = entries.map(([, fields]) => JSON.parse(fields[fields.indexOf('e') + 1] ?? '{}') as FigureEvent);
      const to = events[events.length - 1]!.seq;
      const now = await reportApply(this.redis, site.id, after, to, reportOps(figureOps(fs, events)));
      after = now;
      if (entries.length < BATCH && now === to) return after;
    }
  }

  /** The records of one day for the dimensions and slots asked (missing ones are zeros). */
  async records(siteId: string, day: string, wanted: { dim: Dimension; slot: Slot }[]): Promise<ReportRecord[]> {
    if (!wanted.length) return [];
    const pipe = this.redis.pipeline();
    for (const w of wanted) pipe.getBuffer(keys.reportRecord(siteId, day, w.dim, w.slot));
    const res = (await pipe.exec()) ?? [];
    return res.map(([, v]) => decodeRecord(v as Buffer | null));
  }

  /** Bytes Redis uses for the records of one day (MEMORY USAGE of each key). */
  async memoryOfDay(siteId: string, day: string): Promise<{ keys: number; bytes: number }> {
    let cursor = '0';
    let n = 0;
    let bytes = 0;
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', `${keys.reportRecord(siteId, day, '*', '*').replace(/\*:\*$/, '*')}`, 'COUNT', 500);
      cursor = next;
      for (const k of found) {
        n++;
        bytes += Number((await this.redis.call('MEMORY', 'USAGE', k, 'SAMPLES', '0')) ?? 0);
      }
    } while (cursor !== '0');
    return { keys: n, bytes };
  }

  /** Tickets issued per service (the first of a route) in [from, to) of a business day. */
  async issuedBetween(site: Site, day: string, from: number, to: number): Promise<Map<string, number>> {
    const ids = await this.redis.zrangebyscore(keys.day(site.id, day), from, `(${to}`);
    const out = new Map<string, number>();
    if (!ids.length) return out;
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.hmget(keys.ticket(site.id, id), 'serviceId', 'route');
    for (const [, v] of (await pipe.exec()) ?? []) {
      const [svc, route] = (v as [string | null, string | null]) ?? [];
      const first = route ? ((JSON.parse(route) as string[])[0] ?? svc) : svc;
      if (first) out.set(first, (out.get(first) ?? 0) + 1);
    }
    return out;
  }

  /** Waiting tickets per service. */
  async queueLengths(site: Site): Promise<Map<string, number>> {
    const ids = [...site.services.keys()];
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.zcard(keys.queue(site.id, id));
    const res = (await pipe.exec()) ?? [];
    return new Map(ids.map((id, i) => [id, Number(res[i]?.[1] ?? 0)]));
  }

  /** Status and service tiers of every counter. */
  async counterStates(site: Site): Promise<{ id: string; agencyId: string; status: 'open' | 'paused' | 'closed'; services: string[][] }[]> {
    const defs = [...site.counters.values()];
    const pipe = this.redis.pipeline();
    for (const c of defs) pipe.hmget(keys.counter(site.id, c.id), 'status', 'services');
    const res = (await pipe.exec()) ?? [];
    return defs.map((c, i) => {
      const [status, services] = (res[i]?.[1] as [string | null, string | null]) ?? [];
      return { id: c.id, agencyId: c.agencyId, status: (status ?? 'closed') as 'open' | 'paused' | 'closed', services: services ? (JSON.parse(services) as string[][]) : c.services };
    });
  }

}

/** The increments as the apply script takes them (the record's key suffix, then its triples). */
const reportOps = (ops: RecordOps[]): ReportOp[] => ops.map((o) => [`${o.day}:${o.dim}:${o.slot}`, ...o.incr]);

export function figureSite(site: Site): FigureSite {
  return { timezone: site.def.timezone, services: site.services };
}
