/**
 * The report records (domain/report-figures.ts): one consumer of the site's event log adds
 * each batch of events once (store/lua/report-apply-1.lua checks the seq it was read after),
 * so a transition script pays nothing for the figures; reads decode the records.
 */
import type { RedisConn } from '../redis-connection.js';
import { decodeRecord, figureOps, type Dimension, type FigureEvent, type FigureSite, type ReportRecord, type Slot } from '../domain/report-figures.js';
import type { Site } from '../domain/site.js';
import { keys } from './keys.js';
import { reportApply, type ReportOp } from './script-calls.js';

/** Events read per batch. */
const BATCH = 1000;

export class ReportStore {
  constructor(private readonly redis: RedisConn) {}

  /** Seq of the last event the records include. */
  async seq(siteId: string): Promise<number> {
    return Number((await this.redis.get(keys.reportSeq(siteId))) ?? 0);
  }

  /**
   * Reads the events after the records' seq and adds them, batch by batch, until the log is
   * read; returns the records' seq. Several nodes may run this at once: each batch counts once.
   */
  async catchUp(site: Site): Promise<number> {
    const fs = figureSite(site);
    let after = await this.seq(site.id);
    for (;;) {
      const entries = (await this.redis.xrange(keys.events(site.id), `${after + 1}-0`, '+', 'COUNT', BATCH)) as [string, string[]][];
      if (!entries.length) return after;
      const events = entries.map(([, fields]) => JSON.parse(fields[fields.indexOf('e') + 1] ?? '{}') as FigureEvent);
      const to = events[events.length - 1]!.seq;
      const ops: ReportOp[] = figureOps(fs, events).map((o) => [`${o.day}:${o.dim}:${o.slot}`, ...o.incr]);
      const now = await reportApply(this.redis, site.id, after, to, ops);
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

export function figureSite(site: Site): FigureSite {
  return { timezone: site.def.timezone, services: site.services };
}
