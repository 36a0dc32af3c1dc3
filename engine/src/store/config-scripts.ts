/** The typed call of store/lua/config-apply-5.lua (see store/script-calls.ts for the others). */
import type { RedisConn } from '../redis-connection.js';
import { Packr } from 'msgpackr';
import { keys, prefixes } from './keys.js';
import { MAX_AUDIT } from './audit-store.js';
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
  /** Services still defined that no counter would serve any more. */
  unservedServices: string[];
  removedCounters: string[];
  counters: { id: string; name: string; agencyId: string; services: string; setServices: boolean }[];
  /** Where stranded waiting tickets go (of `moveFrom` services only); undefined: refuse instead. */
  move?: { to: string; agencyId: string; from: string[] } | undefined;
  /** The change's audit entries, appended in the same step. */
  audit: { actor: string; role: string; entries: object[] };
}

/**
 * What would be stranded: waiting tickets of a service removed or left without a counter
 * (`reason`), or the ticket a removed counter holds.
 */
export type Stranded = { service: string; waiting: number; reason: 'removed' | 'unserved' } | { counter: string; ticket: string };

export type ConfigApplyReply = { version: number; moved: number } | { stranded: Stranded[] };

export async function configApply(redis: RedisConn, site: string, a: ConfigApplyArgs): Promise<ConfigApplyReply> {
  const raw = await runScript(
    redis.loketConfigApplyV2(
      keys.siteDef(site),
      keys.config(site),
      keys.events(site),
      keys.eventSeq(site),
      keys.audit(site),
      packr.pack({
        now: a.now,
        def: a.def,
        base: a.base === undefined ? '' : String(a.base),
        noShowMs: a.noShowMs,
        qPrefix: prefixes.queue(site),
        cPrefix: prefixes.counter(site),
        tPrefix: prefixes.ticket(site),
        removedServices: a.removedServices,
        unservedServices: a.unservedServices,
        removedCounters: a.removedCounters,
        counters: a.counters,
        moveTo: a.move?.to ?? '',
        moveAgency: a.move?.agencyId ?? '',
        moveFrom: a.move?.from ?? [],
        entries: a.audit.entries.map((e) => JSON.stringify(e)),
        audit: { actor: a.audit.actor, role: a.audit.role, action: 'ticket.move-stranded', targetPrefix: 'ticket:', max: MAX_AUDIT },
      }),
    ),
  );
  if (!raw) throw new Error('config-apply replied nothing');
  const r = JSON.parse(raw) as { seq?: number; moved?: number; stranded?: Stranded[] };
  if (r.stranded) return { stranded: r.stranded };
  return { version: Number(r.seq), moved: Number(r.moved ?? 0) };
}
