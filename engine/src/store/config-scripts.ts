/** The typed call of store/lua/config-apply-4.lua (see store/script-calls.ts for the others). */
import type { RedisConn } from '../redis-connection.js';
import { Packr } from 'msgpackr';
import { keys, prefixes } from './keys.js';
import { MAX_EVENTS } from './retention.js';
import { runScript } from './script-errors.js';

const packr = new Packr({ useRecords: false });

export interface ConfigApplyArgs {
  now: number;
  /** The new definition as JSON. */
  def: string;
  /** Version the change was made from; undefined = apply over any. */
  base?: number | undefined;
  noShowMs: number;
  removedServices: string[];
  removedCounters: string[];
  counters: { id: string; name: string; agencyId: string; services: string; setServices: boolean }[];
}

/** What would be stranded: waiting tickets of a removed service, or the ticket a removed counter holds. */
export type Stranded = { service: string; waiting: number } | { counter: string; ticket: string };

export type ConfigApplyReply = { version: number } | { stranded: Stranded[] };

export async function configApply(redis: RedisConn, site: string, a: ConfigApplyArgs): Promise<ConfigApplyReply> {
  const raw = await runScript(
    redis.loketConfigApplyV2(
      keys.siteDef(site),
      keys.config(site),
      keys.events(site),
      keys.eventSeq(site),
      packr.pack({
        now: a.now,
        maxlen: MAX_EVENTS,
        def: a.def,
        base: a.base === undefined ? '' : String(a.base),
        noShowMs: a.noShowMs,
        qPrefix: prefixes.queue(site),
        cPrefix: prefixes.counter(site),
        tPrefix: prefixes.ticket(site),
        removedServices: a.removedServices,
        removedCounters: a.removedCounters,
        counters: a.counters,
      }),
    ),
  );
  if (!raw) throw new Error('config-apply replied nothing');
  const r = JSON.parse(raw) as { seq?: number; stranded?: Stranded[] };
  if (r.stranded) return { stranded: r.stranded };
  return { version: Number(r.seq) };
}
